/**
 * What a cassette never writes down. By default the values of `Authorization`, `Proxy-Authorization`, `Cookie` and
 * `Set-Cookie`; besides, the headers, query parameters and body fields listed in `redact`. Then every value so
 * removed (8 characters or longer: shorter ones would match too much) is scrubbed wherever else it appears in the
 * same recording — a server that echoes the request (httpbin's /headers, /cookies, /get) would otherwise write the
 * secret into a response body.
 *
 * What is stored vs what is replayed: a header keeps its name and an Authorization its scheme (`Basic REDACTED`);
 * a cookie keeps its name and attributes, only its value goes (`token=REDACTED; Path=/`). So a replayed Set-Cookie
 * still puts the cookie in the Session's jar for the same domain and path, and the Cookie header of the next request
 * still carries it: cookie flows replay, with `REDACTED` as the value. Matching never looks at headers, and compares
 * URLs and bodies after redacting the live request the same way, so a redacted `api_key` still matches.
 */

export interface RedactOptions {
  /** Headers (request or response) whose values are replaced, besides the four above: `['X-Api-Key']`. */
  headers?: readonly string[];
  /** Query parameters whose values are replaced, in URLs and Location headers: `['api_key', 'token']`. */
  query?: readonly string[];
  /**
   * Fields whose values are replaced in JSON bodies (at any depth) and form bodies, of requests and responses:
   * `['password', 'access_token']`.
   */
  bodyFields?: readonly string[];
  /** Cookies whose values are kept (by name): harmless ones a test looks at, `['theme']`. */
  keepCookies?: readonly string[];
}

export const REDACTED = 'REDACTED';

const CREDENTIAL_HEADERS = new Set(['authorization', 'proxy-authorization']);
/** Shorter values are not scrubbed from elsewhere: `1` or `true` would be replaced all over a body. */
const MIN_SCRUBBED = 8;
const utf8 = new TextEncoder();

export class Redactor {
  readonly #headers: ReadonlySet<string>;
  readonly #query: ReadonlySet<string>;
  readonly #fields: ReadonlySet<string>;
  readonly #keepCookies: ReadonlySet<string>;

  constructor(options: RedactOptions = {}) {
    this.#headers = new Set((options.headers ?? []).map((name) => name.toLowerCase()));
    this.#query = new Set(options.query ?? []);
    this.#fields = new Set(options.bodyFields ?? []);
    this.#keepCookies = new Set(options.keepCookies ?? []);
  }

  /** The URL with listed query values and any `user:pass@` replaced; what was replaced goes into `found`. */
  url(url: string, found?: Set<string>): string {
    let out = url;
    const userinfo = /^([a-zA-Z][a-zA-Z0-9+.-]*:\/\/)([^/?#@]*)@/.exec(out);
    if (userinfo) {
      const [user, pass] = userinfo[2]!.split(':');
      if (pass) found?.add(safeDecode(pass));
      found?.add(safeDecode(user ?? ''));
      out = out.replace(userinfo[0], userinfo[1]!);
    }
    if (this.#query.size === 0) return out;
    const hash = out.indexOf('#');
    const head = hash === -1 ? out : out.slice(0, hash);
    const query = head.indexOf('?');
    if (query === -1) return out;
    const fields = this.#pairs(head.slice(query + 1), this.#query, found);
    return head.slice(0, query + 1) + fields + (hash === -1 ? '' : out.slice(hash));
  }

  /** A header's value as stored. */
  header(name: string, value: string, found?: Set<string>): string {
    const lower = name.toLowerCase();
    if (lower === 'cookie') {
      return value
        .split(/;\s*/)
        .map((pair) => this.#cookie(pair, found))
        .join('; ');
    }
    if (lower === 'set-cookie') {
      const semi = value.indexOf(';');
      const pair = semi === -1 ? value : value.slice(0, semi);
      return this.#cookie(pair, found) + (semi === -1 ? '' : value.slice(semi));
    }
    if (CREDENTIAL_HEADERS.has(lower)) {
      found?.add(value);
      const space = value.indexOf(' ');
      if (space === -1) return REDACTED;
      found?.add(value.slice(space + 1).trim());
      return `${value.slice(0, space)} ${REDACTED}`;
    }
    if (this.#headers.has(lower)) {
      found?.add(value);
      return REDACTED;
    }
    if (lower === 'location') return this.url(value, found);
    return value;
  }

  /** Whether this header's value is a secret (it is stored redacted). */
  isSecretHeader(name: string): boolean {
    const lower = name.toLowerCase();
    return lower === 'cookie' || lower === 'set-cookie' || CREDENTIAL_HEADERS.has(lower) || this.#headers.has(lower);
  }

  /** A cookie's value as stored: the name kept, the value replaced (unless it is one to keep). */
  cookieValue(name: string, value: string): string {
    return this.#keepCookies.has(name) ? value : REDACTED;
  }

  /** A body with the listed fields replaced (JSON at any depth, or a form); unchanged bytes when none is there. */
  body(bytes: Uint8Array, contentType: string, found?: Set<string>): Uint8Array {
    if (this.#fields.size === 0 || bytes.byteLength === 0) return bytes;
    const type = contentType.toLowerCase();
    if (type.includes('application/x-www-form-urlencoded')) {
      const text = new TextDecoder().decode(bytes);
      const redacted = this.#pairs(text, this.#fields, found);
      return redacted === text ? bytes : utf8.encode(redacted);
    }
    if (!type.includes('json') && !/^\s*[{[]/.test(new TextDecoder().decode(bytes.subarray(0, 16)))) return bytes;
    let doc: unknown;
    try {
      doc = JSON.parse(new TextDecoder().decode(bytes));
    } catch {
      return bytes;
    }
    let changed = false;
    const walk = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(walk);
      if (value === null || typeof value !== 'object') return value;
      const out: Record<string, unknown> = {};
      for (const [key, inner] of Object.entries(value)) {
        if (this.#fields.has(key) && inner !== REDACTED) {
          changed = true;
          collect(inner, found);
          out[key] = REDACTED;
        } else {
          out[key] = walk(inner);
        }
      }
      return out;
    };
    const redacted = walk(doc);
    return changed ? utf8.encode(JSON.stringify(redacted)) : bytes;
  }

  #cookie(pair: string, found?: Set<string>): string {
    const eq = pair.indexOf('=');
    if (eq === -1) return pair;
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1);
    const kept = this.cookieValue(name, value);
    if (kept !== value) found?.add(value);
    return `${name}=${kept}`;
  }

  /** `a=1&b=2` with the values of `names` replaced, the rest byte for byte as it was. */
  #pairs(query: string, names: ReadonlySet<string>, found?: Set<string>): string {
    if (names.size === 0 || query === '') return query;
    return query
      .split('&')
      .map((piece) => {
        const eq = piece.indexOf('=');
        const key = safeDecode((eq === -1 ? piece : piece.slice(0, eq)).replace(/\+/g, ' '));
        if (!names.has(key)) return piece;
        if (eq !== -1) found?.add(safeDecode(piece.slice(eq + 1).replace(/\+/g, ' ')));
        return `${eq === -1 ? piece : piece.slice(0, eq)}=${REDACTED}`;
      })
      .join('&');
  }
}

function collect(value: unknown, found?: Set<string>): void {
  if (!found) return;
  if (typeof value === 'string' || typeof value === 'number') found.add(String(value));
  else if (value && typeof value === 'object') for (const inner of Object.values(value)) collect(inner, found);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * The forms a secret takes elsewhere: as is, percent-encoded (in an echoed URL) and JSON-escaped (in an echoed
 * body), longest first so that a longer secret is replaced before a shorter one inside it.
 */
export function scrubForms(secrets: Iterable<string>): string[] {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (secret.length < MIN_SCRUBBED || secret === REDACTED) continue;
    forms.add(secret);
    forms.add(encodeURIComponent(secret));
    forms.add(JSON.stringify(secret).slice(1, -1));
  }
  return [...forms].sort((a, b) => b.length - a.length);
}

export function scrubText(text: string, forms: readonly string[]): string {
  let out = text;
  for (const form of forms) if (out.includes(form)) out = out.split(form).join(REDACTED);
  return out;
}

/** The same on bytes, whatever they encode (a secret is looked for as its UTF-8 bytes). */
export function scrubBytes(bytes: Uint8Array, forms: readonly string[]): Uint8Array {
  if (forms.length === 0 || bytes.byteLength === 0) return bytes;
  let binary = '';
  for (let i = 0; i < bytes.byteLength; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  const asBinary = (text: string): string => String.fromCharCode(...utf8.encode(text));
  let out = binary;
  for (const form of forms) {
    const needle = asBinary(form);
    if (out.includes(needle)) out = out.split(needle).join(REDACTED);
  }
  return out === binary ? bytes : Uint8Array.from(out, (c) => c.charCodeAt(0));
}
