/**
 * Request bodies as Requests' `prepare_body` builds them:
 *   data: record/pairs → `application/x-www-form-urlencoded`; string, bytes, Blob, ReadableStream, FormData,
 *         URLSearchParams → sent as is (a string gets no `text/plain` type, as in Requests); an async iterable of
 *         bytes or strings (a generator, a Node Readable) → streamed, chunked, as Requests sends a generator; a Node
 *         `fs.ReadStream` or `FileHandle` → streamed from disk, with its size when it is a regular file's;
 *   json: → `application/json`, serialised as Python's `json.dumps` does (`{"a": 1}`), ignored when data is given;
 *   files: → multipart/form-data (see multipart.ts), data fields first.
 */
import { byteStream, isAsyncIterable } from './body-stream';
import { utf8 } from './encoding';
import { InvalidJSONError, RequestException } from './exceptions';
import { type FileHandleLike, localFile } from '#platform/files';
import { buildMultipart, fileEntries, type FilesInput } from './multipart';
import { encodeParams, type ParamsMap, type ParamsPairs, type ParamsRecord } from './params';

export type DataInput =
  | ParamsRecord
  | ParamsPairs
  | ParamsMap
  | string
  | Uint8Array
  | ArrayBuffer
  | Blob
  | ReadableStream<Uint8Array>
  | FormData
  | URLSearchParams
  /** A generator, a Node Readable or `fs.ReadStream`: streamed. */
  | AsyncIterable<Uint8Array | string>
  /** A Node `fs.promises.FileHandle`: streamed from its start. */
  | FileHandleLike;

export interface BodyInput {
  data?: DataInput | null;
  json?: unknown;
  files?: FilesInput | null;
}

export interface EncodedBody {
  body: BodyInit | null;
  contentType: string | null;
  /** For a stream body: its size when known without reading it (a file's), else null or absent. */
  length?: number | null;
}

/** A plain object (`{…}` or `Object.create(null)`): not an array, not a class instance. */
export function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A mapping (a plain record or a Map, as Requests takes any mapping) or key/value pairs. */
function isRecordOrPairs(data: unknown): data is ParamsRecord | ParamsPairs | ParamsMap {
  return Array.isArray(data) || isPlainRecord(data) || data instanceof Map;
}

/** Falsy in Python's sense: no data, '' or an empty record/Map/list (then `json` is used, as in Requests). */
function isEmptyData(data: DataInput | null | undefined): boolean {
  if (data === null || data === undefined || data === '') return true;
  if (Array.isArray(data)) return data.length === 0;
  if (data instanceof Map) return data.size === 0;
  return isRecordOrPairs(data) && Object.keys(data).length === 0;
}

export function encodeBody({ data, json, files }: BodyInput): EncodedBody {
  // Checked before anything else: a `files` that holds no file is a TypeError, never a field.
  const checked = files === null || files === undefined ? null : fileEntries(files);
  if (checked && checked.length > 0) {
    if (data !== null && data !== undefined && !isRecordOrPairs(data)) {
      throw new RequestException('files can only be combined with data given as a record, a Map or key/value pairs');
    }
    const { body, contentType, length } = buildMultipart(checked, data ?? undefined);
    return { body, contentType, length };
  }
  if (isEmptyData(data)) {
    if (json === undefined || json === null) return { body: null, contentType: null };
    return { body: utf8.encode(dumpsJson(json)), contentType: 'application/json' };
  }
  if (typeof data === 'string') return { body: utf8.encode(data), contentType: null };
  if (isRecordOrPairs(data))
    return { body: utf8.encode(encodeParams(data)), contentType: 'application/x-www-form-urlencoded' };
  if (isBodyInit(data)) return { body: data, contentType: null };
  const file = localFile(data);
  if (file) return { body: file.stream(), contentType: null, length: file.size };
  if (isAsyncIterable(data)) return { body: byteStream(data), contentType: null, length: null };
  return { body: data as BodyInit, contentType: null };
}

/** What fetch takes as it is: a Blob, bytes, a ReadableStream, FormData, URLSearchParams. */
function isBodyInit(data: unknown): data is BodyInit & object {
  return (
    data instanceof Blob ||
    data instanceof ArrayBuffer ||
    ArrayBuffer.isView(data) ||
    (typeof ReadableStream !== 'undefined' && data instanceof ReadableStream) ||
    (typeof FormData !== 'undefined' && data instanceof FormData) ||
    data instanceof URLSearchParams
  );
}

/**
 * `json.dumps(value, allow_nan=False)` byte for byte for the common cases: `", "` and `": "` separators and
 * non-ASCII escaped as `\uXXXX`, so servers see what Requests would send. NaN/Infinity, BigInt and cycles raise
 * InvalidJSONError, as in Requests.
 */
export function dumpsJson(value: unknown): string {
  let compact: string | undefined;
  try {
    compact = JSON.stringify(value, (_key, v: unknown) => {
      if (typeof v === 'number' && !Number.isFinite(v))
        throw new InvalidJSONError(`Out of range float values are not JSON compliant: ${v}`);
      return v;
    });
  } catch (error) {
    if (error instanceof InvalidJSONError) throw error;
    throw new InvalidJSONError(`The json value is not JSON serializable: ${(error as Error).message}`, {
      cause: error,
    });
  }
  if (compact === undefined) throw new InvalidJSONError(`The json value is not JSON serializable: ${typeof value}`);
  return (
    compact
      // A string (2 characters at least, with its quotes) stays; a separator gets its space.
      .replace(/"(?:[^"\\]|\\.)*"|[,:]/g, (token) => (token.length > 1 ? token : `${token} `))
      .replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
  );
}
