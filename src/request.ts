/**
 * PreparedRequest — the exact method, URL, headers and body that will be sent. Pure data, no I/O.
 * `prepareRequest` builds one from request options as Requests' `PreparedRequest.prepare` does.
 */
import type { AuthBase } from './auth';
import { encodeBody, type BodyInput } from './body';
import { type CurlOptions, toCurl } from './curl';
import { RequestException } from './exceptions';
import type { HeadersInput } from './headers';
import { mergeHeaders } from './merge';
import type { Hook } from './options';
import type { ParamsInput } from './params';
import { CaseInsensitiveDict } from './structures';
import { prepareUrl } from './url';

export class PreparedRequest {
  /** Upper-case HTTP method. */
  method: string;
  /** Absolute URL with params applied, fragment kept, credentials removed. */
  url: string;
  /** A case-insensitive dict, names in the case and order they were set: `prep.headers['Content-Type']`. */
  headers: CaseInsensitiveDict;
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
    const headers = init.headers;
    this.headers = headers instanceof CaseInsensitiveDict ? (headers as CaseInsensitiveDict) : mergeHeaders(headers);
    this.body = init.body ?? null;
    this.hooks = { response: init.hooks?.response ?? [] };
    this.auth = init.auth ?? null;
  }

  /** A copy with its own headers and hook list (the body is shared: bodies are immutable values or one-shot streams). */
  copy(): PreparedRequest {
    return new PreparedRequest({
      method: this.method,
      url: this.url,
      headers: this.headers.copy(),
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
  headers: CaseInsensitiveDict;
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
  const { body, contentType, length } = encodeBody(input);
  if (body !== null && (method === 'GET' || method === 'HEAD')) {
    throw new RequestException(`fetch cannot send a body with a ${method} request; use POST or send it as params`);
  }
  prepareContentLength(headers, method, body, length ?? null);
  if (contentType && !headers.has('content-type')) headers.set('Content-Type', contentType);
  return { request: new PreparedRequest({ method, url, headers, body }), urlCredentials: credentials };
}

/**
 * Requests' `prepare_content_length` (and the stream case of `prepare_body`): `Content-Length` for a body whose
 * size is known (not for an empty one, as Requests' `if length:`), `Transfer-Encoding: chunked` for a stream whose
 * size is not (`streamLength`: a file's, known from its stats without reading it), and `Content-Length: 0` for a
 * bodiless method other than GET and HEAD. Shown as Requests shows them; the runtime writes its own on the wire
 * (fetch forbids both), so the transport never hands these two to fetch.
 */
function prepareContentLength(
  headers: CaseInsensitiveDict,
  method: string,
  body: BodyInit | null,
  streamLength: number | null,
): void {
  if (body === null) {
    if (method !== 'GET' && method !== 'HEAD' && !headers.has('content-length')) headers.set('Content-Length', '0');
    return;
  }
  if (body instanceof ReadableStream) {
    if (streamLength) headers.set('Content-Length', String(streamLength));
    else headers.set('Transfer-Encoding', 'chunked');
    return;
  }
  const length = bodySize(body);
  if (length) headers.set('Content-Length', String(length));
}

/** The size of a body in bytes, when it can be known without reading it (Requests' `super_len`). */
function bodySize(body: BodyInit): number | null {
  if (body instanceof Blob) return body.size;
  if (ArrayBuffer.isView(body)) return body.byteLength;
  if (body instanceof ArrayBuffer) return body.byteLength;
  if (typeof body === 'string') return new TextEncoder().encode(body).byteLength;
  if (body instanceof URLSearchParams) return new TextEncoder().encode(body.toString()).byteLength;
  return null; // FormData: the runtime chooses the boundary, and with it the length
}
