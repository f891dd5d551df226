/**
 * Streamed bodies against a real node:http server on loopback: `stream: true` resolves at the headers, the
 * iterators read what the server wrote however it was split on the wire, the body can be read once, and
 * closing or leaving a loop early frees the connection (the server sees its socket close).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import requests, { RequestException, Session, StreamConsumedError } from '../../../src/index';
import { startServer, type TestServer } from '../../helpers/server';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A promise the test resolves, bounded so that a test that never releases it fails instead of hanging. */
function gate(): { wait: Promise<void>; open: () => void } {
  let open!: () => void;
  const wait = new Promise<void>((resolve) => {
    open = resolve;
    setTimeout(resolve, 3000);
  });
  return { wait, open };
}

/** Writes each part as its own write, with a pause so each arrives as its own chunk. */
async function writeParts(res: import('node:http').ServerResponse, parts: (string | Uint8Array)[]): Promise<void> {
  for (const part of parts) {
    res.write(part);
    await sleep(15);
  }
  res.end();
}

let srv: TestServer;
let held = gate();

beforeAll(async () => {
  srv = await startServer(async (req, res) => {
    const url = new URL(req.url!, 'http://x');
    switch (url.pathname) {
      case '/held': {
        // Headers now, body only when the test opens the gate.
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.flushHeaders();
        await held.wait;
        res.end('the body');
        return;
      }
      case '/parts': {
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
        await writeParts(res, ['ab', 'cdefg', 'h', 'ijklmnopq']);
        return;
      }
      case '/lines': {
        // \r\n split across writes, a real empty line, a lone \r, and a last line without terminator.
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
        await writeParts(res, ['first\r', '\nsecond\r\n', '\r\nfourth\rfif', 'th\r', '\nlast']);
        return;
      }
      case '/utf8': {
        // 'żółw' with every multi-byte character cut between two writes.
        const bytes = Buffer.from('żółw', 'utf8');
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
        await writeParts(res, [bytes.subarray(0, 1), bytes.subarray(1, 3), bytes.subarray(3, 6), bytes.subarray(6)]);
        return;
      }
      case '/json': {
        res.writeHead(200, { 'content-type': 'application/json' });
        await writeParts(res, ['{"name": ', '"Jané", "age": 17}']);
        return;
      }
      default:
        res.writeHead(404);
        res.end();
    }
  });
});
afterAll(() => srv.close());

describe('stream: true', () => {
  it('resolves at the headers and leaves the body unread until it is asked for', async () => {
    held = gate();
    const r = await requests.get(`${srv.origin}/held`, { stream: true });
    // The server is still holding the body back: we got here on the headers alone.
    expect(r.statusCode).toBe(200);
    expect(r.bodyUsed).toBe(false);
    expect(r.raw.bodyUsed).toBe(false);
    held.open();
    await r.read();
    expect(r.text).toBe('the body');
  });

  it('a buffered call (stream: false) resolves only once the whole body is in', async () => {
    held = gate();
    let resolved = false;
    const pending = requests.get(`${srv.origin}/held`).then((r) => {
      resolved = true;
      return r;
    });
    await sleep(100);
    expect(resolved).toBe(false);
    held.open();
    expect((await pending).text).toBe('the body');
  });
});

describe('iterContent', () => {
  it('gives exact chunkSize pieces, only the last shorter, whatever the writes were', async () => {
    const r = await requests.get(`${srv.origin}/parts`, { stream: true });
    const pieces: string[] = [];
    for await (const piece of r.iterContent(4)) pieces.push(Buffer.from(piece).toString());
    expect(pieces).toEqual(['abcd', 'efgh', 'ijkl', 'mnop', 'q']);
  });

  it('with null gives the chunks as they were received', async () => {
    const r = await requests.get(`${srv.origin}/parts`, { stream: true });
    const pieces: string[] = [];
    for await (const piece of r.iterContent()) pieces.push(Buffer.from(piece).toString());
    expect(pieces.join('')).toBe('abcdefghijklmnopq');
    expect(pieces.length).toBeGreaterThan(1);
  });

  it('decodeUnicode decodes a character split between two network chunks whole', async () => {
    const r = await requests.get(`${srv.origin}/utf8`, { stream: true });
    const pieces: string[] = [];
    for await (const piece of r.iterContent(1, true)) pieces.push(piece);
    expect(pieces.join('')).toBe('żółw');
    expect(pieces.every((p) => !p.includes('\ufffd'))).toBe(true);
  });

  it('over a buffered response re-slices the content and can be repeated', async () => {
    const r = await requests.get(`${srv.origin}/parts`);
    const once: number[] = [];
    for await (const piece of r.iterContent(5)) once.push(piece.length);
    const twice: number[] = [];
    for await (const piece of r.iterContent(5)) twice.push(piece.length);
    expect(once).toEqual([5, 5, 5, 2]);
    expect(twice).toEqual(once);
  });
});

describe('iterLines', () => {
  it('splits \\n, \\r\\n and \\r, with no spurious empty line where \\r\\n straddles two chunks', async () => {
    const r = await requests.get(`${srv.origin}/lines`, { stream: true });
    const lines: string[] = [];
    for await (const line of r.iterLines()) lines.push(line);
    expect(lines).toEqual(['first', 'second', '', 'fourth', 'fifth', 'last']);
  });

  it('with a delimiter splits exactly on it; with decodeUnicode: false yields bytes', async () => {
    const r = await requests.get(`${srv.origin}/parts`, { stream: true });
    const pieces: Uint8Array[] = [];
    for await (const piece of r.iterLines({ delimiter: 'gh', decodeUnicode: false })) pieces.push(piece);
    expect(pieces.map((p) => Buffer.from(p).toString())).toEqual(['abcdef', 'ijklmnopq']);
  });
});

describe('read() and the consumed body', () => {
  it('read() buffers the rest, after which text, content and json() work', async () => {
    const r = await requests.get(`${srv.origin}/json`, { stream: true });
    expect(await r.read()).toBe(r);
    expect(r.json()).toEqual({ name: 'Jané', age: 17 });
    expect(r.text).toBe('{"name": "Jané", "age": 17}');
    expect(r.content.byteLength).toBe(Buffer.byteLength(r.text));
    // Read: the content can be iterated as often as wanted.
    let joined = '';
    for await (const line of r.iterLines()) joined += line;
    expect(joined).toBe(r.text);
  });

  it('touching text, content or json() before read() on a streamed response throws a clear error', async () => {
    const r = await requests.get(`${srv.origin}/json`, { stream: true });
    for (const touch of [() => r.text, () => r.content, () => r.json()]) {
      expect(touch).toThrow(RequestException);
      expect(touch).toThrow(/await response\.read\(\) first/);
    }
    r.close();
  });

  it('iterating a consumed body throws StreamConsumedError, and so do read() and content after it', async () => {
    const r = await requests.get(`${srv.origin}/parts`, { stream: true });
    for await (const piece of r.iterContent()) expect(piece.length).toBeGreaterThan(0);
    expect(() => r.iterContent()).toThrow(StreamConsumedError);
    expect(() => r.iterLines()).toThrow(StreamConsumedError);
    await expect(r.read()).rejects.toThrow(StreamConsumedError);
    expect(() => r.content).toThrow(StreamConsumedError);
  });

  it('two read() calls at once share one read', async () => {
    const r = await requests.get(`${srv.origin}/parts`, { stream: true });
    const [a, b] = await Promise.all([r.read(), r.read()]);
    expect(a).toBe(b);
    expect(r.text).toBe('abcdefghijklmnopq');
  });
});

describe('cancelling a body frees the connection', () => {
  // Each test has its own server, so the only socket it sees is the one carrying the endless body.
  let endless: TestServer;
  let written = 0;
  beforeEach(async () => {
    written = 0;
    endless = await startServer(async (_req, res) => {
      // Writes until the client goes away: only a cancelled body ends this.
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      const block = Buffer.alloc(16 * 1024, 7);
      while (!res.destroyed && written < 64 * 1024 * 1024) {
        written += block.length;
        if (!res.write(block)) await new Promise<void>((r) => res.once('drain', r).once('close', r));
      }
      res.end();
    });
  });
  afterEach(() => endless.close());

  async function endlessResponse(session?: Session) {
    const r = await (session ?? requests).get(`${endless.origin}/endless`, { stream: true });
    expect(endless.openSockets()).toBe(1);
    return r;
  }

  it('close() before reading: the server sees the socket close', async () => {
    const r = await endlessResponse();
    r.close();
    expect(await endless.allSocketsClosed()).toBe(true);
    expect(written).toBeLessThan(64 * 1024 * 1024);
  });

  it('leaving a for await early: the server sees the socket close', async () => {
    const r = await endlessResponse();
    let n = 0;
    for await (const piece of r.iterContent(1024)) {
      expect(piece.length).toBe(1024);
      if (++n === 10) break;
    }
    expect(await endless.allSocketsClosed()).toBe(true);
  });

  it('leaving an iterLines loop early (through the decoder and the splitter) closes it too', async () => {
    const r = await endlessResponse();
    for await (const line of r.iterLines({ delimiter: '\x07\x07' })) {
      expect(line).toBe('');
      break;
    }
    expect(await endless.allSocketsClosed()).toBe(true);
  });

  it('close() while a loop is suspended mid-body: the server sees the socket close and the loop ends', async () => {
    const r = await endlessResponse();
    let n = 0;
    for await (const piece of r.iterContent()) {
      expect(piece.length).toBeGreaterThan(0);
      if (++n === 3) r.close();
      expect(n).toBeLessThan(50);
    }
    expect(await endless.allSocketsClosed()).toBe(true);
  });

  it('Session.close() cancels the streamed bodies it handed out', async () => {
    const s = new Session();
    await endlessResponse(s);
    s.close();
    expect(await endless.allSocketsClosed()).toBe(true);
  });
});
