/**
 * Requests' proxy rules as pure functions (src/proxies.ts), with Requests' own test cases where it has them
 * (tests/test_utils.py: select_proxy, should_bypass_proxies) and the environment as urllib reads it.
 */
import { describe, expect, it } from 'vitest';
import { InvalidProxyURL, InvalidSchema } from '../../../src/index';
import {
  environProxies,
  parseProxy,
  proxyUrlFor,
  resolveProxies,
  selectProxy,
  shouldBypassProxies,
} from '../../../src/proxies';

describe('selectProxy (select_proxy)', () => {
  const proxies = {
    http: 'http://http.proxy',
    'http://some.host': 'http://some.host.proxy',
    all: 'http://all.proxy',
    'all://some.host': 'http://all.some.host.proxy',
    https: 'http://https.proxy',
  };
  it.each([
    ['hTTp://u:p@Some.Host/path', 'http://some.host.proxy'],
    ['hTTp://u:p@Other.Host/path', 'http://http.proxy'],
    ['hTTps://Other.Host', 'http://https.proxy'],
    ['file:///etc/motd', 'http://all.proxy'],
    ['hTTps://Some.Host', 'http://https.proxy'],
  ])('%s → %s', (url, expected) => {
    expect(selectProxy(url, proxies)).toBe(expected);
  });
  it('all://host beats all when the scheme has no key', () => {
    const { https: _, ...withoutHttps } = proxies;
    expect(selectProxy('https://some.host/', withoutHttps)).toBe('http://all.some.host.proxy');
    expect(selectProxy('https://other.host/', withoutHttps)).toBe('http://all.proxy');
  });
  it('nothing named: undefined', () => {
    expect(selectProxy('https://x.test/', { http: 'http://p' })).toBeUndefined();
  });
});

describe('shouldBypassProxies (should_bypass_proxies, NO_PROXY)', () => {
  const noProxy = '192.168.0.0/24,127.0.0.1,localhost.localdomain,172.16.1.1, google.com:6000, .internal';
  it.each([
    ['http://192.168.0.1:5000/', true],
    ['http://192.168.0.1/', true],
    ['http://172.16.1.1/', true],
    ['http://172.16.1.1:5000/', true],
    ['http://localhost.localdomain:5000/v1.0/', true],
    ['http://google.com:6000/', true],
    ['http://api.internal/', true],
    ['http://internal/', true],
    ['http://172.16.1.12/', false],
    ['http://172.16.1.12:5000/', false],
    ['http://google.com:5000/v1.0/', false],
    ['http://192.168.1.1/', false],
    ['http://notinternal/', false],
  ])('%s → %s', (url, expected) => {
    expect(shouldBypassProxies(url, noProxy)).toBe(expected);
  });
  it('a name matches on a label boundary (Requests: a bare suffix)', () => {
    expect(shouldBypassProxies('http://notexample.com/', 'example.com')).toBe(false);
    expect(shouldBypassProxies('http://www.example.com/', 'example.com')).toBe(true);
    expect(shouldBypassProxies('http://www.example.com/', '*.example.com')).toBe(true);
  });
  it('* covers everything; a port is the default one when the URL has none', () => {
    expect(shouldBypassProxies('http://anything.test/', '*')).toBe(true);
    expect(shouldBypassProxies('https://a.test/', 'a.test:443')).toBe(true);
    expect(shouldBypassProxies('http://a.test/', 'a.test:443')).toBe(false);
  });
  it('IPv6 addresses, bracketed or not, with a port', () => {
    expect(shouldBypassProxies('http://[::1]:8080/', '::1')).toBe(true);
    expect(shouldBypassProxies('http://[::1]:8080/', '[::1]:8080')).toBe(true);
    expect(shouldBypassProxies('http://[::1]:8080/', '[::1]:9')).toBe(false);
    expect(shouldBypassProxies('http://[0:0::1]/', '::1')).toBe(true);
  });
  it('an empty list bypasses nothing', () => {
    expect(shouldBypassProxies('http://a.test/', '')).toBe(false);
    expect(shouldBypassProxies('http://a.test/', null)).toBe(false);
  });
});

describe('environProxies (getproxies_environment)', () => {
  const env = (vars: Record<string, string>) => (name: string) => vars[name];
  it('lower case wins over upper case; none set: null', () => {
    expect(environProxies(env({ http_proxy: 'http://lower', HTTP_PROXY: 'http://upper', NO_PROXY: 'a' }))).toEqual({
      http: 'http://lower',
      no: 'a',
    });
    expect(environProxies(env({}))).toBeNull();
  });
  it('HTTP_PROXY is ignored in a CGI request (httpoxy); http_proxy is not', () => {
    expect(environProxies(env({ HTTP_PROXY: 'http://evil', REQUEST_METHOD: 'GET' }))).toBeNull();
    expect(environProxies(env({ http_proxy: 'http://ok', REQUEST_METHOD: 'GET' }))).toEqual({ http: 'http://ok' });
  });
});

describe('proxyUrlFor and resolveProxies (resolve_proxies)', () => {
  const environ = { http: 'http://env.http', all: 'http://env.all', no: 'direct.test' };
  it('explicit keys first; the environment fills in; NO_PROXY exempts from the environment only', () => {
    expect(proxyUrlFor('http://a.test/', { http: 'http://mine' }, environ)).toBe('http://mine');
    expect(proxyUrlFor('http://a.test/', {}, environ)).toBe('http://env.http');
    expect(proxyUrlFor('https://a.test/', {}, environ)).toBe('http://env.all');
    expect(proxyUrlFor('http://direct.test/', {}, environ)).toBeNull();
    expect(proxyUrlFor('http://direct.test/', { http: 'http://mine' }, environ)).toBe('http://mine');
  });
  it("a map's no_proxy covers its own proxies and the environment's", () => {
    expect(proxyUrlFor('http://a.test/', { http: 'http://mine', no_proxy: 'a.test' }, environ)).toBeNull();
    expect(proxyUrlFor('http://b.test/', { no_proxy: 'a.test' }, environ)).toBe('http://env.http');
  });
  it("an empty string means no proxy for that key, the environment's included", () => {
    expect(proxyUrlFor('http://a.test/', { http: '' }, environ)).toBeNull();
  });
  it("resolveProxies adds the environment's proxy for the URL's scheme", () => {
    expect(resolveProxies('http://a.test/', {}, environ)).toEqual({ http: 'http://env.http' });
    expect(resolveProxies('http://direct.test/', {}, environ)).toEqual({});
    expect(resolveProxies('http://a.test/', { all: 'http://mine' }, environ)).toEqual({ all: 'http://mine' });
  });
});

describe('parseProxy', () => {
  it('credentials become Basic (percent-decoded, UTF-8); the URL keeps none', () => {
    const proxy = parseProxy('http://us%40er:p%C3%A4ss@proxy.test:3128');
    expect(proxy.url).toBe('http://proxy.test:3128');
    expect(proxy.authorization).toBe(`Basic ${Buffer.from('us@er:päss').toString('base64')}`);
    expect(parseProxy('proxy.test:3128')).toMatchObject({ url: 'http://proxy.test:3128', authorization: null });
  });
  it('no host: InvalidProxyURL; a scheme other than http(s): InvalidSchema', () => {
    expect(() => parseProxy('http://')).toThrow(InvalidProxyURL);
    // Where WHATWG parsing would find a host and urllib3's parse_url finds none (test_proxy_error_on_bad_url).
    for (const url of ['http:/proxy.test:3128', 'http:///proxy.test:3128', 'https:\\\\proxy.test', 'http://:8080']) {
      expect(() => parseProxy(url), url).toThrow(InvalidProxyURL);
    }
    expect(() => parseProxy('socks5://proxy.test:1080')).toThrow(InvalidSchema);
  });
});
