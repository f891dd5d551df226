/**
 * `PreparedRequest.toCurl()`: the request as a curl command a shell runs as it is — method, URL, headers, body —
 * each argument single-quoted. Credentials (Authorization, Proxy-Authorization, Cookie, `user:pass@` in the URL)
 * read REDACTED unless `{ credentials: true }`. A text body goes as `--data-raw`; a binary one is piped in by
 * `printf` with `--data-binary @-`; a multipart body as curl's own `-F` parts; a body that cannot be read now (a
 * stream) is left to stdin, with a comment saying so. curl follows no redirect unless given `-L`, as Requests does.
 *
 *   prep.toCurl()
 *   // curl -X PUT 'https://httpbin.org/put' \
 *   //   -H 'Authorization: Basic REDACTED' \
 *   //   -H 'content-type: application/json' \
 *   //   --data-raw '{"a": 1}'
 */
import { type MultipartPart, multipartParts } from './multipart';
import type { PreparedRequest } from './request';
import { masked } from './url';

export interface CurlOptions {
  /** Show Authorization, Proxy-Authorization, Cookie and URL credentials as they are (default: REDACTED). */
  credentials?: boolean;
}

/** The largest binary body spelled out in the command. */
const MAX_INLINE = 64 * 1024;

export function toCurl(request: PreparedRequest, { credentials = false }: CurlOptions = {}): string {
  const notes: string[] = [];
  let stdin = '';
  /** The command's options, one per line: a flag and its value. */
  const lines: string[] = [];
  const option = (...words: string[]): void => {
    lines.push(words.map(shellQuote).join(' '));
  };
  const body = request.body;
  const parts = formParts(body);
  const url = credentials ? request.url : masked(request.url).replace('***@', 'REDACTED@');
  const quotedUrl = `'${url.replace(/'/g, "'\\''")}'`;
  const method =
    request.method === 'HEAD' || (request.method === 'GET' && body === null) || (request.method === 'POST' && body)
      ? ''
      : `-X ${shellQuote(request.method)} `;
  let head = `curl ${method}${quotedUrl}${request.method === 'HEAD' ? ' --head' : ''}`;
  if (/[[\]{}]/.test(url)) head += ' --globoff';
  for (const [name, value] of request.headers) {
    // curl writes these itself (and a multipart Content-Type with its own boundary).
    if (name === 'content-length' || name === 'transfer-encoding' || (parts && name === 'content-type')) continue;
    const shown = credentials ? value : redacted(name, value);
    option('-H', shown === '' ? `${name};` : `${name}: ${shown}`);
    if (name === 'accept-encoding' && /gzip|deflate|br|zstd/.test(value)) option('--compressed');
  }
  if (parts) {
    for (const { name, filename, contentType, value } of parts) {
      if (filename === null && typeof value === 'string') option('--form-string', `${name}=${value}`);
      else {
        const file = filename ?? name;
        option('-F', `${name}=@${formFile(file)}${contentType ? `;type=${contentType}` : ''}`);
        notes.push(`-F ${name}=@${file} reads the file ${file}: the request sent its content from memory`);
      }
    }
  } else if (body !== null) {
    const bytes =
      body instanceof Uint8Array
        ? body
        : typeof body === 'string' || body instanceof URLSearchParams
          ? new TextEncoder().encode(String(body))
          : body instanceof ArrayBuffer
            ? new Uint8Array(body)
            : ArrayBuffer.isView(body)
              ? new Uint8Array(body.buffer, body.byteOffset, body.byteLength)
              : null;
    const text = bytes && asText(bytes);
    option('--data-binary', '@-');
    if (typeof text === 'string') lines[lines.length - 1] = `--data-raw ${shellQuote(text)}`;
    else if (bytes && bytes.byteLength <= MAX_INLINE) stdin = `printf '${printfBytes(bytes)}' | `;
    else {
      const what = bytes ? `${bytes.byteLength} bytes` : body instanceof Blob ? `a ${body.size}-byte Blob` : 'a stream';
      notes.push(`the body (${what}) is not shown: pipe it into this command`);
    }
  }
  const command = [stdin + head, ...lines].join(' \\\n  ');
  return [...notes.map((note) => `# ${note}`), command].join('\n');
}

/** Header names arrive as they were set (`Authorization`): compared case-insensitively. */
function redacted(name: string, value: string): string {
  const lower = name.toLowerCase();
  if (lower === 'authorization' || lower === 'proxy-authorization') {
    const space = value.indexOf(' ');
    return space === -1 ? 'REDACTED' : `${value.slice(0, space)} REDACTED`;
  }
  if (lower === 'cookie') return value.replace(/=[^;]*/g, '=REDACTED');
  return value;
}

/** A multipart body's parts (as built by multipart.ts, or a FormData's entries), or undefined for any other body. */
function formParts(body: BodyInit | null): MultipartPart[] | undefined {
  if (body instanceof Blob) return multipartParts.get(body);
  if (typeof FormData === 'undefined' || !(body instanceof FormData)) return undefined;
  return [...body].map(([name, value]) =>
    typeof value === 'string'
      ? { name, filename: null, contentType: null, value }
      : { name, filename: value.name || name, contentType: value.type || null, value },
  );
}

/** A file name as curl's -F reads it: quoted when it holds `;`, `,` or `"`. */
function formFile(name: string): string {
  return /[;,"]/.test(name) ? `"${name.replace(/["\\]/g, '\\$&')}"` : name;
}

/** UTF-8 text without NUL and other control characters (but tab and line breaks), else null. */
function asText(bytes: Uint8Array): string | null {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/.test(text) ? null : text;
  } catch {
    return null;
  }
}

/** Bytes as a printf format: printable ASCII as is (`%` doubled), every other byte as a 3-digit octal escape. */
function printfBytes(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) {
    if (byte === 0x25) out += '%%';
    else if (byte >= 0x20 && byte < 0x7f && byte !== 0x5c && byte !== 0x27) out += String.fromCharCode(byte);
    else out += `\\${byte.toString(8).padStart(3, '0')}`;
  }
  return out;
}

/** One shell word: as is when it is plainly safe, else single-quoted (a `'` inside written as `'\''`). */
function shellQuote(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, "'\\''")}'`;
}
