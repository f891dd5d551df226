/**
 * The error-mapping layer: every failure of fetch becomes one of Requests' exceptions, with the request and a
 * message that says what happened (credentials in a URL never reach it). `mapReadError` does the same for a body
 * that fails while it is read. What the failure was comes from the error codes undici puts on its cause chain
 * (`#platform/error-codes`; a browser's errors carry none). An abort through the caller's own signal rejects with
 * its reason, as fetch does.
 */
import { failureKind } from '#platform/error-codes';
import {
  ChunkedEncodingError,
  ConnectionError,
  ConnectTimeout,
  ContentDecodingError,
  describeCause,
  InvalidURL,
  RequestException,
  SSLError,
} from '../exceptions';
import type { PreparedRequest } from '../request';
import { masked, maskedCause } from '../url';
import type { Layer } from './layer';

export const mapErrors: Layer = (next) => async (exchange) => {
  try {
    return await next(exchange);
  } catch (error) {
    const signal = exchange.options.signal;
    if (signal?.aborted && !(error instanceof RequestException)) throw signal.reason;
    throw mapSendError(error, exchange.request);
  }
};

/** Maps a failure before the response headers to Requests' exception. */
export function mapSendError(error: unknown, request: PreparedRequest): unknown {
  if (error instanceof RequestException) return error;
  // A hand-built request can hold userinfo, which fetch refuses while quoting the URL: keep it out of both.
  const where = `${request.method} ${masked(request.url)}`;
  maskedCause(error, request.url);
  const detail = describeCause(error);
  const kind = failureKind(error, detail);
  if (kind === 'connect-timeout') {
    const host = new URL(request.url).host;
    return new ConnectTimeout(`Connection to ${host} timed out: ${where} (${detail})`, { request, cause: error });
  }
  if (kind === 'tls') return new SSLError(`SSL error: ${where} (${detail})`, { request, cause: error });
  if (kind === 'url') return new InvalidURL(`Invalid URL: ${where} (${detail})`, { request, cause: error });
  // "fetch failed" (Node), "Failed to fetch" (Chromium, also for CORS), "Load failed" (Safari),
  // "NetworkError when attempting to fetch resource." (Firefox), and anything else.
  const failure = new ConnectionError(`Connection failed: ${where} (${detail})`, { request, cause: error });
  if (kind === 'connect') neverSent.add(failure);
  return failure;
}

/** ConnectionErrors for requests that never reached a connection (refused, no such host): safe to send again. */
const neverSent = new WeakSet<object>();

/**
 * urllib3's connection error (`_is_connection_error`): the request never reached the server, so any method may be
 * retried. A ConnectTimeout, or a ConnectionError whose codes say the connection was never made.
 */
export function isConnectError(error: unknown): boolean {
  return error instanceof ConnectTimeout || (typeof error === 'object' && error !== null && neverSent.has(error));
}

/** Maps a failure while reading a body: cut short → ChunkedEncodingError, undecodable → ContentDecodingError. */
export function mapReadError(error: unknown, request: PreparedRequest, signal?: AbortSignal): unknown {
  if (signal?.aborted && (error === signal.reason || (error as { name?: string })?.name === 'AbortError')) {
    return signal.reason;
  }
  if (error instanceof RequestException) return error;
  const detail = describeCause(error);
  const kind = failureKind(error, detail);
  if (kind === 'decoding') {
    return new ContentDecodingError(
      `Received response with content-encoding it could not decode: ${request.url} (${detail})`,
      { request, cause: error },
    );
  }
  const what = kind === 'framing' ? 'invalid body framing (chunked encoding)' : 'the body was cut short';
  return new ChunkedEncodingError(`Connection broken: ${what}: ${request.url} (${detail})`, { request, cause: error });
}
