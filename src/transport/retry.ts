/**
 * The retry layer: urllib3's retry loop (`connectionpool.urlopen`) with Retry's rules (src/retry.ts) deciding
 * what is retried and how long to wait, and ky running the attempts and the sleeps between them.
 *
 * The first attempt goes straight to the next layer; only when Retry says it is to be retried is ky loaded,
 * and it takes over with that outcome as its own first attempt (`retryingFromFirstOutcome`: a Session with
 * retries that never retries pays for nothing, and neither does a bundle that never retries).
 *
 * What comes out is what would without retries: the last response, or the last error. A retried status that
 * outlasts its retries is StatusRetriesExhausted, which the adapter turns into RetryError with the response —
 * or the response itself with `raiseOnStatus: false`. A ReadableStream body is sent once only, never retried.
 */
import { ChunkedEncodingError, ConnectionError, Timeout } from '../exceptions';
import { loadOnce } from '../lazy';
import { MaxRetryError, type Retry } from '../retry';
import { isConnectError } from './errors';
import type { Exchange, Layer, Send } from './layer';

type Outcome = { response: globalThis.Response; error?: undefined } | { error: unknown; response?: undefined };

/** A status that was retried until the retries ran out, with `raiseOnStatus`. */
export class StatusRetriesExhausted extends Error {
  declare readonly response: globalThis.Response;
  constructor(response: globalThis.Response, cause: MaxRetryError) {
    super(cause.message, { cause });
    this.response = response;
  }
}

const loadKy = loadOnce(() => import('ky'));

export function retries(retry: Retry): Layer {
  return (next) => async (exchange) => {
    if (exchange.request.body instanceof ReadableStream) return next(exchange);
    const loop = new RetryLoop(retry, exchange);
    const first = await attempt(next, exchange);
    if (!loop.retryDue(first)) return loop.settle(first);
    return retryingFromFirstOutcome(loop, first, next, exchange);
  };
}

async function attempt(next: Send, exchange: Exchange): Promise<Outcome> {
  try {
    return { response: await next(exchange) };
  } catch (error) {
    return { error };
  }
}

/** Retry's state across the attempts of one request. */
class RetryLoop {
  #retry: Retry;
  readonly #method: string;
  readonly #url: string;
  /** Milliseconds to wait before the next attempt. */
  delay = 0;
  /** Set when the retries of a status ran out. */
  #exhausted: MaxRetryError | null = null;

  constructor(retry: Retry, { request }: Exchange) {
    this.#retry = retry;
    this.#method = request.method;
    this.#url = request.pathUrl;
  }

  /** Whether this outcome is retried; if so, Retry counts it and says how long to wait. */
  retryDue(outcome: Outcome): boolean {
    const method = this.#method;
    const url = this.#url;
    try {
      if (outcome.response) {
        const { status, headers } = outcome.response;
        if (!this.#retry.isRetry(method, status, headers.has('retry-after'))) return false;
        this.#retry = this.#retry.increment({ method, url, status });
        this.delay = this.#retry.sleepTime(headers);
        return true;
      }
      const { error } = outcome;
      // Only what can go wrong on the way is retried; a bad input or a bug fails at once.
      if (!(error instanceof ConnectionError || error instanceof Timeout || error instanceof ChunkedEncodingError)) {
        return false;
      }
      this.#retry = this.#retry.increment({ method, url, error, connectError: isConnectError(error) });
      this.delay = this.#retry.sleepTime();
      return true;
    } catch (error) {
      if (error instanceof MaxRetryError && outcome.response) this.#exhausted = error;
      return false; // the error itself may not be retried, or the retries ran out
    }
  }

  /** The outcome of the last attempt, as the caller gets it. */
  settle(outcome: Outcome): globalThis.Response {
    if (!outcome.response) throw outcome.error;
    if (this.#exhausted && this.#retry.raiseOnStatus)
      throw new StatusRetriesExhausted(outcome.response, this.#exhausted);
    return outcome.response;
  }
}

/** ky runs the retries: its first attempt is the outcome already in hand, each later one goes to `next`. */
async function retryingFromFirstOutcome(
  loop: RetryLoop,
  first: Outcome,
  next: Send,
  exchange: Exchange,
): Promise<globalThis.Response> {
  const { default: ky } = await loadKy();
  let pending: Outcome | null = first;
  let last = first;
  let due = true;
  const signal = exchange.options.signal;
  try {
    await ky(exchange.request.url, {
      method: exchange.request.method,
      // ky's own Request is not sent: each attempt goes down the layers as the first one did.
      fetch: async () => {
        last = pending ?? (await attempt(next, exchange));
        if (pending) pending = null;
        else due = loop.retryDue(last);
        if (!last.response) throw last.error;
        return last.response;
      },
      ...(signal && { signal }),
      timeout: false,
      // A response is an error to ky exactly when Retry wants it retried.
      throwHttpErrors: () => due,
      retry: {
        limit: Number.MAX_SAFE_INTEGER,
        methods: [exchange.request.method.toLowerCase()],
        shouldRetry: () => due,
        delay: () => loop.delay,
        backoffLimit: Number.POSITIVE_INFINITY,
      },
    });
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    if (last.response || error !== last.error) throw error;
  }
  return loop.settle(last);
}
