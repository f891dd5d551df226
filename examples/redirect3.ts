// redirect3.py: nginx redirects oldpage.html to the new page; Requests follows it.
import req from 'fetch-requests';

const resp = await req.get('http://localhost/oldpage.html');

console.log(resp.statusCode);
console.log(resp.history);
console.log(resp.url);

console.log(resp.text);
