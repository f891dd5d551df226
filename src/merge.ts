/**
 * Where a call's options meet its Session's settings, once: Requests' `merge_setting` and `merge_hooks`
 * (sessions.py), always as `merge(request, session)`, and `resolveSendOptions`, which turns them into the send
 * options every later step reads — the loop, the hooks, the adapter and its layers. Nothing downstream looks at
 * the Session's settings again.
 *
 *   mergeSetting({ a: '1', b: null }, { b: '2', c: '3' })   // { c: '3', a: '1' }: the request wins, null removes
 *   mergeSetting(5000, 1000)                                // 5000: not both mappings, the request's
 */
import type { CookiesInput, RequestCookies } from '#platform/cookies';
import { isPlainRecord } from './body';
import type { CassetteLayer, Hook, HooksInput, RequestOptions, TimeoutInput } from './options';
import type { DownloadProgress } from './response';

/** A mapping in Requests' sense: a plain object or a Map. */
function isMapping(value: unknown): value is Record<string, unknown> | Map<string, unknown> {
  return isPlainRecord(value) || value instanceof Map;
}

function entriesOf(mapping: Record<string, unknown> | Map<string, unknown>): Iterable<[string, unknown]> {
  return mapping instanceof Map ? mapping : Object.entries(mapping);
}

/**
 * Requests' `merge_setting`: the request's setting wins; when both are mappings they merge key by key, the
 * request's keys last, and a key the request sets to `null` (or `undefined`) is removed.
 */
export function mergeSetting<T>(request: T | null | undefined, session: T | null | undefined): T | null | undefined {
  if (session === null || session === undefined) return request;
  if (request === null || request === undefined) return session;
  if (!isMapping(session) || !isMapping(request)) return request;
  const merged: Record<string, unknown> = {};
  for (const [key, value] of entriesOf(session)) merged[key] = value;
  for (const [key, value] of entriesOf(request)) {
    delete merged[key]; // the request's keys come last, in its order
    merged[key] = value;
  }
  for (const key of Object.keys(merged)) if (merged[key] === null || merged[key] === undefined) delete merged[key];
  return merged as T;
}

/** A hooks setting as a list of response hooks. */
export function hookList(hooks: HooksInput | null | undefined): Hook[] {
  const value = hooks?.response;
  if (!value) return [];
  return typeof value === 'function' ? [value] : [...value];
}

/**
 * Requests' `merge_hooks`: a request's response hooks replace the Session's (key by key, like every other
 * setting); an empty or absent list keeps the Session's. To add to them: `[...s.hooks.response, mine]`.
 */
export function mergeHooks(request: HooksInput | null | undefined, session: readonly Hook[]): Hook[] {
  const own = hookList(request);
  return own.length > 0 ? own : [...session];
}

/** Requests' timeout pair, in milliseconds; null: no limit. */
export interface Timeouts {
  readonly connect: number | null;
  readonly read: number | null;
}

/**
 * The `timeout` option as a pair: a number sets both; `{ connect, read }` each. Anything else is a TypeError, and
 * a number that is not positive and finite a RangeError — before anything is sent.
 */
export function normalizeTimeout(timeout: TimeoutInput | undefined): Timeouts {
  if (timeout === null || timeout === undefined) return { connect: null, read: null };
  if (typeof timeout === 'number') return { connect: positive(timeout, 'connect'), read: positive(timeout, 'read') };
  if (isPlainRecord(timeout) && Object.keys(timeout).every((key) => key === 'connect' || key === 'read')) {
    return { connect: positive(timeout.connect, 'connect'), read: positive(timeout.read, 'read') };
  }
  throw new TypeError(
    `Invalid timeout ${describeValue(timeout)}: pass a number of milliseconds for both, or { connect, read }`,
  );
}

function positive(value: unknown, which: string): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'number') throw new TypeError(`Invalid ${which} timeout ${describeValue(value)}: not a number`);
  if (!(value > 0) || !Number.isFinite(value)) {
    throw new RangeError(`Invalid ${which} timeout ${value}: the timeout must be a positive number of milliseconds`);
  }
  return value;
}

function describeValue(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * The options of one send, resolved once from the call and its Session — what Requests passes `send()` and its
 * hooks as keyword arguments. Hooks receive it as their second argument.
 */
export class SendOptions {
  /** Follow redirects (a browser follows them itself). */
  readonly allowRedirects: boolean;
  /** false: the body is read before the response is returned. */
  readonly stream: boolean;
  readonly timeout: Timeouts;
  /** The caller's signal: aborting it rejects with its reason. */
  readonly signal: AbortSignal | undefined;
  /** Browsers: whether the browser sends its cookies. */
  readonly credentials: RequestCredentials | undefined;
  readonly fetch: typeof globalThis.fetch;
  readonly onDownloadProgress: ((progress: DownloadProgress) => void) | undefined;
  /** This call's own cookies, for the host it was made to. */
  readonly cookies: RequestCookies | null;
  /** Record and replay: the cassette whose layer sits right above fetch. */
  readonly cassette: CassetteLayer | null;

  constructor(init: {
    allowRedirects: boolean;
    stream: boolean;
    timeout: Timeouts;
    signal?: AbortSignal | undefined;
    credentials?: RequestCredentials | undefined;
    fetch: typeof globalThis.fetch;
    onDownloadProgress?: ((progress: DownloadProgress) => void) | undefined;
    cookies?: RequestCookies | null;
    cassette?: CassetteLayer | null;
  }) {
    this.allowRedirects = init.allowRedirects;
    this.stream = init.stream;
    this.timeout = init.timeout;
    this.signal = init.signal;
    this.credentials = init.credentials;
    this.fetch = init.fetch;
    this.onDownloadProgress = init.onDownloadProgress;
    this.cookies = init.cookies ?? null;
    this.cassette = init.cassette ?? null;
  }
}

/** What a Session contributes to the send options. */
export interface SessionSendSettings {
  readonly stream: boolean;
  readonly timeout: TimeoutInput;
  readonly credentials: RequestCredentials | undefined;
  readonly fetch: typeof globalThis.fetch | undefined;
  readonly cassette: CassetteLayer | null;
}

/**
 * A call's send options over its Session's (`merge_setting`, the call winning), with every default filled in.
 * `url` is where the call goes: its own `cookies` are for that host only.
 */
export function resolveSendOptions(call: RequestOptions, session: SessionSendSettings, url: string): SendOptions {
  return new SendOptions({
    allowRedirects: call.allowRedirects ?? true,
    stream: call.stream ?? session.stream,
    timeout: normalizeTimeout(call.timeout === undefined ? session.timeout : call.timeout),
    signal: call.signal,
    credentials: call.credentials ?? session.credentials,
    fetch: call.fetch ?? session.fetch ?? globalThis.fetch,
    onDownloadProgress: call.onDownloadProgress,
    cookies: callCookies(call.cookies, url),
    // `null` on the call turns the Session's cassette off for it.
    cassette: call.cassette === undefined ? session.cassette : call.cassette,
  });
}

function callCookies(cookies: CookiesInput | null | undefined, url: string): RequestCookies | null {
  if (!cookies) return null;
  const { size } = cookies as { size?: unknown };
  if ((typeof size === 'number' ? size : Object.keys(cookies).length) === 0) return null;
  return { host: new URL(url).hostname, cookies };
}
