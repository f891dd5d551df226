/**
 * The fault matrix of the wire: a bare node:net server on 127.0.0.1 misbehaves at every stage of a response
 * (before connecting, before the headers, in the headers, mid-body, in the framing, in the content coding), and
 * each call, buffered and streamed, must end within a deadline in the documented outcome — one of Requests'
 * exception classes with a clear message, or the documented success — with no unhandled rejection, no timer of
 * the library left running, and the connection either closed by the client or back in the pool, reusable.
 *
 * test/node/timeouts/loopback.test.ts proves the timeout semantics in depth; this file proves every fault ends cleanly.
 */
import zlib from 'node:zlib';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import requests, {
  ChunkedEncodingError,
  ConnectionError,
  ContentDecodingError,
  ReadTimeout,
  type RequestException,
  Timeout,
  type RequestOptions,
} from '../../../src/index';
import { tcpSocketsLeft } from '../../helpers/connections';
import { head, startRawServer, type RawRequest, type RawServer } from '../../helpers/raw-server';
import { closedPort } from '../../helpers/server';
import { failOnUnhandled, rejection, sendAndRead, settleWithin, type Mode } from '../../helpers/settle';
import { trackLibraryTimers } from '../../helpers/timers';

/** Generous: the machine is shared; a hang is what this catches, not slowness. */
const DEADLINE = 5000;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** What happens to the connection after the call settled. */
type After =
  /** The server saw the client close or reset every socket (nothing left open by the client). */
  | 'released'
  /** The server itself reset the socket: closed, whoever is to thank. */
  | 'closed'
  /** The body was read to its end: the next request to the origin goes out on the same connection. */
  | 'reusable';

interface FaultCase {
  name: string;
  respond: (req: RawRequest) => unknown;
  options?: RequestOptions;
  expected:
    | { error: typeof RequestException; not?: (typeof RequestException)[]; message: RegExp }
    | { content: string | ((bytes: Uint8Array) => void) };
  after: After;
}

const gzipped = zlib.gzipSync(Buffer.from(`${'x'.repeat(100)}${Array.from({ length: 2000 }, (_, i) => i).join(',')}`));

const cases: FaultCase[] = [
  {
    name: 'reset as soon as the request arrives → ConnectionError',
    respond: (req) => req.socket.resetAndDestroy(),
    expected: {
      error: ConnectionError,
      not: [Timeout],
      message: /^Connection failed: GET http:\/\/127\.0\.0\.1:\d+\/fault \(fetch failed: .*ECONNRESET/,
    },
    after: 'closed',
  },
  {
    name: 'closed without a response (FIN before any byte) → ConnectionError',
    respond: (req) => req.socket.end(),
    expected: {
      error: ConnectionError,
      not: [Timeout],
      message: /^Connection failed: GET .*\/fault \(fetch failed: other side closed/,
    },
    after: 'released',
  },
  {
    name: 'a status line that is not HTTP → ConnectionError',
    respond: (req) => req.socket.write('NOT HTTP AT ALL\r\n\r\n'),
    expected: {
      error: ConnectionError,
      message: /^Connection failed: GET .*\/fault \(fetch failed: Response does not match the HTTP\/1\.1 protocol/,
    },
    after: 'released',
  },
  {
    name: 'a 100 kB header (over the 16 kB limit) → ConnectionError, like http.client’s LineTooLong',
    respond: (req) => req.socket.write(`${head(200, { 'x-big': 'a'.repeat(100_000), 'content-length': '2' })}ok`),
    expected: {
      error: ConnectionError,
      message:
        /^Connection failed: GET .*\/fault \(fetch failed: Headers Overflow Error \(UND_ERR_HEADERS_OVERFLOW\)\)$/,
    },
    after: 'released',
  },
  {
    name: 'reset right after the headers (Content-Length: 100, no body) → ChunkedEncodingError',
    respond: async (req) => {
      req.socket.write(head(200, { 'content-length': '100' }));
      await sleep(30);
      req.socket.resetAndDestroy();
    },
    expected: {
      error: ChunkedEncodingError,
      message:
        /^Connection broken: the body was cut short: http:\/\/127\.0\.0\.1:\d+\/fault \(terminated: read ECONNRESET\)$/,
    },
    after: 'closed',
  },
  {
    name: 'reset mid-body (Content-Length) → ChunkedEncodingError',
    respond: async (req) => {
      req.socket.write(`${head(200, { 'content-length': '100' })}half of it`);
      await sleep(30);
      req.socket.resetAndDestroy();
    },
    expected: { error: ChunkedEncodingError, message: /^Connection broken: the body was cut short: .*ECONNRESET/ },
    after: 'closed',
  },
  {
    name: 'reset mid-body (chunked) → ChunkedEncodingError',
    respond: async (req) => {
      req.socket.write(`${head(200, { 'transfer-encoding': 'chunked' })}a\r\nhalf of it\r\n`);
      await sleep(30);
      req.socket.resetAndDestroy();
    },
    expected: { error: ChunkedEncodingError, message: /^Connection broken: the body was cut short: .*ECONNRESET/ },
    after: 'closed',
  },
  {
    name: 'Content-Length longer than the body, then FIN → ChunkedEncodingError (urllib3’s IncompleteRead)',
    respond: (req) => req.socket.end(`${head(200, { 'content-length': '100' })}short`),
    expected: {
      error: ChunkedEncodingError,
      message: /^Connection broken: the body was cut short: .*other side closed/,
    },
    after: 'released',
  },
  {
    name: 'Content-Length shorter than the body → the first Content-Length bytes (as Requests), the connection dropped',
    respond: (req) => req.socket.write(`${head(200, { 'content-length': '3' })}longer than announced`),
    expected: { content: 'lon' },
    // The bytes past the length cannot start a response: the client must not keep that connection.
    after: 'released',
  },
  {
    name: 'a chunk-size line that is not hex → ChunkedEncodingError naming the framing',
    respond: (req) =>
      req.socket.write(`${head(200, { 'transfer-encoding': 'chunked' })}5\r\nhello\r\nZZ\r\nnot a chunk\r\n`),
    expected: {
      error: ChunkedEncodingError,
      message: /^Connection broken: invalid body framing \(chunked encoding\): .*Invalid character in chunk size/,
    },
    after: 'released',
  },
  {
    name: 'a chunked body that ends (FIN) without its last-chunk → ChunkedEncodingError',
    respond: (req) => req.socket.end(`${head(200, { 'transfer-encoding': 'chunked' })}5\r\nhello\r\n`),
    expected: {
      error: ChunkedEncodingError,
      message: /^Connection broken: the body was cut short: .*other side closed/,
    },
    after: 'released',
  },
  {
    name: 'Content-Encoding: gzip over bytes that are not gzip → ContentDecodingError',
    respond: (req) => req.socket.write(`${head(200, { 'content-encoding': 'gzip', 'content-length': '5' })}hello`),
    expected: {
      error: ContentDecodingError,
      message: /^Received response with content-encoding it could not decode: .*\/fault \(.*incorrect header check/,
    },
    after: 'reusable',
  },
  {
    name: 'a gzip body that turns to garbage part-way → ContentDecodingError',
    respond: (req) => {
      const body = Buffer.concat([gzipped.subarray(0, 100), Buffer.from('garbage'.repeat(20))]);
      req.socket.write(head(200, { 'content-encoding': 'gzip', 'content-length': String(body.length) }));
      req.socket.write(body);
    },
    expected: {
      error: ContentDecodingError,
      message: /^Received response with content-encoding it could not decode: .*invalid/,
    },
    after: 'reusable',
  },
  {
    name: 'a gzip stream cut in half, Content-Length agreeing → what decodes, no error (as Requests: urllib3 does not check the trailer)',
    respond: (req) => {
      const body = gzipped.subarray(0, Math.floor(gzipped.length / 2));
      req.socket.write(head(200, { 'content-encoding': 'gzip', 'content-length': String(body.length) }));
      req.socket.write(body);
    },
    expected: {
      content: (bytes) => {
        const whole = zlib.gunzipSync(gzipped);
        expect(bytes.byteLength).toBeGreaterThan(0);
        expect(bytes.byteLength).toBeLessThan(whole.byteLength);
        expect(Buffer.from(bytes).equals(whole.subarray(0, bytes.byteLength))).toBe(true);
      },
    },
    after: 'reusable',
  },
  {
    name: 'no headers within the read timeout (stall before headers) → ReadTimeout',
    respond: () => {}, // accepts, reads the request, never answers
    options: { timeout: { connect: 5000, read: 300 } },
    expected: {
      error: ReadTimeout,
      message:
        /^Read timed out\. \(read timeout=300 ms\): no response headers for GET http:\/\/127\.0\.0\.1:\d+\/fault$/,
    },
    after: 'released',
  },
  {
    name: 'silence mid-body longer than the read timeout (stall mid-body) → ReadTimeout',
    respond: (req) => req.socket.write(`${head(200, { 'content-length': '100' })}first`),
    options: { timeout: { connect: 5000, read: 300 } },
    expected: {
      error: ReadTimeout,
      message: /^Read timed out\. \(read timeout=300 ms\) for url: http:\/\/127\.0\.0\.1:\d+\/fault$/,
    },
    after: 'released',
  },
  {
    name: 'a trickle (one byte every 50 ms, 500 ms in all, read timeout 300 ms) → the whole body',
    respond: async (req) => {
      req.socket.write(head(200, { 'content-length': '10' }));
      for (let i = 0; i < 10 && !req.socket.destroyed; i++) {
        await sleep(50);
        req.socket.write('*');
      }
    },
    options: { timeout: { connect: 5000, read: 300 } },
    expected: { content: '**********' },
    after: 'reusable',
  },
  {
    name: '2,000 header lines (http.client refuses more than 100) → a normal response',
    respond: (req) => {
      const many = Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`x-h${i}`, 'v']));
      req.socket.write(`${head(200, { ...many, 'content-length': '2' })}ok`);
    },
    expected: { content: 'ok' },
    after: 'reusable',
  },
];

failOnUnhandled();
afterAll(async () => {
  // Every server is closed by now: no socket of the client's (undici's pool included) may be left either.
  expect(await tcpSocketsLeft(), 'TCP sockets left open in this process').toBe(0);
});

/** The next request to the origin: a plain `ok`. */
function probe(req: RawRequest): void {
  req.socket.write(`${head(200, { 'content-length': '2' })}ok`);
}

describe.each<Mode>(['buffered', 'streamed'])('%s', (mode) => {
  let srv: RawServer | undefined;
  afterEach(async () => {
    await srv?.close();
    srv = undefined;
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, fault) => {
    srv = await startRawServer((req) => (req.target === '/probe' ? probe(req) : fault.respond(req)));
    const timers = trackLibraryTimers();
    let settled: Awaited<ReturnType<typeof settleWithin>>;
    try {
      settled = await settleWithin(
        sendAndRead(mode, (stream) =>
          requests.get(`${srv!.origin}/fault`, { timeout: 3000, ...fault.options, stream }),
        ),
        DEADLINE,
        fault.name,
      );
      expect(timers.pending(), 'library timers still running').toBe(0);
    } finally {
      timers.restore();
    }

    if ('error' in fault.expected) {
      const error = rejection(settled);
      expect(error).toBeInstanceOf(fault.expected.error);
      expect(error.name).toBe(fault.expected.error.name);
      for (const other of fault.expected.not ?? []) expect(error).not.toBeInstanceOf(other);
      expect(error.message).toMatch(fault.expected.message);
      expect((error as RequestException).request?.url).toBe(`${srv.origin}/fault`);
    } else {
      expect(settled.status, String((settled as { reason?: unknown }).reason)).toBe('fulfilled');
      const { response, content } = (settled as { value: Awaited<ReturnType<typeof sendAndRead>> }).value;
      expect(response.statusCode).toBe(200);
      const expected = fault.expected.content;
      if (typeof expected === 'string') expect(new TextDecoder().decode(content)).toBe(expected);
      else expected(content);
    }

    expect(srv.requests.filter((r) => r.target === '/fault')).toHaveLength(1);
    if (fault.after === 'reusable') {
      // undici marks the connection idle a few ticks after the body's end reaches the reader.
      await sleep(100);
      await requests.get(`${srv.origin}/probe`, { timeout: 3000 });
      expect(srv.connections(), 'the probe had to open a new connection').toBe(1);
      expect(srv.requests.at(-1)).toMatchObject({ target: '/probe', connection: 0, index: 1 });
    } else {
      expect(await srv.allSocketsClosed(3000), 'a socket is still open').toBe(true);
      if (fault.after === 'released') expect(srv.closedByClient()).toBe(srv.connections());
    }
  });
});

describe('nothing listening', () => {
  it.each<Mode>(['buffered', 'streamed'])(
    '%s: a refused connection → ConnectionError (not a Timeout), at once',
    async (mode) => {
      const port = await closedPort();
      const timers = trackLibraryTimers();
      try {
        const settled = await settleWithin(
          sendAndRead(mode, (stream) => requests.get(`http://127.0.0.1:${port}/fault`, { timeout: 3000, stream })),
          DEADLINE,
        );
        const error = rejection(settled);
        expect(error).toBeInstanceOf(ConnectionError);
        expect(error).not.toBeInstanceOf(Timeout);
        expect(error.message).toMatch(
          new RegExp(
            `^Connection failed: GET http://127\\.0\\.0\\.1:${port}/fault \\(fetch failed: connect ECONNREFUSED 127\\.0\\.0\\.1:${port}\\)$`,
          ),
        );
        expect(timers.pending()).toBe(0);
      } finally {
        timers.restore();
      }
    },
  );
});
