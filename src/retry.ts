/**
 * urllib3's `Retry`, the configuration Requests programs mount with `HTTPAdapter(max_retries=Retry(...))`: how
 * many retries of each kind, on which methods and statuses, and how long to wait between them. Each attempt that
 * is retried makes a new Retry with its counts lowered (`increment`), so one Retry can be shared. The rules are
 * urllib3's (src/urllib3/util/retry.py), its defaults included:
 *
 *   - no status is retried unless it is in `statusForcelist` — or it is 413/429/503 with a Retry-After header;
 *   - a connection that could not be made is retried for any method, anything after the request went out (a read
 *     timeout, a broken connection) and any status only for `allowedMethods` (the idempotent ones);
 *   - no sleep before the first retry, then `backoffFactor × 2^(n-1)` seconds, at most `backoffMax`; a server's
 *     Retry-After (seconds or an HTTP date) wins when `respectRetryAfterHeader`.
 *
 * Durations are in seconds, as in urllib3, so that a port keeps its timing by renaming only:
 *
 *   new Retry({ total: 5, backoffFactor: 0.2, statusForcelist: [502, 503] })   // sleeps 0, 0.4, 0.8, 1.6 s
 */
import { InvalidHeader } from './exceptions';

export interface RetryOptions {
  /** Retries in all (default 10). `null`: no overall limit, only the others; `false`: none, errors raised as they are. */
  total?: number | false | null;
  /** Retries of a connection that could not be made (nothing reached the server). */
  connect?: number | false | null;
  /** Retries after the request went out: a read timeout, a connection broken before the headers. `false`: none. */
  read?: number | false | null;
  /** Redirects, as urllib3 counts them. The Session's loop follows redirects, never the transport: unused there. */
  redirect?: number | false | null;
  /** Retries of a status in `statusForcelist`. */
  status?: number | null;
  /** Retries of any other error. */
  other?: number | null;
  /** Methods that may be retried after the request went out (array or Set, upper case); `null`: any method. */
  allowedMethods?: Iterable<string> | null;
  /** Statuses that are retried (for an allowed method). Default: none. */
  statusForcelist?: Iterable<number> | null;
  /** Seconds: the sleep before retry n ≥ 2 is `backoffFactor × 2^(n-1)` (default 0: no sleep). */
  backoffFactor?: number;
  /** Seconds: the longest back-off (default 120). */
  backoffMax?: number;
  /** Seconds: a random extra of up to this much on each back-off (default 0). */
  backoffJitter?: number;
  /** When the status retries run out: raise RetryError (default) or return the last response. */
  raiseOnStatus?: boolean;
  raiseOnRedirect?: boolean;
  /** Sleep as long as a Retry-After header says, on 413, 429 and 503 (default true). */
  respectRetryAfterHeader?: boolean;
  /** Seconds: the longest Retry-After honoured (default 6 hours). */
  retryAfterMax?: number;
  /** What happened in the attempts so far (set by `increment`). */
  history?: readonly RequestHistory[];
}

/** One attempt that was retried. */
export interface RequestHistory {
  method: string | null;
  url: string | null;
  error: unknown;
  status: number | null;
  redirectLocation: string | null;
}

/** Retries have run out; `reason` is the last error, or a ResponseError message for a status. */
export class MaxRetryError extends Error {
  declare readonly reason: unknown;
  constructor(url: string | null, reason: unknown) {
    super(`Max retries exceeded with url: ${url ?? ''} (Caused by ${describe(reason)})`);
    this.name = 'MaxRetryError';
    this.reason = reason;
  }
}

/** urllib3's ResponseError: a status that is still there after the last retry. */
export class ResponseError extends Error {
  override name = 'ResponseError';
}

function describe(reason: unknown): string {
  if (reason instanceof ResponseError) return `ResponseError('${reason.message}')`;
  return reason instanceof Error ? `${reason.name}(${JSON.stringify(reason.message)})` : String(reason);
}

type Count = number | false | null;

/** A count as urllib3 takes it: a whole number, or null (no limit of its own), or false where that means "none". */
function count(name: string, value: unknown, falseAllowed = true): Count {
  if (value === undefined || value === null) return null;
  if (value === false && falseAllowed) return false;
  // Counts go below zero as retries are used up (`increment`): the exhausted Retry is made with them.
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  throw new TypeError(
    `Retry ${name} must be a whole number${falseAllowed ? ', false' : ''} or null, not ${String(value)}`,
  );
}

export class Retry {
  static readonly DEFAULT_ALLOWED_METHODS: ReadonlySet<string> = new Set([
    'HEAD',
    'GET',
    'PUT',
    'DELETE',
    'OPTIONS',
    'TRACE',
  ]);
  static readonly RETRY_AFTER_STATUS_CODES: ReadonlySet<number> = new Set([413, 429, 503]);
  static readonly DEFAULT_BACKOFF_MAX = 120;
  static readonly DEFAULT_RETRY_AFTER_MAX = 21600;

  readonly total: Count;
  readonly connect: Count;
  readonly read: Count;
  readonly redirect: Count;
  readonly status: number | null;
  readonly other: number | null;
  readonly allowedMethods: ReadonlySet<string> | null;
  readonly statusForcelist: ReadonlySet<number>;
  readonly backoffFactor: number;
  readonly backoffMax: number;
  readonly backoffJitter: number;
  readonly raiseOnStatus: boolean;
  readonly raiseOnRedirect: boolean;
  readonly respectRetryAfterHeader: boolean;
  readonly retryAfterMax: number;
  readonly history: readonly RequestHistory[];

  /** `new Retry(3)` is `new Retry({ total: 3 })`, as `Retry(3)` is in Python. */
  constructor(options: RetryOptions | number = {}) {
    const o = typeof options === 'number' ? { total: options } : options;
    this.total = count('total', o.total === undefined ? 10 : o.total);
    this.connect = count('connect', o.connect);
    this.read = count('read', o.read);
    this.status = count('status', o.status, false) as number | null;
    this.other = count('other', o.other, false) as number | null;
    let redirect = count('redirect', o.redirect);
    let raiseOnRedirect = o.raiseOnRedirect ?? true;
    if (redirect === false || this.total === false) {
      redirect = 0;
      raiseOnRedirect = false;
    }
    this.redirect = redirect;
    this.raiseOnRedirect = raiseOnRedirect;
    const methods = o.allowedMethods === undefined ? Retry.DEFAULT_ALLOWED_METHODS : o.allowedMethods;
    this.allowedMethods = methods === null ? null : new Set([...methods].map((m) => m.toUpperCase()));
    this.statusForcelist = new Set(o.statusForcelist ?? []);
    this.backoffFactor = o.backoffFactor ?? 0;
    this.backoffMax = o.backoffMax ?? Retry.DEFAULT_BACKOFF_MAX;
    this.backoffJitter = o.backoffJitter ?? 0;
    this.raiseOnStatus = o.raiseOnStatus ?? true;
    this.respectRetryAfterHeader = o.respectRetryAfterHeader ?? true;
    this.retryAfterMax = o.retryAfterMax ?? Retry.DEFAULT_RETRY_AFTER_MAX;
    this.history = o.history ?? [];
  }

  /** A copy with some settings changed. */
  new(changes: RetryOptions = {}): Retry {
    return new (this.constructor as typeof Retry)({ ...this.options(), ...changes });
  }

  /** The settings, as the constructor takes them. */
  options(): RetryOptions {
    return {
      total: this.total,
      connect: this.connect,
      read: this.read,
      redirect: this.redirect,
      status: this.status,
      other: this.other,
      allowedMethods: this.allowedMethods,
      statusForcelist: this.statusForcelist,
      backoffFactor: this.backoffFactor,
      backoffMax: this.backoffMax,
      backoffJitter: this.backoffJitter,
      raiseOnStatus: this.raiseOnStatus,
      raiseOnRedirect: this.raiseOnRedirect,
      respectRetryAfterHeader: this.respectRetryAfterHeader,
      retryAfterMax: this.retryAfterMax,
      history: this.history,
    };
  }

  /**
   * Requests' reading of `HTTPAdapter(max_retries=…)`: a Retry as it is, a number as `Retry(n)` with urllib3's
   * redirect rule, `null` as the default.
   */
  static fromInt(
    retries: Retry | number | false | null | undefined,
    { redirect = true, defaultRetry = null }: { redirect?: boolean; defaultRetry?: Retry | number | null } = {},
  ): Retry {
    const value = retries ?? defaultRetry ?? 3;
    if (value instanceof Retry) return value;
    return new Retry({ total: value, redirect: redirect ? null : false });
  }

  /** Whether this Retry can never retry anything (then no layer is needed to drive it). */
  get retriesNothing(): boolean {
    return this.total === false || this.total === 0;
  }

  /** Seconds to sleep before the next retry, from the errors in a row so far (none before the first retry). */
  getBackoffTime(): number {
    let consecutive = 0;
    for (let i = this.history.length - 1; i >= 0 && this.history[i]!.redirectLocation === null; i--) consecutive++;
    if (consecutive <= 1) return 0;
    let backoff = this.backoffFactor * 2 ** (consecutive - 1);
    if (this.backoffJitter !== 0) backoff += Math.random() * this.backoffJitter;
    return Math.max(0, Math.min(this.backoffMax, backoff));
  }

  /** Seconds from a Retry-After value (delay-seconds or an HTTP date); InvalidHeader when it is neither. */
  parseRetryAfter(value: string): number {
    let seconds: number;
    if (/^\s*[0-9]+\s*$/.test(value)) {
      seconds = Number.parseInt(value, 10);
    } else {
      const date = Date.parse(value);
      if (Number.isNaN(date)) throw new InvalidHeader(`Invalid Retry-After header: ${value}`);
      seconds = (date - Date.now()) / 1000;
    }
    return Math.min(Math.max(seconds, 0), this.retryAfterMax);
  }

  /** Seconds from a response's Retry-After header, or null when it has none (or one that cannot be read). */
  getRetryAfter(headers: Headers): number | null {
    const value = headers.get('retry-after');
    if (value === null) return null;
    try {
      return this.parseRetryAfter(value);
    } catch {
      return null; // a malformed header only loses its timing, as in ky
    }
  }

  /** Milliseconds to wait before the next attempt: the response's Retry-After when respected, else the back-off. */
  sleepTime(headers?: Headers): number {
    if (this.respectRetryAfterHeader && headers) {
      const after = this.getRetryAfter(headers);
      if (after) return after * 1000;
    }
    return this.getBackoffTime() * 1000;
  }

  isMethodRetryable(method: string): boolean {
    return !this.allowedMethods || this.allowedMethods.size === 0 || this.allowedMethods.has(method.toUpperCase());
  }

  /** Whether a response with this status is to be retried (before counting: `increment` decides if one is left). */
  isRetry(method: string, statusCode: number, hasRetryAfter = false): boolean {
    if (!this.isMethodRetryable(method)) return false;
    if (this.statusForcelist.size > 0 && this.statusForcelist.has(statusCode)) return true;
    return Boolean(
      this.total && this.respectRetryAfterHeader && hasRetryAfter && Retry.RETRY_AFTER_STATUS_CODES.has(statusCode),
    );
  }

  /** Whether a count has gone below zero (counts that are 0, false or null do not count, as in urllib3). */
  isExhausted(): boolean {
    const counts = [this.total, this.connect, this.read, this.redirect, this.status, this.other].filter(
      (x): x is number => typeof x === 'number' && x !== 0,
    );
    return counts.length > 0 && Math.min(...counts) < 0;
  }

  /**
   * The Retry after one more failed attempt: `error` (with `connectError` when nothing reached the server) or a
   * retried `response` status. Throws `error` itself when that kind may not be retried, and MaxRetryError when
   * the counts run out.
   */
  increment({
    method = null,
    url = null,
    status = null,
    error,
    connectError = false,
  }: {
    method?: string | null;
    url?: string | null;
    status?: number | null;
    error?: unknown;
    connectError?: boolean;
  }): Retry {
    const failed = error !== undefined;
    if (this.total === false && failed) throw error;
    const total = typeof this.total === 'number' ? this.total - 1 : this.total;
    let { connect, read, other, status: statusCount } = this;
    let cause = 'unknown';
    if (failed && connectError) {
      if (connect === false) throw error;
      if (typeof connect === 'number') connect -= 1;
    } else if (failed && isReadError(error)) {
      if (read === false || method === null || !this.isMethodRetryable(method)) throw error;
      if (typeof read === 'number') read -= 1;
    } else if (failed) {
      if (other !== null) other -= 1;
    } else {
      cause = 'too many error responses';
      if (status) {
        if (statusCount !== null) statusCount -= 1;
        cause = `too many ${status} error responses`;
      }
    }
    const history = [...this.history, { method, url, error, status: failed ? null : status, redirectLocation: null }];
    const next = this.new({ total, connect, read, status: statusCount, other, history });
    if (next.isExhausted()) throw new MaxRetryError(url, failed ? error : new ResponseError(cause));
    return next;
  }

  toString(): string {
    return `Retry(total=${this.total}, connect=${this.connect}, read=${this.read}, redirect=${this.redirect}, status=${this.status})`;
  }
}

/**
 * urllib3's read errors (`ReadTimeoutError`, `ProtocolError`): the request went out, so the server may have acted
 * on it — a read timeout, or a connection that broke (other than one that was never made, told apart by the caller).
 */
function isReadError(error: unknown): boolean {
  return error instanceof Error && /^(ReadTimeout|ConnectionError|ChunkedEncodingError)$/.test(error.name);
}
