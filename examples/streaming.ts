// streaming.py: streams a PDF file to disk in 1 KB chunks, never holding it whole in memory.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import req from 'fetch-requests';

const url = 'https://docs.oracle.com/javase/specs/jls/se8/jls8.pdf';

const localFilename = url.split('/').at(-1)!;

const r = await req.get(url, { stream: true });

const f = createWriteStream(localFilename);
for await (const chunk of r.iterContent(1024)) {
  if (!f.write(chunk)) await once(f, 'drain');
}
f.end();
await once(f, 'finish');
