/**
 * The retry path: sends through ky's retry machinery (back-off, Retry-After, method and status rules). The one
 * module that imports ky. transport.ts imports this module lazily, on the first request that sets `retry`, so
 * neither this code nor ky weighs on a bundle that never retries.
 */
import type { RetryError } from './exceptions';
import type { noHeadersTimeout } from './fetch-errors';
import type { ResolvedRetry } from './transport';
import type { PreparedRequest } from './request';

/**
 * What this module needs from the main bundle, handed over by transport.ts: a value imported from there would
 * make esbuild split the main bundle into a shared chunk (only types are imported).
 */
export interface RetryDeps {
  RetryError: typeof RetryError;
  noHeadersTimeout: typeof noHeadersTimeout;
}

/** urllib3's `Retry.DEFAULT_ALLOWED_METHODS` (ky's too, less QUERY). */
const DEFAULT_RETRY_METHODS = ['get', 'put', 'head', 'delete', 'options', 'trace'];
const DEFAULT_RETRY_STATUSES = [408, 413, 429, 500, 502, 503, 504];
/** urllib3's `RETRY_AFTER_STATUS_CODES`, ky's `afterStatusCodes`. */
const DEFAULT_RETRY_AFTER_STATUSES = [413, 429, 503];

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
export async function sendWithRetry(
  request: PreparedRequest,
  init: RequestInit,
  retry: ResolvedRetry,
  fetchImpl: typeof globalThis.fetch,
  timeout: number | null,
  { RetryError, noHeadersTimeout }: RetryDeps,
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
        retryable &&
        statusCodes.includes(status) &&
        (status !== 413 || (afterStatusCodes.includes(413) && !!last?.headers.has('retry-after'))),
      retry: {
        limit: retry.limit,
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
