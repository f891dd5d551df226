/**
 * The one place that talks to the network: sends one PreparedRequest (never following redirects itself
 * unless told to, for browsers), applies the timeout until headers, and maps every fetch/ky failure to
 * Requests' exceptions.
 *
 * Two paths, one behaviour. The default path calls fetch directly and pays for nothing it does not use: no
 * AbortSignal unless a timeout or a signal was asked for, no Request cloning, no option normalisation. When
 * `retry` is asked for, ky is loaded on demand and sends the request with its retry machinery (back-off,
 * Retry-After, method and status rules). Both paths share the same error mapping and timeout handling, so the
 * caller cannot tell them apart except by the retries.
 */
import {
  ChunkedEncodingError,
  ConnectionError,
  ConnectTimeout,
  ContentDecodingError,
  InvalidURL,
  ReadTimeout,
  RequestException,
  RetryError,
  SSLError,
} from './exceptions';
import { watchConnection } from './connect-phase';
import type { PreparedRequest } from './request';

export interface RetryOptions {
  /** Retries after the first attempt (default 2 when `retry` is an object without it). */
  limit?: number;
  /** Methods that may be retried (lower or upper case). Default: Requests' idempotent methods. */
  methods?: readonly string[];
  /** Statuses that trigger a retry. Default: ky's 408, 413, 429, 500, 502, 503, 504. */
  statusCodes?: readonly number[];
  /** Statuses whose Retry-After header sets the delay. Default: 413, 429, 503. */
  afterStatusCodes?: readonly number[];
  /** Cap (ms) on a server-given Retry-After. */
  maxRetryAfter?: number;
  /** Cap (ms) on the exponential back-off. */
  backoffLimit?: number;
  /** Delay (ms) before retry number `attempt` (1-based). Default `0.3 * 2 ** (attempt - 1) * 1000`. */
  delay?: (attempt: number) => number;
  /** Randomise delays (full jitter), or a function of the computed delay. */
  jitter?: boolean | ((delay: number) => number);
  /** Retry an attempt that got no response headers within `timeout` (default true, as urllib3 retries read errors). */
  retryOnTimeout?: boolean;
}

export interface SendOptions {
  fetch: typeof globalThis.fetch;
  redirect: RequestRedirect;
  /** The caller's signal. */
  signal?: AbortSignal | undefined;
  /** Milliseconds until the response headers; null for none. */
  timeout?: number | null;
  retry?: RetryOptions | null;
  credentials?: RequestCredentials | undefined;
}

/** An object without `limit` means ky's default. */
const DEFAULT_RETRY_LIMIT = 2;
/** urllib3's `Retry.DEFAULT_ALLOWED_METHODS` (ky's too, less QUERY). */
const DEFAULT_RETRY_METHODS = ['get', 'put', 'head', 'delete', 'options', 'trace'];
const DEFAULT_RETRY_STATUSES = [408, 413, 429, 500, 502, 503, 504];
/** urllib3's `RETRY_AFTER_STATUS_CODES`, ky's `afterStatusCodes`. */
const DEFAULT_RETRY_AFTER_STATUSES = [413, 429, 503];

/** Sends one request; resolves at the response headers. */
export async function send(request: PreparedRequest, options: SendOptions): Promise<globalThis.Response> {
  const { timeout = null, signal: userSignal } = options;
  const retry = retryFor(request, options.retry);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let timeoutError: ReadTimeout | ConnectTimeout | undefined;
  let signal = userSignal;
  // Node can tell whether the request reached a connection: Requests' ConnectTimeout vs ReadTimeout.
  const watch = timeout !== null ? watchConnection() : null;
  // With retries the timeout applies to each attempt: sendWithRetry hands it to ky.
  if (timeout !== null && retry === null) {
    const controller = new AbortController();
    timer = setTimeout(() => {
      timeoutError = noHeadersTimeout(request, timeout, watch?.sent() ?? null);
      controller.abort(timeoutError);
    }, timeout);
    signal = userSignal ? anySignal(userSignal, controller.signal) : controller.signal;
  }
  const init: RequestInit & { duplex?: 'half' } = {
    method: request.method,
    headers: request.headers,
    body: request.body,
    redirect: options.redirect,
  };
  if (signal) init.signal = signal;
  if (options.credentials) init.credentials = options.credentials;
  const isStream = typeof ReadableStream !== 'undefined' && request.body instanceof ReadableStream;
  if (isStream) init.duplex = 'half';
  try {
    const attempt = (): Promise<globalThis.Response> => {
      if (retry !== null) return sendWithRetry(request, init, retry, options.fetch, timeout);
      // Called unbound: a browser's fetch throws "Illegal invocation" when `this` is another object.
      const fetchImpl = options.fetch;
      return fetchImpl(request.url, init);
    };
    return await (watch ? watch.run(attempt) : attempt());
  } catch (error) {
    if (timeoutError) throw timeoutError;
    // ky's per-attempt timeout: the last attempt never reached a connection.
    if (error instanceof ReadTimeout && timeout !== null && watch?.sent() === false) throw noHeadersTimeout(request, timeout, false);
    if (userSignal?.aborted) throw userSignal.reason;
    throw mapSendError(error, request);
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
}

/** The retry settings to use for this request, or null: off, or a streamed body (sent once only, never tee'd). */
function retryFor(request: PreparedRequest, retry: RetryOptions | null | undefined): RetryOptions | null {
  if (!retry) return null;
  const limit = retry.limit ?? DEFAULT_RETRY_LIMIT;
  if (!Number.isInteger(limit) || limit < 0) {
    throw new RequestException(`retry.limit must be a non-negative integer, not ${String(retry.limit)}`, { request });
  }
  if (limit === 0) return null;
  if (typeof ReadableStream !== 'undefined' && request.body instanceof ReadableStream) return null;
  return retry;
}

/**
 * The timeout until response headers: ConnectTimeout when the request never reached a connection (Node tells;
 * `sent === false`), else ReadTimeout (Requests' read timeout covers the wait for headers).
 */
function noHeadersTimeout(request: PreparedRequest, timeout: number, sent: boolean | null = null): ReadTimeout | ConnectTimeout {
  if (sent === false) {
    return new ConnectTimeout(`Connection to ${new URL(request.url).host} timed out. (connect timeout=${timeout} ms): ${request.method} ${request.url}`, { request });
  }
  // `timeout` is the connect setting: it runs until the response headers (the read setting guards the body).
  return new ReadTimeout(`Read timed out. (connect timeout=${timeout} ms): no response headers for ${request.method} ${request.url}`, { request });
}

/** urllib3's connection pool name, as it opens Requests' MaxRetryError messages. */
function poolName(url: string): string {
  const { protocol, hostname, port } = new URL(url);
  const https = protocol === 'https:';
  const host = hostname.replace(/^\[(.*)\]$/, '$1');
  return `${https ? 'HTTPS' : 'HTTP'}ConnectionPool(host='${host}', port=${port || (https ? 443 : 80)})`;
}

let kyModule: Promise<typeof import('ky')> | undefined;

/** ky, loaded on the first retrying request and kept: `import()` of a loaded module still costs ~5 µs a call. */
function loadKy(): Promise<typeof import('ky')> {
  kyModule ??= import('ky').catch((error: unknown) => {
    kyModule = undefined; // a failed load (a chunk that could not be fetched) is tried again next time
    throw error;
  });
  return kyModule;
}

/**
 * Sends through ky's retry: back-off, Retry-After (seconds or HTTP-date), method and status rules. The timeout
 * applies to each attempt. A retryable status that is still there after the last retry is RetryError, with
 * urllib3's message; a network error or timeout that outlasts the retries surfaces as it would without them.
 */
async function sendWithRetry(
  request: PreparedRequest,
  init: RequestInit,
  retry: RetryOptions,
  fetchImpl: typeof globalThis.fetch,
  timeout: number | null,
): Promise<globalThis.Response> {
  const { default: ky, isHTTPError, isNetworkError, isTimeoutError } = await loadKy();
  const methods = (retry.methods ?? DEFAULT_RETRY_METHODS).map((m) => m.toLowerCase());
  const statusCodes = retry.statusCodes ?? DEFAULT_RETRY_STATUSES;
  const afterStatusCodes = retry.afterStatusCodes ?? DEFAULT_RETRY_AFTER_STATUSES;
  const retryable = methods.includes(request.method.toLowerCase());
  let last: globalThis.Response | undefined;
  try {
    return await ky(request.url, {
      ...init,
      // Called unbound (ky would call it as a method of its options: "Illegal invocation" in browsers).
      fetch: async (input, options) => (last = await fetchImpl(input, options)),
      timeout: timeout ?? false,
      // ky retries only the statuses it throws for: throw for exactly those it will retry (a 413 only with
      // Retry-After, as ky and urllib3 do), and return every other response as fetch gave it.
      throwHttpErrors: (status: number) =>
        retryable && statusCodes.includes(status) && (status !== 413 || (afterStatusCodes.includes(413) && !!last?.headers.has('retry-after'))),
      retry: {
        limit: retry.limit ?? DEFAULT_RETRY_LIMIT,
        methods,
        statusCodes: [...statusCodes],
        afterStatusCodes: [...afterStatusCodes],
        ...(retry.maxRetryAfter !== undefined && { maxRetryAfter: retry.maxRetryAfter }),
        ...(retry.backoffLimit !== undefined && { backoffLimit: retry.backoffLimit }),
        ...(retry.delay && { delay: retry.delay }),
        ...(retry.jitter !== undefined && { jitter: retry.jitter }),
        retryOnTimeout: retry.retryOnTimeout ?? true,
      },
    });
  } catch (error) {
    if (isHTTPError(error)) {
      const { status } = error.response;
      throw new RetryError(
        `${poolName(request.url)}: Max retries exceeded with url: ${request.pathUrl} (Caused by ResponseError('too many ${status} error responses'))`,
        { request, cause: error },
      );
    }
    if (isTimeoutError(error) && timeout !== null) throw noHeadersTimeout(request, timeout);
    if (isNetworkError(error)) throw error.cause ?? error;
    throw error;
  }
}

function anySignal(a: AbortSignal, b: AbortSignal): AbortSignal {
  if (typeof AbortSignal.any === 'function') return AbortSignal.any([a, b]);
  const controller = new AbortController();
  const forward = (s: AbortSignal) => () => controller.abort(s.reason);
  if (a.aborted) controller.abort(a.reason);
  else if (b.aborted) controller.abort(b.reason);
  else {
    a.addEventListener('abort', forward(a), { once: true });
    b.addEventListener('abort', forward(b), { once: true });
  }
  return controller.signal;
}

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

function describe(error: unknown): string {
  const parts: string[] = [];
  for (let e = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const message = (e as Error).message ?? String(e);
    const code = (e as { code?: string }).code;
    parts.push(code && !message.includes(code) ? `${message} (${code})` : message);
  }
  return parts.join(': ');
}

const TLS = /^(CERT_|ERR_TLS_|ERR_SSL_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT|HOSTNAME_MISMATCH|ERR_OSSL)/;
// zlib's codes, and brotli's (Node names them ERR_ + BROTLI_DECODER_ERROR_*, e.g. ERR__ERROR_FORMAT_PADDING_2).
const DECODING = /^(Z_DATA_ERROR|Z_BUF_ERROR|Z_NEED_DICT|ERR_BROTLI|ERR__ERROR_|ERR_ZSTD|ZlibError)/;
/** undici's HTTP parser: bad chunk framing or a body longer than its Content-Length. */
const FRAMING = /^(HPE_|HTTPParserError)/;

/** Maps a failure before the response headers to Requests' exception. */
export function mapSendError(error: unknown, request: PreparedRequest): unknown {
  if (error instanceof RequestException) return error;
  const codes = errorCodes(error);
  const where = `${request.method} ${request.url}`;
  const detail = describe(error);
  if (codes.includes('UND_ERR_CONNECT_TIMEOUT') || codes.includes('ETIMEDOUT')) {
    return new ConnectTimeout(`Connection to ${new URL(request.url).host} timed out: ${where} (${detail})`, { request, cause: error });
  }
  if (codes.some((c) => TLS.test(c))) return new SSLError(`SSL error: ${where} (${detail})`, { request, cause: error });
  if (codes.includes('ERR_INVALID_URL') || codes.includes('ERR_INVALID_HTTP_TOKEN')) {
    return new InvalidURL(`Invalid URL: ${where} (${detail})`, { request, cause: error });
  }
  if (error instanceof TypeError || codes.length > 0) {
    // "fetch failed" (Node), "Failed to fetch" (Chromium, also for CORS), "Load failed" (Safari),
    // "NetworkError when attempting to fetch resource." (Firefox).
    return new ConnectionError(`Connection failed: ${where} (${detail})`, { request, cause: error });
  }
  return new ConnectionError(`Connection failed: ${where} (${detail})`, { request, cause: error });
}

/** Maps a failure while reading a body: cut short → ChunkedEncodingError, undecodable → ContentDecodingError. */
export function mapReadError(error: unknown, request: PreparedRequest, signal?: AbortSignal): unknown {
  if (signal?.aborted && (error === signal.reason || (error as { name?: string })?.name === 'AbortError')) return signal.reason;
  if (error instanceof RequestException) return error;
  const codes = errorCodes(error);
  const detail = describe(error);
  if (codes.some((c) => DECODING.test(c)) || /incorrect header check|invalid (block type|distance|stored block|code)|unexpected end of file|decompress/i.test(detail)) {
    return new ContentDecodingError(`Received response with content-encoding it could not decode: ${request.url} (${detail})`, { request, cause: error });
  }
  const what = codes.some((c) => FRAMING.test(c)) ? 'invalid body framing (chunked encoding)' : 'the body was cut short';
  return new ChunkedEncodingError(`Connection broken: ${what}: ${request.url} (${detail})`, { request, cause: error });
}
