// head_request.py: prints the server, last modification time and content type of a page.
import req from 'fetch-requests';

const resp = await req.head('http://www.webcode.me');

console.log(`Server: ${resp.headers.get('server')}`);
console.log(`Last modified: ${resp.headers.get('last-modified')}`);
console.log(`Content type: ${resp.headers.get('content-type')}`);
