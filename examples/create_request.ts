// create_request.py: creates a GET request with the generic request method.
import req from 'fetch-requests';

const resp = await req.request('GET', 'http://www.webcode.me');
console.log(resp.text);
