/**
 * PreparedRequest — the exact method, URL, headers and body that will be sent. Pure data, no I/O.
 * `prepareRequest` builds one from request options as Requests' `PreparedRequest.prepare` does.
 */
import type { AuthBase } from './auth';
import { encodeBody, type BodyInput } from './body';
import { type CurlOptions, toCurl } from './curl';
import { RequestException } from './exceptions';
import { mergeHeaders, type HeadersInput } from './headers';
import type { Hook } from './options';
import type { ParamsInput } from './params';
import { prepareUrl } from './url';

export class PreparedRequest {
  /** Upper-case HTTP method. */
  method: string;
  /** Absolute URL with params applied, fragment kept, credentials removed. */
  url: string;
  headers: Headers;
  /** The body as fetch will send it (bytes, a Blob for multipart, a stream, FormData, …), or null. */
  body: BodyInit | null;
  /** Response hooks, run by the Session for every response to this request (its own merged over the Session's). */
  hooks: { response: Hook[] };
  /**
   * The auth that prepared it. The Session asks it to answer a challenge (Digest) and to sign a redirect that stays
   * on the same origin; a redirect to another origin drops it, with the Authorization header.
   */
  auth: AuthBase | null;

  constructor(
    init: {
      method?: string;
      url?: string;
      headers?: HeadersInput;
      body?: BodyInit | null;
      hooks?: { response?: Hook[] };
      auth?: AuthBase | null;
    } = {},
  ) {
    this.method = (init.method ?? 'GET').toUpperCase();
    this.url = init.url ?? '';
    this.headers = init.headers instanceof Headers ? init.headers : mergeHeaders(init.headers);
    this.body = init.body ?? null;
    this.hooks = { response: init.hooks?.response ?? [] };
    this.auth = init.auth ?? null;
  }

  /** A copy with its own headers and hook list (the body is shared: bodies are immutable values or one-shot streams). */
  copy(): PreparedRequest {
    return new PreparedRequest({
      method: this.method,
      url: this.url,
      headers: new Headers(this.headers),
      body: this.body,
      hooks: { response: [...this.hooks.response] },
      auth: this.auth,
    });
  }

  /** Requests' `register_hook`: adds a response hook. */
  registerHook(event: 'response', hook: Hook): void {
    this.hooks[event].push(hook);
  }

  /** Requests' `deregister_hook`: removes a response hook; whether it was there. */
  deregisterHook(event: 'response', hook: Hook): boolean {
    const at = this.hooks[event].indexOf(hook);
    if (at !== -1) this.hooks[event].splice(at, 1);
    return at !== -1;
  }

  /** The path and query, as sent on the request line. */
  get pathUrl(): string {
    const u = new URL(this.url);
    return `${u.pathname || '/'}${u.search}`;
  }

  /**
   * The request as a shell-safe curl command (src/curl.ts), credentials REDACTED unless `{ credentials: true }`:
   *
   *   (await s.prepareRequest('POST', 'https://httpbin.org/post', { json: { a: 1 } })).toCurl()
   *   // curl 'https://httpbin.org/post' \
   *   //   -H 'accept: *\/*' \
   *   //   -H 'content-type: application/json' \
   *   //   -H 'user-agent: fetch-requests/0.1.0' \
   *   //   --data-raw '{"a": 1}'
   */
  toCurl(options?: CurlOptions): string {
    return toCurl(this, options);
  }

  toString(): string {
    return `<PreparedRequest [${this.method}]>`;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}

export interface PrepareInput extends BodyInput {
  method: string;
  url: string | URL;
  params?: ParamsInput | null;
  /** Already merged (Session then request), validated. */
  headers: Headers;
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);

/** Method, URL, headers and body, in Requests' order; auth is applied afterwards (it may be async). */
export function prepareRequest(input: PrepareInput): {
  request: PreparedRequest;
  urlCredentials: [string, string] | null;
} {
  const method = input.method.toUpperCase();
  if (!TOKEN.test(method))
    throw new RequestException(`Invalid HTTP method ${JSON.stringify(input.method)}: a method is a token`);
  if (FORBIDDEN_METHODS.has(method)) throw new RequestException(`fetch cannot send a ${method} request`);
  const { url, credentials } = prepareUrl(input.url, input.params);
  const headers = input.headers;
  const { body, contentType } = encodeBody(input);
  if (body !== null && (method === 'GET' || method === 'HEAD')) {
    throw new RequestException(`fetch cannot send a body with a ${method} request; use POST or send it as params`);
  }
  if (contentType && !headers.has('content-type')) headers.set('Content-Type', contentType);
  return { request: new PreparedRequest({ method, url, headers, body }), urlCredentials: credentials };
}
