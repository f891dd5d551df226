/**
 * Request bodies as Requests' `prepare_body` builds them:
 *   data: record/pairs → `application/x-www-form-urlencoded`; string, bytes, Blob, ReadableStream, FormData,
 *         URLSearchParams → sent as is (a string gets no `text/plain` type, as in Requests);
 *   json: → `application/json`, serialised as Python's `json.dumps` does (`{"a": 1}`), ignored when data is given;
 *   files: → multipart/form-data (see multipart.ts), data fields first.
 */
import { utf8 } from './encoding';
import { InvalidJSONError, RequestException } from './exceptions';
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
  | URLSearchParams;

export interface BodyInput {
  data?: DataInput | null;
  json?: unknown;
  files?: FilesInput | null;
}

export interface EncodedBody {
  body: BodyInit | null;
  contentType: string | null;
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
    return buildMultipart(checked, data ?? undefined);
  }
  if (isEmptyData(data)) {
    if (json === undefined || json === null) return { body: null, contentType: null };
    return { body: utf8.encode(dumpsJson(json)), contentType: 'application/json' };
  }
  if (typeof data === 'string') return { body: utf8.encode(data), contentType: null };
  if (isRecordOrPairs(data))
    return { body: utf8.encode(encodeParams(data)), contentType: 'application/x-www-form-urlencoded' };
  return { body: data as BodyInit, contentType: null };
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
