// read_webpage.py: grabs the content of a small web page.
import req from 'fetch-requests';

const resp = await req.get('http://www.webcode.me');

console.log(resp.text);
