/**
 * Session: settings kept across requests, the cookie jar, the mounted adapters, and `send()` — the one loop,
 * Requests' `Session.send` with its `SessionRedirectMixin` steps as methods a subclass can override:
 * `getRedirectTarget`, `shouldStripAuth`, `rebuildMethod`, `rebuildAuth`, `rebuildProxies`, and `resolveRedirects`.
 *
 *   request ─► prepareRequest ─► send: exchange (cookies, adapter, challenge, hooks) ─► resolveRedirects ─► …
 *
 *   const s = new Session({ headers: { 'X-Token': 't' }, retry: 2 });
 *   const r = await s.get('https://httpbin.org/cookies/set/a/1');   // r.url ends in /cookies; s.cookies has a
 */
import { attachCookies, RequestsCookieJar, storeCookies, type CookiesInput } from '#platform/cookies';
import { type BaseAdapter, HTTPAdapter } from './adapters';
import { normalizeAuth, type AuthInput } from './auth';
import { InvalidSchema, RequestException, TooManyRedirects, UnrewindableBodyError, URLRequired } from './exceptions';
import { environSettings } from './environment';
import type { HeadersInput } from './headers';
import { hookList, mergeHeaders, mergeHooks, mergeInto, mergeSetting, resolveSendOptions, SendOptions } from './merge';
import type {
  CassetteLayer,
  CertInput,
  Hook,
  HooksInput,
  RequestOptions,
  SessionOptions,
  TimeoutInput,
  VerifyInput,
} from './options';
import type { ParamsInput } from './params';
import { parseProxy, type Proxies, type ProxiesInput, proxyUrlFor, resolveProxies } from './proxies';
import { redirectMethod, redirectTarget, resolveLocation, shouldStripAuth } from './redirects';
import { PreparedRequest, prepareRequest } from './request';
import type { Response } from './response';
import { Retry } from './retry';
import { isBrowserRuntime } from './runtime';
import type { CaseInsensitiveDict } from './structures';
import { masked } from './url';
import { version } from './version';

const USER_AGENT = `fetch-requests/${version}`;

/**
 * Requests' `default_headers()`, less what the runtime owns (Accept-Encoding, Connection); a page cannot set its
 * User-Agent (browsers ignore or refuse it).
 */
function defaultHeaders(): CaseInsensitiveDict {
  return mergeHeaders({ 'User-Agent': isBrowserRuntime() ? null : USER_AGENT, Accept: '*/*' });
}

/**
 * A redirect hop `resolveRedirects` hands to `send`: the settings its exchange runs with (the call's, following
 * redirects, with the hop's proxies) and the responses that led to it. Keyed by the hop's SendOptions, which say
 * `allowRedirects: false` to `send` (and to a subclass that overrides it), as Requests' resolve_redirects passes.
 */
const hops = new WeakMap<SendOptions, { settings: SendOptions; chain: Response[] }>();

export class Session {
  /** Used when a request has no `auth` of its own; beats credentials in the URL. */
  auth: AuthInput | null;
  /** Merged under each request's params (`merge_setting`): `s.params.lang = 'en'`. */
  params: ParamsInput;
  maxRedirects: number;
  timeout: TimeoutInput;
  stream: boolean;
  credentials: RequestCredentials | undefined;
  fetch: typeof globalThis.fetch | undefined;
  /** Requests' `proxies`: `s.proxies = { https: 'http://proxy:3128' }`; each call's own merge over it key by key. */
  proxies: ProxiesInput;
  /** TLS verification for every request: true (default), false, or a CA bundle (a path or PEM text). */
  verify: VerifyInput;
  /** A client certificate for every request: a PEM path holding both, or `[certPath, keyPath]`. */
  cert: CertInput | null;
  /** Requests' `trust_env`: take proxies and a CA bundle from the environment (default true). */
  trustEnv: boolean;
  /** Record and replay: a Cassette from fetch-requests/cassette, or null. */
  cassette: CassetteLayer | null;
  /** URL prefix → adapter, longest prefix first (`mount`). */
  adapters = new Map<string, BaseAdapter>();
  #headers: CaseInsensitiveDict | null = null;
  #hooks: { response: Hook[] } | null = null;
  #cookies: RequestsCookieJar | null = null;
  /** Streamed responses handed out and perhaps never read: `close()` frees them. */
  #open: Set<Response> | null = null;

  constructor(options: SessionOptions = {}) {
    if (options.headers) this.headers = mergeHeaders(defaultHeaders(), options.headers);
    this.auth = options.auth ?? null;
    this.params = options.params ?? {};
    this.maxRedirects = options.maxRedirects ?? 30;
    this.timeout = options.timeout ?? null;
    this.stream = options.stream ?? false;
    this.credentials = options.credentials;
    this.fetch = options.fetch;
    this.proxies = options.proxies ?? {};
    this.verify = options.verify ?? true;
    this.cert = options.cert ?? null;
    this.trustEnv = options.trustEnv ?? true;
    this.cassette = options.cassette ?? null;
    if (options.hooks) this.hooks = options.hooks;
    if (options.cookies) this.cookies = options.cookies;
    // `retry` is the shorthand for an HTTPAdapter with those retries on every prefix.
    const maxRetries = retrySetting(options.retry);
    this.mount('https://', new HTTPAdapter({ maxRetries }));
    this.mount('http://', new HTTPAdapter({ maxRetries }));
  }

  /** Headers sent with every request: a case-insensitive dict (`s.headers['X-Token'] = t`, or `.set`). */
  get headers(): CaseInsensitiveDict {
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

  /** Requests' `mount`: the adapter for URLs starting with `prefix`; longer prefixes are tried first. */
  mount(prefix: string, adapter: BaseAdapter): void {
    this.adapters.set(prefix, adapter);
    const shorter = [...this.adapters.keys()].filter((key) => key.length < prefix.length);
    for (const key of shorter) {
      const moved = this.adapters.get(key)!;
      this.adapters.delete(key);
      this.adapters.set(key, moved);
    }
  }

  /** Requests' `get_adapter`: the adapter of the longest prefix of `url` (case-insensitive). */
  getAdapter(url: string): BaseAdapter {
    const lower = url.toLowerCase();
    for (const [prefix, adapter] of this.adapters) if (lower.startsWith(prefix.toLowerCase())) return adapter;
    throw new InvalidSchema(`No connection adapters were found for ${JSON.stringify(masked(url))}`);
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
  async request(method: string, url: string | URL, options: RequestOptions = {}): Promise<Response> {
    const request = await this.prepareRequest(method, url, options);
    return this.send(request, resolveSendOptions(options, this, request.url));
  }

  /**
   * Requests' `prepare_request`: the request with the Session's headers, params, hooks and auth merged under its
   * own, and the auth applied. Cookies are added when it is sent, for each hop's URL.
   */
  async prepareRequest(method: string, url: string | URL, options: RequestOptions = {}): Promise<PreparedRequest> {
    if (url === undefined || url === null || url === '') throw new URLRequired('A URL is required to make a request');
    const { request, urlCredentials } = prepareRequest({
      method,
      url,
      params: mergeSetting(options.params, this.params),
      headers: this.#requestHeaders(options.headers),
      data: options.data,
      json: options.json,
      files: options.files,
    });
    request.hooks.response = mergeHooks(options.hooks, this.#hooks?.response ?? []);
    const auth = normalizeAuth(options.auth ?? this.auth ?? urlCredentials);
    if (!auth) return request;
    const authed = (await auth.call(request)) ?? request;
    authed.auth = auth;
    return authed;
  }

  /**
   * Requests' `Session.send`: sends a PreparedRequest and follows its redirects (`resolveRedirects`). Each
   * response's `history` lists, oldest first, the responses that led to it: redirects, and a challenge its auth
   * answered. `options` are a call's options, as `request` takes them.
   */
  async send(request: PreparedRequest, options: RequestOptions | SendOptions = {}): Promise<Response> {
    if (!(request instanceof PreparedRequest)) throw new TypeError('You can only send PreparedRequests.');
    const settings = options instanceof SendOptions ? options : resolveSendOptions(options, this, request.url);
    const hop = hops.get(settings as SendOptions);
    if (hop) return this.#exchange(request, hop.settings, hop.chain); // resolveRedirects follows on from it
    let response = await this.#exchange(request, settings, []);
    if (!settings.allowRedirects) {
      response.next = await this.#redirectNotFollowed(response, request, settings);
      return response;
    }
    for await (const hop of this.resolveRedirects(response, request, settings)) response = hop;
    return response;
  }

  /**
   * Requests' `resolve_redirects`: follows the redirects of `response`, yielding each response it gets. Each
   * hop's body is read to free its connection (one that cannot be read or decoded does not stop the chain);
   * more than `maxRedirects` hops is TooManyRedirects.
   */
  async *resolveRedirects(
    response: Response,
    request: PreparedRequest,
    options: RequestOptions | SendOptions = {},
  ): AsyncGenerator<Response> {
    const settings = options instanceof SendOptions ? options : resolveSendOptions(options, this, request.url);
    let location = this.getRedirectTarget(response);
    for (let followed = 0; location !== null; followed++) {
      await response.read().catch(() => {});
      if (followed >= this.maxRedirects) {
        throw new TooManyRedirects(`Exceeded ${this.maxRedirects} redirects.`, { response });
      }
      const [next, proxies] = await this.#redirectRequest(response, request, location, settings);
      if (next.body instanceof ReadableStream) {
        throw new UnrewindableBodyError(
          'Unable to rewind request body for redirect: a ReadableStream can be sent once only',
          {
            request: next,
            response,
          },
        );
      }
      // Sent through this.send, as Requests' resolve_redirects calls self.send(..., allow_redirects=False).
      const chain = [...response.history, response];
      const hopSettings = settings.withProxies(proxies);
      const hop = new SendOptions({ ...hopSettings, allowRedirects: false });
      hops.set(hop, { settings: hopSettings, chain });
      response = await this.send(next, hop);
      if (response.history.length === 0) response.history = chain; // a send that an override answered
      request = next;
      location = this.getRedirectTarget(response);
      yield response;
    }
  }

  /** Requests' `get_redirect_target`: the Location of a redirect response (raw UTF-8 decoded), or null. */
  getRedirectTarget(response: Response): string | null {
    return redirectTarget(response.statusCode, response.headers);
  }

  /** Requests' `should_strip_auth`: whether credentials must not follow a redirect from `oldUrl` to `newUrl`. */
  shouldStripAuth(oldUrl: string, newUrl: string): boolean {
    return shouldStripAuth(oldUrl, newUrl);
  }

  /** Requests' `rebuild_method`: 303 → GET (but HEAD), 302 → GET (but HEAD), 301 turns POST into GET. */
  rebuildMethod(request: PreparedRequest, response: Response): void {
    request.method = redirectMethod(request.method, response.statusCode);
  }

  /**
   * Requests' `rebuild_auth`: on a redirect that leaves the host, port or scheme, the credentials go — the
   * Authorization and Proxy-Authorization headers, and the auth that would answer a challenge. On the same
   * origin an auth that signs each request (Digest: the URI is hashed) signs the new one.
   */
  async rebuildAuth(request: PreparedRequest, response: Response): Promise<void> {
    if (this.shouldStripAuth(response.request.url, request.url)) {
      request.headers.delete('Authorization');
      request.headers.delete('Proxy-Authorization');
      request.auth = null;
    } else if (request.auth?.handleResponse) {
      await request.auth.call(request); // signs in place: Digest hashes the new URI
    }
  }

  /**
   * Requests' `rebuild_proxies`: the proxy map a redirect hop is sent with — `proxies` (the call's explicit map)
   * with the environment's proxy for the new URL when `trustEnv` and NO_PROXY allow — and the hop's
   * Proxy-Authorization rebuilt from `user:pass@` in its proxy URL: set for a plain-http hop, removed for an https
   * one (those credentials go in the CONNECT only, never inside the tunnel). Runs after `rebuildAuth`, which drops
   * any Proxy-Authorization when the redirect leaves the origin.
   */
  rebuildProxies(request: PreparedRequest, proxies: Proxies): Proxies {
    const environ = this.trustEnv ? environSettings().proxies : null;
    const resolved = resolveProxies(request.url, proxies, environ);
    const proxy = proxyUrlFor(request.url, resolved, null);
    const authorization = proxy === null ? null : parseProxy(proxy).authorization;
    if (authorization === null) return resolved;
    if (request.url.startsWith('http:')) request.headers.set('Proxy-Authorization', authorization);
    else request.headers.delete('Proxy-Authorization');
    return resolved;
  }

  /**
   * Cancels the bodies of streamed responses this Session handed out and did not see read, freeing their
   * connections, and closes the adapters — with them the connection pools that `proxies`, `verify` and `cert`
   * opened (undici dispatchers, closed once their requests end). Other idle keep-alive sockets belong to the
   * runtime fetch's own pool (Node's global dispatcher closes them after its keep-alive timeout).
   */
  close(): void {
    for (const adapter of this.adapters.values()) adapter.close();
    if (!this.#open) return;
    for (const response of this.#open) response.close();
    this.#open.clear();
  }

  /**
   * The Session's headers (checked when they were set), copied, with the request's own merged over them. A Session
   * whose headers were never touched sends the defaults, made for the request rather than copied.
   */
  #requestHeaders(own: HeadersInput | null | undefined): CaseInsensitiveDict {
    const headers = this.#headers ? this.#headers.copy() : defaultHeaders();
    if (own) mergeInto(headers, own);
    return headers;
  }

  /**
   * One request and its response: the cookies that belong to it, the adapter, the challenge its auth answers,
   * the body read (unless streaming), the hooks. The only place `history` is written: `chain` are the responses
   * that led here.
   */
  async #exchange(request: PreparedRequest, options: SendOptions, chain: Response[]): Promise<Response> {
    let response = await this.#transmit(request, options);
    const answer = request.auth?.handleResponse ? await request.auth.handleResponse(response) : null;
    if (answer) {
      await response.read().catch(() => {}); // frees the challenge's connection
      answer.headers.delete('Cookie'); // rebuilt from the jar, which now holds what the challenge set
      chain = [...chain, ...response.history, response];
      response = await this.#transmit(answer, options);
    }
    // Set before the hooks run, so that a hook sees how its response was reached.
    if (chain.length > 0) response.history = chain;
    if (!options.stream) {
      // A redirect that will be followed is read to free its connection; if that fails the chain goes on.
      const followed = options.allowRedirects && this.getRedirectTarget(response) !== null;
      await (followed ? response.read().catch(() => response) : response.read());
    }
    for (const hook of request.hooks.response) response = (await hook(response, options)) ?? response;
    return response;
  }

  /** Cookies in, the adapter, cookies out, `elapsed` measured. */
  async #transmit(request: PreparedRequest, options: SendOptions): Promise<Response> {
    // Throws for a cookie HTTP cannot carry, before anything is sent.
    attachCookies(request, this.#cookies, options.cookies);
    const started = performance.now();
    const response = await this.getAdapter(request.url).send(request, options);
    response.elapsed = performance.now() - started;
    await storeCookies(this, request.url, response.headers);
    if (options.stream) this.#track(response);
    return response;
  }

  /**
   * The request that follows a redirect, as `resolve_redirects` builds it: the Location resolved, the method
   * rebuilt, the body and its headers dropped unless 307/308, the Cookie header left to the jar, the proxies and
   * the auth rebuilt. Returns it with the proxy map it is sent with.
   */
  async #redirectRequest(
    response: Response,
    request: PreparedRequest,
    location: string,
    settings: SendOptions,
  ): Promise<[PreparedRequest, Proxies]> {
    const next = request.copy();
    next.url = resolveLocation(location, response.url);
    this.rebuildMethod(next, response);
    if (response.statusCode !== 307 && response.statusCode !== 308) {
      for (const name of ['Content-Length', 'Content-Type', 'Transfer-Encoding']) next.headers.delete(name);
      next.body = null;
    }
    next.headers.delete('Cookie');
    await this.rebuildAuth(next, response);
    return [next, this.rebuildProxies(next, settings.proxies)];
  }

  /** `Response.next` of a redirect not followed: the request following it would send, or null. */
  async #redirectNotFollowed(
    response: Response,
    request: PreparedRequest,
    settings: SendOptions,
  ): Promise<PreparedRequest | null> {
    const location = this.getRedirectTarget(response);
    if (location === null) return null;
    try {
      return (await this.#redirectRequest(response, request, location, settings))[0];
    } catch (error) {
      if (error instanceof RequestException) return null; // a Location to ftp:, javascript:, or an unparseable one
      throw error;
    }
  }

  #track(response: Response): void {
    this.#open ??= new Set();
    if (this.#open.size >= 64) for (const r of this.#open) if (r.bodyUsed) this.#open.delete(r);
    this.#open.add(response);
  }
}

/** The Session's `retry` shorthand as an adapter's `maxRetries`. */
function retrySetting(retry: SessionOptions['retry']): Retry | number {
  if (retry === null || retry === undefined) return 0;
  return typeof retry === 'number' || retry instanceof Retry ? retry : new Retry(retry);
}
