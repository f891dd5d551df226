/**
 * The Session's cookie jar outside browsers: RFC 6265 rules (domain, path, Secure, Expires/Max-Age) from
 * tough-cookie, behind Requests' RequestsCookieJar API (`get`, `set`, `delete`, `getDict`, iteration).
 * A browser build swaps in cookies.browser.ts, where the browser owns cookies and this jar is inert.
 */
import { Cookie, CookieJar, MemoryCookieStore } from 'tough-cookie';

export interface CookieOptions {
  /** Without a domain, a cookie set by hand goes to every host, as in Requests. */
  domain?: string;
  path?: string;
  secure?: boolean;
  /** Expiry as a Date or epoch milliseconds. */
  expires?: Date | number;
}

export interface CookieInfo {
  name: string;
  value: string;
  domain: string;
  path: string;
  secure: boolean;
  expires: Date | null;
}

export type CookiesInput = RequestsCookieJar | { readonly [name: string]: string };

/** Whether this build keeps cookies itself (false in browsers, where the browser does). */
export const COOKIES_MANAGED = true;

export class RequestsCookieJar implements Iterable<CookieInfo> {
  #store = new MemoryCookieStore();
  #jar = new CookieJar(this.#store, { looseMode: true });
  /** Cookies set by hand without a domain: sent to every host (Requests' domain-less cookies). */
  #anyHost = new Map<string, CookieInfo>();

  constructor(init?: CookiesInput | null) {
    if (init) this.update(init);
  }

  /** Sets a cookie; `value: null` deletes it, as in Requests. */
  set(name: string, value: string | null, options: CookieOptions = {}): void {
    if (value === null) {
      this.delete(name, options);
      return;
    }
    const path = options.path ?? '/';
    const expires = options.expires === undefined ? null : new Date(options.expires);
    if (!options.domain) {
      this.#anyHost.set(`${path}\0${name}`, { name, value, domain: '', path, secure: options.secure ?? false, expires });
      return;
    }
    const domain = options.domain.replace(/^\./, '').toLowerCase();
    const cookie = new Cookie({ key: name, value, domain, path, secure: options.secure ?? false, expires: expires ?? 'Infinity', hostOnly: false });
    this.#jar.setCookieSync(cookie, `https://${domain}${path}`, { ignoreError: true });
  }

  /** The value of the first cookie with this name (optionally on this domain and path). */
  get(name: string, options: { domain?: string; path?: string } = {}): string | undefined {
    for (const cookie of this) {
      if (cookie.name === name && matches(cookie, options)) return cookie.value;
    }
    return undefined;
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  delete(name: string, options: { domain?: string; path?: string } = {}): void {
    for (const cookie of [...this]) {
      if (cookie.name !== name || !matches(cookie, options)) continue;
      if (cookie.domain === '') this.#anyHost.delete(`${cookie.path}\0${name}`);
      else this.#store.removeCookie(cookie.domain, cookie.path, name, () => {});
    }
  }

  /** Removes every cookie, or those of one domain. */
  clear(domain?: string): void {
    if (domain === undefined) {
      this.#anyHost.clear();
      this.#jar.removeAllCookiesSync();
      return;
    }
    for (const cookie of [...this]) if (cookie.domain === domain.replace(/^\./, '')) this.delete(cookie.name, cookie);
  }

  /** Adds cookies from a record or another jar. */
  update(other: CookiesInput): void {
    if (other instanceof RequestsCookieJar) {
      for (const c of other) this.set(c.name, c.value, { ...c, domain: c.domain || undefined, expires: c.expires ?? undefined });
    } else {
      for (const [name, value] of Object.entries(other)) this.set(name, value);
    }
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
    const now = Date.now();
    const serialized = this.#jar.serializeSync();
    for (const raw of serialized?.cookies ?? []) {
      const expires = raw.expires && raw.expires !== 'Infinity' ? new Date(raw.expires as string) : null;
      if (expires && expires.getTime() <= now) continue;
      yield { name: String(raw.key ?? ''), value: String(raw.value ?? ''), domain: String(raw.domain ?? ''), path: String(raw.path ?? '/'), secure: !!raw.secure, expires };
    }
    yield* this.#anyHost.values();
  }

  /** The Cookie header for a URL: the jar's cookies that belong to it (RFC 6265), then domain-less ones. */
  headerFor(url: string): string {
    const parts = new Map<string, string>();
    for (const cookie of this.#jar.getCookiesSync(url)) parts.set(cookie.key, cookie.value);
    if (this.#anyHost.size > 0) {
      const { pathname, protocol } = new URL(url);
      for (const c of this.#anyHost.values()) {
        if (pathname.startsWith(c.path) && (!c.secure || protocol === 'https:')) parts.set(c.name, c.value);
      }
    }
    return [...parts].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  /** Stores the Set-Cookie headers of a response from `url` (invalid or foreign-domain cookies are ignored). */
  storeFrom(url: string, setCookies: readonly string[]): void {
    for (const line of setCookies) this.#jar.setCookieSync(line, url, { ignoreError: true });
  }
}

function matches(cookie: CookieInfo, options: { domain?: string; path?: string }): boolean {
  if (options.domain !== undefined && cookie.domain !== options.domain.replace(/^\./, '')) return false;
  if (options.path !== undefined && cookie.path !== options.path) return false;
  return true;
}
