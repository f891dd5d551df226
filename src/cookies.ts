/**
 * The Session's cookie jar outside browsers: RFC 6265 rules (domain, host-only, path, Secure, Expires/Max-Age)
 * from tough-cookie, behind Requests' RequestsCookieJar API (`get`, `set`, `delete`, `getDict`, iteration).
 * A browser build swaps in cookies.browser.ts, where the browser owns cookies and this jar is inert.
 *
 *   const jar = new RequestsCookieJar({ token: 'abc' });       // domain-less: sent to every host, as in Requests
 *   jar.set('lang', 'en', { domain: 'example.com', path: '/docs' });
 *   jar.getDict()                                               // { token: 'abc', lang: 'en' }
 *
 * tough-cookie (with its public-suffix list) is loaded on the first response that sets a cookie, not when the
 * library is imported: most programs never need it, and it is most of an import's time. Until then, cookies set by
 * hand are kept and matched here, and the first Set-Cookie brings the engine in.
 */
import type { Cookie, CookieJar, MemoryCookieStore } from 'tough-cookie';
import { CookieConflictError, InvalidHeader, RequestException } from './exceptions';
import { loadOnce } from './lazy';
import type { PreparedRequest } from './request';

type ToughCookie = typeof import('tough-cookie');

const loadToughCookie = loadOnce(() => import('tough-cookie'));

/** tough-cookie once it has been loaded (by `loadCookieEngine`). */
let tough: ToughCookie | null = null;

/** Loads the cookie engine (tough-cookie), once: what storing a response's cookies needs. */
export async function loadCookieEngine(): Promise<void> {
  tough ??= await loadToughCookie();
}

function engine(): ToughCookie {
  if (!tough) throw new RequestException('The cookie engine is not loaded yet: `await loadCookieEngine()` first');
  return tough;
}

export interface CookieOptions {
  /** Without a domain, a cookie set by hand goes to every host, as in Requests. */
  domain?: string;
  path?: string;
  secure?: boolean;
  /** Expiry as a Date or epoch milliseconds. */
  expires?: Date | number;
  /** Non-standard attributes (`{ HttpOnly: true }`), kept as cookielib's `rest`. */
  rest?: CookieRest;
}

/**
 * A cookie's non-standard attributes, as cookielib keeps them in `Cookie._rest`: the name as the server wrote it,
 * its value, or `null` for a flag without one (`HttpOnly; SameSite=Lax` → `{ HttpOnly: null, SameSite: 'Lax' }`).
 */
export type CookieRest = Readonly<Record<string, string | boolean | null>>;

export interface CookieInfo {
  name: string;
  value: string;
  /** '' for a cookie set by hand without a domain (sent to every host). */
  domain: string;
  path: string;
  secure: boolean;
  expires: Date | null;
  /** Non-standard attributes (HttpOnly, SameSite, …); `{}` when there are none. */
  rest: CookieRest;
}

export type CookiesInput = RequestsCookieJar | { readonly [name: string]: string } | ReadonlyMap<string, string>;

/** Cookies given for one request: sent only to the host of its URL. */
export interface RequestCookies {
  host: string;
  cookies: CookiesInput;
}

/** The name/value pairs of a record or a Map of cookies. */
function entriesOf(cookies: { readonly [name: string]: string } | ReadonlyMap<string, string>): [string, string][] {
  return cookies instanceof Map ? [...cookies] : Object.entries(cookies);
}

/**
 * Requests' `RequestsCookieJar.set_cookie`: a value wrapped in double quotes loses its escaped quotes
 * (`"\"bar:baz\""` → `"bar:baz"`), as the value of httpbin's `/cookies/set?foo="bar:baz"` arrives.
 */
function requestsValue(value: string): string {
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.replaceAll('\\"', '') : value;
}

/** cookielib's standard attributes (everything else is `rest`). */
const STANDARD_ATTRIBUTES = new Set([
  'version',
  'expires',
  'max-age',
  'domain',
  'path',
  'port',
  'comment',
  'commenturl',
  'discard',
  'secure',
]);

/** The non-standard attributes of a Set-Cookie line, as cookielib's `rest` keeps them (a later one wins). */
function restOf(line: string): CookieRest {
  const rest: Record<string, string | null> = {};
  for (const attribute of line.split(';').slice(1)) {
    const eq = attribute.indexOf('=');
    const name = (eq === -1 ? attribute : attribute.slice(0, eq)).trim();
    if (!name || STANDARD_ATTRIBUTES.has(name.toLowerCase())) continue;
    Object.defineProperty(rest, name, {
      value: eq === -1 ? null : attribute.slice(eq + 1).trim(),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return rest;
}

const NO_REST: CookieRest = Object.freeze({});

/** The key of a cookie in the jar's store, as the rest of its attributes are filed. */
function storeKey(domain: string, path: string, name: string): string {
  return `${domain}\0${path}\0${name}`;
}

/**
 * Sets a request's Cookie header, unless it has one: the Session jar's cookies for its URL, then the request's
 * own (for its host, replacing the Session's of the same name; Requests would send both). A cookie HTTP cannot
 * carry (CR/LF, …) is refused before sending, as a bad header would be, its value kept out of the message.
 */
export function attachCookies(
  request: PreparedRequest,
  jar: RequestsCookieJar | null,
  own: RequestCookies | null,
): void {
  if (!jar && !own) return;
  const header = cookieHeader(jar, request.url, own);
  if (header === null || request.headers.has('cookie')) return;
  try {
    request.headers.set('Cookie', header);
  } catch (error) {
    throw new InvalidHeader(
      `Invalid cookie for ${request.url}: a name or value holds CR/LF or a character HTTP cannot carry`,
      { request, cause: error },
    );
  }
}

/** The Cookie header value for a URL, or null for none (cheap without a jar or cookies of the request's own). */
function cookieHeader(jar: RequestsCookieJar | null, url: string, own: RequestCookies | null): string | null {
  let pairs = jar ? jar.pairsFor(url) : [];
  if (own && new URL(url).hostname === own.host) {
    // A jar given for one request also applies its own domain and path rules.
    const mine = own.cookies instanceof RequestsCookieJar ? own.cookies.pairsFor(url) : entriesOf(own.cookies);
    const names = new Set(mine.map(([name]) => name));
    pairs = [...pairs.filter(([name]) => !names.has(name)), ...mine];
  }
  return pairs.length === 0 ? null : joinPairs(pairs);
}

/** `name=value; name=value`, as a Cookie header carries them. */
function joinPairs(pairs: readonly [string, string][]): string {
  return pairs.map(([name, value]) => `${name}=${value}`).join('; ');
}

/**
 * The cookies a response set, name → value: what the jar's policy accepts from its URL (domain, Secure, expiry;
 * deletions drop out), as cookielib does. The engine is loaded only when there are some.
 */
export async function responseCookies(url: string, headers: Headers): Promise<Record<string, string>> {
  const list = typeof headers.getSetCookie === 'function' ? headers.getSetCookie() : [];
  if (list.length === 0) return {};
  await loadCookieEngine();
  const jar = new RequestsCookieJar();
  jar.storeFrom(url, list);
  return jar.getDict();
}

/** Keeps a response's Set-Cookie headers in the holder's jar (made only when there is one to keep). */
export async function storeCookies(
  holder: { readonly cookies: RequestsCookieJar },
  url: string,
  headers: Headers,
): Promise<void> {
  if (typeof headers.getSetCookie !== 'function') return;
  const setCookies = headers.getSetCookie();
  if (setCookies.length === 0) return;
  await loadCookieEngine();
  holder.cookies.storeFrom(url, setCookies);
}

export class RequestsCookieJar implements Iterable<CookieInfo> {
  /** tough-cookie's jar and store, made when the engine is loaded and the jar first needs them. */
  #engine: { store: MemoryCookieStore; jar: CookieJar } | null = null;
  /** Cookies set by hand without a domain: sent to every host (Requests' domain-less cookies). */
  #anyHost = new Map<string, CookieInfo>();
  /** Cookies set by hand with a domain before the engine was loaded, by `storeKey`; moved into it when it is. */
  #pending = new Map<string, CookieInfo>();
  /** The non-standard attributes of the store's cookies that have any, by `storeKey`. */
  #rest = new Map<string, CookieRest>();

  constructor(init?: CookiesInput | null) {
    if (init) this.update(init);
  }

  /**
   * Sets a cookie; `value: null` deletes it, as in Requests. A value wrapped in double quotes loses its escaped
   * quotes, as Requests' jar stores it.
   */
  set(name: string, value: string | null, options: CookieOptions = {}): void {
    if (value === null) {
      this.delete(name, options);
      return;
    }
    const stored = requestsValue(value);
    const path = options.path ?? '/';
    const expires = options.expires === undefined ? null : new Date(options.expires);
    const rest = options.rest ? Object.freeze({ ...options.rest }) : NO_REST;
    if (!options.domain) {
      this.#anyHost.set(`${path}\0${name}`, {
        name,
        value: stored,
        domain: '',
        path,
        secure: options.secure ?? false,
        expires,
        rest,
      });
      return;
    }
    const domain = options.domain.replace(/^\./, '').toLowerCase();
    const info: CookieInfo = { name, value: stored, domain, path, secure: options.secure ?? false, expires, rest };
    if (this.#stores()) this.#put(cookieOf(info), rest);
    else this.#pending.set(storeKey(domain, path, name), info);
  }

  /**
   * The value of the cookie with this name (optionally on this domain and path), or undefined. Two cookies that
   * both match (the same name on two domains or paths) are a CookieConflictError, as in Requests: give the
   * domain or path to choose.
   */
  get(name: string, options: { domain?: string; path?: string } = {}): string | undefined {
    let found: string | undefined;
    for (const cookie of this) {
      if (cookie.name !== name || !matches(cookie, options)) continue;
      if (found !== undefined) throw new CookieConflictError(`There are multiple cookies with name, '${name}'`);
      found = cookie.value;
    }
    return found;
  }

  /** Whether a cookie with this name is in the jar (on any domain or path: never a conflict). */
  has(name: string): boolean {
    for (const cookie of this) if (cookie.name === name) return true;
    return false;
  }

  /** The names of the cookies, in the jar's order (a name twice when two domains or paths hold it). */
  keys(): string[] {
    return Array.from(this, (cookie) => cookie.name);
  }

  /** The values of the cookies, in the jar's order. */
  values(): string[] {
    return Array.from(this, (cookie) => cookie.value);
  }

  /** `[name, value]` pairs, in the jar's order: `Object.fromEntries(jar.items())` is `getDict()`. */
  items(): [string, string][] {
    return Array.from(this, (cookie) => [cookie.name, cookie.value]);
  }

  /** Removes every cookie with this name (optionally only on this domain and path). */
  delete(name: string, options: { domain?: string; path?: string } = {}): void {
    for (const cookie of [...this]) {
      if (cookie.name !== name || !matches(cookie, options)) continue;
      if (cookie.domain === '') this.#anyHost.delete(`${cookie.path}\0${name}`);
      else if (!this.#pending.delete(storeKey(cookie.domain, cookie.path, name))) {
        this.#remove(cookie.domain, cookie.path, name);
      }
    }
  }

  /** Removes every cookie, or those of one domain. */
  clear(domain?: string): void {
    if (domain === undefined) {
      this.#anyHost.clear();
      this.#pending.clear();
      this.#rest.clear();
      this.#engine?.jar.removeAllCookiesSync();
      return;
    }
    for (const cookie of [...this]) if (cookie.domain === domain.replace(/^\./, '')) this.delete(cookie.name, cookie);
  }

  /**
   * Adds cookies from a record, a Map or another jar (a jar's cookies keep their domain, host-only flag, path and
   * non-standard attributes).
   */
  update(other: CookiesInput): void {
    if (other instanceof RequestsCookieJar) {
      // The other jar's engine cookies exist only once the engine is loaded: this jar can take them.
      for (const cookie of other.#live()) {
        this.#put(cookie.clone() ?? cookie, other.#restOf(cookie));
      }
      for (const c of other.#pending.values()) this.set(c.name, c.value, { ...c, expires: c.expires ?? undefined });
      for (const c of other.#anyHost.values()) this.#anyHost.set(`${c.path}\0${c.name}`, { ...c });
    } else {
      for (const [name, value] of entriesOf(other)) this.set(name, value);
    }
  }

  /** A copy of this jar. */
  copy(): RequestsCookieJar {
    const jar = new RequestsCookieJar();
    jar.update(this);
    return jar;
  }

  /** name → value, optionally for one domain and path (Requests' `get_dict`). */
  getDict(options: { domain?: string; path?: string } = {}): Record<string, string> {
    const out: Record<string, string> = {};
    for (const cookie of this) if (matches(cookie, options)) out[cookie.name] = cookie.value;
    return out;
  }

  toJSON(): Record<string, string> {
    return this.getDict();
  }

  get size(): number {
    return [...this].length;
  }

  *[Symbol.iterator](): Iterator<CookieInfo> {
    for (const cookie of this.#live()) {
      // A session cookie has no expiry (tough-cookie would report the end of time).
      const persistent = typeof cookie.maxAge === 'number' || cookie.expires instanceof Date;
      yield {
        name: cookie.key,
        value: cookie.value,
        domain: cookie.domain ?? '',
        path: cookie.path ?? '/',
        secure: cookie.secure,
        expires: persistent ? (cookie.expiryDate() ?? null) : null,
        rest: this.#restOf(cookie),
      };
    }
    yield* this.#pending.values();
    yield* this.#anyHost.values();
  }

  /**
   * The cookies that belong to a URL, as name/value pairs in the order they are sent: the jar's (RFC 6265: the
   * longest path first), then the domain-less ones. Two cookies may share a name (different paths or domains);
   * both are sent, as browsers and Requests do.
   */
  pairsFor(url: string): [string, string][] {
    const pairs: [string, string][] = [];
    for (const cookie of this.#engine?.jar.getCookiesSync(url) ?? []) pairs.push([cookie.key, cookie.value]);
    if (this.#anyHost.size > 0 || this.#pending.size > 0) {
      const { hostname, pathname, protocol } = new URL(url);
      for (const c of [...this.#pending.values(), ...this.#anyHost.values()]) {
        if (c.expires && c.expires.getTime() <= Date.now()) continue;
        if (c.domain && !domainMatches(hostname, c.domain)) continue;
        if (pathMatches(pathname, c.path) && (!c.secure || protocol === 'https:')) pairs.push([c.name, c.value]);
      }
    }
    return pairs;
  }

  /** The Cookie header for a URL ('' when none belongs to it). */
  headerFor(url: string): string {
    return joinPairs(this.pairsFor(url));
  }

  /**
   * Stores the Set-Cookie headers of a response from `url` (invalid or foreign-domain cookies are ignored), their
   * values as Requests' jar keeps them and their non-standard attributes in `rest`.
   */
  storeFrom(url: string, setCookies: readonly string[]): void {
    const { Cookie } = engine();
    const { jar } = this.#stores()!;
    for (const line of setCookies) {
      const cookie = Cookie.parse(line, { loose: true });
      if (!cookie) continue;
      cookie.value = requestsValue(cookie.value);
      const stored = jar.setCookieSync(cookie, url, { ignoreError: true });
      if (stored) this.#fileRest(stored, restOf(line));
    }
  }

  /**
   * tough-cookie's jar and store, made on first need once the engine is loaded (the cookies set by hand meanwhile
   * move in); null while it is not loaded.
   */
  #stores(): { store: MemoryCookieStore; jar: CookieJar } | null {
    if (this.#engine || !tough) return this.#engine;
    const store = new tough.MemoryCookieStore();
    // Secure means https only, on loopback too (Requests' rule; tough-cookie would treat localhost as secure), and a
    // Secure cookie from an http response is refused (RFC 6265bis), so a plain-http server cannot overwrite it.
    const jar = new tough.CookieJar(store, { looseMode: true, allowSecureOnLocal: false });
    this.#engine = { store, jar };
    for (const info of this.#pending.values()) this.#put(cookieOf(info), info.rest);
    this.#pending.clear();
    return this.#engine;
  }

  /**
   * Stores a Cookie object as is (keeping its host-only flag), replacing one with the same domain, path and name,
   * with its non-standard attributes.
   */
  #put(cookie: Cookie, rest: CookieRest = NO_REST): void {
    this.#stores()!.store.putCookie(cookie, () => {});
    this.#fileRest(cookie, rest);
  }

  #fileRest(cookie: Cookie, rest: CookieRest): void {
    const key = storeKey(cookie.domain ?? '', cookie.path ?? '/', cookie.key);
    if (Object.keys(rest).length > 0) this.#rest.set(key, rest);
    else this.#rest.delete(key);
  }

  #restOf(cookie: Cookie): CookieRest {
    return this.#rest.get(storeKey(cookie.domain ?? '', cookie.path ?? '/', cookie.key)) ?? NO_REST;
  }

  #remove(domain: string, path: string, name: string): void {
    this.#stores()?.store.removeCookie(domain, path, name, () => {});
    this.#rest.delete(storeKey(domain, path, name));
  }

  /** The jar's cookies that have not expired, dropping the expired ones (Max-Age=0 or a past Expires deletes). */
  #live(): Cookie[] {
    const stores = this.#stores();
    if (!stores) return [];
    let all: Cookie[] = [];
    // MemoryCookieStore answers synchronously.
    stores.store.getAllCookies((_error, cookies) => {
      all = cookies ?? [];
    });
    const now = Date.now();
    const live: Cookie[] = [];
    for (const cookie of all) {
      if (cookie.TTL(now) <= 0) this.#remove(cookie.domain ?? '', cookie.path ?? '/', cookie.key);
      else live.push(cookie);
    }
    return live;
  }
}

/** A cookie set by hand, as tough-cookie stores it (not host-only: its domain's subdomains match too). */
function cookieOf(info: CookieInfo): Cookie {
  return new (engine().Cookie)({
    key: info.name,
    value: info.value,
    domain: info.domain,
    path: info.path,
    secure: info.secure,
    expires: info.expires ?? 'Infinity',
    hostOnly: false,
  });
}

/** RFC 6265 §5.1.3 domain-match, for a cookie set by hand before the engine was loaded. */
function domainMatches(host: string, domain: string): boolean {
  return host === domain || (host.endsWith(`.${domain}`) && !/^[\d.]+$|:/.test(host));
}

/** RFC 6265 §5.1.4 path-match. */
function pathMatches(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true;
  if (!requestPath.startsWith(cookiePath)) return false;
  return cookiePath.endsWith('/') || requestPath[cookiePath.length] === '/';
}

function matches(cookie: CookieInfo, options: { domain?: string; path?: string }): boolean {
  if (options.domain !== undefined && cookie.domain !== options.domain.replace(/^\./, '').toLowerCase()) return false;
  if (options.path !== undefined && cookie.path !== options.path) return false;
  return true;
}
