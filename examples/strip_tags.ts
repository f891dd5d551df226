// strip_tags.py: gets a small web page and strips its HTML tags.
import req from 'fetch-requests';

const resp = await req.get('http://www.webcode.me');

const content = resp.text;

const stripped = content.replace(/<[^<]+?>/g, '');
console.log(stripped);
