/**
 * The one place that talks to the network: sends one PreparedRequest (never following redirects itself
 * unless told to, for browsers), applies the timeout until headers, and maps every fetch/ky failure to
 * Requests' exceptions (with fetch-errors.ts).
 *
 * Two paths, one behaviour. The default path calls fetch directly and pays for nothing it does not use: no
 * AbortSignal unless a timeout or a signal was asked for, no Request cloning, no option normalisation. When
 * `retry` is asked for, retry.ts (and through it ky) is loaded on demand and sends the request with ky's retry
 * machinery (back-off, Retry-After, method and status rules). Both paths share the same error mapping and
 * timeout handling, so the caller cannot tell them apart except by the retries.
 */
import { type ConnectTimeout, ReadTimeout, RequestException, RetryError } from './exceptions';
import { watchConnection } from './connect-phase';
import { mapSendError, noHeadersTimeout } from './fetch-errors';
import { loadOnce } from './lazy';
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
  /** The body's read timeout, if any (ms): the request is then watched so that the body's bytes can be timed. */
  readTimeout?: number | null;
  retry?: RetryOptions | null;
  credentials?: RequestCredentials | undefined;
}

/** An object without `limit` means ky's default. */
const DEFAULT_RETRY_LIMIT = 2;

export type ResolvedRetry = RetryOptions & { limit: number };

/** Sends one request; resolves at the response headers. */
export function send(request: PreparedRequest, options: SendOptions): Promise<globalThis.Response> {
  if (options.timeout != null || options.readTimeout != null || options.signal !== undefined || options.retry)
    return sendGuarded(request, options);
  // The default path: fetch and nothing else (no signal, timer, connection watch, closure or async frame).
  const fetchImpl = options.fetch; // called unbound, as below
  const failed = (error: unknown): never => {
    throw mapSendError(error, request);
  };
  try {
    // Promise.resolve: a custom fetch may return a thenable (a native promise passes through as is).
    return Promise.resolve(fetchImpl(request.url, fetchInit(request, options, undefined))).then(undefined, failed);
  } catch (error) {
    return Promise.reject(mapSendError(error, request)); // a fetch that throws instead of rejecting
  }
}

/** A request with a timeout, a signal or retries. */
async function sendGuarded(request: PreparedRequest, options: SendOptions): Promise<globalThis.Response> {
  const { timeout = null, signal: userSignal } = options;
  const retry = retryFor(request, options.retry);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let timeoutError: ReadTimeout | ConnectTimeout | undefined;
  let signal = userSignal;
  // Node can tell whether the request reached a connection: Requests' ConnectTimeout vs ReadTimeout.
  // Also for a read timeout alone: its body's clock comes from the same watch.
  const watch = timeout !== null || options.readTimeout != null ? watchConnection() : null;
  // With retries the timeout applies to each attempt: sendWithRetry hands it to ky.
  if (timeout !== null && retry === null) {
    const controller = new AbortController();
    timer = setTimeout(() => {
      timeoutError = noHeadersTimeout(request, timeout, watch?.sent() ?? null);
      controller.abort(timeoutError);
    }, timeout);
    // AbortSignal.any: Node ≥ 20.3 and browsers from 2024 on (the README says so where it lists what is needed).
    signal = userSignal ? AbortSignal.any([userSignal, controller.signal]) : controller.signal;
  }
  const init = fetchInit(request, options, signal);
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
    if (error instanceof ReadTimeout && timeout !== null && watch?.sent() === false)
      throw noHeadersTimeout(request, timeout, false);
    if (userSignal?.aborted) throw userSignal.reason;
    throw mapSendError(error, request);
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
}

/** When a response's body bytes arrive from the network (Node), so the read timeout measures silence on the wire. */
export { bodyClock } from './connect-phase';

function fetchInit(
  request: PreparedRequest,
  options: SendOptions,
  signal: AbortSignal | undefined,
): RequestInit & { duplex?: 'half' } {
  const init: RequestInit & { duplex?: 'half' } = {
    method: request.method,
    headers: request.headers,
    body: request.body,
    redirect: options.redirect,
  };
  if (signal) init.signal = signal;
  if (options.credentials) init.credentials = options.credentials;
  // A streamed body must say so (undici refuses it otherwise).
  if (request.body instanceof ReadableStream) init.duplex = 'half';
  return init;
}

/**
 * The retry settings to use for this request, with the limit resolved, or null: off, or a streamed body (sent
 * once only, never tee'd).
 */
function retryFor(request: PreparedRequest, retry: RetryOptions | null | undefined): ResolvedRetry | null {
  if (!retry) return null;
  const limit = retry.limit ?? DEFAULT_RETRY_LIMIT;
  if (!Number.isInteger(limit) || limit < 0) {
    throw new RequestException(`retry.limit must be a non-negative integer, not ${String(retry.limit)}`, { request });
  }
  if (limit === 0) return null;
  if (request.body instanceof ReadableStream) return null;
  return { ...retry, limit };
}

/** retry.ts (and through it ky): most requests never retry. */
const loadRetry = loadOnce(() => import('./retry'));

/** Sends through retry.ts and ky, loaded on the first retrying request. */
async function sendWithRetry(
  request: PreparedRequest,
  init: RequestInit,
  retry: ResolvedRetry,
  fetchImpl: typeof globalThis.fetch,
  timeout: number | null,
): Promise<globalThis.Response> {
  const { sendWithRetry } = await loadRetry();
  // Handed over rather than imported by retry.ts: an import back into this graph would make esbuild move it
  // into a shared chunk, costing more than the lazy chunk saves.
  return sendWithRetry(request, init, retry, fetchImpl, timeout, { RetryError, noHeadersTimeout });
}

// response.ts maps body-read failures with the same module.
export { mapReadError } from './fetch-errors';
