/**
 * psf/requests tests/test_requests.py, class TestRequests: cookies — the Session's jar across calls and redirects,
 * a request's own cookies, and RequestsCookieJar's dict interface.
 *
 * Spellings: `s.cookies['foo']` is `s.cookies.get('foo')`, `s.cookies['foo'] = v` is `s.cookies.set('foo', v)`,
 * `'foo' in jar` is `jar.has('foo')`, `len(jar)` is `jar.size`, `cookie._rest` is `cookie.rest` (API.md: the jar's
 * dict interface is get/set/keys/values/items/getDict). Python's `cookielib.CookieJar` is the one jar here.
 */
import { describe, expect } from 'vitest';
import requests, { CookieConflictError, RequestsCookieJar } from '../../src/index';
import { httpbin, port } from './helpers';

describe('TestRequests: cookies', () => {
  port('test_set_cookie_on_301', async () => {
    const s = requests.session();
    const url = httpbin('cookies/set?foo=bar');
    await s.get(url);
    expect(s.cookies.get('foo')).toBe('bar');
  });

  port('test_cookie_sent_on_redirect', async () => {
    const s = requests.session();
    await s.get(httpbin('cookies/set?foo=bar'));
    const r = await s.get(httpbin('redirect/1')); // redirects to httpbin('get')
    expect(Object.keys(r.json<{ headers: object }>().headers)).toContain('Cookie');
  });

  port('test_cookie_removed_on_expire', async () => {
    const s = requests.session();
    await s.get(httpbin('cookies/set?foo=bar'));
    expect(s.cookies.get('foo')).toBe('bar');
    await s.get(httpbin('response-headers'), {
      params: { 'Set-Cookie': 'foo=deleted; expires=Thu, 01-Jan-1970 00:00:01 GMT' },
    });
    expect(s.cookies.has('foo')).toBe(false);
  });

  port('test_cookie_quote_wrapped', async () => {
    const s = requests.session();
    await s.get(httpbin('cookies/set?foo="bar:baz"'));
    expect(s.cookies.get('foo')).toBe('"bar:baz"');
  });

  port('test_cookie_persists_via_api', async () => {
    const s = requests.session();
    const r = await s.get(httpbin('redirect/1'), { cookies: { foo: 'bar' } });
    expect(r.request.headers.get('Cookie')).toContain('foo');
    expect(r.history[0]!.request.headers.get('Cookie')).toContain('foo');
  });

  port('test_request_cookie_overrides_session_cookie', async () => {
    const s = requests.session();
    s.cookies.set('foo', 'bar');
    const r = await s.get(httpbin('cookies'), { cookies: { foo: 'baz' } });
    expect(r.json<{ cookies: Record<string, string> }>().cookies.foo).toBe('baz');
    // Session cookie should not be modified
    expect(s.cookies.get('foo')).toBe('bar');
  });

  port('test_request_cookies_not_persisted', async () => {
    const s = requests.session();
    await s.get(httpbin('cookies'), { cookies: { foo: 'baz' } });
    // Sending a request with cookies should not add cookies to the session
    expect(s.cookies.size).toBe(0);
  });

  port('test_generic_cookiejar_works', async () => {
    const cj = new RequestsCookieJar({ foo: 'bar' });
    const s = requests.session();
    s.cookies = cj;
    const r = await s.get(httpbin('cookies'));
    // Make sure the cookie was sent
    expect(r.json<{ cookies: Record<string, string> }>().cookies.foo).toBe('bar');
    // Make sure the session cj is still the custom one
    expect(s.cookies).toBe(cj);
  });

  port('test_param_cookiejar_works', async () => {
    const cj = new RequestsCookieJar({ foo: 'bar' });
    const s = requests.session();
    const r = await s.get(httpbin('cookies'), { cookies: cj });
    // Make sure the cookie was sent
    expect(r.json<{ cookies: Record<string, string> }>().cookies.foo).toBe('bar');
  });
});

describe('TestRequests: RequestsCookieJar', () => {
  const twoCookies = (): RequestsCookieJar => {
    const jar = new RequestsCookieJar();
    jar.set('some_cookie', 'some_value');
    jar.set('some_cookie1', 'some_value1');
    return jar;
  };
  /** Python's dict(jar): a dict built through the mapping protocol, keys() then jar[key]. */
  const dictOf = (jar: RequestsCookieJar): Record<string, string | undefined> =>
    Object.fromEntries(jar.keys().map((key) => [key, jar.get(key)]));

  port('test_cookie_parameters', () => {
    const key = 'some_cookie';
    const value = 'some_value';
    const secure = true;
    const domain = 'test.com';
    const rest = { HttpOnly: true };

    const jar = new RequestsCookieJar();
    jar.set(key, value, { secure, domain, rest });

    expect(jar.size).toBe(1);
    expect(jar.has('some_cookie')).toBe(true);

    const cookie = [...jar][0]!;
    expect(cookie.secure).toBe(secure);
    expect(cookie.domain).toBe(domain);
    expect(cookie.rest.HttpOnly).toBe(rest.HttpOnly);
  });

  port('test_cookie_as_dict_keeps_len', () => {
    const jar = twoCookies();
    const d1 = dictOf(jar);
    const d2 = Object.fromEntries(jar.items()); // iteritems: Python 2's spelling of items
    const d3 = Object.fromEntries(jar.items());
    expect(jar.size).toBe(2);
    expect(Object.keys(d1)).toHaveLength(2);
    expect(Object.keys(d2)).toHaveLength(2);
    expect(Object.keys(d3)).toHaveLength(2);
  });

  port('test_cookie_as_dict_keeps_items', () => {
    const jar = twoCookies();
    const d1 = dictOf(jar);
    const d2 = Object.fromEntries(jar.items());
    const d3 = Object.fromEntries(jar.items());
    expect(d1.some_cookie).toBe('some_value');
    expect(d2.some_cookie).toBe('some_value');
    expect(d3.some_cookie1).toBe('some_value1');
  });

  port('test_cookie_as_dict_keys', () => {
    const keys = twoCookies().keys();
    expect(Array.isArray(keys)).toBe(true);
    expect(keys).toEqual([...keys]);
    // make sure one can use keys multiple times
    expect([...keys]).toEqual([...keys]);
  });

  port('test_cookie_as_dict_values', () => {
    const values = twoCookies().values();
    expect(Array.isArray(values)).toBe(true);
    expect(values).toEqual([...values]);
    // make sure one can use values multiple times
    expect([...values]).toEqual([...values]);
  });

  port('test_cookie_as_dict_items', () => {
    const items = twoCookies().items();
    expect(Array.isArray(items)).toBe(true);
    expect(items).toEqual([...items]);
    // make sure one can use items multiple times
    expect([...items]).toEqual([...items]);
  });

  port('test_cookie_duplicate_names_different_domains', () => {
    const key = 'some_cookie';
    const value = 'some_value';
    const domain1 = 'test1.com';
    const domain2 = 'test2.com';

    const jar = new RequestsCookieJar();
    jar.set(key, value, { domain: domain1 });
    jar.set(key, value, { domain: domain2 });
    expect(jar.has(key)).toBe(true);
    const items = jar.items();
    expect(items).toHaveLength(2);

    // Verify that CookieConflictError is raised if domain is not specified
    expect(() => jar.get(key)).toThrow(CookieConflictError);

    // Verify that CookieConflictError is not raised if domain is specified
    const cookie = jar.get(key, { domain: domain1 });
    expect(cookie).toBe(value);
  });

  port('test_cookie_duplicate_names_raises_cookie_conflict_error', () => {
    const key = 'some_cookie';
    const value = 'some_value';
    const path = 'some_path';

    const jar = new RequestsCookieJar();
    jar.set(key, value, { path });
    jar.set(key, value);
    expect(() => jar.get(key)).toThrow(CookieConflictError);
  });
});
