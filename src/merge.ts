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
import { environSettings } from './environment';
import { headerEntries, type HeadersInput } from './headers';
import type { CassetteLayer, CertInput, Hook, HooksInput, RequestOptions, TimeoutInput, VerifyInput } from './options';
import { type EnvironProxies, NO_PROXIES, type Proxies, type ProxiesInput, proxiesRecord } from './proxies';
import type { DownloadProgress } from './response';
import { CaseInsensitiveDict, unwrapHeaders } from './structures';

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

/**
 * `merge_setting` for headers: the layers merged into a new CaseInsensitiveDict, later layers winning name by name
 * (case-insensitively); a `null`/`undefined` value in a later layer removes the header.
 */
export function mergeHeaders(...layers: (HeadersInput | null | undefined)[]): CaseInsensitiveDict {
  const merged = new CaseInsensitiveDict();
  const own = unwrapHeaders(merged); // the dict itself, not its bracket proxy: no trap per write
  for (const layer of layers) if (layer) mergeInto(own, layer);
  return merged;
}

/** Applies one header layer to `merged` in place, as `mergeHeaders` does. */
export function mergeInto(merged: CaseInsensitiveDict, layer: HeadersInput): void {
  const own = unwrapHeaders(merged);
  for (const [name, value] of headerEntries(layer)) own.set(name, value as string);
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
  /** Progress of the request body as it is sent, where the runtime can stream one. */
  readonly onUploadProgress: ((progress: DownloadProgress) => void) | undefined;
  /** This call's own cookies, for the host it was made to. */
  readonly cookies: RequestCookies | null;
  /** The explicit proxy map: the call's over the Session's (`merge_setting`); usually empty. */
  readonly proxies: Proxies;
  /** The Session's `trustEnv`. */
  readonly trustEnv: boolean;
  /** The environment's proxy variables, read once for the call when `trustEnv`; null when there are none. */
  readonly environProxies: EnvironProxies | null;
  /** TLS verification: true, false, or a CA bundle (a path or PEM text), `REQUESTS_CA_BUNDLE` included. */
  readonly verify: boolean | string;
  /** A client certificate: a PEM file holding both, or `[certPath, keyPath]`; null: none. */
  readonly cert: CertInput | null;
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
    onUploadProgress?: ((progress: DownloadProgress) => void) | undefined;
    cookies?: RequestCookies | null;
    proxies?: Proxies;
    trustEnv?: boolean;
    environProxies?: EnvironProxies | null;
    verify?: boolean | string;
    cert?: CertInput | null;
    cassette?: CassetteLayer | null;
  }) {
    this.allowRedirects = init.allowRedirects;
    this.stream = init.stream;
    this.timeout = init.timeout;
    this.signal = init.signal;
    this.credentials = init.credentials;
    this.fetch = init.fetch;
    this.onDownloadProgress = init.onDownloadProgress;
    this.onUploadProgress = init.onUploadProgress;
    this.cookies = init.cookies ?? null;
    this.proxies = init.proxies ?? NO_PROXIES;
    this.trustEnv = init.trustEnv ?? true;
    this.environProxies = init.environProxies ?? null;
    this.verify = init.verify ?? true;
    this.cert = init.cert ?? null;
    this.cassette = init.cassette ?? null;
  }

  /** These options for a redirect hop sent with another proxy map (`rebuildProxies`). */
  withProxies(proxies: Proxies): SendOptions {
    return proxies === this.proxies ? this : new SendOptions({ ...this, proxies });
  }
}

/** What a Session contributes to the send options. */
export interface SessionSendSettings {
  readonly stream: boolean;
  readonly timeout: TimeoutInput;
  readonly credentials: RequestCredentials | undefined;
  readonly fetch: typeof globalThis.fetch | undefined;
  readonly proxies: ProxiesInput | null;
  readonly trustEnv: boolean;
  readonly verify: VerifyInput;
  readonly cert: CertInput | null;
  readonly cassette: CassetteLayer | null;
}

/**
 * A call's send options over its Session's (`merge_setting`, the call winning), with every default filled in.
 * `url` is where the call goes: its own `cookies` are for that host only.
 *
 * Proxies and TLS as Requests' `merge_environment_settings`, with `trustEnv`: the environment's proxies come under
 * the explicit ones (kept apart, and chosen per hop: NO_PROXY is asked for each URL); `REQUESTS_CA_BUNDLE` or
 * `CURL_CA_BUNDLE` stands for `verify: true`. Unlike Requests, the Session's own `proxies` and `verify` also beat
 * the environment (psf/requests#2018, #3829).
 */
export function resolveSendOptions(call: RequestOptions, session: SessionSendSettings, url: string): SendOptions {
  const environ = session.trustEnv ? environSettings() : null;
  let verify = checkVerify(call.verify ?? session.verify);
  if (verify === true && environ?.caBundle) verify = environ.caBundle;
  return new SendOptions({
    allowRedirects: call.allowRedirects ?? true,
    stream: call.stream ?? session.stream,
    timeout: normalizeTimeout(call.timeout === undefined ? session.timeout : call.timeout),
    signal: call.signal,
    credentials: call.credentials ?? session.credentials,
    fetch: call.fetch ?? session.fetch ?? globalThis.fetch,
    onDownloadProgress: call.onDownloadProgress,
    onUploadProgress: call.onUploadProgress,
    cookies: callCookies(call.cookies, url),
    proxies:
      call.proxies === undefined && isEmptyMapping(session.proxies)
        ? NO_PROXIES
        : proxiesRecord(mergeSetting<ProxiesInput>(call.proxies, session.proxies)),
    trustEnv: session.trustEnv,
    environProxies: environ?.proxies ?? null,
    verify,
    cert: checkCert(call.cert ?? session.cert),
    // `null` on the call turns the Session's cassette off for it.
    cassette: call.cassette === undefined ? session.cassette : call.cassette,
  });
}

function isEmptyMapping(mapping: ProxiesInput | null): boolean {
  if (!mapping) return true;
  if (mapping instanceof Map) return mapping.size === 0;
  for (const _ in mapping) return false;
  return true;
}

function checkVerify(verify: unknown): boolean | string {
  if (typeof verify === 'boolean' || (typeof verify === 'string' && verify !== '')) return verify;
  throw new TypeError(`Invalid verify ${describeValue(verify)}: pass true, false, or a CA bundle (a path or PEM text)`);
}

function checkCert(cert: unknown): CertInput | null {
  if (cert === null || cert === undefined) return null;
  if (typeof cert === 'string' && cert !== '') return cert;
  if (Array.isArray(cert) && cert.length === 2 && cert.every((part) => typeof part === 'string' && part !== '')) {
    return cert as unknown as CertInput;
  }
  throw new TypeError(`Invalid cert ${describeValue(cert)}: pass a PEM path, or [certPath, keyPath]`);
}

function callCookies(cookies: CookiesInput | null | undefined, url: string): RequestCookies | null {
  if (!cookies) return null;
  const { size } = cookies as { size?: unknown };
  if ((typeof size === 'number' ? size : Object.keys(cookies).length) === 0) return null;
  return { host: new URL(url).hostname, cookies };
}
