/**
 * The browser build's fetch-error mapping. A browser's fetch errors carry no codes (a TypeError such as "Failed to
 * fetch", or an AbortError), so fetch-errors.ts's Node code tables could never match, and a page cannot tell a
 * connect timeout: every failure before the headers is ConnectionError, every failure while reading a body is
 * ChunkedEncodingError, a timeout before the headers is ReadTimeout, with fetch-errors.ts's messages (compared in
 * test/unit/fetch-errors.test.ts). Swapped in by the same build plugins as cookies.browser.ts.
 */
import { ChunkedEncodingError, ConnectionError, describeCause, ReadTimeout, RequestException } from './exceptions';
import type { PreparedRequest } from './request';
import { masked, maskedCause } from './url';

/** A page cannot tell whether a request reached a connection (`sent` is always null): always ReadTimeout. */
export function noHeadersTimeout(request: PreparedRequest, timeout: number, _sent?: boolean | null): ReadTimeout {
  return new ReadTimeout(
    `Read timed out. (connect timeout=${timeout} ms): no response headers for ${request.method} ${request.url}`,
    { request },
  );
}

export function mapSendError(error: unknown, request: PreparedRequest): unknown {
  if (error instanceof RequestException) return error;
  // A hand-built request can hold userinfo, which fetch refuses while quoting the URL: keep it out of both.
  maskedCause(error, request.url);
  return new ConnectionError(`Connection failed: ${request.method} ${masked(request.url)} (${describeCause(error)})`, {
    request,
    cause: error,
  });
}

export function mapReadError(error: unknown, request: PreparedRequest, signal?: AbortSignal): unknown {
  if (signal?.aborted && (error === signal.reason || (error as { name?: string })?.name === 'AbortError'))
    return signal.reason;
  if (error instanceof RequestException) return error;
  return new ChunkedEncodingError(
    `Connection broken: the body was cut short: ${request.url} (${describeCause(error)})`,
    { request, cause: error },
  );
}
