// redirect2.py: does not follow the redirect.
import req from 'fetch-requests';

const resp = await req.get('https://httpbin.org/redirect-to?url=/', { allowRedirects: false });

console.log(resp.statusCode);
console.log(resp.url);
