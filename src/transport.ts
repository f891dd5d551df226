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
import type { PreparedRequest } from './request';

export interface RetryOptions {
  /** Retries after the first attempt. */
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

const DEFAULT_RETRY_METHODS = ['get', 'put', 'head', 'delete', 'options', 'trace'];
const DEFAULT_RETRY_STATUSES = [408, 413, 429, 500, 502, 503, 504];

/** Sends one request; resolves at the response headers. */
export async function send(request: PreparedRequest, options: SendOptions): Promise<globalThis.Response> {
  const { timeout = null, signal: userSignal } = options;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let timeoutError: ReadTimeout | undefined;
  let signal = userSignal;
  if (timeout !== null) {
    const controller = new AbortController();
    timer = setTimeout(() => {
      timeoutError = new ReadTimeout(`Read timed out. (read timeout=${timeout} ms): no response headers for ${request.method} ${request.url}`, { request });
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
    // A streamed body can be sent once only: it never goes through the retry path (which would tee it).
    if (options.retry && (options.retry.limit ?? 0) > 0 && !isStream) return await sendWithRetry(request, init, options.retry, options.fetch);
    // Called unbound: a browser's fetch throws "Illegal invocation" when `this` is another object.
    const fetchImpl = options.fetch;
    return await fetchImpl(request.url, init);
  } catch (error) {
    if (timeoutError) throw timeoutError;
    if (userSignal?.aborted) throw userSignal.reason;
    throw mapSendError(error, request);
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
}

async function sendWithRetry(
  request: PreparedRequest,
  init: RequestInit,
  retry: RetryOptions,
  fetchImpl: typeof globalThis.fetch,
): Promise<globalThis.Response> {
  const { default: ky, isHTTPError, isNetworkError } = await import('ky');
  const methods = (retry.methods ?? DEFAULT_RETRY_METHODS).map((m) => m.toLowerCase());
  const statusCodes = retry.statusCodes ?? DEFAULT_RETRY_STATUSES;
  const retryable = methods.includes(request.method.toLowerCase());
  try {
    return await ky(request.url, {
      ...init,
      fetch: fetchImpl,
      timeout: false,
      // ky only retries statuses it throws for; throw for exactly the retryable ones and return the rest.
      throwHttpErrors: (status: number) => retryable && statusCodes.includes(status),
      retry: {
        limit: retry.limit ?? 0,
        methods,
        statusCodes: [...statusCodes],
        ...(retry.afterStatusCodes && { afterStatusCodes: [...retry.afterStatusCodes] }),
        ...(retry.maxRetryAfter !== undefined && { maxRetryAfter: retry.maxRetryAfter }),
        ...(retry.backoffLimit !== undefined && { backoffLimit: retry.backoffLimit }),
        ...(retry.delay && { delay: retry.delay }),
        ...(retry.jitter !== undefined && { jitter: retry.jitter }),
        retryOnTimeout: false,
      },
    });
  } catch (error) {
    if (isHTTPError(error)) {
      const { status } = error.response;
      throw new RetryError(
        `Max retries exceeded with url: ${request.url} (Caused by ResponseError('too many ${status} error responses'))`,
        { request, cause: error },
      );
    }
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
const DECODING = /^(Z_DATA_ERROR|Z_BUF_ERROR|Z_NEED_DICT|ERR_BROTLI|ERR__ERROR_FORMAT_PADDING_1|ERR_ZSTD|ZlibError)/;

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
  return new ChunkedEncodingError(`Connection broken: the body was cut short: ${request.url} (${detail})`, { request, cause: error });
}
