/**
 * Requests' `CaseInsensitiveDict` (requests/structures.py) in JavaScript's clothes: a `Headers` — it goes
 * anywhere fetch takes headers — that also reads and writes by bracket, case-insensitively, as Requests and axios
 * users write headers:
 *
 *   s.headers['X-CSRFToken'] = token;        // sent with every request
 *   r.headers['content-type']                // 'application/json', whatever case the server used
 *   delete s.headers['User-Agent'];          // or = null / undefined: removed
 *
 * Request headers keep the case a name was last set with and the order names were first set in, when iterated or
 * printed (the platform `Headers` lower-cases and sorts them). Response headers are the runtime's, bracket access
 * added (`withBracketAccess`). A name that is also a method of Headers (`get`, `set`, `keys`, …) reads as the
 * method: use `headers.get(name)` for those.
 */
import { type HeaderValue, unsendableHeader, validateHeader, validateHeaderName } from './headers';

/** Headers read and written by bracket: `h['Content-Type']`. */
export type HeadersDict<H extends Headers = Headers> = H & { [name: string]: string | undefined };

/**
 * Methods reached through the bracket proxy must run on the real Headers (a proxy lacks its internal slots). One
 * function per method name, shared by every proxy, calls it on the Headers behind `this`: nothing is allocated per
 * call or per instance.
 */
const forwarders = new Map<PropertyKey, (...args: unknown[]) => unknown>();

function forwarder(key: PropertyKey): (...args: unknown[]) => unknown {
  let forward = forwarders.get(key);
  if (!forward) {
    forward = function (this: object, ...args: unknown[]): unknown {
      const target = unwrapHeaders(this as Headers);
      return (Reflect.get(target, key, target) as (...a: unknown[]) => unknown).apply(target, args);
    };
    forwarders.set(key, forward);
  }
  return forward;
}

/** What a bracket proxy answers with the Headers behind it. */
const TARGET = Symbol('fetch-requests.headers');

/** The real Headers behind a bracket proxy (for fetch and for the library's own hot paths), or `headers` itself. */
export function unwrapHeaders<H extends Headers>(headers: H): H {
  return (headers as H & { [TARGET]?: H })[TARGET] ?? headers;
}

const isHeaderName = (target: Headers, key: PropertyKey): key is string => typeof key === 'string' && !(key in target);

/** RFC 9110 token: reading any other key (`'@@__IMMUTABLE_ITERABLE__@@'`, probed by printers) finds no header. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

const bracketAccess: ProxyHandler<Headers> = {
  get(target, key) {
    if (key === TARGET) return target;
    // Iterating the dict gives its own order (entries); the Headers behind it keeps the native iterator, so that
    // fetch, given that Headers, copies it the fast way.
    if (key === Symbol.iterator) return forwarder('entries');
    if (isHeaderName(target, key)) return TOKEN.test(key) ? (target.get(key) ?? undefined) : undefined;
    const value = Reflect.get(target, key, target);
    return typeof value === 'function' ? forwarder(key) : value;
  },
  set(target, key, value) {
    if (!isHeaderName(target, key)) return Reflect.set(target, key, value, target);
    if (value === null || value === undefined) target.delete(key);
    else target.set(key, value);
    return true;
  },
  deleteProperty(target, key) {
    if (isHeaderName(target, key)) target.delete(key);
    return true;
  },
  has(target, key) {
    return isHeaderName(target, key) ? TOKEN.test(key) && target.has(key) : Reflect.has(target, key);
  },
  // `Object.keys(h)`, `{ ...h }` and JSON.stringify(h) see the headers, as a dict's keys.
  ownKeys(target) {
    return [...new Set([...target.keys()])];
  },
  getOwnPropertyDescriptor(target, key) {
    if (!isHeaderName(target, key) || !TOKEN.test(key) || !target.has(key)) return undefined;
    return { value: target.get(key), enumerable: true, configurable: true, writable: true };
  },
};

/** Any Headers, with bracket access added (no copy: reads and writes go to `headers`). */
export function withBracketAccess<H extends Headers>(headers: H): HeadersDict<H> {
  if (unwrapHeaders(headers) !== headers) return headers as HeadersDict<H>;
  return new Proxy(headers, bracketAccess) as HeadersDict<H>;
}

/** Init for a CaseInsensitiveDict: pairs, or a record of names to values. */
type DictInit = Iterable<readonly [string, string]> | Record<string, string>;

/**
 * A case-insensitive, order-keeping Headers, as Requests' CaseInsensitiveDict: `null`/`undefined` removes a name,
 * and each name is shown in the case it was last set with, in the order names were first set. Constructed, it is
 * returned with bracket access (exported below as `CaseInsensitiveDict`, typed so).
 *
 * `definedOnFirstUse`: the class is defined by the first construction, not when the module is evaluated. In Node,
 * `Headers` is a lazy global: naming it loads Node's fetch (undici, about 30 ms), which a program that imports the
 * library and sends nothing (a CLI's `--help`) should not pay (bench/RESULTS.md, cold start).
 */
function defineCaseInsensitiveHeaders(): CaseInsensitiveHeadersClass {
  return class CaseInsensitiveHeaders extends Headers {
    /** lower-case name → the name as last set, in first-set order. */
    #names = new Map<string, string>();

    constructor(init?: Iterable<readonly [string, string]> | Record<string, string>) {
      super();
      if (init) {
        const entries = Symbol.iterator in init ? init : Object.entries(init);
        for (const [name, value] of entries as Iterable<readonly [string, string]>) this.append(name, value);
      }
      // biome-ignore lint/correctness/noConstructorReturn: the instance, with bracket access, is what callers get
      return withBracketAccess(this);
    }

    override set(name: string, value: HeaderValue): void {
      if (value === null || value === undefined) {
        this.delete(name);
        return;
      }
      validateHeader(name, value);
      try {
        super.set(name, value);
      } catch (error) {
        throw unsendableHeader(name, value, error);
      }
      this.#names.set(name.toLowerCase(), name); // a name set again keeps its place and takes the new case
    }

    override append(name: string, value: HeaderValue): void {
      if (value === null || value === undefined) return;
      validateHeader(name, value);
      try {
        super.append(name, value);
      } catch (error) {
        throw unsendableHeader(name, value, error);
      }
      this.#names.set(name.toLowerCase(), name);
    }

    override delete(name: string): void {
      validateHeaderName(name);
      try {
        super.delete(name);
      } catch (error) {
        throw unsendableHeader(name, null, error);
      }
      this.#names.delete(name.toLowerCase());
    }

    /** The headers as [name, value] pairs, names in the case they were last set with, in first-set order. */
    override *entries(): HeadersIterator<[string, string]> {
      for (const [lower, name] of this.#names) {
        const value = super.get(lower);
        if (value !== null) yield [name, value];
      }
    }

    override *keys(): HeadersIterator<string> {
      for (const [name] of this.entries()) yield name;
    }

    override *values(): HeadersIterator<string> {
      for (const [, value] of this.entries()) yield value;
    }

    override forEach(callback: (value: string, name: string, parent: Headers) => void, thisArg?: unknown): void {
      for (const [name, value] of this.entries()) callback.call(thisArg, value, name, this);
    }

    /** A copy (with its own bracket access); what is copied was checked when it was set. */
    copy(): CaseInsensitiveDict {
      const copy = new CaseInsensitiveDict();
      (unwrapHeaders(copy) as unknown as CaseInsensitiveHeaders).#copyFrom(this);
      return copy;
    }

    #copyFrom(other: CaseInsensitiveHeaders): void {
      for (const [lower, name] of other.#names) {
        super.append(lower, Headers.prototype.get.call(other, lower)!);
        this.#names.set(lower, name);
      }
    }

    /** As Python prints a CaseInsensitiveDict: `{'Accept': '*\/*', 'User-Agent': 'fetch-requests/0.1.0'}`. */
    override toString(): string {
      return `{${[...this.entries()].map(([n, v]) => `${pyRepr(n)}: ${pyRepr(v)}`).join(', ')}}`;
    }

    toJSON(): Record<string, string> {
      return Object.fromEntries(this.entries());
    }

    [Symbol.for('nodejs.util.inspect.custom')](): string {
      return this.toString();
    }
  };
}

/** What a CaseInsensitiveDict is besides a Headers (the class is defined on first use, so it is named here). */
export interface CaseInsensitiveHeaders extends Headers {
  set(name: string, value: HeaderValue): void;
  append(name: string, value: HeaderValue): void;
  /** A copy (with its own bracket access). */
  copy(): CaseInsensitiveDict;
  /** As Python prints a CaseInsensitiveDict. */
  toString(): string;
  toJSON(): Record<string, string>;
}

type CaseInsensitiveHeadersClass = new (init?: DictInit) => CaseInsensitiveHeaders;

let defined: CaseInsensitiveHeadersClass | undefined;

function definedOnFirstUse(): CaseInsensitiveHeadersClass {
  if (defined === undefined) {
    defined = defineCaseInsensitiveHeaders();
    // A subclass of CaseInsensitiveDict reaches the methods through this link.
    Object.setPrototypeOf(CaseInsensitiveDict.prototype, defined.prototype);
  }
  return defined;
}

/** Requests' CaseInsensitiveDict: `new CaseInsensitiveDict({ 'Content-Type': 'text/html' })['content-type']`. */
export type CaseInsensitiveDict = HeadersDict<CaseInsensitiveHeaders>;
export const CaseInsensitiveDict = function CaseInsensitiveDict(init?: DictInit): CaseInsensitiveDict {
  const Defined = definedOnFirstUse();
  if (new.target === undefined)
    throw new TypeError("Class constructor CaseInsensitiveDict cannot be invoked without 'new'");
  return (
    new.target === CaseInsensitiveDict ? new Defined(init) : Reflect.construct(Defined, [init], new.target)
  ) as CaseInsensitiveDict;
} as unknown as {
  new (init?: DictInit): CaseInsensitiveDict;
  readonly prototype: CaseInsensitiveHeaders;
};
Object.defineProperty(CaseInsensitiveDict, Symbol.hasInstance, {
  value: (value: unknown): boolean => defined !== undefined && value instanceof defined,
});

function pyRepr(text: string): string {
  return text.includes("'") && !text.includes('"') ? `"${text}"` : `'${text.replaceAll("'", "\\'")}'`;
}
