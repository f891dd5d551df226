// get_status.py: two GET requests and their status codes (200, then 404).
import req from 'fetch-requests';

let resp = await req.get('http://www.webcode.me');
console.log(resp.statusCode);

resp = await req.get('http://www.webcode.me/news');
console.log(resp.statusCode);
