/**
 * The options of a call and of a Session, each documented with an example. Names are Requests' in camelCase.
 */
import type { AuthInput } from './auth';
import type { DataInput } from './body';
import type { CookiesInput } from '#platform/cookies';
import type { HeadersInput } from './headers';
import type { FilesInput } from './multipart';
import type { ParamsInput } from './params';
import type { ProxiesInput } from './proxies';
import type { DownloadProgress, Response } from './response';
import type { SendOptions } from './merge';
import type { Retry, RetryOptions } from './retry';
import type { Layer } from './transport/layer';

/**
 * What `cassette` takes: a Cassette from `fetch-requests/cassette` (record and replay). Its layer sits innermost in
 * the transport, right above fetch, so every attempt, redirect hop and auth round-trip is its own recording.
 */
export interface CassetteLayer {
  readonly layer: Layer;
}

/**
 * Milliseconds, as Requests' `(connect, read)`: a number sets both. `connect` runs until the connection is made;
 * `read` is the wait for the response headers and then the longest silence between body bytes — never a total.
 */
export type TimeoutInput = number | { connect?: number | null; read?: number | null } | null;

/**
 * A response hook may return a replacement response. It gets the send options (timeout, stream, …) as Requests
 * passes a hook its keyword arguments.
 */
export type Hook = (response: Response, options: SendOptions) => Response | void | Promise<Response | void>;
/** TLS verification: `true` (the default), `false` (off, with one warning per process), or a CA bundle: a path to a
 * PEM file or a directory of them, or PEM text. */
export type VerifyInput = boolean | string;

/** A client certificate: a path to a PEM file holding the certificate and its key, or `[certPath, keyPath]`. */
export type CertInput = string | readonly [certPath: string, keyPath: string];

export interface HooksInput {
  response?: Hook | readonly Hook[];
}

export interface RequestOptions {
  /** Appended to the URL's own query: `{ params: { q: 'a b', tag: ['x', 'y'] } }` → `?q=a+b&tag=x&tag=y`. */
  params?: ParamsInput | null;
  /** Form fields (`{ name: 'Peter' }` → urlencoded) or a raw body (string, bytes, Blob, stream, FormData). */
  data?: DataInput | null;
  /** A JSON body: `{ json: { name: 'Jane', age: 17 } }`. Ignored when `data` is given. */
  json?: unknown;
  /** Multipart uploads: `{ files: { image: ['sid.jpg', blob, 'image/jpeg'] } }`. */
  files?: FilesInput | null;
  /** `{ headers: { 'User-Agent': 'Python script' } }`; `null` removes a Session header. */
  headers?: HeadersInput | null;
  /**
   * Sent as `Cookie` to this request's host only, on every hop there, with the Session's (a name here replaces
   * the Session's cookie of that name); not kept in the Session's jar. `{ cookies: { session: 'abc' } }`.
   * Browsers send their own cookies instead (see `credentials`).
   */
  cookies?: CookiesInput | null;
  /** `['user7', '7user']`, `{ username, password }`, `new HTTPDigestAuth(u, p)`, or `(req) => req`. */
  auth?: AuthInput | null;
  /** `{ timeout: 5000 }` or `{ timeout: { connect: 3000, read: 10000 } }`. */
  timeout?: TimeoutInput;
  /** Follow 3xx (default true; false for `head`). */
  allowRedirects?: boolean;
  /** `true`: resolve at the headers and read the body with `iterContent`/`iterLines`/`read()`. */
  stream?: boolean;
  /**
   * `{ hooks: { response: (r) => console.log(r.url) } }`, run for every response, redirect hops included; a hook
   * may return a replacement response. As in Requests, these replace the Session's response hooks for this
   * request (an empty list keeps them); to add one: `{ response: [...s.hooks.response, mine] }`.
   */
  hooks?: HooksInput | null;
  /** Cancels the request and any body read; rejects with `signal.reason`. */
  signal?: AbortSignal;
  /** `{ onDownloadProgress: ({ percent }) => bar.update(percent) }`, streamed or buffered. */
  onDownloadProgress?: (progress: DownloadProgress) => void;
  /**
   * `{ onUploadProgress: ({ percent }) => bar.update(percent) }`: the request body as it is sent, where the runtime
   * can stream a request body (Node, Deno, Bun); in a browser, one report when the response arrives.
   */
  onUploadProgress?: (progress: DownloadProgress) => void;
  /** Browsers: whether the browser sends its cookies (fetch's default `'same-origin'`; `'include'` for cross-origin). */
  credentials?: RequestCredentials;
  /**
   * Requests' proxy map, over the Session's key by key: `{ proxies: { https: 'http://user:pass@proxy:3128' } }`.
   * The most specific key wins (`'https://host'`, `https`, `'all://host'`, `all`); `no_proxy: 'localhost,.corp'`
   * lists hosts that go direct; `''` means no proxy for that key. Servers only (a browser owns its proxies).
   */
  proxies?: ProxiesInput | null;
  /** `verify: false` (no TLS verification: warned once), or a CA bundle: `verify: '/etc/ssl/corp-ca.pem'`. */
  verify?: VerifyInput;
  /** A client certificate (mTLS): `cert: ['client.pem', 'client.key']` or one PEM holding both. */
  cert?: CertInput | null;
  /**
   * Any fetch-compatible function: a test double or instrumentation. Default `globalThis.fetch`. With `proxies`,
   * `verify` or `cert` in Node it is handed undici's `dispatcher` in its init (undici's own fetch takes it).
   */
  fetch?: typeof globalThis.fetch;
  /** Records this call's traffic or answers it from a recording: `{ cassette: await Cassette.open(path) }`. */
  cassette?: CassetteLayer | null;
}

export interface SessionOptions {
  // Each of these is also a mutable property of the Session; a request's own option overrides it key by key.
  /** Sent with every request: `{ headers: { Authorization: 'Bearer t' } }` (merged over the defaults). */
  headers?: HeadersInput | null;
  /** Used when a request has no `auth` of its own; beats credentials in the URL. */
  auth?: AuthInput | null;
  /** Merged under each request's params when both are records: `{ params: { lang: 'en' } }`. */
  params?: ParamsInput | null;
  /** Initial jar contents; a record's cookies have no domain, so they go to every host (as in Requests). */
  cookies?: CookiesInput | null;
  /** Redirects followed before TooManyRedirects (default 30). */
  maxRedirects?: number;
  /** Default timeout for every request (with `retry`, it applies to each attempt). */
  timeout?: TimeoutInput;
  /**
   * Off by default, as in Requests. The shorthand for `s.mount(prefix, new HTTPAdapter({ maxRetries }))` on every
   * prefix, with urllib3's Retry: `{ retry: 3 }`, `{ retry: new Retry({ total: 5, statusForcelist: [503] }) }` or
   * the same options as a record. A ReadableStream body is never retried.
   */
  retry?: number | Retry | RetryOptions | null;
  /** Response hooks for every request (and every redirect hop): `{ hooks: { response: [logIt] } }`. */
  hooks?: HooksInput | null;
  /** Default `stream` for every request. */
  stream?: boolean;
  /** Browsers: default `credentials` for every request. */
  credentials?: RequestCredentials;
  /** Default fetch for every request. */
  fetch?: typeof globalThis.fetch;
  /** Proxies for every request (`s.proxies`), under each call's own. */
  proxies?: ProxiesInput | null;
  /** Default `verify` (`s.verify`, default true). */
  verify?: VerifyInput;
  /** Default client certificate (`s.cert`). */
  cert?: CertInput | null;
  /**
   * Honour the environment (`s.trustEnv`, default true), as Requests' `trust_env`: `HTTP_PROXY`, `HTTPS_PROXY`,
   * `ALL_PROXY`, `NO_PROXY` (lower case first), and `REQUESTS_CA_BUNDLE`/`CURL_CA_BUNDLE` when `verify` is true.
   */
  trustEnv?: boolean;
  /**
   * Record and replay (fetch-requests/cassette): `new Session({ cassette: await Cassette.open('api.har') })`
   * records real traffic into the cassette, or answers from it without reaching the network.
   */
  cassette?: CassetteLayer | null;
}
