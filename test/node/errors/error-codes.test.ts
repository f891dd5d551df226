/**
 * The browser build's error codes (error-codes.browser.ts) against Node's (error-codes.ts): for the failures a
 * browser's fetch gives — no error codes — Node's tables must say nothing either, so both builds make the same
 * exception with the same message (errors.ts maps what the codes say).
 */
import { describe, expect, it } from 'vitest';
import * as browser from '../../../src/transport/error-codes.browser';
import * as node from '../../../src/transport/error-codes';
import { mapReadError, mapSendError } from '../../../src/transport/errors';
import { ChunkedEncodingError, ConnectionError, describeCause, ReadTimeout } from '../../../src/exceptions';
import { PreparedRequest } from '../../../src/request';

const request = new PreparedRequest({ method: 'POST', url: 'https://example.com/a?b=1' });

/** What browsers' fetch rejects with (and a few things a custom fetch might). */
const failures = (): unknown[] => [
  new TypeError('Failed to fetch'),
  new TypeError('NetworkError when attempting to fetch resource.'),
  new TypeError('Load failed'),
  new TypeError('network error', { cause: new Error('reset') }),
  new DOMException('The operation was aborted.', 'AbortError'),
  new Error('something else'),
  'a string',
  undefined,
];

describe('error-codes.browser.ts', () => {
  it('says of every failure a browser gives what Node’s tables say: nothing', () => {
    for (const error of failures()) {
      const detail = describeCause(error);
      expect(node.failureKind(error, detail)).toBeNull();
      expect(browser.failureKind(error, detail)).toBeNull();
    }
  });

  it('so a failure before the headers is a ConnectionError, and one while reading a body a ChunkedEncodingError', () => {
    for (const error of failures()) {
      const sent = mapSendError(error, request) as Error;
      expect(sent).toBeInstanceOf(ConnectionError);
      expect(sent.message).toBe(`Connection failed: POST https://example.com/a?b=1 (${describeCause(error)})`);
      const read = mapReadError(error, request) as Error;
      expect(read).toBeInstanceOf(ChunkedEncodingError);
      expect(read.message).toBe(
        `Connection broken: the body was cut short: https://example.com/a?b=1 (${describeCause(error)})`,
      );
    }
  });

  it("passes the library's own exceptions and the caller's abort reason through", () => {
    const own = new ReadTimeout('x', { request });
    expect(mapSendError(own, request)).toBe(own);
    expect(mapReadError(own, request)).toBe(own);
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    expect(mapReadError(controller.signal.reason, request, controller.signal)).toBe(controller.signal.reason);
  });

  it('leaves to Node what only Node reports: codes for TLS, connect timeouts, zlib, refused connections', () => {
    const withCode = (code: string) =>
      Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error(code), { code }) });
    expect(node.failureKind(withCode('CERT_HAS_EXPIRED'), '')).toBe('tls');
    expect(node.failureKind(withCode('UND_ERR_CONNECT_TIMEOUT'), '')).toBe('connect-timeout');
    expect(node.failureKind(withCode('Z_DATA_ERROR'), '')).toBe('decoding');
    expect(node.failureKind(withCode('ECONNREFUSED'), '')).toBe('connect');
    for (const code of ['CERT_HAS_EXPIRED', 'UND_ERR_CONNECT_TIMEOUT', 'Z_DATA_ERROR', 'ECONNREFUSED']) {
      expect(browser.failureKind(withCode(code), '')).toBeNull();
    }
    expect((mapSendError(withCode('CERT_HAS_EXPIRED'), request) as Error).name).toBe('SSLError');
  });
});
