// post_value.py: posts a form value to httpbin.
import req from 'fetch-requests';

const data = { name: 'Peter' };

const resp = await req.post('https://httpbin.org/post', { data });
console.log(resp.text);
