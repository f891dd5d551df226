// The redirect rules as pure functions, checked against Requests' sessions.py (rebuild_method,
// should_strip_auth, resolve_redirects, get_redirect_target). Scheme changes are only testable here (no TLS on
// the loopback fixture); host and port changes are also proven on the wire in test/node/redirects/loopback.test.ts.
import { describe, expect, it } from 'vitest';
import { InvalidSchema, InvalidURL, PreparedRequest, Session } from '../../../src/index';
import { redirectMethod, redirectTarget, resolveLocation, shouldStripAuth } from '../../../src/redirects';
import { nextRequest } from '../../helpers/redirect-request';

function post(url: string): PreparedRequest {
  return new PreparedRequest({
    method: 'POST',
    url,
    headers: {
      'Content-Type': 'application/json',
      'Content-Length': '7',
      'Transfer-Encoding': 'chunked',
      Authorization: 'Basic dTpw',
      'Proxy-Authorization': 'Basic cDpw',
      Cookie: 'a=1',
      'X-Kept': 'yes',
    },
    body: '{"a":1}',
  });
}

describe('redirectMethod (rebuild_method)', () => {
  const table: [status: number, method: string, expected: string][] = [
    [301, 'GET', 'GET'],
    [301, 'POST', 'GET'],
    [301, 'PUT', 'PUT'],
    [301, 'HEAD', 'HEAD'],
    [301, 'DELETE', 'DELETE'],
    [302, 'GET', 'GET'],
    [302, 'POST', 'GET'],
    [302, 'PUT', 'GET'],
    [302, 'HEAD', 'HEAD'],
    [302, 'PATCH', 'GET'],
    [303, 'POST', 'GET'],
    [303, 'PUT', 'GET'],
    [303, 'HEAD', 'HEAD'],
    [303, 'DELETE', 'GET'],
    [303, 'OPTIONS', 'GET'],
    [307, 'POST', 'POST'],
    [307, 'PUT', 'PUT'],
    [307, 'HEAD', 'HEAD'],
    [308, 'POST', 'POST'],
    [308, 'PATCH', 'PATCH'],
    [308, 'DELETE', 'DELETE'],
  ];
  it.each(table)('%i after %s → %s', (status, method, expected) => {
    expect(redirectMethod(method, status)).toBe(expected);
  });
});

describe('shouldStripAuth (should_strip_auth)', () => {
  const table: [from: string, to: string, strip: boolean][] = [
    ['http://a.test/x', 'http://a.test/y', false],
    ['http://a.test/x', 'http://b.test/x', true],
    ['http://a.test/x', 'http://A.TEST/y', false], // host names are case-insensitive
    ['http://a.test/', 'https://a.test/', false], // the upgrade on default ports keeps credentials
    ['http://a.test:80/', 'https://a.test:443/', false],
    ['http://a.test/', 'https://a.test:8443/', true],
    ['http://a.test:8080/', 'https://a.test/', true],
    ['https://a.test/', 'http://a.test/', true], // a downgrade never keeps them
    ['http://a.test/', 'http://a.test:80/', false], // explicit default port is the same port
    ['https://a.test:443/', 'https://a.test/', false],
    ['http://a.test:8080/', 'http://a.test:8081/', true],
    ['http://127.0.0.1:8080/', 'http://localhost:8080/', true],
    ['http://[::1]:8080/', 'http://[::1]:8080/z', false],
  ];
  it.each(table)('%s → %s: strip=%s', (from, to, strip) => {
    expect(shouldStripAuth(from, to)).toBe(strip);
  });
});

describe('resolveLocation', () => {
  it('resolves a relative path against the current URL', () => {
    expect(resolveLocation('/b?q=1', 'http://a.test/x/y')).toBe('http://a.test/b?q=1');
    expect(resolveLocation('c', 'http://a.test/x/y')).toBe('http://a.test/x/c');
    expect(resolveLocation('../c', 'http://a.test/x/y/z')).toBe('http://a.test/x/c');
  });
  it('gives a scheme-relative Location the scheme of the URL it came from', () => {
    expect(resolveLocation('//b.test/p', 'https://a.test/x')).toBe('https://b.test/p');
    expect(resolveLocation('//b.test:8080/p', 'http://a.test/x')).toBe('http://b.test:8080/p');
  });
  it('takes an absolute Location as is (requoted)', () => {
    expect(resolveLocation('https://b.test/a b', 'http://a.test/')).toBe('https://b.test/a%20b');
  });
  it("keeps the original fragment when the Location has none, and takes the Location's own otherwise", () => {
    expect(resolveLocation('/b', 'http://a.test/x#frag')).toBe('http://a.test/b#frag');
    expect(resolveLocation('/b#new', 'http://a.test/x#frag')).toBe('http://a.test/b#new');
    expect(resolveLocation('/b', 'http://a.test/x')).toBe('http://a.test/b');
  });
  it('percent-encodes a non-ASCII Location as UTF-8 and IDNA-encodes a non-ASCII host', () => {
    expect(resolveLocation('/café', 'http://a.test/')).toBe('http://a.test/caf%C3%A9');
    expect(resolveLocation('http://bücher.test/', 'http://a.test/')).toBe('http://xn--bcher-kva.test/');
  });
  it('drops credentials a Location carries (they are not sent)', () => {
    expect(resolveLocation('http://u:p@b.test/x', 'http://a.test/')).toBe('http://b.test/x');
  });
  it('refuses a non-http target with InvalidSchema', () => {
    for (const location of [
      'ftp://a.test/file',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'data:text/plain,x',
      'mailto:a@b.test',
    ]) {
      expect(() => resolveLocation(location, 'http://a.test/')).toThrow(InvalidSchema);
    }
  });
  it('refuses a target that cannot be parsed with InvalidURL', () => {
    for (const location of ['http://exa mple.test/', 'http://[::1/', 'http://', '//[bad']) {
      expect(() => resolveLocation(location, 'http://a.test/')).toThrow(InvalidURL);
    }
  });
});

describe('redirectTarget (get_redirect_target)', () => {
  it('decodes a Location sent as raw UTF-8 bytes (which fetch shows as Latin-1 characters)', () => {
    const raw = Array.from(new TextEncoder().encode('/ü/€'), (b) => String.fromCharCode(b)).join('');
    expect(redirectTarget(302, new Headers({ Location: raw }))).toBe('/ü/€');
  });
  it('leaves a Location that is not valid UTF-8 as it came', () => {
    expect(redirectTarget(302, new Headers({ Location: '/\u00e9t\u00e9' }))).toBe('/\u00e9t\u00e9');
  });
  it('is null for statuses that are not redirects, a missing Location or an empty one', () => {
    expect(redirectTarget(200, new Headers({ Location: '/x' }))).toBeNull();
    expect(redirectTarget(300, new Headers({ Location: '/x' }))).toBeNull();
    expect(redirectTarget(304, new Headers({ Location: '/x' }))).toBeNull();
    expect(redirectTarget(302, new Headers())).toBeNull();
    expect(redirectTarget(302, new Headers({ Location: '' }))).toBeNull();
    for (const status of [301, 302, 303, 307, 308])
      expect(redirectTarget(status, new Headers({ Location: '/x' }))).toBe('/x');
  });
});

describe('the request that follows a redirect (Session.send, resolve_redirects)', () => {
  it('drops the body and Content-Type/Content-Length/Transfer-Encoding for 301, 302 and 303', async () => {
    for (const status of [301, 302, 303]) {
      const next = await nextRequest(post('http://a.test/x'), status, '/y');
      expect(next.method).toBe('GET');
      expect(next.body).toBeNull();
      for (const name of ['content-type', 'content-length', 'transfer-encoding'])
        expect(next.headers.has(name)).toBe(false);
      expect(next.headers.get('x-kept')).toBe('yes');
    }
  });
  it('drops the body on a 301 even when the method is kept (PUT), as Requests does', async () => {
    const put = post('http://a.test/x');
    put.method = 'PUT';
    const next = await nextRequest(put, 301, '/y');
    expect([next.method, next.body]).toEqual(['PUT', null]);
  });
  it('keeps method, body and Content-Type for 307 and 308', async () => {
    for (const status of [307, 308]) {
      const next = await nextRequest(post('http://a.test/x'), status, '/y');
      expect([next.method, next.body, next.headers.get('content-type')]).toEqual([
        'POST',
        '{"a":1}',
        'application/json',
      ]);
    }
  });
  it('always removes Cookie (the session rebuilds it for the new URL)', async () => {
    expect((await nextRequest(post('http://a.test/x'), 307, '/y')).headers.has('cookie')).toBe(false);
  });
  it('keeps Authorization and Proxy-Authorization on the same origin and on the http→https upgrade', async () => {
    for (const location of ['/y', 'https://a.test/y']) {
      const next = await nextRequest(post('http://a.test/x'), 302, location);
      expect([next.headers.get('authorization'), next.headers.get('proxy-authorization')]).toEqual([
        'Basic dTpw',
        'Basic cDpw',
      ]);
    }
  });
  it('drops Authorization and Proxy-Authorization on another host, port or scheme', async () => {
    for (const location of ['http://b.test/y', 'http://a.test:8080/y', 'https://a.test:8443/y']) {
      const next = await nextRequest(post('http://a.test/x'), 307, location);
      expect(next.headers.has('authorization')).toBe(false);
      expect(next.headers.has('proxy-authorization')).toBe(false);
    }
    const down = await nextRequest(post('https://a.test/x'), 302, 'http://a.test/y');
    expect(down.headers.has('authorization')).toBe(false);
  });
  it('leaves the request it came from untouched', async () => {
    const first = post('http://a.test/x');
    await nextRequest(first, 303, 'http://b.test/');
    expect([first.method, first.url, first.body, first.headers.get('authorization')]).toEqual([
      'POST',
      'http://a.test/x',
      '{"a":1}',
      'Basic dTpw',
    ]);
  });
});

describe('an opaque redirect where no browser was detected (a fetch that hides redirects)', () => {
  /** A fetch like a browser's: `manual` gives an opaque redirect, `follow` follows (to /final). */
  function browserLikeFetch(calls: { method: string; redirect: RequestRedirect }[]): typeof fetch {
    return async (_input, init) => {
      calls.push({ method: init!.method!, redirect: init!.redirect! });
      if (init!.redirect === 'manual') {
        const opaque = new Response(null, { status: 200 });
        Object.defineProperties(opaque, {
          type: { value: 'opaqueredirect' },
          status: { value: 0 },
          statusText: { value: '' },
        });
        return opaque;
      }
      const followed = new Response('final', { status: 200 });
      Object.defineProperties(followed, { url: { value: 'http://a.test/final' }, redirected: { value: true } });
      return followed;
    };
  }
  it('follows an idempotent request by letting fetch follow (sent again once), flagging redirected', async () => {
    const calls: { method: string; redirect: RequestRedirect }[] = [];
    const r = await new Session({ fetch: browserLikeFetch(calls) }).get('http://a.test/start#f');
    expect(calls).toEqual([
      { method: 'GET', redirect: 'manual' },
      { method: 'GET', redirect: 'follow' },
    ]);
    expect([r.statusCode, r.text, r.url, r.redirected, r.history.length]).toEqual([
      200,
      'final',
      'http://a.test/final#f',
      true,
      0,
    ]);
  });
  it('never sends a non-idempotent request twice: the opaque redirect comes back, saying what it is', async () => {
    const calls: { method: string; redirect: RequestRedirect }[] = [];
    const r = await new Session({ fetch: browserLikeFetch(calls) }).post('http://a.test/start', { data: 'x' });
    expect(calls).toEqual([{ method: 'POST', redirect: 'manual' }]);
    expect([r.statusCode, r.opaqueRedirect, r.isRedirect, r.next]).toEqual([0, true, true, null]);
  });
  it('does not follow at all when allowRedirects is false', async () => {
    const calls: { method: string; redirect: RequestRedirect }[] = [];
    const r = await new Session({ fetch: browserLikeFetch(calls) }).get('http://a.test/start', {
      allowRedirects: false,
    });
    expect(calls).toHaveLength(1);
    expect(r.opaqueRedirect).toBe(true);
  });
});

describe('a fetch that follows even when told manual (XHR-based polyfills)', () => {
  it('reports the final URL and redirected, with the history it could not see left empty', async () => {
    const followsAnyway: typeof fetch = async () => {
      const followed = new Response('final', { status: 200 });
      Object.defineProperties(followed, { url: { value: 'http://a.test/final' }, redirected: { value: true } });
      return followed;
    };
    const r = await new Session({ fetch: followsAnyway }).get('http://a.test/start');
    expect([r.url, r.redirected, r.history.length, r.text]).toEqual(['http://a.test/final', true, 0, 'final']);
  });
});
