// read_json.py: reads JSON data sent by a PHP script.
import req from 'fetch-requests';

const resp = await req.get('http://localhost/send_json.php');
console.log(resp.json());
