// streaming.py: streams a PDF file and writes it on the disk, 1 KB at a time, never holding it whole.
import { open } from 'node:fs/promises';
import req from 'fetch-requests';

const url = 'https://docs.oracle.com/javase/specs/jls/se8/jls8.pdf';

const localFilename = url.split('/').at(-1)!;

const r = await req.get(url, { stream: true });

{
  // Python's `with open(local_filename, 'wb') as f:` — the file is closed when the block ends.
  await using f = await open(localFilename, 'w');

  for await (const chunk of r.iterContent(1024)) {
    await f.write(chunk);
  }
}
