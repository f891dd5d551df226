/**
 * Session: defaults merged under each request (Requests' `merge_setting`: the request wins key by key, `null`
 * removes), the cookie jar, and `send()` — the only place that loops: redirects, auth challenges, hooks.
 *
 *   const s = new Session({ headers: { 'X-Token': 't' }, retry: 2 });
 *   const r = await s.get('https://httpbin.org/cookies/set/a/1');   // r.url ends in /cookies, s.cookies has a
 */
import { normalizeAuth, type AuthBase, type AuthContext, type AuthInput } from './auth';
import { isPlainRecord } from './body';
import { attachCookies, RequestsCookieJar, storeCookies, type CookiesInput } from './cookies';
import { RequestException, TooManyRedirects, UnrewindableBodyError, URLRequired } from './exceptions';
import { mergeHeaders, mergeInto, type HeadersInput } from './headers';
import type { Hook, HooksInput, RequestOptions, SessionOptions, TimeoutInput } from './options';
import type { ParamsInput } from './params';
import { nextRequest, redirectTarget, shouldStripAuth } from './redirects';
import { type PreparedRequest, prepareRequest } from './request';
import { Response } from './response';
import { isBrowserRuntime } from './runtime';
import { send, type RetryOptions } from './transport';
import type { RequestCookies } from './cookies';
import { version } from './version';

interface Prepared {
  request: PreparedRequest;
  auth: AuthBase | null;
}

async function withAuth(request: PreparedRequest, auth: AuthBase): Promise<Prepared> {
  return { request: (await auth.call(request)) ?? request, auth };
}

interface Timeouts {
  connect: number | null;
  read: number | null;
}

/** Everything `send` needs besides the request, already merged. */
export interface SendSettings {
  auth?: AuthBase | null;
  allowRedirects?: boolean;
  stream?: boolean;
  timeout?: TimeoutInput;
  hooks?: readonly Hook[];
  signal?: AbortSignal | undefined;
  onDownloadProgress?: RequestOptions['onDownloadProgress'];
  credentials?: RequestCredentials | undefined;
  fetch?: typeof globalThis.fetch | undefined;
  /** Per-request cookies, sent only to this host. */
  requestCookies?: RequestCookies | null;
}

const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE']);

const NO_HOOKS: readonly Hook[] = Object.freeze([]);

const NO_TIMEOUTS: Timeouts = Object.freeze({ connect: null, read: null });

/** The options of a call or a Session given none: one shared object instead of a fresh `{}` each time. */
const NO_OPTIONS: RequestOptions & SessionOptions = Object.freeze({});

function normalizeTimeout(timeout: TimeoutInput | undefined): Timeouts {
  if (timeout === null || timeout === undefined) return NO_TIMEOUTS;
  const check = (value: number | null | undefined, which: string): number | null => {
    if (value === null || value === undefined) return null;
    if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value)) {
      throw new RequestException(
        `Attempted to set ${which} timeout to ${String(value)}, but the timeout must be a positive number of milliseconds`,
      );
    }
    return value;
  };
  if (typeof timeout === 'number') return { connect: check(timeout, 'connect'), read: check(timeout, 'read') };
  return { connect: check(timeout.connect, 'connect'), read: check(timeout.read, 'read') };
}

function hookList(hooks: HooksInput | null | undefined): Hook[] {
  const value = hooks?.response;
  if (!value) return [];
  return typeof value === 'function' ? [value] : [...value];
}

/**
 * Requests' `merge_hooks`: a request's response hooks replace the Session's (key by key, like every other
 * setting); an empty or absent list keeps the Session's. To add to them: `[...s.hooks.response, mine]`.
 */
function mergeHooks(request: readonly Hook[], session: readonly Hook[]): readonly Hook[] {
  return request.length > 0 ? request : session;
}

/** Requests' `merge_setting` for params: records merge key by key (null removes); anything else replaces. */
function mergeParams(
  session: ParamsInput | null | undefined,
  request: ParamsInput | null | undefined,
): ParamsInput | null | undefined {
  if (request === null || request === undefined) return session;
  if (session === null || session === undefined) return request;
  if (!isPlainRecord(session) || !isPlainRecord(request)) return request;
  const merged: Record<string, unknown> = { ...session, ...request };
  for (const key of Object.keys(merged)) if (merged[key] === null || merged[key] === undefined) delete merged[key];
  return merged as ParamsInput;
}

const USER_AGENT = `fetch-requests/${version}`;

/** A fresh Headers with the defaults (known valid: built without the checks, and without a merge). */
function defaultHeaders(): Headers {
  const headers = new Headers();
  headers.append('accept', '*/*');
  // A page cannot set its User-Agent (browsers ignore or refuse it).
  if (!isBrowserRuntime()) headers.append('user-agent', USER_AGENT);
  return headers;
}

export class Session {
  auth: AuthInput | null;
  params: ParamsInput | null;
  maxRedirects: number;
  timeout: TimeoutInput;
  retry: number | RetryOptions | null;
  stream: boolean;
  credentials: RequestCredentials | undefined;
  fetch: typeof globalThis.fetch | undefined;
  /** null: the defaults, untouched (made on first access; each request builds its own copy directly). */
  #headers: Headers | null;
  /** null: none yet (made on first access, so a throwaway Session allocates nothing for them). */
  #hooks: { response: Hook[] } | null;
  #cookies: RequestsCookieJar | null = null;
  #open: Set<Response> | null = null;

  constructor(options: SessionOptions = NO_OPTIONS) {
    this.#headers = options.headers ? mergeHeaders(defaultHeaders(), options.headers) : null;
    this.auth = options.auth ?? null;
    this.params = options.params ?? null;
    this.maxRedirects = options.maxRedirects ?? 30;
    this.timeout = options.timeout ?? null;
    this.retry = options.retry ?? null;
    this.#hooks = options.hooks ? { response: hookList(options.hooks) } : null;
    this.stream = options.stream ?? false;
    this.credentials = options.credentials;
    this.fetch = options.fetch;
    if (options.cookies) this.cookies = options.cookies;
  }

  /** Headers sent with every request (case-insensitive, mutable: `s.headers.set('X-Token', 't')`). */
  get headers(): Headers {
    this.#headers ??= defaultHeaders();
    return this.#headers;
  }

  set headers(value: HeadersInput) {
    this.#headers = mergeHeaders(value);
  }

  /**
   * Response hooks run for every response, redirect hops included (`s.hooks.response.push(fn)` works).
   * A request's own `hooks.response` replace these for that request, as Requests' `merge_hooks` does.
   */
  get hooks(): { response: Hook[] } {
    this.#hooks ??= { response: [] };
    return this.#hooks;
  }

  set hooks(value: HooksInput | null) {
    this.#hooks = { response: hookList(value) };
  }

  /** The cookie jar: kept across calls and redirects, domain-scoped (inert in browsers). */
  get cookies(): RequestsCookieJar {
    this.#cookies ??= new RequestsCookieJar();
    return this.#cookies;
  }

  set cookies(value: CookiesInput) {
    this.#cookies = value instanceof RequestsCookieJar ? value : new RequestsCookieJar(value);
  }

  get(url: string | URL, options?: RequestOptions): Promise<Response> {
    return this.request('GET', url, options);
  }

  options(url: string | URL, options?: RequestOptions): Promise<Response> {
    return this.request('OPTIONS', url, options);
  }

  /** `allowRedirects` defaults to false here only: `request('HEAD', …)` follows, as in Requests. */
  head(url: string | URL, options?: RequestOptions): Promise<Response> {
    return this.request('HEAD', url, { ...options, allowRedirects: options?.allowRedirects ?? false });
  }

  post(url: string | URL, options?: RequestOptions): Promise<Response> {
    return this.request('POST', url, options);
  }

  put(url: string | URL, options?: RequestOptions): Promise<Response> {
    return this.request('PUT', url, options);
  }

  patch(url: string | URL, options?: RequestOptions): Promise<Response> {
    return this.request('PATCH', url, options);
  }

  delete(url: string | URL, options?: RequestOptions): Promise<Response> {
    return this.request('DELETE', url, options);
  }

  /** Builds, sends and returns the response of a request, with this Session's settings merged under it. */
  request(method: string, url: string | URL, options: RequestOptions = NO_OPTIONS): Promise<Response> {
    // Not async: the common case (no async auth) goes straight to send without another promise and turn of the
    // microtask queue; a bad input still rejects rather than throws.
    try {
      const prepared = this.#prepare(method, url, options);
      return prepared instanceof Promise
        ? prepared.then((p) => this.#sendPrepared(p, options))
        : this.#sendPrepared(prepared, options);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  #sendPrepared({ request, auth }: Prepared, options: RequestOptions): Promise<Response> {
    return this.send(request, {
      // Only auth objects that answer challenges (Digest) stay involved after preparation.
      auth: auth?.handleResponse ? auth : null,
      allowRedirects: options.allowRedirects ?? true,
      stream: options.stream ?? this.stream,
      timeout: options.timeout === undefined ? this.timeout : options.timeout,
      hooks: options.hooks
        ? mergeHooks(hookList(options.hooks), this.#hooks?.response ?? NO_HOOKS)
        : (this.#hooks?.response ?? NO_HOOKS),
      signal: options.signal,
      onDownloadProgress: options.onDownloadProgress,
      credentials: options.credentials ?? this.credentials,
      fetch: options.fetch,
      requestCookies: requestCookies(options.cookies, request.url),
    });
  }

  /** Requests' `prepare_request`: the request with Session headers, params and auth merged in. */
  async prepareRequest(
    method: string,
    url: string | URL,
    options: RequestOptions = NO_OPTIONS,
  ): Promise<PreparedRequest> {
    return (await this.#prepare(method, url, options)).request;
  }

  /** Synchronous unless an auth has to run (it may be async): no promise for the common case. */
  #prepare(method: string, url: string | URL, options: RequestOptions): Prepared | Promise<Prepared> {
    if (url === undefined || url === null || url === '') throw new URLRequired('A URL is required to make a request');
    const { request, urlCredentials } = prepareRequest({
      method,
      url,
      params: mergeParams(this.params, options.params),
      headers: this.#headers ? mergeHeaders(this.#headers, options.headers) : withDefaults(options.headers),
      data: options.data,
      json: options.json,
      files: options.files,
    });
    const auth = normalizeAuth(options.auth ?? this.auth ?? urlCredentials);
    if (!auth) return { request, auth };
    return withAuth(request, auth);
  }

  /**
   * Sends a PreparedRequest: follows redirects (Requests' `resolve_redirects`), answers auth challenges, and runs
   * the response hooks on every response, hops included. Each response's `history` lists, oldest first, the
   * responses that led to it (redirects, and a Digest challenge that was answered).
   */
  send(request: PreparedRequest, settings: SendSettings = {}): Promise<Response> {
    const hooks = settings.hooks ?? this.hooks.response;
    // A page cannot see a redirect (`manual` yields an opaque response) and following it ourselves would send
    // the request twice: in a browser, the browser follows, and `history` stays empty.
    const mode: RequestRedirect = (settings.allowRedirects ?? true) && isBrowserRuntime() ? 'follow' : 'manual';
    let sent: Promise<Response>;
    try {
      sent = this.#sendOnce(request, settings, mode);
    } catch (error) {
      return Promise.reject(error); // a bad cookie or timeout: nothing was sent
    }
    // Not async: a final response (no hook, no challenge, no redirect: most of them) skips the loop's frame.
    return sent.then((response) =>
      hooks.length === 0 &&
      !settings.auth?.handleResponse &&
      !response.opaqueRedirect &&
      redirectTarget(response.statusCode, response.headers) === null
        ? response
        : this.#follow(request, response, settings, hooks, mode),
    );
  }

  /** The loop over hops, from the first response on: redirects, auth challenges, hooks. */
  async #follow(
    request: PreparedRequest,
    first: Response,
    settings: SendSettings,
    hooks: readonly Hook[],
    mode: RequestRedirect,
  ): Promise<Response> {
    const allowRedirects = settings.allowRedirects ?? true;
    let context: AuthContext | undefined; // made only for an auth that answers challenges
    let auth = settings.auth ?? null;
    let chain: Response[] = [];
    let current = request;
    for (let redirects = 0; ; redirects++) {
      let response = redirects === 0 ? first : await this.#sendOnce(current, settings, mode);
      if (response.opaqueRedirect && allowRedirects) response = await this.#followOpaque(response, settings);
      if (auth?.handleResponse)
        response = await auth.handleResponse(
          response,
          (context ??= { send: (next) => this.#sendOnce(next, settings, mode) }),
        );
      // Set before the hooks run, so that a hook can see how the response was reached.
      if (chain.length > 0) response.history = [...chain, ...response.history];
      for (const hook of hooks) response = (await hook(response)) ?? response;

      const location = redirectTarget(response.statusCode, response.headers);
      if (location === null || response.opaqueRedirect) return response;
      if (!allowRedirects) {
        response.next = followable(current, response, location);
        return response;
      }
      // Release the hop's connection; a broken hop body does not stop the chain (as in Requests).
      await response.read().catch(() => {});
      if (redirects >= this.maxRedirects)
        throw new TooManyRedirects(`Exceeded ${this.maxRedirects} redirects.`, { response });

      let next = nextRequest(current, response.statusCode, location);
      if (next.body instanceof ReadableStream) {
        throw new UnrewindableBodyError(
          'Unable to rewind request body for redirect: a ReadableStream can be sent once only',
          { request: next, response },
        );
      }
      // Credentials never follow a redirect to another host, scheme or port: neither headers nor challenges.
      // On the same origin an auth that answers challenges signs the new URL (Digest's uri is part of the hash).
      if (shouldStripAuth(current.url, next.url)) auth = null;
      else if (auth?.handleResponse) next = (await auth.call(next)) ?? next;
      chain = [...response.history, response];
      current = next;
    }
  }

  /** One request, one response: cookies in and out, the body read unless streaming. */
  #sendOnce(request: PreparedRequest, settings: SendSettings, redirect: RequestRedirect): Promise<Response> {
    // Throws for a bad cookie or timeout, before anything is sent: send() and the async loop make it a rejection.
    attachCookies(request, this.#cookies, settings.requestCookies ?? null);
    const timeouts = normalizeTimeout(settings.timeout === undefined ? this.timeout : settings.timeout);
    const started = performance.now();
    const sent = send(request, {
      fetch: settings.fetch ?? this.fetch ?? globalThis.fetch,
      redirect,
      signal: settings.signal,
      timeout: timeouts.connect,
      readTimeout: timeouts.read,
      retry: typeof this.retry === 'number' ? { limit: this.retry } : this.retry,
      credentials: settings.credentials ?? this.credentials,
    });
    return sent.then((raw) => {
      const response = new Response(raw, {
        request,
        elapsed: performance.now() - started,
        readTimeout: timeouts.read,
        signal: settings.signal,
        // Progress is the download's: a redirect hop that will be followed reports none.
        onDownloadProgress:
          settings.onDownloadProgress &&
          settings.allowRedirects !== false &&
          redirectTarget(raw.status, raw.headers) !== null
            ? undefined
            : settings.onDownloadProgress,
      });
      // The runtime followed (a browser told to, or a fetch that cannot do `manual`, like XHR-based polyfills).
      if (raw.redirected) {
        response.redirected = true;
        if (raw.url) response.url = withFragment(raw.url, request.url);
      }
      storeCookies(this, request.url, raw.headers);
      if (!(settings.stream ?? this.stream)) return response.read();
      this.#track(response);
      return response;
    });
  }

  #track(response: Response): void {
    this.#open ??= new Set();
    if (this.#open.size >= 64) for (const r of this.#open) if (r.bodyUsed) this.#open.delete(r);
    this.#open.add(response);
  }

  /**
   * A redirect the runtime would not show us (opaque: status 0, no Location), met where no browser was detected.
   * Only an idempotent request with a re-sendable body is sent again, with fetch following; anything else comes
   * back as that opaque response (`opaqueRedirect`, `isRedirect`), never sent twice.
   */
  async #followOpaque(response: Response, settings: SendSettings): Promise<Response> {
    const request = response.request;
    const body = request.body;
    if (!IDEMPOTENT.has(request.method) || body instanceof ReadableStream) return response;
    response.close();
    const followed = await this.#sendOnce(request.copy(), settings, 'follow');
    followed.redirected = true;
    return followed;
  }

  /**
   * Cancels the bodies of streamed responses this Session handed out and did not see read, freeing their
   * connections. Idle keep-alive sockets belong to the fetch's pool (Node's global dispatcher closes them after
   * its keep-alive timeout); to own them, pass a `fetch` bound to your own undici Agent and close that Agent.
   */
  close(): void {
    if (!this.#open) return;
    for (const response of this.#open) response.close();
    this.#open.clear();
  }
}

/** `Response.next` of a redirect not followed: the request following it would send, or null if it cannot be followed. */
function followable(request: PreparedRequest, response: Response, location: string): PreparedRequest | null {
  try {
    return nextRequest(request, response.statusCode, location);
  } catch (error) {
    if (error instanceof RequestException) return null; // a Location to ftp:, javascript:, or an unparseable one
    throw error;
  }
}

function withFragment(url: string, original: string): string {
  if (url.includes('#')) return url;
  const hash = original.indexOf('#');
  return hash === -1 ? url : url + original.slice(hash);
}

/** The Session's default headers under a request's own: the same result as merging them, without copying. */
function withDefaults(layer: HeadersInput | null | undefined): Headers {
  const headers = defaultHeaders();
  if (layer) mergeInto(headers, layer);
  return headers;
}

function requestCookies(cookies: CookiesInput | null | undefined, url: string): SendSettings['requestCookies'] {
  if (!cookies || (cookies instanceof RequestsCookieJar ? cookies.size : Object.keys(cookies).length) === 0)
    return null;
  return { host: new URL(url).hostname, cookies };
}
