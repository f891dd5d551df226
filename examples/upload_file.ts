// upload_file.py: uploads an image to the tutorial's Flask application.
import { openAsBlob } from 'node:fs';
import req from 'fetch-requests';

const url = 'http://localhost:5000/upload';

// `open('sid.jpg', 'rb')` gives Requests a file that knows its name; a File read lazily from disk does the same.
const f = new File([await openAsBlob(new URL('sid.jpg', import.meta.url))], 'sid.jpg');

const files = { image: f };

const r = await req.post(url, { files });
console.log(r.text);
