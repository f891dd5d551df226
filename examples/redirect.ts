// redirect.py: follows a redirect; the redirect responses are in history.
import req from 'fetch-requests';

const resp = await req.get('https://httpbin.org/redirect-to?url=/');

console.log(resp.statusCode);
console.log(resp.history);
console.log(resp.url);
