// Bodies streamed as Requests streams them (issues 19 and 23): `data` as a generator (chunked), as a file on disk
// (`fs.ReadStream`, `FileHandle`: Content-Length from its stats, as Requests' super_len takes it from fstat), and
// `files` given a ReadStream or FileHandle (streamed, named by its path's basename) — and the bytes a real server
// on loopback received.
import { once } from 'node:events';
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { RequestException, Session, UnrewindableBodyError } from '../../../src/index';
import { startServerForFile } from '../../helpers/server';

const srv = await startServerForFile((req, res) => {
  if (req.url === '/307') {
    res.writeHead(307, { location: '/echo' });
    res.end();
    return;
  }
  res.setHeader('Content-Type', 'application/json');
  res.end(JSON.stringify({ length: req.body.length }));
});

const dir = mkdtempSync(join(tmpdir(), 'fetch-requests-uploads-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A file of `size` bytes that are not all alike, and its contents. */
function fileOf(name: string, size: number): { path: string; bytes: Buffer } {
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 31 + 7) & 0xff;
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return { path, bytes };
}

const received = () => srv.requests.at(-1)!;

/** The Content-Length the runtime wrote, when it wrote one: then it is the body's size. */
function framedAs(size: number): void {
  const { headers, body } = received();
  expect(body.length).toBe(size);
  if (headers['content-length'] !== undefined) expect(Number(headers['content-length'])).toBe(size);
  else expect(headers['transfer-encoding']).toBe('chunked');
}

/** The one file part of a multipart body: its headers and content. */
function filePart(body: Buffer, boundary: string): { head: string; content: Buffer } {
  const text = body.toString('latin1');
  const start = text.indexOf('\r\n\r\n') + 4;
  const end = text.lastIndexOf(`\r\n--${boundary}--\r\n`);
  expect(text.endsWith(`\r\n--${boundary}--\r\n`)).toBe(true);
  return { head: text.slice(0, start), content: body.subarray(start, end) };
}

const boundaryOf = (contentType: string | null | undefined): string => /boundary=(\S+)$/.exec(contentType ?? '')![1]!;

describe('data: an async iterable is streamed, chunked', () => {
  it('a generator of bytes and strings: Transfer-Encoding on PreparedRequest.headers, every byte received', async () => {
    async function* chunks(): AsyncGenerator<Uint8Array | string> {
      yield new Uint8Array([104, 105]);
      yield ' there, ';
      yield 'é';
    }
    const s = new Session();
    const prep = await s.prepareRequest('POST', `${srv.origin}/echo`, { data: chunks() });
    expect(prep.headers.get('Transfer-Encoding')).toBe('chunked');
    expect(prep.headers.has('Content-Length')).toBe(false);
    expect(prep.body).toBeInstanceOf(ReadableStream);
    const r = await s.send(prep);
    expect(r.json()).toEqual({ length: 12 });
    expect(received().body.toString('utf8')).toBe('hi there, é');
    expect(received().headers['transfer-encoding']).toBe('chunked');
  });

  it('a Node Readable that is not a file: chunked, as its size is unknown', async () => {
    const prep = await new Session().prepareRequest('POST', `${srv.origin}/echo`, {
      data: Readable.from([Buffer.from('abc'), Buffer.from('def')]),
    });
    expect(prep.headers.get('Transfer-Encoding')).toBe('chunked');
    expect(prep.headers.has('Content-Length')).toBe(false);
    await new Session().send(prep);
    expect(received().body.toString()).toBe('abcdef');
  });

  it('a chunk that is neither bytes nor a string fails the request as a RequestException', async () => {
    async function* chunks(): AsyncGenerator<unknown> {
      yield 'a';
      yield 42;
    }
    const error = await new Session()
      .post(`${srv.origin}/echo`, { data: chunks() as AsyncIterable<string> })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestException);
  });
});

describe('data: a file on disk is streamed from it, with its Content-Length', () => {
  it('an fs.ReadStream: Content-Length from the file, no Transfer-Encoding, every byte received', async () => {
    const { path, bytes } = fileOf('body.bin', 300_000);
    const prep = await new Session().prepareRequest('POST', `${srv.origin}/echo`, { data: createReadStream(path) });
    expect(prep.headers.get('Content-Length')).toBe('300000');
    expect(prep.headers.has('Transfer-Encoding')).toBe(false);
    expect(prep.body).toBeInstanceOf(ReadableStream);
    const r = await new Session().send(prep);
    expect(r.json()).toEqual({ length: 300_000 });
    expect(received().body.equals(bytes)).toBe(true);
    // On the wire too, as Requests sends a file (presigned PUTs refuse chunked bodies); undici checks the bytes.
    expect(received().headers['content-length']).toBe('300000');
    expect(received().headers['transfer-encoding']).toBeUndefined();
  });

  it('onUploadProgress knows the file’s size from the start, and ends at 100 %', async () => {
    const { path } = fileOf('progress.bin', 200_000);
    const events: Array<{ transferred: number; total: number }> = [];
    await new Session().post(`${srv.origin}/echo`, {
      data: createReadStream(path),
      onUploadProgress: ({ transferred, total }) => events.push({ transferred, total }),
    });
    expect(events.every((e) => e.total === 200_000)).toBe(true);
    expect(events.at(-1)).toEqual({ transferred: 200_000, total: 200_000 });
  });

  it('an fs.ReadStream of a range (start, end): the length of the range', async () => {
    const { path, bytes } = fileOf('range.bin', 1000);
    const prep = await new Session().prepareRequest('POST', `${srv.origin}/echo`, {
      data: createReadStream(path, { start: 100, end: 199 }),
    });
    expect(prep.headers.get('Content-Length')).toBe('100');
    await new Session().send(prep);
    expect(received().body.equals(bytes.subarray(100, 200))).toBe(true);
  });

  it('an empty file: chunked (Requests: a length of 0 is no length)', async () => {
    const { path } = fileOf('empty.bin', 0);
    const prep = await new Session().prepareRequest('POST', `${srv.origin}/echo`, { data: createReadStream(path) });
    expect(prep.headers.get('Transfer-Encoding')).toBe('chunked');
    expect(prep.headers.has('Content-Length')).toBe(false);
    await new Session().send(prep);
    expect(received().body.length).toBe(0);
  });

  it('a FileHandle: Content-Length from fstat, read from its start, left open for its owner', async () => {
    const { path, bytes } = fileOf('handle.bin', 200_000);
    const handle = await open(path);
    try {
      const prep = await new Session().prepareRequest('PUT', `${srv.origin}/echo`, { data: handle });
      expect(prep.headers.get('Content-Length')).toBe('200000');
      await new Session().send(prep);
      expect(received().body.equals(bytes)).toBe(true);
      framedAs(200_000);
      expect((await handle.stat()).size).toBe(200_000); // still open
    } finally {
      await handle.close();
    }
  });

  it('a file that does not exist fails the request as a RequestException, and nothing crashes', async () => {
    const data = createReadStream(join(dir, 'missing.bin')); // its open fails after the call has taken it
    const error = await new Session().post(`${srv.origin}/echo`, { data }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestException);
  });

  it('is sent once: a 307 that would send it again is UnrewindableBodyError', async () => {
    const { path } = fileOf('once.bin', 10);
    const error = await new Session()
      .post(`${srv.origin}/307`, { data: createReadStream(path) })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnrewindableBodyError);
  });
});

describe('files: a ReadStream or a FileHandle is streamed, named by its path', () => {
  it('an fs.ReadStream: its basename as the filename, its bytes in the part, the multipart length known', async () => {
    const { path, bytes } = fileOf('report.csv', 150_000);
    const s = new Session();
    const prep = await s.prepareRequest('POST', `${srv.origin}/echo`, {
      data: { field: 'value' },
      files: { f: createReadStream(path) },
    });
    expect(prep.body).toBeInstanceOf(ReadableStream);
    const length = Number(prep.headers.get('Content-Length'));
    expect(prep.headers.has('Transfer-Encoding')).toBe(false);
    await s.send(prep);
    const { body } = received();
    expect(body.length).toBe(length);
    framedAs(length);
    const boundary = boundaryOf(prep.headers.get('Content-Type'));
    const text = body.toString('latin1');
    expect(text.startsWith(`--${boundary}\r\nContent-Disposition: form-data; name="field"\r\n\r\nvalue\r\n`)).toBe(
      true,
    );
    const fileAt = text.indexOf(`--${boundary}\r\nContent-Disposition: form-data; name="f"; filename="report.csv"`);
    expect(fileAt).toBeGreaterThan(0);
    const { head, content } = filePart(body.subarray(fileAt), boundary);
    expect(head).toBe(`--${boundary}\r\nContent-Disposition: form-data; name="f"; filename="report.csv"\r\n\r\n`);
    expect(content.equals(bytes)).toBe(true);
  });

  it('a FileHandle: its path’s basename as the filename (where the system tells it), its bytes', async () => {
    const { path, bytes } = fileOf('photo.jpg', 70_000);
    const handle = await open(path);
    try {
      const s = new Session();
      const prep = await s.prepareRequest('POST', `${srv.origin}/echo`, { files: { image: handle } });
      const length = Number(prep.headers.get('Content-Length'));
      await s.send(prep);
      framedAs(length);
      const { head, content } = filePart(received().body, boundaryOf(prep.headers.get('Content-Type')));
      const filename = process.platform === 'linux' ? 'photo.jpg' : 'image';
      expect(head).toContain(`Content-Disposition: form-data; name="image"; filename="${filename}"\r\n\r\n`);
      expect(content.equals(bytes)).toBe(true);
    } finally {
      await handle.close();
    }
  });

  it('in a tuple: the filename and content type given, the content streamed', async () => {
    const { path, bytes } = fileOf('raw.bin', 5000);
    const prep = await new Session().prepareRequest('POST', `${srv.origin}/echo`, {
      files: [['doc', ['renamed.txt', createReadStream(path), 'text/plain']]],
    });
    await new Session().send(prep);
    const { head, content } = filePart(received().body, boundaryOf(prep.headers.get('Content-Type')));
    expect(head).toContain('name="doc"; filename="renamed.txt"\r\nContent-Type: text/plain\r\n\r\n');
    expect(content.equals(bytes)).toBe(true);
  });

  it('a stream that is not a file (a Node Readable, a generator) is a TypeError, and nothing is sent', async () => {
    async function* generator(): AsyncGenerator<Uint8Array> {
      yield new Uint8Array([1]);
    }
    const s = new Session();
    for (const file of [Readable.from(['x']), generator(), new ReadableStream()]) {
      await expect(s.post(`${srv.origin}/echo`, { files: { f: file as never } })).rejects.toBeInstanceOf(TypeError);
    }
    expect(srv.requests).toEqual([]);
  });

  it('a ReadStream already partly read: the rest cannot be sized without reading, so the body goes chunked', async () => {
    const { path, bytes } = fileOf('partly-read.bin', 1000);
    const source = createReadStream(path);
    await once(source, 'readable');
    const first = source.read(10) as Buffer;
    const prep = await new Session().prepareRequest('POST', `${srv.origin}/echo`, { files: { f: source } });
    expect(prep.headers.get('Transfer-Encoding')).toBe('chunked');
    expect(prep.headers.has('Content-Length')).toBe(false);
    await new Session().send(prep);
    const { content } = filePart(received().body, boundaryOf(prep.headers.get('Content-Type')));
    expect(Buffer.concat([first, content]).equals(bytes)).toBe(true);
  });
});
