/**
 * fetch-requests: Python Requests' semantics over WHATWG fetch.
 *
 *   import requests from 'fetch-requests';
 *   const r = await requests.get('https://httpbin.org/get', { params: { name: 'Peter' } });
 */
import { del, get, head, options, patch, post, put, request } from './api';
import { AuthBase, HTTPBasicAuth, HTTPProxyAuth } from './auth';
import { RequestsCookieJar } from './cookies';
import { HTTPDigestAuth } from './digest';
import {
  ChunkedEncodingError,
  ConnectionError,
  ConnectTimeout,
  ContentDecodingError,
  exceptions,
  HTTPError,
  InvalidHeader,
  InvalidJSONError,
  InvalidProxyURL,
  InvalidSchema,
  InvalidURL,
  JSONDecodeError,
  MissingSchema,
  ProxyError,
  ReadTimeout,
  RequestException,
  RetryError,
  SSLError,
  StreamConsumedError,
  Timeout,
  TooManyRedirects,
  UnrewindableBodyError,
  URLRequired,
} from './exceptions';
import { PreparedRequest } from './request';
import { Response } from './response';
import { Session } from './session';
import { codes } from './status-codes';
import { copyright, title, version } from './version';

export { del, del as delete, get, head, options, patch, post, put, request } from './api';
export { AuthBase, HTTPBasicAuth, HTTPProxyAuth, basicAuthHeader } from './auth';
export type { AuthContext, AuthFunction, AuthInput } from './auth';
export type { DataInput } from './body';
export { RequestsCookieJar } from './cookies';
export type { CookieInfo, CookieOptions, CookiesInput } from './cookies';
export { HTTPDigestAuth } from './digest';
export {
  ChunkedEncodingError,
  ConnectionError,
  ConnectTimeout,
  ContentDecodingError,
  CookieConflictError,
  exceptions,
  HTTPError,
  InvalidHeader,
  InvalidJSONError,
  InvalidProxyURL,
  InvalidSchema,
  InvalidURL,
  JSONDecodeError,
  MissingSchema,
  ProxyError,
  ReadTimeout,
  RequestException,
  RetryError,
  SSLError,
  StreamConsumedError,
  Timeout,
  TooManyRedirects,
  UnrewindableBodyError,
  URLRequired,
} from './exceptions';
export type { HeadersInput } from './headers';
export type { Link } from './links';
export type { FileContent, FileSpec, FilesInput, FileTuple } from './multipart';
export type { Hook, HooksInput, RequestOptions, SessionOptions, TimeoutInput } from './options';
export type { ParamsInput, Scalar } from './params';
export { PreparedRequest } from './request';
export { Response } from './response';
export type { DownloadProgress, IterLinesOptions } from './response';
export { Session } from './session';
export { codes } from './status-codes';
export type { RetryOptions } from './transport';
export { copyright, title, version } from './version';

/** Everything, as one object: `requests.get(...)`, `requests.delete(...)`, `requests.codes.ok`. */
const requests = {
  request,
  get,
  head,
  post,
  put,
  patch,
  delete: del,
  del,
  options,
  Session,
  session: (): Session => new Session(),
  Response,
  PreparedRequest,
  AuthBase,
  HTTPBasicAuth,
  HTTPProxyAuth,
  HTTPDigestAuth,
  RequestsCookieJar,
  codes,
  exceptions,
  RequestException,
  HTTPError,
  ConnectionError,
  ProxyError,
  SSLError,
  Timeout,
  ConnectTimeout,
  ReadTimeout,
  URLRequired,
  TooManyRedirects,
  MissingSchema,
  InvalidSchema,
  InvalidURL,
  InvalidProxyURL,
  InvalidHeader,
  InvalidJSONError,
  JSONDecodeError,
  ChunkedEncodingError,
  ContentDecodingError,
  StreamConsumedError,
  RetryError,
  UnrewindableBodyError,
  version,
  copyright,
  title,
};

export default requests;
