/**
 * What httpbin sees of a request (helpers.get_dict), computed the way Flask/Werkzeug compute it:
 *
 *   args     the query; one value → a string, repeated keys → an array (httpbin's `semiflatten`)
 *   form     urlencoded or multipart fields, same flattening
 *   files    multipart files: UTF-8 text as text, anything else as a data URL with the part's Content-Type
 *   data     the raw body unless it was a form; text, or `data:application/octet-stream;base64,…`
 *   json     the body parsed as JSON, else null
 *   headers  title-cased like Werkzeug's (`X-Custom-Header`, `Dnt`), proxy headers hidden unless ?show_env
 *   origin   X-Forwarded-For, else the client address
 *   url      the request URL as Werkzeug rebuilds it (an IRI: UTF-8 decoded, reserved characters still quoted)
 *
 * Only web APIs, so the same code runs under setupServer (Node) and setupWorker (a service worker).
 */
import { parseMultipart } from './multipart';

/** helpers.ENV_HEADERS: what httpbin hides from `headers` unless the query has `show_env`. */
const ENV_HEADERS = new Set(
  [
    'X-Varnish',
    'X-Request-Start',
    'X-Heroku-Queue-Depth',
    'X-Real-Ip',
    'X-Forwarded-Proto',
    'X-Forwarded-Protocol',
    'X-Forwarded-Ssl',
    'X-Heroku-Queue-Wait-Time',
    'X-Forwarded-For',
    'X-Heroku-Dynos-In-Use',
    'X-Forwarded-Port',
    'X-Request-Id',
    'Via',
    'Total-Route-Time',
    'Connect-Time',
  ].map((h) => h.toLowerCase()),
);

/**
 * Hop-by-hop headers never reach httpbin.org's app: its load balancer consumes them. (Debian's httpbin behind a
 * bare gunicorn does show `Connection`; the fidelity test lists that difference.)
 */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te']);

/** The address a mocked request comes from (there is no socket to ask). */
export const CLIENT_ADDRESS = '127.0.0.1';

export type Flat = Record<string, string | string[]>;

/** httpbin's `semiflatten`: keys in first-seen order, a single value as itself, several as a list. */
export function semiflatten(pairs: Iterable<[string, string]>): Flat {
  const out: Record<string, string[]> = {};
  for (const [key, value] of pairs) (out[key] ??= []).push(value);
  const flat: Flat = {};
  for (const [key, values] of Object.entries(out)) flat[key] = values.length === 1 ? values[0]! : values;
  return flat;
}

/** Python's str.title(), as Werkzeug applies it to header names (after `_` → `-`). */
export function titleCase(name: string): string {
  let out = '';
  let previousCased = false;
  for (const ch of name.replace(/_/g, '-')) {
    const cased = ch.toLowerCase() !== ch.toUpperCase();
    out += cased ? (previousCased ? ch.toLowerCase() : ch.toUpperCase()) : ch;
    previousCased = cased;
  }
  return out;
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const utf8Lenient = new TextDecoder('utf-8', { ignoreBOM: true });

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** helpers.json_safe: UTF-8 text as is, anything else as a data URL. */
export function jsonSafe(bytes: Uint8Array, contentType = 'application/octet-stream'): string {
  try {
    return utf8Strict.decode(bytes);
  } catch {
    return `data:${contentType};base64,${base64(bytes)}`;
  }
}

/** Percent-decodes to bytes, leaving malformed escapes as they are (like Werkzeug and WSGI servers). */
function percentBytes(text: string): number[] {
  const bytes: number[] = [];
  const raw = new TextEncoder().encode(text);
  for (let i = 0; i < raw.length; i++) {
    const hex = raw[i] === 0x25 && i + 2 < raw.length ? String.fromCharCode(raw[i + 1]!, raw[i + 2]!) : '';
    if (/^[0-9a-fA-F]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(raw[i]!);
  }
  return bytes;
}

/** The request path as a WSGI app sees it: percent-decoded, UTF-8 with replacement characters. */
export function decodePath(pathname: string): string {
  return utf8Lenient.decode(new Uint8Array(percentBytes(pathname)));
}

// Werkzeug's `_always_safe` bytes: never quoted, and unquoted again when the URL is turned into an IRI.
const ALWAYS_SAFE = new Set(
  Array.from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~$!'()*+,;", (c) => c.charCodeAt(0)),
);
const hex = (b: number): string => `%${b.toString(16).toUpperCase().padStart(2, '0')}`;

/**
 * Werkzeug's `url_quote(…, safe)` then `uri_to_iri()`: a byte stays literal if safe, escapes of always-safe bytes
 * are decoded, other ASCII escapes stay as written, and UTF-8 sequences become characters (invalid ones `%XX`).
 */
function toIri(bytes: number[], safe: string): string {
  const safeBytes = new Set(Array.from(safe, (c) => c.charCodeAt(0)));
  let out = '';
  let pending: number[] = [];
  const flush = (): void => {
    if (pending.length === 0) return;
    out += decodeUtf8Quoting(pending);
    pending = [];
  };
  for (let i = 0; i < bytes.length; i++) {
    let b = bytes[i]!;
    let written: string | null = null;
    if (b === 0x25 && safeBytes.has(0x25)) {
      // An escape already in the query: decode it only if uri_to_iri would.
      const pair = String.fromCharCode(bytes[i + 1] ?? 0, bytes[i + 2] ?? 0);
      if (/^[0-9a-fA-F]{2}$/.test(pair)) {
        const value = parseInt(pair, 16);
        i += 2;
        if (value < 0x80 && !ALWAYS_SAFE.has(value)) written = `%${pair}`;
        else b = value;
      } else written = '%';
    }
    if (written === null && b < 0x80)
      written = ALWAYS_SAFE.has(b) || safeBytes.has(b) ? String.fromCharCode(b) : hex(b);
    if (written !== null) {
      flush();
      out += written;
    } else pending.push(b);
  }
  flush();
  return out;
}

/** UTF-8 decoding where each invalid byte is written back as `%XX` (Werkzeug's "werkzeug.url_quote" handler). */
function decodeUtf8Quoting(bytes: number[]): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const length = b >= 0xf0 && b <= 0xf4 ? 4 : b >= 0xe0 ? 3 : b >= 0xc2 && b <= 0xdf ? 2 : 0;
    if (length > 0 && i + length <= bytes.length) {
      try {
        out += utf8Strict.decode(new Uint8Array(bytes.slice(i, i + length)));
        i += length;
        continue;
      } catch {
        // fall through: quote this byte
      }
    }
    out += hex(b);
    i++;
  }
  return out;
}

/** The URL Werkzeug reports (`request.url`): scheme://host + quoted path + quoted query, then made an IRI. */
export function werkzeugUrl(url: URL): string {
  const path = toIri(Array.from(new TextEncoder().encode(decodePath(url.pathname))), '/:');
  const query =
    url.search.length > 1 ? `?${toIri(Array.from(new TextEncoder().encode(url.search.slice(1))), ":&%=+$!*'(),")}` : '';
  return `${url.protocol}//${url.host}${path}${query}`;
}

/** Werkzeug's cookie parser: `a=1; b="x y"` → { a: '1', b: 'x y' }; the first of a repeated name wins. */
export function parseCookieHeader(header: string): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    const key = (eq === -1 ? part : part.slice(0, eq)).trim();
    if (!key || Object.hasOwn(cookies, key)) continue;
    let value = eq === -1 ? '' : part.slice(eq + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
      value = value
        .slice(1, -1)
        .replace(/\\([0-3][0-7][0-7])/g, (_, oct: string) => String.fromCharCode(parseInt(oct, 8)))
        .replace(/\\(.)/g, '$1');
    }
    cookies[key] = value;
  }
  return cookies;
}

export type DictKey = 'url' | 'args' | 'form' | 'data' | 'origin' | 'headers' | 'files' | 'json' | 'method';

/** One request as httpbin's views read it; the body is read once, on first need. */
export class HttpbinRequest {
  readonly url: URL;
  readonly method: string;
  readonly headers: Headers;
  #request: Request;
  #body: Promise<Uint8Array> | null = null;
  #parsed: Promise<{ form: [string, string][]; files: [string, string][]; data: Uint8Array }> | null = null;
  #mswCookies: Record<string, string>;

  constructor(request: Request, mswCookies: Record<string, string> = {}) {
    this.#request = request;
    this.url = new URL(request.url);
    this.method = request.method;
    this.headers = request.headers;
    this.#mswCookies = mswCookies;
  }

  /** The query as (key, value) pairs, decoded like Werkzeug's url_decode. */
  get argPairs(): [string, string][] {
    return [...new URLSearchParams(this.url.search)];
  }

  get args(): Flat {
    return semiflatten(this.argPairs);
  }

  /** httpbin's `CaseInsensitiveDict(request.args.items())`: the first value of the first key matching. */
  arg(name: string): string | undefined {
    const lower = name.toLowerCase();
    return this.argPairs.find(([key]) => key.toLowerCase() === lower)?.[1];
  }

  hasArg(name: string): boolean {
    return this.argPairs.some(([key]) => key === name);
  }

  /**
   * The request's cookies. Node sends them in the Cookie header; in a service worker that header is hidden, so
   * msw's view (document cookies plus what mocked responses set) stands in.
   */
  get cookies(): Record<string, string> {
    const header = this.headers.get('cookie');
    return header === null ? { ...this.#mswCookies } : parseCookieHeader(header);
  }

  body(): Promise<Uint8Array> {
    this.#body ??= this.#request.arrayBuffer().then((buffer) => new Uint8Array(buffer));
    return this.#body;
  }

  get mimetype(): string {
    return (this.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  }

  /** Flask's form parsing: form bodies fill form/files and leave `data` empty; other bodies are `data`. */
  #parse(): Promise<{ form: [string, string][]; files: [string, string][]; data: Uint8Array }> {
    this.#parsed ??= (async () => {
      const body = await this.body();
      const type = this.mimetype;
      if (type === 'application/x-www-form-urlencoded') {
        return { form: [...new URLSearchParams(utf8Lenient.decode(body))], files: [], data: new Uint8Array() };
      }
      if (type === 'multipart/form-data') {
        const form: [string, string][] = [];
        const files: [string, string][] = [];
        for (const part of parseMultipart(body, this.headers.get('content-type')!)) {
          if (part.filename === null) form.push([part.name, utf8Lenient.decode(part.data)]);
          else files.push([part.name, jsonSafe(part.data, part.contentType || 'application/octet-stream')]);
        }
        return { form, files, data: new Uint8Array() };
      }
      return { form: [], files: [], data: body };
    })();
    return this.#parsed;
  }

  /** Request headers, Werkzeug-style: title-cased names, proxy headers hidden unless ?show_env. */
  get headerDict(): Record<string, string> {
    const out: Record<string, string> = {};
    const hideEnv = !this.hasArg('show_env');
    let sawHost = false;
    this.headers.forEach((value, name) => {
      if (HOP_BY_HOP.has(name)) return;
      if (hideEnv && ENV_HEADERS.has(name)) return;
      if (name === 'host') sawHost = true;
      out[titleCase(name)] = value;
    });
    // A service worker never sees Host or User-Agent (the browser adds them later); the URL and the page know them.
    if (!sawHost) out.Host = this.url.host;
    const userAgent = this.userAgent;
    if (userAgent !== null) out['User-Agent'] ??= userAgent;
    return out;
  }

  /** The User-Agent sent, or in a browser (where the service worker cannot see it) the page's own. */
  get userAgent(): string | null {
    return (
      this.headers.get('user-agent') ??
      (typeof navigator !== 'undefined' && typeof document !== 'undefined' ? navigator.userAgent : null)
    );
  }

  get origin(): string {
    return this.headers.get('x-forwarded-for') ?? CLIENT_ADDRESS;
  }

  /** helpers.get_url: the rebuilt URL, with the scheme a proxy reports in X-Forwarded-Proto. */
  get werkzeugUrl(): string {
    const url = werkzeugUrl(this.url);
    const proto =
      this.headers.get('x-forwarded-proto') ??
      this.headers.get('x-forwarded-protocol') ??
      (this.headers.get('x-forwarded-ssl') === 'on' ? 'https' : null);
    return proto ? url.replace(/^[^:]+:/, `${proto}:`) : url;
  }

  /** helpers.get_dict: the named parts of the request, plus extras. */
  async dict(keys: DictKey[], extras: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    const out: Record<string, unknown> = {};
    for (const key of keys) {
      switch (key) {
        case 'url':
          out.url = this.werkzeugUrl;
          break;
        case 'args':
          out.args = this.args;
          break;
        case 'headers':
          out.headers = this.headerDict;
          break;
        case 'origin':
          out.origin = this.origin;
          break;
        case 'method':
          out.method = this.method;
          break;
        case 'form':
          out.form = semiflatten((await this.#parse()).form);
          break;
        case 'files':
          out.files = semiflatten((await this.#parse()).files);
          break;
        case 'data':
          out.data = jsonSafe((await this.#parse()).data);
          break;
        case 'json':
          out.json = parseJson((await this.#parse()).data);
          break;
      }
    }
    return { ...out, ...extras };
  }
}

function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(utf8Strict.decode(bytes));
  } catch {
    return null;
  }
}
