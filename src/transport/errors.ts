/**
 * The error-mapping layer: every failure of fetch becomes one of Requests' exceptions, with the request and a
 * message that says what happened (credentials in a URL never reach it). `mapReadError` does the same for a body
 * that fails while it is read. What the failure was comes from the error codes undici puts on its cause chain
 * (`#platform/error-codes`; a browser's errors carry none). An abort through the caller's own signal rejects with
 * its reason, as fetch does.
 */
import { failureKind, proxyRefusalStatus, tlsReason } from '#platform/error-codes';
import {
  ChunkedEncodingError,
  ConnectionError,
  ConnectTimeout,
  ContentDecodingError,
  describeCause,
  InvalidURL,
  ProxyError,
  RequestException,
  SSLError,
} from '../exceptions';
import type { PreparedRequest } from '../request';
import { reasonPhrase } from '../status-codes';
import { proxyUrlOf } from './connection';
import { masked, maskedCause } from '../url';
import type { Layer } from './layer';

export const mapErrors: Layer = (next) => async (exchange) => {
  try {
    return await next(exchange);
  } catch (error) {
    const signal = exchange.options.signal;
    if (signal?.aborted && !(error instanceof RequestException)) throw signal.reason;
    let proxy: string | null = null;
    if (!(error instanceof RequestException)) {
      try {
        proxy = proxyUrlOf(exchange.request, exchange.options);
      } catch {} // an unusable proxy URL failed before anything was sent, with its own error
    }
    throw mapSendError(error, exchange.request, proxy);
  }
};

/**
 * Maps a failure before the response headers to Requests' exception. `proxy`: the proxy URL the request went
 * through, whose failures (unreachable, refusing the CONNECT, asking for credentials) are ProxyError.
 */
export function mapSendError(error: unknown, request: PreparedRequest, proxy: string | null = null): unknown {
  if (error instanceof RequestException) return error;
  // A hand-built request can hold userinfo, which fetch refuses while quoting the URL: keep it out of both.
  const where = `${request.method} ${masked(request.url)}`;
  maskedCause(error, request.url);
  if (proxy !== null) maskedCause(error, proxy);
  const detail = describeCause(error);
  const kind = failureKind(error, detail);
  const via = proxy === null ? '' : ` through proxy ${masked(proxy)}`;
  if (kind === 'connect-timeout') {
    const host = proxy === null ? new URL(request.url).host : `proxy ${masked(proxy)}`;
    return new ConnectTimeout(`Connection to ${host} timed out: ${where} (${detail})`, { request, cause: error });
  }
  if (kind === 'proxy' && proxy !== null) {
    const status = proxyRefusalStatus(detail);
    const what =
      status === 407
        ? 'the proxy asks for credentials (user:pass@ in the proxy URL) or refused the ones given'
        : 'the proxy refused the tunnel (CONNECT)';
    // Deno does not say which status refused the tunnel: its own words go in the message instead.
    const answer = status === null ? `${what} (${detail})` : `${status} ${reasonPhrase(status)}: ${what}`;
    return new ProxyError(`Unable to connect to proxy ${masked(proxy)}: ${answer}: ${where}`, {
      request,
      cause: error,
    });
  }
  if (kind === 'connect' && proxy !== null) {
    const failure = new ProxyError(`Unable to connect to proxy ${masked(proxy)}: ${where} (${detail})`, {
      request,
      cause: error,
    });
    neverSent.add(failure);
    return failure;
  }
  if (kind === 'tls') {
    const reason = tlsReason(error, detail);
    return new SSLError(`SSL error${reason ? `: ${reason}` : ''}: ${where}${via} (${detail})`, {
      request,
      cause: error,
    });
  }
  if (kind === 'url') return new InvalidURL(`Invalid URL: ${where} (${detail})`, { request, cause: error });
  const port = blockedPort(request.url);
  if (port !== null) {
    return new ConnectionError(
      `Connection refused by fetch: port ${port} is one fetch blocks (the Fetch standard's "bad ports"), which ` +
        `Python's Requests would reach and no fetch will: ${where} (${detail})`,
      { request, cause: error },
    );
  }
  // "fetch failed" (Node), "Failed to fetch" (Chromium, also for CORS), "Load failed" (Safari),
  // "NetworkError when attempting to fetch resource." (Firefox), and anything else.
  const failure = new ConnectionError(`Connection failed: ${where} (${detail})`, { request, cause: error });
  if (kind === 'connect') neverSent.add(failure);
  return failure;
}

/**
 * The Fetch standard's port blocking list (https://fetch.spec.whatwg.org/#port-blocking): fetch refuses these
 * ports before connecting, in browsers and in Node, for http and https alike.
 */
const BAD_PORTS = new Set([
  1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104, 109, 110,
  111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515, 526, 530, 531, 532,
  540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061,
  6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080,
]);

/** The URL's port when fetch blocks it, else null. */
function blockedPort(url: string): number | null {
  const port = Number(new URL(url).port);
  return BAD_PORTS.has(port) ? port : null;
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
