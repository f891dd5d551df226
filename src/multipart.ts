/**
 * multipart/form-data as Requests (urllib3's `encode_multipart_formdata`) writes it: data fields first, then files;
 * each file as `[filename, content, contentType?, headers?]` or bare content (filename = File.name or the field
 * name); a part has a Content-Type only when one is given. The body is a Blob built from the parts, so file
 * contents are never copied into memory here.
 */
import { paramPairs, type ParamsPairs, type ParamsRecord } from './params';

export type FileContent = Blob | Uint8Array | ArrayBuffer | string;
export type FileTuple =
  | readonly [filename: string | null, content: FileContent]
  | readonly [filename: string | null, content: FileContent, contentType: string | null]
  | readonly [
      filename: string | null,
      content: FileContent,
      contentType: string | null,
      headers: Record<string, string>,
    ];
export type FileSpec = FileContent | FileTuple;
export type FilesInput = { readonly [field: string]: FileSpec } | readonly (readonly [string, FileSpec])[];

const CRLF = '\r\n';

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

export function encodeMultipart(
  files: FilesInput,
  data?: ParamsRecord | ParamsPairs,
  boundary: string = randomBoundary(),
): { body: Blob; contentType: string } {
  const parts: BlobPart[] = [];
  const given: MultipartPart[] = [];
  for (const [name, value] of data ? paramPairs(data) : []) {
    parts.push(`--${boundary}${CRLF}`, partHeaders(name, null, null), value, CRLF);
    given.push({ name, filename: null, contentType: null, value });
  }
  const fileEntries = Array.isArray(files)
    ? (files as readonly (readonly [string, FileSpec])[])
    : Object.entries(files);
  for (const [name, spec] of fileEntries) {
    let filename: string | null;
    let content: FileContent;
    let contentType: string | null = null;
    let extra: Record<string, string> | undefined;
    if (Array.isArray(spec)) {
      [filename, content, contentType = null, extra] = spec as unknown as [
        string | null,
        FileContent,
        (string | null)?,
        Record<string, string>?,
      ];
    } else {
      content = spec as FileContent;
      filename = typeof File !== 'undefined' && content instanceof File && content.name ? content.name : name;
    }
    if (content === null || content === undefined) continue;
    parts.push(`--${boundary}${CRLF}`, partHeaders(name, filename, contentType, extra), content as BlobPart, CRLF);
    given.push({ name, filename: filename ?? name, contentType, value: content });
  }
  parts.push(`--${boundary}--${CRLF}`);
  const body = new Blob(parts);
  multipartParts.set(body, given);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}
