// RequestsCookieJar's Requests-side behaviour: quote-wrapped values as Requests' jar stores them, the dict
// interface (keys/values/items), CookieConflictError for an ambiguous name, cookielib's `rest` of non-standard
// attributes, and a Map wherever a record of cookies is accepted.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCookieEngine } from '../../../src/cookies';
import { CookieConflictError, RequestException, RequestsCookieJar, Session } from '../../../src/index';

// storeFrom stores Set-Cookie lines with tough-cookie, which the library loads on the first response that sets one.
beforeAll(() => loadCookieEngine());

const URL_ = 'http://h.test/';

describe('a quote-wrapped cookie value', () => {
  it('loses its escaped quotes, as Requests\' jar keeps httpbin\'s /cookies/set?foo="bar:baz"', () => {
    const jar = new RequestsCookieJar();
    jar.storeFrom(URL_, ['foo="\\"bar:baz\\""; Path=/']);
    expect(jar.get('foo')).toBe('"bar:baz"');
    expect(jar.headerFor(URL_)).toBe('foo="bar:baz"');
  });

  it('keeps a value that is not wrapped in quotes, or wrapped without escapes, as it is', () => {
    const jar = new RequestsCookieJar();
    jar.storeFrom(URL_, ['a=x\\"y', 'b="plain"', 'c="']);
    expect(jar.getDict()).toEqual({ a: 'x\\"y', b: '"plain"', c: '"' });
  });

  it('is stored the same way when set by hand, with or without a domain', () => {
    const jar = new RequestsCookieJar();
    jar.set('any', '"a\\"b"');
    jar.set('scoped', '"a\\"b"', { domain: 'h.test' });
    expect(jar.getDict()).toEqual({ any: '"ab"', scoped: '"ab"' });
  });
});

describe("the jar's dict interface", () => {
  const jar = (): RequestsCookieJar => {
    const j = new RequestsCookieJar();
    j.set('some_cookie', 'some_value');
    j.set('some_cookie1', 'some_value1');
    return j;
  };

  it('keys(), values() and items() are lists in the order of iteration, reusable', () => {
    const j = jar();
    const keys = j.keys();
    expect(Array.isArray(keys)).toBe(true);
    expect([...keys]).toEqual([...keys]);
    expect(keys).toEqual(['some_cookie', 'some_cookie1']);
    expect(j.values()).toEqual(['some_value', 'some_value1']);
    expect(j.items()).toEqual([
      ['some_cookie', 'some_value'],
      ['some_cookie1', 'some_value1'],
    ]);
    expect(Object.fromEntries(j.items())).toEqual(j.getDict());
  });

  it('lists a name once per cookie: one name on two domains is two items', () => {
    const j = new RequestsCookieJar();
    j.set('n', '1', { domain: 'a.test' });
    j.set('n', '2', { domain: 'b.test' });
    expect(j.keys()).toEqual(['n', 'n']);
    expect(j.items()).toHaveLength(2);
  });
});

describe('CookieConflictError', () => {
  it('is raised by get(name) when two domains hold the name, and not once the domain is given', () => {
    const j = new RequestsCookieJar();
    j.set('n', '1', { domain: 'test1.com' });
    j.set('n', '2', { domain: 'test2.com' });
    expect(() => j.get('n')).toThrow(CookieConflictError);
    expect(j.get('n', { domain: 'test1.com' })).toBe('1');
    expect(j.get('n', { domain: 'test2.com' })).toBe('2');
    expect(j.has('n')).toBe(true);
  });

  it('is raised by get(name) when two paths hold the name, and not once the path is given', () => {
    const j = new RequestsCookieJar();
    j.set('n', '1', { path: 'some_path' });
    j.set('n', '2');
    expect(() => j.get('n')).toThrow(/multiple cookies with name, 'n'/);
    expect(j.get('n', { path: '/' })).toBe('2');
  });

  it("is a RequestException named as Requests' class", () => {
    const error = new CookieConflictError('x');
    expect(error).toBeInstanceOf(RequestException);
    expect(error.name).toBe('CookieConflictError');
  });

  it('is not raised for cookies a server set on two paths of one host until asked by name alone', () => {
    const j = new RequestsCookieJar();
    j.storeFrom(URL_, ['n=root; Path=/', 'n=deep; Path=/a']);
    expect(j.headerFor('http://h.test/a/b')).toBe('n=deep; n=root');
    expect(() => j.get('n')).toThrow(CookieConflictError);
    expect(j.get('n', { path: '/a' })).toBe('deep');
  });
});

describe("a cookie's non-standard attributes (cookielib's rest)", () => {
  it('keeps those set by hand', () => {
    const j = new RequestsCookieJar();
    j.set('some_cookie', 'some_value', { secure: true, domain: 'test.com', rest: { HttpOnly: true } });
    const [cookie] = [...j];
    expect(cookie).toMatchObject({ secure: true, domain: 'test.com', rest: { HttpOnly: true } });
  });

  it("keeps a server's as it wrote them: a flag as null, a value as its string; the standard ones are not rest", () => {
    const j = new RequestsCookieJar();
    j.storeFrom(URL_, ['a=1; Path=/; HttpOnly; SameSite=Lax; Priority=High; Max-Age=60; Comment=x', 'b=2']);
    j.storeFrom('https://h.test/', ['s=1; Secure; httponly']);
    const byName = Object.fromEntries([...j].map((c) => [c.name, c.rest]));
    expect(byName).toEqual({
      a: { HttpOnly: null, SameSite: 'Lax', Priority: 'High' },
      b: {},
      s: { httponly: null },
    });
  });

  it('follows the cookie: replaced by a later Set-Cookie, copied with the jar, gone with the cookie', () => {
    const j = new RequestsCookieJar();
    j.storeFrom(URL_, ['a=1; HttpOnly']);
    const copy = j.copy();
    j.storeFrom(URL_, ['a=2']);
    expect([...j][0]!.rest).toEqual({});
    expect([...copy][0]!.rest).toEqual({ HttpOnly: null });
    copy.delete('a');
    copy.storeFrom(URL_, ['a=3']);
    expect([...copy][0]!.rest).toEqual({});
  });

  it('is {} for a cookie without any', () => {
    const j = new RequestsCookieJar({ a: '1' });
    expect([...j][0]!.rest).toEqual({});
  });
});

describe('a Map of cookies', () => {
  it('fills a jar as a record does', () => {
    const j = new RequestsCookieJar(new Map([['a', '1']]));
    j.update(new Map([['b', '2']]));
    expect(j.getDict()).toEqual({ a: '1', b: '2' });
  });

  it("is a Session's cookies, sent with its requests", async () => {
    let cookie: string | null = null;
    const fetch: typeof globalThis.fetch = async (_url, init) => {
      cookie = new Headers(init?.headers).get('cookie');
      return new globalThis.Response('ok');
    };
    const s = new Session({ cookies: new Map([['token', 't']]), fetch });
    await s.get('http://h.test/');
    expect(cookie).toBe('token=t');
  });
});
