/**
 * Maps fetch failures to Requests' exceptions, by the error codes Node's fetch (undici) puts along the cause
 * chain: TLS, timeout, URL, zlib and HTTP-parser codes. fetch-errors.browser.ts is the browser build's twin,
 * where fetch errors carry no codes.
 */
import {
  ChunkedEncodingError,
  ConnectionError,
  ConnectTimeout,
  ContentDecodingError,
  describeCause,
  InvalidURL,
  ReadTimeout,
  RequestException,
  SSLError,
} from './exceptions';
import type { PreparedRequest } from './request';
import { masked, maskedCause } from './url';

/** Error codes along an error's cause chain (undici nests them; AggregateError holds several). */
function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  const seen = new Set<unknown>();
  const visit = (e: unknown, depth: number): void => {
    if (!e || typeof e !== 'object' || seen.has(e) || depth > 6) return;
    seen.add(e);
    const { code, cause, errors, name } = e as { code?: unknown; cause?: unknown; errors?: unknown; name?: unknown };
    if (typeof code === 'string') codes.push(code);
    if (typeof name === 'string') codes.push(name);
    visit(cause, depth + 1);
    if (Array.isArray(errors)) for (const inner of errors) visit(inner, depth + 1);
  };
  visit(error, 0);
  return codes;
}

const TLS =
  /^(CERT_|ERR_TLS_|ERR_SSL_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT|HOSTNAME_MISMATCH|ERR_OSSL)/;
// zlib's codes, and brotli's (Node names them ERR_ + BROTLI_DECODER_ERROR_*, e.g. ERR__ERROR_FORMAT_PADDING_2).
const DECODING = /^(Z_DATA_ERROR|Z_BUF_ERROR|Z_NEED_DICT|ERR_BROTLI|ERR__ERROR_|ERR_ZSTD|ZlibError)/;
/** undici's HTTP parser: bad chunk framing or a body longer than its Content-Length. */
const FRAMING = /^(HPE_|HTTPParserError)/;

/**
 * The timeout until response headers: ConnectTimeout when the request never reached a connection (Node tells;
 * `sent === false`), else ReadTimeout (Requests' read timeout covers the wait for headers).
 */
export function noHeadersTimeout(
  request: PreparedRequest,
  timeout: number,
  sent: boolean | null = null,
): ReadTimeout | ConnectTimeout {
  if (sent === false) {
    return new ConnectTimeout(
      `Connection to ${new URL(request.url).host} timed out. (connect timeout=${timeout} ms): ${request.method} ${request.url}`,
      { request },
    );
  }
  // `timeout` is the connect setting: it runs until the response headers (the read setting guards the body).
  return new ReadTimeout(
    `Read timed out. (connect timeout=${timeout} ms): no response headers for ${request.method} ${request.url}`,
    { request },
  );
}

/** Maps a failure before the response headers to Requests' exception. */
export function mapSendError(error: unknown, request: PreparedRequest): unknown {
  if (error instanceof RequestException) return error;
  const codes = errorCodes(error);
  // A hand-built request can hold userinfo, which fetch refuses while quoting the URL: keep it out of both.
  const where = `${request.method} ${masked(request.url)}`;
  maskedCause(error, request.url);
  const detail = describeCause(error);
  if (codes.includes('UND_ERR_CONNECT_TIMEOUT') || codes.includes('ETIMEDOUT')) {
    return new ConnectTimeout(`Connection to ${new URL(request.url).host} timed out: ${where} (${detail})`, {
      request,
      cause: error,
    });
  }
  if (codes.some((c) => TLS.test(c))) return new SSLError(`SSL error: ${where} (${detail})`, { request, cause: error });
  if (codes.includes('ERR_INVALID_URL') || codes.includes('ERR_INVALID_HTTP_TOKEN')) {
    return new InvalidURL(`Invalid URL: ${where} (${detail})`, { request, cause: error });
  }
  // "fetch failed" (Node), "Failed to fetch" (Chromium, also for CORS), "Load failed" (Safari),
  // "NetworkError when attempting to fetch resource." (Firefox), and anything else.
  return new ConnectionError(`Connection failed: ${where} (${detail})`, { request, cause: error });
}

/** Maps a failure while reading a body: cut short → ChunkedEncodingError, undecodable → ContentDecodingError. */
export function mapReadError(error: unknown, request: PreparedRequest, signal?: AbortSignal): unknown {
  if (signal?.aborted && (error === signal.reason || (error as { name?: string })?.name === 'AbortError'))
    return signal.reason;
  if (error instanceof RequestException) return error;
  const codes = errorCodes(error);
  const detail = describeCause(error);
  if (
    codes.some((c) => DECODING.test(c)) ||
    /incorrect header check|invalid (block type|distance|stored block|code)|unexpected end of file|decompress/i.test(
      detail,
    )
  ) {
    return new ContentDecodingError(
      `Received response with content-encoding it could not decode: ${request.url} (${detail})`,
      { request, cause: error },
    );
  }
  const what = codes.some((c) => FRAMING.test(c))
    ? 'invalid body framing (chunked encoding)'
    : 'the body was cut short';
  return new ChunkedEncodingError(`Connection broken: ${what}: ${request.url} (${detail})`, { request, cause: error });
}
