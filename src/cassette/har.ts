/**
 * HAR 1.2 (the HTTP Archive format that browsers' devtools export), as far as a cassette reads and writes it, and
 * the conversions between a HAR body and bytes. Fields of our own start with `_`, as the format asks:
 * `response._chunks` (how the body arrived) and `response._error` (a body cut short).
 *
 * A body is kept as `text` when it is UTF-8 (or ASCII) text and its Content-Type does not name another charset,
 * else as base64 (`encoding: 'base64'`), so that replaying gives back the very bytes. A request body in base64 says
 * so with `postData._encoding` (HAR has no field for it).
 */
import type { Playback } from '../transport/cassette';

export interface HarNameValue {
  name: string;
  value: string;
  comment?: string;
}

export interface HarCookie {
  name: string;
  value: string;
  path?: string;
  domain?: string;
  expires?: string;
  httpOnly?: boolean;
  secure?: boolean;
  sameSite?: string;
  comment?: string;
}

export interface HarPostData {
  mimeType: string;
  text?: string;
  params?: { name: string; value?: string; fileName?: string; contentType?: string }[];
  /** Ours: 'base64' when `text` holds the bytes in base64 (the body was not UTF-8 text). */
  _encoding?: 'base64';
  comment?: string;
}

export interface HarRequest {
  method: string;
  url: string;
  httpVersion: string;
  cookies: HarCookie[];
  headers: HarNameValue[];
  queryString: HarNameValue[];
  postData?: HarPostData;
  headersSize: number;
  bodySize: number;
  comment?: string;
}

export interface HarContent {
  size: number;
  compression?: number;
  mimeType: string;
  text?: string;
  encoding?: string;
  comment?: string;
}

export interface HarResponse {
  status: number;
  statusText: string;
  httpVersion: string;
  cookies: HarCookie[];
  headers: HarNameValue[];
  content: HarContent;
  redirectURL: string;
  headersSize: number;
  bodySize: number;
  /** Ours: [bytes, ms after the headers] of each chunk as it arrived. */
  _chunks?: [number, number][];
  /** Ours: the body failed after the bytes kept (a connection cut short); a browser's: why the request failed. */
  _error?: string;
  /** Ours: the response's URL when the runtime followed redirects itself (a browser). */
  _url?: string;
  comment?: string;
}

export interface HarTimings {
  blocked?: number;
  dns?: number;
  connect?: number;
  send: number;
  wait: number;
  receive: number;
  ssl?: number;
  comment?: string;
}

export interface HarEntry {
  pageref?: string;
  startedDateTime: string;
  /** ms: the sum of the timings that are not -1. */
  time: number;
  request: HarRequest;
  response: HarResponse;
  cache: Record<string, unknown>;
  timings: HarTimings;
  serverIPAddress?: string;
  connection?: string;
  comment?: string;
  /** Chromium's devtools: why a request failed (with status 0). */
  _error?: string;
  [custom: `_${string}`]: unknown;
}

export interface Har {
  log: {
    version: string;
    creator: { name: string; version: string; comment?: string };
    browser?: { name: string; version: string };
    pages?: unknown[];
    entries: HarEntry[];
    comment?: string;
  };
}

const utf8 = new TextEncoder();
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** The charset a Content-Type names, lower-case, or null. */
export function charsetOf(contentType: string): string | null {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType);
  return match ? match[1]!.toLowerCase() : null;
}

const LATIN1 = new Set(['iso-8859-1', 'latin1', 'latin-1', 'windows-1252', 'cp1252', 'us-ascii', 'ascii']);

/** The bytes as HAR text when they are UTF-8 text the Content-Type does not contradict, else null. */
function asText(bytes: Uint8Array, contentType: string): string | null {
  const charset = charsetOf(contentType);
  if (charset && charset !== 'utf-8' && charset !== 'utf8' && !(LATIN1.has(charset) && isAscii(bytes))) return null;
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    return null;
  }
  // Control characters (but tab and line breaks) mean binary data that happens to decode: base64 is safer there.
  // A BOM is kept in base64 too, since text is read back without one.
  return /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufeff]/.test(text) ? null : text;
}

function isAscii(bytes: Uint8Array): boolean {
  for (const byte of bytes) if (byte > 0x7f) return false;
  return true;
}

export function contentOf(bytes: Uint8Array, mimeType: string): HarContent {
  const content: HarContent = { size: bytes.byteLength, mimeType };
  if (bytes.byteLength === 0) return content;
  const text = asText(bytes, mimeType);
  if (text !== null) content.text = text;
  else {
    content.text = toBase64(bytes);
    content.encoding = 'base64';
  }
  return content;
}

export function postDataOf(bytes: Uint8Array, mimeType: string): HarPostData {
  const text = asText(bytes, mimeType);
  return text !== null ? { mimeType, text } : { mimeType, text: toBase64(bytes), _encoding: 'base64' };
}

/** A HAR body's bytes: base64 decoded; text encoded in its charset where that is a one-byte one, else UTF-8. */
export function bytesOf(text: string | undefined, base64: boolean, mimeType: string): Uint8Array {
  if (!text) return new Uint8Array(0);
  if (base64) return fromBase64(text);
  const charset = charsetOf(mimeType);
  if (charset && LATIN1.has(charset) && /^[\u0000-\u00ff]*$/.test(text)) {
    return Uint8Array.from(text, (c) => c.charCodeAt(0));
  }
  return utf8.encode(text);
}

export function contentBytes(content: HarContent): Uint8Array {
  return bytesOf(content.text, content.encoding === 'base64', content.mimeType ?? '');
}

/** A request's body bytes; a browser's HAR may give only `params` (form fields), which are encoded back. */
export function postDataBytes(postData: HarPostData | undefined): Uint8Array | null {
  if (!postData) return null;
  if (postData.text === undefined && postData.params) {
    const form = new URLSearchParams(postData.params.map((p) => [p.name, p.value ?? ''] as [string, string]));
    return utf8.encode(form.toString());
  }
  return bytesOf(postData.text, postData._encoding === 'base64', postData.mimeType ?? '');
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.byteLength; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array {
  const binary = atob(text.replace(/\s+/g, ''));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** Reads a HAR given as an object or JSON text (a BOM, as some tools write, is skipped). */
export function parseHar(input: Har | string): Har {
  const har = typeof input === 'string' ? (JSON.parse(input.replace(/^\ufeff/, '')) as Har) : input;
  if (!har || typeof har !== 'object' || !har.log || !Array.isArray(har.log.entries)) {
    throw new TypeError('Not a HAR: expected { log: { entries: [...] } }');
  }
  return har;
}

/** A recording as the layer and MSW's handlers play it. */
export function playbackOf(entry: HarEntry): Playback {
  const response = entry.response;
  const timings = entry.timings ?? { send: 0, wait: 0, receive: 0 };
  const receive = positive(timings.receive);
  const total =
    positive(entry.time) ||
    [timings.blocked, timings.dns, timings.connect, timings.send, timings.wait, timings.receive].reduce<number>(
      (sum, t) => sum + positive(t),
      0,
    );
  const failure = (response as { _failureText?: string })._failureText;
  return {
    status: response.status,
    statusText: response.statusText ?? '',
    headers: (response.headers ?? []).map(({ name, value }) => [name, value] as const),
    body: contentBytes(response.content ?? { size: 0, mimeType: '' }),
    chunks: Array.isArray(response._chunks) ? response._chunks : null,
    url: response._url ?? null,
    redirected: response._url !== undefined,
    error:
      response.status === 0 ? (response._error ?? entry._error ?? failure ?? 'no response') : (response._error ?? null),
    wait: Math.max(0, total - receive),
    receive,
  };
}

function positive(value: number | undefined): number {
  return typeof value === 'number' && value > 0 ? value : 0;
}
