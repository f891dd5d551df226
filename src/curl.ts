/**
 * `PreparedRequest.toCurl()`: the request as a curl command a shell runs as it is — method, URL, headers, body —
 * each argument single-quoted. Credentials (Authorization, Proxy-Authorization, Cookie, `user:pass@` in the URL)
 * read REDACTED unless `{ credentials: true }`. A text body goes as `--data-raw`; a binary one is piped in by
 * `printf` with `--data-binary @-`; a multipart body as curl's own `-F` parts; a body that cannot be read now (a
 * stream) is left to stdin, with a comment saying so. curl follows no redirect unless given `-L`, as Requests does.
 *
 *   prep.toCurl()
 *   // curl -X PUT 'https://httpbin.org/put' \
 *   //   -H 'authorization: Basic REDACTED' \
 *   //   -H 'content-type: application/json' \
 *   //   --data-raw '{"a": 1}'
 */
import { multipartParts } from './multipart';
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
  const parts = body instanceof Blob ? multipartParts.get(body) : undefined;
  const form = typeof FormData !== 'undefined' && body instanceof FormData;
  const url = credentials ? request.url : masked(request.url).replace('***@', 'REDACTED@');
  const quotedUrl = `'${url.replace(/'/g, "'\\''")}'`;
  let head = `curl ${quotedUrl}`;
  if (request.method === 'HEAD') head += ' --head';
  else if (!(request.method === 'GET' && body === null) && !(request.method === 'POST' && body !== null)) {
    head = `curl -X ${shellQuote(request.method)} ${quotedUrl}`;
  }
  if (/[[\]{}]/.test(url)) head += ' --globoff';
  for (const [name, value] of request.headers) {
    // curl writes these itself (and a multipart Content-Type with its own boundary).
    if (name === 'content-length' || name === 'transfer-encoding' || ((parts || form) && name === 'content-type')) {
      continue;
    }
    const shown = credentials ? value : redacted(name, value);
    option('-H', shown === '' ? `${name};` : `${name}: ${shown}`);
    if (name === 'accept-encoding' && /gzip|deflate|br|zstd/.test(value)) option('--compressed');
  }
  if (parts) {
    for (const part of parts) {
      if (part.filename === null && typeof part.value === 'string') {
        option('--form-string', `${part.name}=${part.value}`);
      } else {
        const file = part.filename ?? part.name;
        option('-F', `${part.name}=@${formFile(file)}${part.contentType ? `;type=${part.contentType}` : ''}`);
        notes.push(`-F ${part.name}=@${file} reads the file ${file}: the request sent its content from memory`);
      }
    }
  } else if (form) {
    for (const [name, value] of body as FormData) {
      if (typeof value === 'string') option('--form-string', `${name}=${value}`);
      else {
        option('-F', `${name}=@${formFile(value.name || name)}${value.type ? `;type=${value.type}` : ''}`);
        notes.push(`-F ${name}=@${value.name || name} reads that file: the request sent its content from memory`);
      }
    }
  } else if (body !== null) {
    const bytes =
      typeof body === 'string'
        ? new TextEncoder().encode(body)
        : body instanceof Uint8Array
          ? body
          : body instanceof ArrayBuffer
            ? new Uint8Array(body)
            : ArrayBuffer.isView(body)
              ? new Uint8Array(body.buffer, body.byteOffset, body.byteLength)
              : body instanceof URLSearchParams
                ? new TextEncoder().encode(body.toString())
                : null;
    const text = bytes && asText(bytes);
    if (text !== null && text !== undefined) option('--data-raw', text);
    else if (bytes && bytes.byteLength <= MAX_INLINE) {
      stdin = `printf '${printfBytes(bytes)}' | `;
      option('--data-binary', '@-');
    } else {
      option('--data-binary', '@-');
      const what = bytes
        ? `${bytes.byteLength} bytes of binary data`
        : body instanceof Blob
          ? `a ${body.size}-byte Blob`
          : 'a stream';
      notes.push(`the body (${what}) is not shown: pipe it into this command`);
    }
  }
  const command = [stdin + head, ...lines].join(' \\\n  ');
  return [...notes.map((note) => `# ${note}`), command].join('\n');
}

function redacted(name: string, value: string): string {
  if (name === 'authorization' || name === 'proxy-authorization') {
    const space = value.indexOf(' ');
    return space === -1 ? 'REDACTED' : `${value.slice(0, space)} REDACTED`;
  }
  if (name === 'cookie') return value.replace(/=[^;]*/g, '=REDACTED');
  return value;
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
