/**
 * fetch-requests: Python Requests' semantics over WHATWG fetch.
 *
 *   import requests from 'fetch-requests';
 *   const r = await requests.get('https://httpbin.org/get', { params: { name: 'Peter' } });
 */
import { del, get, head, options, patch, post, put, request } from './api';
import { AuthBase, HTTPBasicAuth, HTTPProxyAuth } from './auth';
import { BaseAdapter, HTTPAdapter } from './adapters';
import { RequestsCookieJar } from '#platform/cookies';
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
  NoRecordingError,
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
import { Retry } from './retry';
import { Session } from './session';
import { codes } from './status-codes';
import { copyright, title, version } from './version';

export { del, del as delete, get, head, options, patch, post, put, request } from './api';
export { AuthBase, HTTPBasicAuth, HTTPProxyAuth, basicAuthHeader } from './auth';
export type { AuthFunction, AuthInput } from './auth';
export type { DataInput } from './body';
export type { CurlOptions } from './curl';
export { BaseAdapter, HTTPAdapter } from './adapters';
export type { HTTPAdapterOptions } from './adapters';
export { RequestsCookieJar } from '#platform/cookies';
export type { CookieInfo, CookieOptions, CookiesInput } from '#platform/cookies';
export { HTTPDigestAuth } from './digest';
export {
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
  NoRecordingError,
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
export type { CassetteLayer, Hook, HooksInput, RequestOptions, SessionOptions, TimeoutInput } from './options';
export type { Exchange, FetchInit, Layer, Send } from './transport/layer';
export type { ParamsInput, Scalar } from './params';
export { PreparedRequest } from './request';
export { Response } from './response';
export type { DownloadProgress, IterLinesOptions } from './response';
export { Session } from './session';
export { codes } from './status-codes';
export { Retry } from './retry';
export type { RequestHistory, RetryOptions } from './retry';
export { SendOptions } from './merge';
export type { Timeouts } from './merge';
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
  BaseAdapter,
  HTTPAdapter,
  Retry,
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
  NoRecordingError,
  version,
  copyright,
  title,
};

export default requests;
