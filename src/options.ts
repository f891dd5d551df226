/**
 * The options of a call and of a Session, each documented with an example. Names are Requests' in camelCase.
 */
import type { AuthInput } from './auth';
import type { DataInput } from './body';
import type { CookiesInput } from './cookies';
import type { HeadersInput } from './headers';
import type { FilesInput } from './multipart';
import type { ParamsInput } from './params';
import type { DownloadProgress, Response } from './response';
import type { RetryOptions } from './transport';

/** Milliseconds: a number sets both; `connect` = until the response headers, `read` = longest silence in the body. */
export type TimeoutInput = number | { connect?: number | null; read?: number | null } | null;

/** A response hook may return a replacement response. */
export type Hook = (response: Response) => Response | void | Promise<Response | void>;
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
  /** Sent as `Cookie` to this request's host only: `{ cookies: { session: 'abc' } }` (not in browsers). */
  cookies?: CookiesInput | null;
  /** `['user7', '7user']`, `{ username, password }`, `new HTTPDigestAuth(u, p)`, or `(req) => req`. */
  auth?: AuthInput | null;
  /** `{ timeout: 5000 }` or `{ timeout: { connect: 3000, read: 10000 } }`. */
  timeout?: TimeoutInput;
  /** Follow 3xx (default true; false for `head`). */
  allowRedirects?: boolean;
  /** `true`: resolve at the headers and read the body with `iterContent`/`iterLines`/`read()`. */
  stream?: boolean;
  /** `{ hooks: { response: (r) => console.log(r.url) } }`, run for every response, redirect hops included. */
  hooks?: HooksInput | null;
  /** Cancels the request and any body read; rejects with `signal.reason`. */
  signal?: AbortSignal;
  /** `{ onDownloadProgress: ({ percent }) => bar.update(percent) }`, streamed or buffered. */
  onDownloadProgress?: (progress: DownloadProgress) => void;
  /** Browsers: whether the browser sends its cookies (`'include'` for cross-origin). */
  credentials?: RequestCredentials;
  /** The fetch to use, e.g. one with an undici dispatcher for a proxy. Default `globalThis.fetch`. */
  fetch?: typeof globalThis.fetch;
}

export interface SessionOptions {
  /** Sent with every request: `{ headers: { Authorization: 'Bearer t' } }`. */
  headers?: HeadersInput | null;
  auth?: AuthInput | null;
  params?: ParamsInput | null;
  cookies?: CookiesInput | null;
  /** Redirects followed before TooManyRedirects (default 30). */
  maxRedirects?: number;
  timeout?: TimeoutInput;
  /** Off by default, as in Requests. `{ retry: 3 }` or `{ retry: { limit: 3, statusCodes: [503] } }`. */
  retry?: number | RetryOptions | null;
  hooks?: HooksInput | null;
  stream?: boolean;
  credentials?: RequestCredentials;
  fetch?: typeof globalThis.fetch;
}
