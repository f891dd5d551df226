/**
 * The neutral form of a parity scenario: plain JSON that both the Python driver (driver.py, with Requests) and the
 * library runner (library-runner.ts) turn into the same call, and the shape of what each of them observes.
 * Names are Requests' concepts; times are milliseconds (the driver converts them to Requests' seconds).
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** URL placeholders, replaced by the servers' addresses before either client sees the table (origins, then host:port). */
export const PLACEHOLDERS = [
  '{httpbin}',
  '{httpbinAlt}',
  '{fixture}',
  '{refused}',
  '{unconnectable}',
  '{httpbinHost}',
  '{httpbinAltHost}',
] as const;

export interface FileSpec {
  /** `null`: a part without a filename. Omitted with `bare`: the content alone (Requests names it after the field). */
  filename?: string | null;
  /** UTF-8 text content. */
  content?: string;
  /** Binary content, base64. */
  contentBase64?: string;
  contentType?: string | null;
  headers?: Record<string, string>;
  /** Pass the content alone instead of a (filename, content, …) tuple. */
  bare?: boolean;
}

export type Read =
  /** `r.content` (the default). */
  | { kind: 'content' }
  /** `r.json()`. */
  | { kind: 'json' }
  /** `r.iter_content(size, decode_unicode)`; sizes are compared unless `size` is null (as received). */
  | { kind: 'chunks'; size: number | null; decodeUnicode?: boolean }
  /** `r.iter_lines(chunk_size, decode_unicode, delimiter)`. */
  | { kind: 'lines'; chunkSize?: number | null; decodeUnicode?: boolean; delimiter?: string | null };

export interface Call {
  method: string;
  url: string;
  /** `verb`: `requests.get(url, …)` / `s.get(…)` (the default); `request`: `requests.request('GET', url, …)`. */
  via?: 'verb' | 'request';
  params?: Record<string, Json> | [string, Json][] | string;
  /** Form fields (record or pairs), a text body (sent as UTF-8), or bytes. */
  data?: { form: Record<string, Json> | [string, Json][] } | { text: string } | { base64: string };
  /** Present (even as null) → passed as `json=`. */
  json?: Json;
  files?: [string, FileSpec][];
  /** A null value removes a Session header; a number is passed as is (to see both refuse it). */
  headers?: Record<string, string | number | null>;
  cookies?: Record<string, string>;
  auth?: { basic: [string, string] } | { digest: [string, string] };
  /** Milliseconds: one number, or connect/read. */
  timeout?: number | { connect?: number | null; read?: number | null };
  allowRedirects?: boolean;
  stream?: boolean;
  read?: Read;
  /**
   * The body is an echo of the request (httpbin's JSON, or the fixture's /echo): compare it as such, and not its
   * hash or length (which hold each client's User-Agent). Also for HEAD on an echo endpoint (the length is the echo's).
   */
  echo?: boolean;
  /** Also observe `text` (as a hash) and `apparent_encoding`. */
  text?: boolean;
  /** Also observe `links`. */
  links?: boolean;
}

export interface SessionSpec {
  headers?: Record<string, string>;
  params?: Record<string, Json>;
  auth?: { basic: [string, string] } | { digest: [string, string] };
  cookies?: Record<string, string>;
  maxRedirects?: number;
}

export type Area =
  | 'params'
  | 'bodies'
  | 'files'
  | 'auth'
  | 'redirects'
  | 'cookies'
  | 'sessions'
  | 'encodings'
  | 'streaming'
  | 'timeouts'
  | 'errors'
  | 'responses';

export interface Scenario {
  id: string;
  area: Area;
  title: string;
  /** With a session, every call goes through one Session and its cookie jar is observed at the end. */
  session?: SessionSpec;
  calls: Call[];
}

/** What one call shows. Fields absent on both sides are not compared. */
export interface CallOutcome {
  /** The exception's class name (Requests' `type(e).__name__`, the library's `err.name`). */
  error?: string;
  /** Where it was raised: building/sending the request, or reading/iterating/parsing the body. */
  errorAt?: 'send' | 'read';
  status?: number;
  reason?: string;
  ok?: boolean;
  url?: string;
  history?: { status: number; url: string }[];
  isRedirect?: boolean;
  isPermanentRedirect?: boolean;
  /** With redirects not followed: the request that following would send. */
  next?: { method: string; url: string } | null;
  encoding?: string | null;
  /** The response headers, names lower-cased, except Date (the two clients do not ask at the same second). */
  headers?: Record<string, string>;
  /** The cookies this response set. */
  cookies?: Record<string, string>;
  /** `raise_for_status()`'s message, or null when it does not raise. */
  raiseForStatus?: string | null;
  /** sha256 of the body bytes (of the UTF-8 of the text pieces when decoded). */
  bodySha256?: string;
  /** The parsed echo body (normalised before comparison). */
  echo?: Json;
  json?: Json;
  textSha256?: string;
  apparentEncoding?: string | null;
  links?: Json;
  /** iter_content: the length of each piece, and whether pieces were bytes or text. */
  chunkSizes?: number[];
  chunkType?: 'bytes' | 'text' | 'mixed' | 'none';
  /** iter_lines: each line, `t:` + text or `b:` + its bytes as Latin-1. */
  lines?: string[];
}

export interface Outcome {
  calls: CallOutcome[];
  /** The Session's jar at the end (name → value). */
  sessionCookies?: Record<string, string>;
  /** A crash of the runner itself (a bug in the suite, never a parity result). */
  runnerError?: string;
}
