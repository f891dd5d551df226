/**
 * The browser build's fetch-error mapping (fetch-errors.browser.ts) against Node's (fetch-errors.ts): for the
 * failures a browser's fetch gives — no error codes — both must make the same exception with the same message.
 */
import { describe, expect, it } from 'vitest';
import * as browser from '../../src/fetch-errors.browser';
import * as node from '../../src/fetch-errors';
import { ChunkedEncodingError, ConnectionError, ReadTimeout, type RequestException } from '../../src/exceptions';
import { PreparedRequest } from '../../src/request';

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

function same(a: unknown, b: unknown): void {
  expect(b).toBeInstanceOf((a as object).constructor);
  expect((b as Error).constructor).toBe((a as Error).constructor);
  expect((b as Error).message).toBe((a as Error).message);
  expect((b as Error).cause).toBe((a as Error).cause);
  expect((b as RequestException).request).toBe((a as RequestException).request);
}

describe('fetch-errors.browser.ts', () => {
  it('maps a failure before the headers as fetch-errors.ts does: ConnectionError, same message', () => {
    for (const error of failures()) {
      const expected = node.mapSendError(error, request);
      expect(expected).toBeInstanceOf(ConnectionError);
      same(expected, browser.mapSendError(error, request));
    }
  });

  it('maps a failure while reading a body as fetch-errors.ts does: ChunkedEncodingError, same message', () => {
    for (const error of failures()) {
      const expected = node.mapReadError(error, request);
      expect(expected).toBeInstanceOf(ChunkedEncodingError);
      same(expected, browser.mapReadError(error, request));
    }
  });

  it("passes the library's own exceptions and the caller's abort reason through, as fetch-errors.ts does", () => {
    const own = new ReadTimeout('x', { request });
    expect(browser.mapSendError(own, request)).toBe(own);
    expect(browser.mapReadError(own, request)).toBe(own);
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    expect(browser.mapReadError(controller.signal.reason, request, controller.signal)).toBe(controller.signal.reason);
    expect(node.mapReadError(controller.signal.reason, request, controller.signal)).toBe(controller.signal.reason);
  });

  it('makes the same ReadTimeout for headers that never came (a page cannot tell a connect timeout)', () => {
    const expected = node.noHeadersTimeout(request, 250, null);
    expect(expected).toBeInstanceOf(ReadTimeout);
    same(expected, browser.noHeadersTimeout(request, 250, null));
  });

  it('leaves to Node what only Node reports: codes for TLS, connect timeouts, zlib', () => {
    const tls = Object.assign(new TypeError('fetch failed'), {
      cause: Object.assign(new Error('bad cert'), { code: 'CERT_HAS_EXPIRED' }),
    });
    expect((node.mapSendError(tls, request) as Error).name).toBe('SSLError');
    expect((browser.mapSendError(tls, request) as Error).name).toBe('ConnectionError');
    expect(node.noHeadersTimeout(request, 250, false).name).toBe('ConnectTimeout');
  });
});
