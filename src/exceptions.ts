/**
 * Requests' exception tree. Class names are kept exactly (`err.name === 'ReadTimeout'`), set on the
 * prototype so that minifiers renaming classes cannot change them.
 *
 * Python's multiple inheritance (ConnectTimeout is both a ConnectionError and a Timeout) is kept for
 * `instanceof`: ConnectTimeout extends ConnectionError, and Timeout recognises it too.
 */
import type { PreparedRequest } from './request';
import type { Response } from './response';

export interface RequestExceptionOptions {
  request?: PreparedRequest | null;
  response?: Response | null;
  cause?: unknown;
}

/** There was an ambiguous exception that occurred while handling your request. */
export class RequestException extends Error {
  // `declare`d and assigned below: no field initialisers in bundles (the properties and their order are the same).
  declare request: PreparedRequest | null;
  declare response: Response | null;
  constructor(message = '', options: RequestExceptionOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    // Like Requests: the request defaults to the response's request.
    this.request = options.request ?? options.response?.request ?? null;
    this.response = options.response ?? null;
  }
}

/** An HTTP error occurred (raised by `raiseForStatus()`). */
export class HTTPError extends RequestException {}

/** A connection error occurred: refused, reset, unreachable, DNS failure, or (in a browser) blocked. */
export class ConnectionError extends RequestException {}

/** A proxy error occurred. */
export class ProxyError extends ConnectionError {}

/** An SSL error occurred. */
export class SSLError extends ConnectionError {}

/** The request timed out. Catching this catches both ConnectTimeout and ReadTimeout. */
export class Timeout extends RequestException {
  // `this`: the class `instanceof` was asked about (ReadTimeout inherits this method).
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    return this === Timeout && Function.prototype[Symbol.hasInstance].call(ConnectTimeout, value);
  }
}

/** The connection could not be made in time. Both a ConnectionError and a Timeout, as in Requests. */
export class ConnectTimeout extends ConnectionError {}

/** The server did not send any data in the allotted amount of time. */
export class ReadTimeout extends Timeout {}

/** A valid URL is required to make a request. */
export class URLRequired extends RequestException {}

/** Too many redirects. `err.response` is the last redirect response. */
export class TooManyRedirects extends RequestException {}

/** The URL scheme (e.g. http or https) is missing. */
export class MissingSchema extends RequestException {}

/** The URL scheme provided is either invalid or unsupported. */
export class InvalidSchema extends RequestException {}

/** The URL provided was somehow invalid. */
export class InvalidURL extends RequestException {}

/** The proxy URL provided is invalid. */
export class InvalidProxyURL extends InvalidURL {}

/** The header value provided was somehow invalid (a CR or LF, a leading space, a non-string). */
export class InvalidHeader extends RequestException {}

/** A JSON error occurred (a body that cannot be encoded, or a response that cannot be decoded). */
export class InvalidJSONError extends RequestException {}

/** Couldn't decode the text into JSON. Carries Python's `msg`, `doc`, `pos`, `lineno`, `colno`. */
export class JSONDecodeError extends InvalidJSONError {
  declare readonly msg: string;
  declare readonly doc: string;
  declare readonly pos: number;
  declare readonly lineno: number;
  declare readonly colno: number;
  constructor(msg: string, doc: string, pos: number, options: RequestExceptionOptions = {}) {
    const before = doc.slice(0, pos);
    const lineno = before.split('\n').length;
    const colno = pos - before.lastIndexOf('\n');
    const snippet =
      doc.length === 0 ? 'the body is empty' : `near ${JSON.stringify(doc.slice(Math.max(0, pos - 20), pos + 20))}`;
    super(`${msg}: line ${lineno} column ${colno} (char ${pos}); ${snippet}`, options);
    this.msg = msg;
    this.doc = doc;
    this.pos = pos;
    this.lineno = lineno;
    this.colno = colno;
  }
}

/** The server declared chunked encoding (or a length) but sent an invalid or short body. */
export class ChunkedEncodingError extends RequestException {}

/** Failed to decode the response content (bad gzip, deflate or br). */
export class ContentDecodingError extends RequestException {}

/** The content for this response was already consumed. */
export class StreamConsumedError extends RequestException {}

/** Custom retries logic failed: the retries ran out on a retryable status. */
export class RetryError extends RequestException {}

/** The request body cannot be sent again (a ReadableStream) for a 307/308 redirect or an auth retry. */
export class UnrewindableBodyError extends RequestException {}

/**
 * `jar.get(name)` matched two cookies (one name on two domains or paths): give the domain or path. Requests'
 * `requests.cookies.CookieConflictError`, here in the RequestException family.
 */
export class CookieConflictError extends RequestException {}

/**
 * A cassette in replay mode has no recording for a request (fetch-requests/cassette). Nothing was sent. Not a
 * ConnectionError on purpose: code under test that retries or degrades gracefully on network errors must not
 * swallow a missing recording, which is a mistake in the test's setup (vcrpy's CannotOverwriteExistingCassette
 * is likewise outside Requests' network errors).
 */
export class NoRecordingError extends RequestException {}

/** Every exception class, as `requests.exceptions` exposes them. */
export const exceptions = {
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
} as const;

// Each class's name on its prototype, from the keys above (one loop: no second copy of every name in bundles).
// CookieConflictError is requests.cookies', not requests.exceptions': named here, not listed above.
for (const [name, cls] of Object.entries({ ...exceptions, CookieConflictError })) {
  Object.defineProperty(cls.prototype, 'name', { value: name, writable: true, configurable: true });
}

/** An error's messages along its cause chain (with codes a message does not already name), for wrapping messages. */
export function describeCause(error: unknown): string {
  const parts: string[] = [];
  for (let e = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const message = (e as Error).message ?? String(e);
    const code = (e as { code?: string }).code;
    parts.push(code && !message.includes(code) ? `${message} (${code})` : message);
  }
  return parts.join(': ');
}
