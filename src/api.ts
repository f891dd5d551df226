/**
 * `request()` and the verbs. Each call uses a fresh, short-lived Session, as Requests' api.py does, so cookies
 * set inside a redirect chain still flow to the next hop.
 *
 *   const r = await get('https://httpbin.org/get', { params: { name: 'Peter' } });
 *   r.statusCode   // 200
 */
import type { RequestOptions } from './options';
import type { Response } from './response';
import { Session } from './session';

export function request(method: string, url: string | URL, options?: RequestOptions): Promise<Response> {
  return new Session().request(method, url, options);
}

export const get = (url: string | URL, options?: RequestOptions): Promise<Response> => request('GET', url, options);
export const options = (url: string | URL, opts?: RequestOptions): Promise<Response> => request('OPTIONS', url, opts);
/** `allowRedirects` defaults to false for `head()` (not for `request('HEAD', …)`), as in Requests. */
export const head = (url: string | URL, options?: RequestOptions): Promise<Response> =>
  request('HEAD', url, { ...options, allowRedirects: options?.allowRedirects ?? false });
export const post = (url: string | URL, options?: RequestOptions): Promise<Response> => request('POST', url, options);
export const put = (url: string | URL, options?: RequestOptions): Promise<Response> => request('PUT', url, options);
export const patch = (url: string | URL, options?: RequestOptions): Promise<Response> => request('PATCH', url, options);
/** `requests.delete`; `delete` is a reserved word, so the named export is `del`. */
export const del = (url: string | URL, options?: RequestOptions): Promise<Response> => request('DELETE', url, options);
