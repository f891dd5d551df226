/**
 * URL preparation as Requests' `PreparedRequest.prepare_url` does it: scheme and host checks with Requests'
 * exceptions and messages, params appended to the URL's own query, the fragment kept, credentials in the URL
 * lifted out (they become Basic auth and never reach fetch or `Response.url`), and the result requoted.
 *
 * Only a URL whose scheme begins with `http` (`http`, `https`, `http+unix`, …) is prepared. Any other scheme
 * (`data:`, `file:`, `mailto:`, `localhost:3128`) is left exactly as given, without params, as Requests leaves it:
 * such a request is refused when it is sent, before anything goes out, by `Session.getAdapter` (InvalidSchema, "No
 * connection adapters were found for …"), since no adapter is mounted for it.
 */
import { InvalidURL, MissingSchema } from './exceptions';
import { encodeParams, type ParamsInput } from './params';

export interface PreparedUrl {
  url: string;
  /** `user:pass@` credentials found in the URL, percent-decoded. */
  credentials: [string, string] | null;
}

const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;

/** The document's base URL in a browser, so that `'/api/items'` works there as it does with fetch. */
function documentBase(): string | undefined {
  const doc = (globalThis as { document?: { baseURI?: string } }).document;
  if (doc?.baseURI) return doc.baseURI;
  const loc = (globalThis as { location?: { href?: string } }).location;
  return typeof loc?.href === 'string' && /^https?:/.test(loc.href) ? loc.href : undefined;
}

export function prepareUrl(input: string | URL, params?: ParamsInput | null): PreparedUrl {
  const given = String(input);
  if (!hasParams(params)) return preparedOnce(given);
  return prepareFully(given, params);
}

/**
 * `preparedOnce`: an absolute http(s) URL without params is prepared once and remembered, by the string given —
 * preparing is a pure function of that string, and the same URL again is the common case (+2–3 % on `get` and
 * `Session.get`, bench/RESULTS.md). URLs with credentials are never remembered; the memo is cleared when full.
 */
const preparedUrls = new Map<string, string>();

function preparedOnce(given: string): PreparedUrl {
  const known = preparedUrls.get(given);
  if (known !== undefined) return { url: known, credentials: null };
  const prepared = prepareFully(given, null);
  if (prepared.credentials === null && /^https?:\/\//i.test(given)) {
    if (preparedUrls.size >= 500) preparedUrls.clear();
    preparedUrls.set(given, prepared.url);
  }
  return prepared;
}

/** Whether params add anything to a URL (`null`, `undefined` and `{}` do not). */
function hasParams(params: ParamsInput | null | undefined): params is ParamsInput {
  if (params === null || params === undefined) return false;
  return !(Object.getPrototypeOf(params) === Object.prototype && Object.keys(params).length === 0);
}

function prepareFully(given: string, params: ParamsInput | null): PreparedUrl {
  let raw = given.replace(/^\s+/, '');
  // WHATWG parsing silently drops tabs and line breaks inside a URL (Requests percent-encodes them): refuse them
  // rather than send another URL than the one given, or let a CR/LF near a request line.
  if (/[\t\n\r]/.test(raw.trimEnd()))
    throw new InvalidURL(`Invalid URL ${JSON.stringify(masked(raw.trimEnd()))}: contains a tab or a line break`);
  const scheme = raw.startsWith('http://')
    ? 'http'
    : raw.startsWith('https://')
      ? 'https'
      : SCHEME.exec(raw)?.[1]?.toLowerCase();
  if (scheme === undefined) {
    const base = documentBase();
    if (base === undefined || raw === '') {
      throw new MissingSchema(
        `Invalid URL ${JSON.stringify(masked(raw))}: No scheme supplied. Perhaps you meant https://${masked(raw)}?`,
      );
    }
    raw = new URL(raw, base).href;
  } else if (!scheme.startsWith('http')) {
    // Requests' `if ":" in url and not url.lower().startswith("http")`: not prepared, not given params.
    return { url: raw, credentials: null };
  } else if (!/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#]/.test(raw)) {
    // WHATWG parsing would take `http:host/x` or `http:///host/x` for http://host/x; Requests sees no host there.
    throw new InvalidURL(`Invalid URL ${JSON.stringify(masked(raw))}: No host supplied`);
  }

  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch (error) {
    throw new InvalidURL(
      `Invalid URL ${JSON.stringify(masked(raw))}: ${hostMissing(raw) ? 'No host supplied' : 'cannot be parsed'}`,
      { cause: maskedCause(error, raw) },
    );
  }
  const hostname = parsed.hostname;
  if (!hostname) throw new InvalidURL(`Invalid URL ${JSON.stringify(masked(raw))}: No host supplied`);
  if (hostname.startsWith('*') || hostname.startsWith('.')) throw new InvalidURL('URL has an invalid label.');

  let credentials: [string, string] | null = null;
  if (parsed.username || parsed.password) {
    credentials = [safeDecode(parsed.username), safeDecode(parsed.password)];
  }

  const extra = encodeParams(params);
  let query = parsed.search.slice(1);
  if (extra) query = query ? `${query}&${extra}` : extra;
  const url = `${parsed.protocol}//${parsed.host}${parsed.pathname}${query ? `?${query}` : ''}${parsed.hash}`;
  return { url: requoteUri(url), credentials };
}

/**
 * The URL as messages show it: credentials (`//user:pass@`) masked, so that they never reach an error or a log.
 * Without `//`, `http:user:pass@h` is still userinfo to WHATWG parsing, and `user:pass@h` cannot be told from
 * a scheme: everything before the `@` goes.
 */
export function masked(url: string): string {
  return url.replace(/^((?:[a-zA-Z][a-zA-Z0-9+.-]*:)?[/\\]{2}|https?:[/\\]*|)[^/\\?#]*@/i, '$1***@');
}

/** A URL parser's error, its `input` (Node) and any quote of the URL in its message (Firefox) masked. */
export function maskedCause(error: unknown, url: string): unknown {
  const e = error as { input?: unknown; message?: unknown; stack?: unknown } | null;
  if (!e || typeof e !== 'object') return error;
  const hidden = masked(url);
  if (hidden === url) return error;
  if (typeof e.input === 'string') e.input = masked(e.input);
  if (typeof e.message === 'string') e.message = e.message.split(url).join(hidden);
  if (typeof e.stack === 'string') e.stack = e.stack.split(url).join(hidden);
  return error;
}

function hostMissing(raw: string): boolean {
  return /^[a-zA-Z][a-zA-Z0-9+.-]*:\/*(?:[/?#]|$)/.test(raw);
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

// Requests' `requote_uri`: unquote unreserved characters, quote anything outside unreserved + reserved.
const UNRESERVED_ESCAPE = /%(4[1-9A-F]|5[0-9A]|6[1-9A-F]|7[0-9A]|3[0-9]|2D|2E|5F|7E)/gi;
const NEEDS_QUOTE = /[^A-Za-z0-9\-._~!#$%&'()*+,/:;=?@[\]]/g;

export function requoteUri(url: string): string {
  let out = url;
  if (out.includes('%'))
    out = out.replace(UNRESERVED_ESCAPE, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  NEEDS_QUOTE.lastIndex = 0;
  if (NEEDS_QUOTE.test(out)) {
    out = out.replace(NEEDS_QUOTE, (c) =>
      Array.from(new TextEncoder().encode(c), (b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
    );
  }
  return out;
}
