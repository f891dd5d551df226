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
import { CaseInsensitiveDict } from './structures';
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
export type { HeadersInput, HeaderValue } from './headers';
export { CaseInsensitiveDict } from './structures';
export type { HeadersDict } from './structures';
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
  CaseInsensitiveDict,
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

/**
 * The public types, reachable through the default export too, as `requests.X` is in Python:
 * `let r: requests.Response`, `const files: requests.FilesInput = { … }`.
 */
declare namespace requests {
  export type AuthFunction = import('./auth').AuthFunction;
  export type AuthInput = import('./auth').AuthInput;
  export type CookieInfo = import('#platform/cookies').CookieInfo;
  export type CookieOptions = import('#platform/cookies').CookieOptions;
  export type CookiesInput = import('#platform/cookies').CookiesInput;
  export type DataInput = import('./body').DataInput;
  export type DownloadProgress = import('./response').DownloadProgress;
  export type FileContent = import('./multipart').FileContent;
  export type FileSpec = import('./multipart').FileSpec;
  export type FileTuple = import('./multipart').FileTuple;
  export type FilesInput = import('./multipart').FilesInput;
  export type HTTPAdapterOptions = import('./adapters').HTTPAdapterOptions;
  export type HeaderValue = import('./headers').HeaderValue;
  export type HeadersDict = import('./structures').HeadersDict;
  export type HeadersInput = import('./headers').HeadersInput;
  export type Hook = import('./options').Hook;
  export type HooksInput = import('./options').HooksInput;
  export type IterLinesOptions = import('./response').IterLinesOptions;
  export type Link = import('./links').Link;
  export type ParamsInput = import('./params').ParamsInput;
  export type RequestHistory = import('./retry').RequestHistory;
  export type RequestOptions = import('./options').RequestOptions;
  export type RetryOptions = import('./retry').RetryOptions;
  export type Scalar = import('./params').Scalar;
  export type SessionOptions = import('./options').SessionOptions;
  export type TimeoutInput = import('./options').TimeoutInput;
  export type Timeouts = import('./merge').Timeouts;
  export type AuthBase = import('./auth').AuthBase;
  export type BaseAdapter = import('./adapters').BaseAdapter;
  export type CaseInsensitiveDict = import('./structures').CaseInsensitiveDict;
  export type ChunkedEncodingError = import('./exceptions').ChunkedEncodingError;
  export type ConnectTimeout = import('./exceptions').ConnectTimeout;
  export type ConnectionError = import('./exceptions').ConnectionError;
  export type ContentDecodingError = import('./exceptions').ContentDecodingError;
  export type HTTPAdapter = import('./adapters').HTTPAdapter;
  export type HTTPBasicAuth = import('./auth').HTTPBasicAuth;
  export type HTTPDigestAuth = import('./digest').HTTPDigestAuth;
  export type HTTPError = import('./exceptions').HTTPError;
  export type HTTPProxyAuth = import('./auth').HTTPProxyAuth;
  export type InvalidHeader = import('./exceptions').InvalidHeader;
  export type InvalidJSONError = import('./exceptions').InvalidJSONError;
  export type InvalidProxyURL = import('./exceptions').InvalidProxyURL;
  export type InvalidSchema = import('./exceptions').InvalidSchema;
  export type InvalidURL = import('./exceptions').InvalidURL;
  export type JSONDecodeError = import('./exceptions').JSONDecodeError;
  export type MissingSchema = import('./exceptions').MissingSchema;
  export type PreparedRequest = import('./request').PreparedRequest;
  export type ProxyError = import('./exceptions').ProxyError;
  export type ReadTimeout = import('./exceptions').ReadTimeout;
  export type RequestException = import('./exceptions').RequestException;
  export type RequestsCookieJar = import('#platform/cookies').RequestsCookieJar;
  export type Response = import('./response').Response;
  export type Retry = import('./retry').Retry;
  export type RetryError = import('./exceptions').RetryError;
  export type SSLError = import('./exceptions').SSLError;
  export type SendOptions = import('./merge').SendOptions;
  export type Session = import('./session').Session;
  export type StreamConsumedError = import('./exceptions').StreamConsumedError;
  export type Timeout = import('./exceptions').Timeout;
  export type TooManyRedirects = import('./exceptions').TooManyRedirects;
  export type URLRequired = import('./exceptions').URLRequired;
  export type UnrewindableBodyError = import('./exceptions').UnrewindableBodyError;
}

export default requests;
