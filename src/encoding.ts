/**
 * Text encodings as Requests applies them: the charset from Content-Type; ISO-8859-1 for `text/*` without
 * one; utf-8 for JSON; otherwise a guess from the bytes (`apparentEncoding`). Python's codecs are kept where
 * WHATWG's TextDecoder differs: `iso-8859-1` is true Latin-1 (not windows-1252) and `ascii` replaces bytes ≥ 0x80.
 */

/** One UTF-8 encoder for the modules that encode (a TextEncoder holds no state). */
export const utf8 = /* @__PURE__ */ new TextEncoder();

/** Requests' `get_encoding_from_headers`. */
export function encodingFromContentType(contentType: string | null): string | null {
  if (!contentType) return null;
  const [type = '', ...params] = contentType.split(';');
  for (const param of params) {
    const eq = param.indexOf('=');
    if (eq !== -1 && param.slice(0, eq).trim().toLowerCase() === 'charset') {
      return param
        .slice(eq + 1)
        .trim()
        .replace(/^['"]+|['"]+$/g, '');
    }
  }
  const mime = type.trim().toLowerCase();
  if (mime.includes('text')) return 'ISO-8859-1';
  if (mime.includes('application/json')) return 'utf-8';
  return null;
}

const LATIN1 = new Set([
  'iso-8859-1',
  'iso8859-1',
  'latin-1',
  'latin1',
  'l1',
  'iso-8859-1:1987',
  'cp819',
  '8859',
  'iso-ir-100',
]);
const ASCII = new Set(['ascii', 'us-ascii', '646', 'ansi-x3.4-1968']);

function normalise(label: string): string {
  return label.trim().toLowerCase().replace(/_/g, '-');
}

function decodeSingleByte(bytes: Uint8Array, ascii: boolean): string {
  let out = '';
  const step = 0x2000;
  for (let i = 0; i < bytes.length; i += step) {
    const slice = bytes.subarray(i, i + step);
    out += String.fromCharCode.apply(
      null,
      ascii ? Array.from(slice, (b) => (b < 0x80 ? b : 0xfffd)) : (slice as unknown as number[]),
    );
  }
  return out;
}

/** An incremental decoder (characters split across chunks come out whole), with Python's `errors='replace'`. */
export interface Decoder {
  decode(bytes: Uint8Array, stream?: boolean): string;
}

export function createDecoder(encoding: string | null): Decoder {
  const label = normalise(encoding ?? 'utf-8');
  const ascii = ASCII.has(label);
  if (ascii || LATIN1.has(label)) {
    return { decode: (bytes) => decodeSingleByte(bytes, ascii) };
  }
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label);
  } catch {
    // Requests falls back to utf-8 for an unknown codec (LookupError).
    decoder = new TextDecoder('utf-8');
  }
  return { decode: (bytes, stream = false) => decoder.decode(bytes, { stream }) };
}

export function decodeBytes(bytes: Uint8Array, encoding: string | null): string {
  return createDecoder(encoding).decode(bytes);
}

/**
 * A guess at the encoding of a body, in the spirit of charset_normalizer (which Requests uses): a BOM wins,
 * pure ASCII is 'ascii', valid UTF-8 is 'utf-8', anything else 'windows-1252'.
 */
export function detectEncoding(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  let ascii = true;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i]! >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) return bytes.length === 0 ? 'utf-8' : 'ascii';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}

/** Requests' `guess_json_utf`: JSON always starts with two ASCII characters, so NUL patterns tell UTF-16/32. */
export function guessJsonUtf(bytes: Uint8Array): string | null {
  const [a = 1, b = 1, c = 1, d = 1] = bytes;
  if ((a === 0xff && b === 0xfe) || (a === 0xfe && b === 0xff)) return a === 0xff ? 'utf-16le' : 'utf-16be';
  if (a === 0xef && b === 0xbb && c === 0xbf) return 'utf-8';
  const nulls = [a, b, c, d].filter((x) => x === 0).length;
  if (nulls === 0) return 'utf-8';
  if (nulls === 2) {
    if (a === 0 && c === 0) return 'utf-16be';
    if (b === 0 && d === 0) return 'utf-16le';
  }
  return null; // UTF-32 has no TextDecoder; let the text path try.
}
