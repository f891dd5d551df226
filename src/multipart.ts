/**
 * multipart/form-data as Requests (urllib3's `encode_multipart_formdata`) writes it: data fields first, then files;
 * each file as `[filename, content, contentType?, headers?]` or bare content (filename = File.name, a Node file's
 * path's basename, or the field name); a part has a Content-Type only when one is given. The body is a Blob built
 * from the parts, so file contents are never copied into memory here — or, when a file is a Node `fs.ReadStream` or
 * `FileHandle`, a stream of the parts that reads the file from disk as fetch takes it, its length known when every
 * part's is. `files` is checked before anything is built (`fileEntries`): a value that is no file is a TypeError,
 * never posted as a field.
 */
import { type FileHandleLike, type LocalFile, localFile, type ReadStreamLike, streamParts } from '#platform/files';
import { paramPairs, type ParamsMap, type ParamsPairs, type ParamsRecord } from './params';

/** A Node `fs.ReadStream` or `fs.promises.FileHandle`: streamed from disk, named by its path (servers only). */
export type NodeFile = ReadStreamLike | FileHandleLike;
export type FileContent = Blob | Uint8Array | ArrayBuffer | string | NodeFile;
/** `content: null` leaves the field out, as Requests skips a file that is None. */
export type FileTuple =
  | readonly [filename: string | null, content: FileContent | null]
  | readonly [filename: string | null, content: FileContent | null, contentType: string | null]
  | readonly [
      filename: string | null,
      content: FileContent | null,
      contentType: string | null,
      headers: Record<string, string>,
    ];
export type FileSpec = FileContent | FileTuple;
export type FilesInput =
  | { readonly [field: string]: FileSpec | null | undefined }
  | ReadonlyMap<string, FileSpec | null | undefined>
  | readonly (readonly [string, FileSpec | null | undefined])[];

/** A field's file as checked: `content` null for a file to leave out (`null`/`undefined`, as Requests skips None). */
export interface CheckedFile {
  name: string;
  filename: string | null;
  /** A Node file as the LocalFile that streams it. */
  content: Blob | Uint8Array | ArrayBuffer | string | LocalFile | null;
  contentType: string | null;
  headers: Record<string, string> | undefined;
}

const FILE_FORMS =
  'a Blob, File, Uint8Array, ArrayBuffer, string, a Node fs.ReadStream or FileHandle, or a [filename, content, contentType?, headers?] tuple';

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (isPlainObject(value)) return 'an object';
  if (typeof value === 'object') return `a ${Object.getPrototypeOf(value)?.constructor?.name ?? 'object'}`;
  return typeof value === 'string' ? JSON.stringify(value) : `${typeof value} ${String(value)}`;
}

function isContent(value: unknown): value is Blob | Uint8Array | ArrayBuffer | string {
  return (
    typeof value === 'string' ||
    (typeof Blob !== 'undefined' && value instanceof Blob) ||
    value instanceof ArrayBuffer ||
    ArrayBuffer.isView(value)
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function checkFile(name: string, spec: unknown): CheckedFile {
  const bad = (what: string): TypeError =>
    new TypeError(`files[${JSON.stringify(name)}]: ${what} (a file is ${FILE_FORMS})`);
  if (spec === null || spec === undefined) {
    return { name, filename: null, content: null, contentType: null, headers: undefined };
  }
  if (isContent(spec)) {
    const filename = typeof File !== 'undefined' && spec instanceof File && spec.name ? spec.name : name;
    return { name, filename, content: spec, contentType: null, headers: undefined };
  }
  if (!Array.isArray(spec)) {
    const file = localFile(spec);
    if (file === null) throw bad(`not ${describe(spec)}`);
    return { name, filename: file.name ?? name, content: file, contentType: null, headers: undefined };
  }
  if (spec.length < 2 || spec.length > 4) throw bad(`a tuple has 2 to 4 items, not ${spec.length}`);
  const [filename, content, contentType, headers] = spec as unknown[];
  if (filename !== null && filename !== undefined && typeof filename !== 'string') {
    throw bad(`the filename is a string or null, not ${describe(filename)}`);
  }
  const file = content === null || content === undefined || isContent(content) ? null : localFile(content);
  if (content !== null && content !== undefined && !isContent(content) && file === null) {
    throw bad(`the content is not ${describe(content)}`);
  }
  if (contentType !== null && contentType !== undefined && typeof contentType !== 'string') {
    throw bad(`the content type is a string or null, not ${describe(contentType)}`);
  }
  if (
    headers !== null &&
    headers !== undefined &&
    (!isPlainObject(headers) || Object.values(headers).some((v) => typeof v !== 'string'))
  ) {
    throw bad(`the part's headers are a record of strings, not ${describe(headers)}`);
  }
  return {
    name,
    filename: (filename as string | null | undefined) ?? null,
    content: file ?? (content as CheckedFile['content'] | undefined) ?? null,
    contentType: (contentType as string | null | undefined) ?? null,
    headers: (headers as Record<string, string> | null | undefined) ?? undefined,
  };
}

/**
 * The fields of `files` (a record, a Map, or `[field, file]` pairs), each file checked. Anything else — a bare
 * list of files, a pair that is not `[string, file]`, a file that is none of the accepted forms — is a TypeError
 * (Requests raises ValueError), thrown before anything is sent.
 */
export function fileEntries(files: unknown): CheckedFile[] {
  let entries: Iterable<unknown>;
  if (files instanceof Map) entries = files;
  else if (Array.isArray(files)) entries = files;
  else if (isPlainObject(files)) entries = Object.entries(files);
  else throw new TypeError(`files must be a record, a Map or [field, file] pairs, not ${describe(files)}`);
  const checked: CheckedFile[] = [];
  for (const entry of entries) {
    if (!Array.isArray(entry) || entry.length !== 2 || typeof entry[0] !== 'string') {
      throw new TypeError(`files must be a record, a Map or [field, file] pairs; found ${describe(entry)} in the list`);
    }
    checked.push(checkFile(entry[0], entry[1]));
  }
  return checked;
}

/** One part of a multipart body, as given. */
export interface MultipartPart {
  name: string;
  /** null for a data field. */
  filename: string | null;
  contentType: string | null;
  value: string | FileContent;
}

/** The parts each multipart body was built from, for `toCurl()` (curl's `-F` builds the body itself). */
export const multipartParts = new WeakMap<Blob, MultipartPart[]>();

const CRLF = '\r\n';

/** urllib3's HTML5-style parameter escaping: LF, CR and `"` as %0A, %0D, %22. */
function quoteParam(value: string): string {
  return value.replace(/[\n\r"]/g, encodeURIComponent);
}

function randomBoundary(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function partHeaders(
  name: string,
  filename: string | null,
  contentType: string | null,
  extra: Record<string, string> = {},
): string {
  let disposition = `form-data; name="${quoteParam(name)}"`;
  if (filename !== null) disposition += `; filename="${quoteParam(filename)}"`;
  const lines = [`Content-Disposition: ${disposition}`];
  if (contentType) lines.push(`Content-Type: ${contentType}`);
  for (const [key, value] of Object.entries(extra)) {
    if (value && !/^content-(disposition|type|location)$/i.test(key)) lines.push(`${key}: ${value}`);
  }
  return lines.join(CRLF) + CRLF + CRLF;
}

/**
 * `files` with `data`'s fields first, as one Blob; `files` is checked before anything is built. For files in memory:
 * a Node file makes `buildMultipart` stream the body instead, which this refuses.
 */
export function encodeMultipart(
  files: FilesInput,
  data?: ParamsRecord | ParamsPairs | ParamsMap,
  boundary?: string,
): { body: Blob; contentType: string } {
  const { body, contentType } = buildMultipart(fileEntries(files), data, boundary);
  if (!(body instanceof Blob)) throw new TypeError('encodeMultipart builds a Blob: a Node file is streamed instead');
  return { body, contentType };
}

/** A multipart body as built: a Blob, or a stream when a file is read from disk. */
export interface MultipartBody {
  body: Blob | ReadableStream<Uint8Array>;
  contentType: string;
  /** The body's size in bytes, when every part's is known (a streamed file's from its stats); else null. */
  length: number | null;
}

type Piece = string | Blob | ArrayBuffer | ArrayBufferView | LocalFile;

const isLocalFile = (piece: Piece): piece is LocalFile =>
  typeof piece === 'object' &&
  !(piece instanceof Blob) &&
  !(piece instanceof ArrayBuffer) &&
  !ArrayBuffer.isView(piece);

/** The multipart body of files `fileEntries` has checked, with `data`'s fields first. */
export function buildMultipart(
  checked: readonly CheckedFile[],
  data?: ParamsRecord | ParamsPairs | ParamsMap,
  boundary: string = randomBoundary(),
): MultipartBody {
  const pieces: Piece[] = [];
  const given: MultipartPart[] = [];
  for (const [name, value] of data ? paramPairs(data) : []) {
    pieces.push(`--${boundary}${CRLF}`, partHeaders(name, null, null), value, CRLF);
    given.push({ name, filename: null, contentType: null, value });
  }
  for (const { name, filename, content, contentType, headers } of checked) {
    if (content === null) continue;
    pieces.push(`--${boundary}${CRLF}`, partHeaders(name, filename, contentType, headers), content, CRLF);
    if (!isLocalFile(content)) given.push({ name, filename: filename ?? name, contentType, value: content });
  }
  pieces.push(`--${boundary}--${CRLF}`);
  const contentType = `multipart/form-data; boundary=${boundary}`;
  if (!pieces.some(isLocalFile)) {
    const body = new Blob(pieces as BlobPart[]);
    multipartParts.set(body, given);
    return { body, contentType, length: body.size };
  }
  // A file read from disk (servers only): the parts streamed in order, each file as fetch takes it.
  const { body, length } = streamParts(pieces);
  return { body, contentType, length };
}
