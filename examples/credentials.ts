// credentials.py: Basic authentication to the secure page of the tutorial's nginx.
import req from 'fetch-requests';

const user = 'user7';
const passwd = '7user';

const resp = await req.get('http://localhost/secure/', { auth: [user, passwd] });
console.log(resp.text);
