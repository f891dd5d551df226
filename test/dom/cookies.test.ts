// In a browser the browser owns cookies: the `credentials` option reaches fetch, and the jar keeps Requests' API
// but is inert (nothing sent from it, nothing stored into it). Seen through a fetch spy, no network.
import { describe, expect, it } from 'vitest';
import requests, { RequestsCookieJar, Session } from '../../src/index';

interface Seen {
  credentials: RequestCredentials | undefined;
  cookie: string | null;
}

function spyFetch(setCookie = 'seen=1; Path=/') {
  const seen: Seen[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
    seen.push({
      credentials: init?.credentials ?? (input instanceof Request ? input.credentials : undefined),
      cookie: headers.get('cookie'),
    });
    return new Response('{}', { headers: { 'Content-Type': 'application/json', 'Set-Cookie': setCookie } });
  }) as typeof globalThis.fetch;
  return { fetch, seen };
}

describe('credentials (browsers)', () => {
  it('passes the credentials option to fetch, per request or from the Session', async () => {
    const { fetch, seen } = spyFetch();
    await requests.get('https://api.example.test/a', { fetch, credentials: 'include' });
    const s = new Session({ fetch, credentials: 'omit' });
    await s.get('https://api.example.test/b');
    await s.get('https://api.example.test/c', { credentials: 'same-origin' });
    expect(seen.map((x) => x.credentials)).toEqual(['include', 'omit', 'same-origin']);
  });

  it("leaves fetch's own default when no credentials option is given", async () => {
    const { fetch, seen } = spyFetch();
    await new Session({ fetch }).get('https://api.example.test/');
    expect(seen[0]!.credentials).toBeUndefined();
  });

  it("omits credentials when the library handles auth, so a 401 challenge is not taken over by the browser's prompt", async () => {
    const { fetch, seen } = spyFetch();
    await requests.get('https://api.example.test/', { fetch, auth: ['u', 'p'] });
    await requests.get('https://api.example.test/', { fetch, auth: ['u', 'p'], credentials: 'include' });
    await requests.get('https://api.example.test/', { fetch });
    expect(seen.map((x) => x.credentials)).toEqual(['omit', 'include', undefined]);
  });

  it('passes credentials on the retry path too', async () => {
    const { fetch, seen } = spyFetch();
    await new Session({ fetch, retry: 1, credentials: 'include' }).get('https://api.example.test/');
    expect(seen[0]!.credentials).toBe('include');
  });
});

describe('the inert cookie jar (browsers)', () => {
  it('sends nothing from the jar or from per-request cookies, and stores nothing from responses', async () => {
    const { fetch, seen } = spyFetch();
    const s = new Session({ fetch, cookies: { fromSession: '1' } });
    s.cookies.set('byHand', '1');
    await s.get('https://api.example.test/', { cookies: { perRequest: '1' } });
    expect(seen[0]!.cookie).toBeNull();
    expect(s.cookies.getDict()).toEqual({ fromSession: '1', byHand: '1' });
    expect(s.cookies.has('seen')).toBe(false);
  });

  it("keeps Requests' jar API so code written for Node runs unchanged", () => {
    const jar = new RequestsCookieJar({ a: '1' });
    jar.set('b', '2', { domain: 'example.test' });
    jar.set('a', null);
    expect([
      jar.get('b'),
      jar.has('a'),
      jar.size,
      jar.copy().getDict(),
      jar.headerFor('https://example.test/'),
      jar.pairsFor('https://example.test/'),
    ]).toEqual(['2', false, 1, { b: '2' }, '', []]);
  });
});
