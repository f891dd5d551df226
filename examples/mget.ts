// mget.py: sends a variable in the URL to httpbin.
import req from 'fetch-requests';

const resp = await req.get('https://httpbin.org/get?name=Peter');
console.log(resp.text);
