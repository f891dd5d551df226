/**
 * The browser build's cookie jar. A page cannot read Set-Cookie nor send a Cookie header: the browser owns
 * cookies (use the `credentials` option). This jar keeps Requests' API so code runs unchanged, but it is inert:
 * nothing in it is sent and responses add nothing to it.
 */
import type { CookieInfo, CookieOptions, CookieRest, CookiesInput } from './cookies';

export type { CookieInfo, CookieOptions, CookieRest, CookiesInput };

export type { RequestCookies } from './cookies';

/** A page cannot send a Cookie header: the browser attaches its own cookies (`credentials`). */
export function attachCookies(_request: unknown, _jar: unknown, _own: unknown): void {}

/** A page cannot read Set-Cookie: a response shows none. */
export async function responseCookies(_url: string, _headers: Headers): Promise<Record<string, string>> {
  return {};
}

/** Nothing to load: the browser owns cookies. */
export async function loadCookieEngine(): Promise<void> {}

/** A page cannot read Set-Cookie: nothing to keep. */
export async function storeCookies(_holder: unknown, _url: string, _headers: Headers): Promise<void> {}

export class RequestsCookieJar implements Iterable<CookieInfo> {
  #cookies = new Map<string, CookieInfo>();

  constructor(init?: CookiesInput | null) {
    if (init) this.update(init);
  }

  set(name: string, value: string | null, options: CookieOptions = {}): void {
    if (value === null) {
      this.delete(name);
      return;
    }
    const expires = options.expires === undefined ? null : new Date(options.expires);
    this.#cookies.set(name, {
      name,
      // As Requests' jar stores a value wrapped in double quotes: without its escaped quotes.
      value: value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.replaceAll('\\"', '') : value,
      domain: options.domain ?? '',
      path: options.path ?? '/',
      secure: options.secure ?? false,
      expires,
      rest: Object.freeze({ ...options.rest }),
    });
  }

  get(name: string): string | undefined {
    return this.#cookies.get(name)?.value;
  }

  has(name: string): boolean {
    return this.#cookies.has(name);
  }

  delete(name: string): void {
    this.#cookies.delete(name);
  }

  keys(): string[] {
    return [...this.#cookies.keys()];
  }

  values(): string[] {
    return Array.from(this.#cookies.values(), (c) => c.value);
  }

  items(): [string, string][] {
    return Array.from(this.#cookies.values(), (c) => [c.name, c.value]);
  }

  clear(): void {
    this.#cookies.clear();
  }

  update(other: CookiesInput): void {
    const entries =
      other instanceof RequestsCookieJar
        ? [...other].map((c) => [c.name, c.value] as const)
        : other instanceof Map
          ? [...other]
          : Object.entries(other);
    for (const [name, value] of entries) this.set(name, value);
  }

  copy(): RequestsCookieJar {
    const jar = new RequestsCookieJar();
    for (const c of this.#cookies.values()) jar.#cookies.set(c.name, { ...c });
    return jar;
  }

  getDict(): Record<string, string> {
    return Object.fromEntries([...this.#cookies.values()].map((c) => [c.name, c.value]));
  }

  toJSON(): Record<string, string> {
    return this.getDict();
  }

  get size(): number {
    return this.#cookies.size;
  }

  [Symbol.iterator](): Iterator<CookieInfo> {
    return this.#cookies.values();
  }

  pairsFor(_url: string): [string, string][] {
    return [];
  }

  headerFor(_url: string): string {
    return '';
  }

  storeFrom(_url: string, _setCookies: readonly string[]): void {}
}
