// mget2.py: query parameters given with params.
import req from 'fetch-requests';

const payload = { name: 'Peter', age: 23 };
const resp = await req.get('https://httpbin.org/get', { params: payload });

console.log(resp.url);
console.log(resp.text);
