// send_json.py: sends JSON data to a PHP script, which answers with the parsed values.
import req from 'fetch-requests';

const data = { name: 'Jane', age: 17 };

const resp = await req.post('http://localhost/parse_json.php', { json: data });
console.log(resp.text);
