/**
 * psf/requests tests/test_requests.py, class TestRequests: the Response — links, iteration, decoding, the reason
 * phrase, streamed bodies and their errors, closing.
 *
 * Requests builds `requests.Response()` by hand around a `raw` (io.BytesIO, StringIO, a mock); here a Response is
 * built around a fetch Response (helpers.ts `responseOf`). Where Requests mocks urllib3 to raise in the middle of
 * a body (test_iter_content_wraps_exceptions) or sets a raw reason phrase, a node:net twin on loopback sends that
 * body or status line on the wire.
 */
import { afterAll, describe, expect } from 'vitest';
import requests, {
  ChunkedEncodingError,
  ConnectionError,
  ContentDecodingError,
  HTTPError,
  type Response,
} from '../../src/index';
import { head, startRawServer } from '../helpers/raw-server';
import { httpbin, port, portEach, responseOf } from './helpers';

const twin = await startRawServer(({ target, socket }) => {
  switch (target) {
    case '/protocol-error':
      // Chunked framing broken at the first chunk: urllib3's ProtocolError.
      socket.end(`${head(200, { 'transfer-encoding': 'chunked' })}zz\r\nnot a chunk\r\n`);
      return;
    case '/decode-error':
      // A body that says gzip and is not: urllib3's DecodeError.
      socket.write(`${head(200, { 'content-encoding': 'gzip', 'content-length': '8' })}not gzip`);
      return;
    case '/read-timeout':
      // Headers, then silence: urllib3's ReadTimeoutError while the body is read.
      socket.write(head(200, { 'content-length': '10' }));
      return;
    case '/reason-utf8':
      socket.write(
        Buffer.concat([
          Buffer.from('HTTP/1.1 404 '),
          Buffer.from('Komponenttia ei löydy', 'utf8'),
          Buffer.from('\r\ncontent-length: 0\r\n\r\n'),
        ]),
      );
      return;
    case '/reason-latin1':
      socket.write(
        Buffer.concat([
          Buffer.from('HTTP/1.1 500 '),
          Buffer.from('Komponenttia ei löydy', 'latin1'),
          Buffer.from('\r\ncontent-length: 0\r\n\r\n'),
        ]),
      );
      return;
    default:
      socket.end(head(404, { 'content-length': '0' }, 'NOT FOUND'));
  }
});
afterAll(() => twin.close());

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

describe('TestRequests: the Response', () => {
  port('test_links', () => {
    const r = responseOf(new globalThis.Response(null));
    r.headers = new Headers({
      'cache-control': 'public, max-age=60, s-maxage=60',
      connection: 'keep-alive',
      'content-encoding': 'gzip',
      'content-type': 'application/json; charset=utf-8',
      date: 'Sat, 26 Jan 2013 16:47:56 GMT',
      etag: '"6ff6a73c0e446c1f61614769e3ceb778"',
      'last-modified': 'Sat, 26 Jan 2013 16:22:39 GMT',
      link:
        '<https://api.github.com/users/kennethreitz/repos?' +
        'page=2&per_page=10>; rel="next", <https://api.github.' +
        'com/users/kennethreitz/repos?page=7&per_page=10>; ' +
        ' rel="last"',
      server: 'GitHub.com',
      status: '200 OK',
      vary: 'Accept',
      'x-content-type-options': 'nosniff',
      'x-github-media-type': 'github.beta',
      'x-ratelimit-limit': '60',
      'x-ratelimit-remaining': '57',
    });
    expect(r.links.next!.rel).toBe('next');
  });

  port('test_response_is_iterable', async () => {
    const r = responseOf(new globalThis.Response('abc'));
    const first = await r[Symbol.asyncIterator]().next();
    expect(first.value).toBeTruthy();
  });

  port('test_response_decode_unicode', async () => {
    // When called with decodeUnicode, iterContent should always give strings.
    let r = responseOf(new globalThis.Response('the content'));
    await r.read(); // the content already consumed into r.content
    r.encoding = 'ascii';
    let chunks: unknown[] = await collect(r.iterContent(undefined, true));
    expect(chunks.every((chunk) => typeof chunk === 'string')).toBe(true);

    // also for streaming
    r = responseOf(new globalThis.Response('the content'));
    r.encoding = 'ascii';
    chunks = await collect(r.iterContent(undefined, true));
    expect(chunks.every((chunk) => typeof chunk === 'string')).toBe(true);
  });

  port('test_response_reason_unicode', async () => {
    // A reason phrase in UTF-8 bytes (Requests sets r.reason to them).
    const r = await requests.get(`${twin.origin}/reason-utf8`);
    expect(r.statusCode).toBe(404);
    expect(r.ok).toBe(false); // old behaviour - crashes here
  });

  port('test_response_reason_unicode_fallback', async () => {
    // raiseForStatus falls back to ISO-8859-1 for a reason that is not UTF-8.
    const reason = 'Komponenttia ei löydy';
    const r = await requests.get(`${twin.origin}/reason-latin1`);
    const error = (() => {
      try {
        r.raiseForStatus();
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(HTTPError);
    expect((error as HTTPError).message).toContain(reason);
  });

  port('test_response_chunk_size_type', async () => {
    // chunkSize is a number or null, anything else a TypeError.
    let r = responseOf(new globalThis.Response('the content'));
    const ones = await collect(r.iterContent(1));
    expect(ones.every((chunk) => chunk.length === 1)).toBe(true);

    r = responseOf(new globalThis.Response('the content'));
    const whole = await collect(r.iterContent(null));
    expect(whole.map((chunk) => new TextDecoder().decode(chunk))).toEqual(['the content']);

    r = responseOf(new globalThis.Response('the content'));
    expect(() => r.iterContent('1024' as never)).toThrow(TypeError);
  });

  portEach(
    'test_iter_content_wraps_exceptions',
    [
      ['ProtocolError-args0-ChunkedEncodingError', '/protocol-error', ChunkedEncodingError],
      ['DecodeError-args1-ContentDecodingError', '/decode-error', ContentDecodingError],
      ['ReadTimeoutError-args2-ConnectionError', '/read-timeout', ConnectionError],
    ] as const,
    async (path, expected) => {
      const r = await requests.get(`${twin.origin}${path}`, { stream: true, timeout: { connect: null, read: 200 } });
      await expect(r.iterContent(1024)[Symbol.asyncIterator]().next()).rejects.toBeInstanceOf(expected);
    },
  );

  port('test_response_iter_lines', async () => {
    const r = await requests.get(httpbin('stream/4'), { stream: true });
    expect(r.statusCode).toBe(200);

    const it = r.iterLines()[Symbol.asyncIterator]();
    await it.next();
    let rest = 0;
    while (!(await it.next()).done) rest++;
    expect(rest).toBe(3);
  });

  port('test_unconsumed_session_response_closes_connection', async () => {
    const s = requests.session();
    let response: Response | undefined;
    try {
      response = await s.get(httpbin('stream/4'), { stream: true });
    } finally {
      response?.close(); // contextlib.closing
    }
    // `response._content_consumed is False` (private): nothing of the body was read into `content`.
    expect(() => response!.content).toThrow();
    expect(response!.raw.bodyUsed).toBe(true);
  });

  port('test_response_iter_lines_reentrant', async () => {
    // Response.iterLines() is not reentrant safe (xfail in Requests).
    const r = await requests.get(httpbin('stream/4'), { stream: true });
    expect(r.statusCode).toBe(200);

    await r.iterLines()[Symbol.asyncIterator]().next();
    expect(await collect(r.iterLines())).toHaveLength(3);
  });

  port('test_response_without_release_conn', () => {
    // close() on a raw that is not urllib3's.
    const resp = responseOf(new globalThis.Response('test'));
    expect(resp.raw.bodyUsed).toBe(false);
    resp.close();
    expect(resp.raw.bodyUsed).toBe(true);
  });
});
