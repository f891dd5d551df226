/**
 * Timeouts and broken bodies against real servers on loopback, each for a buffered (`stream: false`) and a
 * streamed response. `timeout` is Requests' pair: connect (until the connection is made) and read (the wait for
 * the response headers, then the longest silence between body chunks, never a total deadline). No timer outlives
 * its request.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { Socket } from 'node:net';
import net from 'node:net';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import requests, {
  ChunkedEncodingError,
  ConnectionError,
  ConnectTimeout,
  ContentDecodingError,
  ReadTimeout,
  Timeout,
  type RequestOptions,
} from '../../../src/index';
import { startServer, type TestServer } from '../../helpers/server';
import { trackLibraryTimers } from '../../helpers/timers';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Resolves true when the socket closes (false if it is still open after `ms`). */
function closes(socket: Socket | undefined, ms = 3000): Promise<boolean> {
  if (!socket || socket.destroyed) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

let srv: TestServer;
/** The socket of the last request to a handler that leaves its response hanging. */
let hangingSocket: Socket | undefined;

beforeAll(async () => {
  srv = await startServer(async (req, res) => {
    const url = new URL(req.url!, 'http://x');
    const n = Number(url.searchParams.get('n') ?? 8);
    const gap = Number(url.searchParams.get('gap') ?? 60);
    switch (url.pathname) {
      case '/stall': // never answers
        hangingSocket = req.socket;
        return;
      case '/midstall': // headers and a first chunk, then silence
        hangingSocket = req.socket;
        res.writeHead(200, { 'content-length': '100' });
        res.write('first');
        return;
      case '/drip': // n bytes, one every `gap` ms: slow but steady
        res.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(n) });
        res.flushHeaders();
        for (let i = 0; i < n; i++) {
          await sleep(gap);
          res.write('*');
        }
        res.end();
        return;
      case '/slow-headers': // headers after `gap` ms, then the body at once
        await sleep(gap);
        res.end('late');
        return;
      case '/short': // Content-Length not reached
        res.writeHead(200, { 'content-length': '100' });
        res.write('only a bit');
        await sleep(20);
        res.socket?.destroy();
        return;
      case '/reset': // chunked body, connection dropped mid-way
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.write('some of it');
        await sleep(20);
        res.socket?.destroy();
        return;
      case '/bad-gzip':
      case '/bad-deflate':
      case '/bad-br':
        res.writeHead(200, { 'content-encoding': url.pathname.slice(5), 'content-type': 'text/plain' });
        res.end('this is not compressed at all, whatever the header says');
        return;
      case '/gzip-drip': {
        // A valid gzip body, sent in slices with gaps: decoding and the read timeout go together.
        const body = zlib.gzipSync(Buffer.from('hello, compressed world'));
        res.writeHead(200, { 'content-encoding': 'gzip', 'content-type': 'text/plain' });
        for (let i = 0; i < body.length; i += 4) {
          await sleep(gap);
          res.write(body.subarray(i, i + 4));
        }
        res.end();
        return;
      }
      default:
        res.writeHead(404);
        res.end();
    }
  });
});
afterAll(() => srv.close());
// The first fetch of a process loads Node's HTTP client, which can take longer than the short timeouts below.
beforeAll(async () => {
  await requests.get(`${srv.origin}/warm-up`);
});

/** Runs a test body and checks that no timer the library started outlived the requests in it. */
async function leakFree(fn: () => Promise<void>): Promise<void> {
  const timers = trackLibraryTimers();
  try {
    await fn();
    expect(timers.pending()).toBe(0);
  } finally {
    timers.restore();
  }
}

type Mode = 'buffered' | 'streamed';

/** The whole body as text, read the way the mode says. */
async function body(url: string, mode: Mode, options: RequestOptions = {}): Promise<string> {
  if (mode === 'buffered') return (await requests.get(url, { ...options, stream: false })).text;
  const r = await requests.get(url, { ...options, stream: true });
  let text = '';
  for await (const piece of r.iterContent(null, true)) text += piece;
  return text;
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail');
}

describe.each<Mode>(['buffered', 'streamed'])('%s', (mode) => {
  it('a slow but steady body never times out, though it takes far longer than the read timeout', () =>
    leakFree(async () => {
      // 10 bytes, one every 50 ms: ~500 ms in all, against a 300 ms read timeout. (Wide margins: the server
      // shares this event loop, so a busy machine delays both sides.)
      // A number sets the read timeout as { read } does (one form per mode, to keep the file quick).
      const timeout = mode === 'buffered' ? 300 : { read: 300 };
      expect(await body(`${srv.origin}/drip?n=10&gap=50`, mode, { timeout })).toBe('**********');
    }));

  it('a body that stops mid-way → ReadTimeout (Requests raises ConnectionError here), and the socket is freed', () =>
    leakFree(async () => {
      const error = await failure(body(`${srv.origin}/midstall`, mode, { timeout: { connect: 5000, read: 200 } }));
      expect(error).toBeInstanceOf(ReadTimeout);
      expect(error).toBeInstanceOf(Timeout);
      expect(error).not.toBeInstanceOf(ConnectionError);
      expect(error.name).toBe('ReadTimeout');
      expect(error.message).toMatch(/Read timed out\. \(read timeout=200 ms\)/);
      expect((error as ReadTimeout).request?.url).toBe(`${srv.origin}/midstall`);
      expect(await closes(hangingSocket)).toBe(true);
    }));

  it('no response headers within the read timeout → ReadTimeout (the connect timeout ended at the connection), and the socket is freed', () =>
    leakFree(async () => {
      const error = await failure(body(`${srv.origin}/stall`, mode, { timeout: { connect: 5000, read: 200 } }));
      expect(error).toBeInstanceOf(ReadTimeout);
      expect(error).not.toBeInstanceOf(ConnectTimeout);
      expect(error.message).toMatch(/Read timed out\. \(read timeout=200 ms\): no response headers for GET /);
      expect(await closes(hangingSocket)).toBe(true);
    }));

  it('a number sets both: headers within it, then gaps within it', () =>
    leakFree(async () => {
      expect(await body(`${srv.origin}/slow-headers?gap=50`, mode, { timeout: 400 })).toBe('late');
      expect(await failure(body(`${srv.origin}/stall`, mode, { timeout: 150 }))).toBeInstanceOf(ReadTimeout);
      expect(await failure(body(`${srv.origin}/midstall`, mode, { timeout: 150 }))).toBeInstanceOf(ReadTimeout);
    }));

  it('the read timeout also guards a content-encoded body, which still decodes', () =>
    leakFree(async () => {
      // ~11 slices of 4 compressed bytes, one every 40 ms, against a 300 ms read timeout.
      expect(await body(`${srv.origin}/gzip-drip?gap=40`, mode, { timeout: { read: 300 } })).toBe(
        'hello, compressed world',
      );
    }));

  it('a body cut short of its Content-Length → ChunkedEncodingError', () =>
    leakFree(async () => {
      const error = await failure(body(`${srv.origin}/short`, mode));
      expect(error).toBeInstanceOf(ChunkedEncodingError);
      expect(error.message).toMatch(/^Connection broken: the body was cut short/);
    }));

  it('a chunked body whose connection drops → ChunkedEncodingError', () =>
    leakFree(async () => {
      expect(await failure(body(`${srv.origin}/reset`, mode))).toBeInstanceOf(ChunkedEncodingError);
    }));

  it.each(['gzip', 'deflate', 'br'])('a body that is not valid %s → ContentDecodingError', (coding) =>
    leakFree(async () => {
      const error = await failure(body(`${srv.origin}/bad-${coding}`, mode));
      expect(error).toBeInstanceOf(ContentDecodingError);
      expect(error.message).toMatch(/^Received response with content-encoding it could not decode/);
    }),
  );

  it("the caller's own signal, aborted mid-body, rejects with its reason", () =>
    leakFree(async () => {
      const controller = new AbortController();
      const reason = new Error('stop');
      setTimeout(() => controller.abort(reason), 100);
      expect(await failure(body(`${srv.origin}/midstall`, mode, { signal: controller.signal, timeout: 5000 }))).toBe(
        reason,
      );
    }));
});

describe('broken chunked framing (raw socket server)', () => {
  let raw: net.Server;
  let origin = '';
  beforeAll(async () => {
    raw = net.createServer((socket) => {
      socket.once('data', () =>
        socket.end('HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n5\r\nhello\r\nZZ\r\nnot a chunk\r\n'),
      );
    });
    await new Promise<void>((r) => raw.listen(0, '127.0.0.1', r));
    origin = `http://127.0.0.1:${(raw.address() as net.AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => raw.close(() => r())));

  it.each<Mode>(['buffered', 'streamed'])('%s: a bad chunk size line → ChunkedEncodingError', (mode) =>
    leakFree(async () => {
      const error = await failure(body(`${origin}/`, mode));
      expect(error).toBeInstanceOf(ChunkedEncodingError);
      expect(error.message).toMatch(/^Connection broken: invalid body framing/);
    }),
  );
});

describe('connecting', () => {
  let listener: ChildProcess;
  let port = 0;
  const fillers: net.Socket[] = [];

  beforeAll(async () => {
    // A listener that never accepts, its backlog filled: the kernel drops further SYNs, so connect() hangs,
    // as it does for an unroutable address. Python, because a Node server always accepts.
    listener = spawn('/usr/bin/python3', [
      '-c',
      'import socket,time\ns=socket.socket()\ns.bind(("127.0.0.1",0))\ns.listen(0)\nprint(s.getsockname()[1],flush=True)\ntime.sleep(60)',
    ]);
    port = await new Promise<number>((resolve, reject) => {
      listener.once('error', reject);
      listener.stdout!.once('data', (d) => resolve(Number(String(d).trim())));
    });
    for (let i = 0; i < 3; i++) fillers.push(net.connect(port, '127.0.0.1').on('error', () => {}));
    await sleep(100);
  });
  afterAll(() => {
    for (const socket of fillers) socket.destroy();
    listener.kill();
  });

  it.each<Mode>(['buffered', 'streamed'])(
    '%s: a connection that cannot be made in time → ConnectTimeout (a ConnectionError and a Timeout)',
    (mode) =>
      leakFree(async () => {
        const error = await failure(body(`http://127.0.0.1:${port}/`, mode, { timeout: 300 }));
        expect(error).toBeInstanceOf(ConnectTimeout);
        expect(error).toBeInstanceOf(ConnectionError);
        expect(error).toBeInstanceOf(Timeout);
        expect(error.name).toBe('ConnectTimeout');
        expect(error.message).toMatch(`Connection to 127.0.0.1:${port} timed out. (connect timeout=300 ms)`);
      }),
  );

  it('with a fetch whose connection cannot be observed (not undici), a silent request is a ReadTimeout, never a guessed ConnectTimeout', () =>
    leakFree(async () => {
      // Never answers; honours the abort the timeout sends.
      const silent: typeof fetch = (_input, init) =>
        new Promise((_resolve, reject) =>
          init?.signal?.addEventListener('abort', () => reject(init.signal!.reason), { once: true }),
        );
      const error = await failure(requests.get(`http://127.0.0.1:${port}/`, { timeout: 150, fetch: silent }));
      expect(error).toBeInstanceOf(ReadTimeout);
      expect(error).not.toBeInstanceOf(ConnectTimeout);
    }));

  it('a refused connection → ConnectionError, not a Timeout', () =>
    leakFree(async () => {
      const probe = net.createServer();
      await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
      const closed = (probe.address() as net.AddressInfo).port;
      await new Promise<void>((r) => probe.close(() => r()));
      const error = await failure(requests.get(`http://127.0.0.1:${closed}/`, { timeout: 1000 }));
      expect(error).toBeInstanceOf(ConnectionError);
      expect(error).not.toBeInstanceOf(Timeout);
      expect(error.name).toBe('ConnectionError');
    }));
});

describe('the connect-phase watch', () => {
  it('listens to undici only while a request with a timeout is in flight, so other requests pay nothing', async () => {
    const { hasSubscribers } = await import('node:diagnostics_channel');
    const pending = requests.get(`${srv.origin}/slow-headers?gap=100`, { timeout: 2000 });
    await sleep(30);
    expect(hasSubscribers('undici:request:create')).toBe(true);
    expect((await pending).statusCode).toBe(200);
    expect(hasSubscribers('undici:request:create')).toBe(false);
    expect(hasSubscribers('undici:client:sendHeaders')).toBe(false);
  });
});
