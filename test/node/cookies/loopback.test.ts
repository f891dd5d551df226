// The Session's cookie jar against a real node:http server: RFC 6265 domain, host-only, path, Secure and expiry
// rules, kept across calls and redirects, never sent to another host.
//
// Virtual hosts (www.example.test, api.example.test, …) reach the loopback server through the `fetch` option: the
// Session and its jar see the virtual URL, the wrapper connects to 127.0.0.1 and names the host in X-Vhost.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import requests, { Session } from '../../../src/index';
import { startServer, type TestServer } from '../../helpers/server';

let srv: TestServer;

beforeAll(async () => {
  srv = await startServer((req, res) => {
    const url = new URL(req.url!, 'http://x');
    const setCookies = url.searchParams.getAll('c');
    if (setCookies.length > 0) res.setHeader('Set-Cookie', setCookies);
    const to = url.searchParams.get('to');
    if (to) {
      res.writeHead(302, { Location: to });
      res.end();
      return;
    }
    res.setHeader('Content-Type', 'application/json');
    res.end(
      JSON.stringify({
        host: req.headers['x-vhost'] ?? req.headers.host,
        path: url.pathname,
        cookie: req.headers.cookie ?? null,
      }),
    );
  });
});
afterAll(() => srv.close());

/** A fetch that sends `http://NAME:PORT/…` to the loopback server, telling it NAME. */
const vhostFetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
  headers.set('X-Vhost', url.hostname);
  const target = `${srv.origin}${url.pathname}${url.search}`;
  return fetch(target, { ...init, headers });
}) as typeof globalThis.fetch;

const at = (host: string, path: string) => `http://${host}:${srv.port}${path}`;
const setUrl = (host: string, path: string, ...cookies: string[]) =>
  `${at(host, path)}?${cookies.map((c) => `c=${encodeURIComponent(c)}`).join('&')}`;
const cookieAt = async (s: Session, url: string) => (await s.get(url)).json<{ cookie: string | null }>().cookie;

describe('domain rules', () => {
  it('sends a host-only cookie to its host only, and a Domain cookie to that domain and its subdomains', async () => {
    const s = new Session({ fetch: vhostFetch });
    await s.get(setUrl('www.example.test', '/set', 'host=1', 'dom=1; Domain=example.test'));
    expect(await cookieAt(s, at('www.example.test', '/'))).toBe('host=1; dom=1');
    expect(await cookieAt(s, at('api.example.test', '/'))).toBe('dom=1');
    expect(await cookieAt(s, at('example.test', '/'))).toBe('dom=1');
    expect(await cookieAt(s, at('example.org', '/'))).toBeNull();
    expect(await cookieAt(s, at('notexample.test', '/'))).toBeNull();
  });

  it('refuses a cookie for a domain the responding host is not in', async () => {
    const s = new Session({ fetch: vhostFetch });
    await s.get(setUrl('www.example.test', '/set', 'evil=1; Domain=other.test', 'sub=1; Domain=api.example.test'));
    expect(s.cookies.size).toBe(0);
    expect(await cookieAt(s, at('other.test', '/'))).toBeNull();
  });

  it('treats 127.0.0.1 and localhost as two hosts: a cookie from one is never sent to the other', async () => {
    const s = new Session();
    await s.get(`${srv.origin}/set?c=ip=1`);
    const local = `http://localhost:${srv.port}`;
    await s.get(`${local}/set?c=name=1`);
    expect(await cookieAt(s, `${srv.origin}/`)).toBe('ip=1');
    expect(await cookieAt(s, `${local}/`)).toBe('name=1');
  });
});

describe('path rules', () => {
  it('scopes a cookie to its Path and below, not to siblings sharing a prefix', async () => {
    const s = new Session();
    await s.get(`${srv.origin}/set?c=${encodeURIComponent('p=1; Path=/account')}`);
    expect(await cookieAt(s, `${srv.origin}/account`)).toBe('p=1');
    expect(await cookieAt(s, `${srv.origin}/account/settings`)).toBe('p=1');
    expect(await cookieAt(s, `${srv.origin}/accounts`)).toBeNull();
    expect(await cookieAt(s, `${srv.origin}/`)).toBeNull();
  });

  it('defaults Path to the directory of the URL that set it', async () => {
    const s = new Session();
    await s.get(`${srv.origin}/a/b/set?c=d=1`);
    expect(await cookieAt(s, `${srv.origin}/a/b/other`)).toBe('d=1');
    expect(await cookieAt(s, `${srv.origin}/a/other`)).toBeNull();
  });

  it('sends two cookies of one name on different paths, the longer path first', async () => {
    const s = new Session();
    await s.get(setUrl('127.0.0.1', '/set', 'n=root; Path=/', 'n=deep; Path=/a/b'));
    expect(await cookieAt(s, `${srv.origin}/a/b/c`)).toBe('n=deep; n=root');
    expect(await cookieAt(s, `${srv.origin}/a`)).toBe('n=root');
  });
});

describe('Secure, HttpOnly and expiry', () => {
  it('never sends a Secure cookie over http, loopback included, and refuses one set over http', async () => {
    const s = new Session();
    await s.get(`${srv.origin}/set?c=${encodeURIComponent('s=1; Secure')}`);
    s.cookies.set('mine', '1', { domain: '127.0.0.1', secure: true });
    s.cookies.set('anyhost', '1', { secure: true });
    expect(s.cookies.has('s')).toBe(false);
    expect(s.cookies.get('mine')).toBe('1');
    expect(await cookieAt(s, `${srv.origin}/`)).toBeNull();
  });

  it('keeps and sends HttpOnly cookies (only scripts in a page are kept from them)', async () => {
    const s = new Session();
    await s.get(`${srv.origin}/set?c=${encodeURIComponent('h=1; HttpOnly')}`);
    expect(await cookieAt(s, `${srv.origin}/`)).toBe('h=1');
  });

  it('deletes a cookie on Max-Age=0 and on an Expires in the past, and keeps one with a future expiry', async () => {
    const s = new Session();
    const future = new Date(Date.now() + 3_600_000).toUTCString();
    await s.get(setUrl('127.0.0.1', '/set', 'a=1', 'b=1', 'c=1', `d=1; Expires=${future}`, 'e=1; Max-Age=3600'));
    expect(await cookieAt(s, `${srv.origin}/`)).toBe('a=1; b=1; c=1; d=1; e=1');
    await s.get(
      setUrl('127.0.0.1', '/set', 'a=; Max-Age=0', 'b=; Expires=Thu, 01 Jan 1970 00:00:00 GMT', 'c=1; Max-Age=-1'),
    );
    expect(s.cookies.getDict()).toEqual({ d: '1', e: '1' });
    expect(await cookieAt(s, `${srv.origin}/`)).toBe('d=1; e=1');
    const expires = [...s.cookies].find((c) => c.name === 'e')!.expires!;
    expect(Math.abs(expires.getTime() - (Date.now() + 3_600_000))).toBeLessThan(60_000);
  });
});

describe('the jar across calls and redirects', () => {
  it('sends cookies set by a redirect hop on the next hop, and keeps them for later calls', async () => {
    const s = new Session();
    const r = await s.get(`${srv.origin}/start?c=hop=1&to=${encodeURIComponent('/landing')}`);
    expect(r.json<{ path: string; cookie: string }>()).toMatchObject({ path: '/landing', cookie: 'hop=1' });
    expect(s.cookies.get('hop')).toBe('1');
  });

  it('rebuilds the Cookie header for a redirect to another host: the first host’s cookies stay behind', async () => {
    const s = new Session();
    await s.get(`${srv.origin}/set?c=ip=1`);
    const r = await s.get(`${srv.origin}/go?to=${encodeURIComponent(`http://localhost:${srv.port}/there`)}`);
    expect(r.json<{ path: string; cookie: string | null }>()).toEqual({
      host: `localhost:${srv.port}`,
      path: '/there',
      cookie: null,
    });
    expect(srv.requests.at(-2)!.headers.cookie).toBe('ip=1');
  });

  it('a one-shot requests.get carries cookies set inside its own redirect chain, and forgets them afterwards', async () => {
    const r = await requests.get(`${srv.origin}/start?c=once=1&to=${encodeURIComponent('/landing')}`);
    expect(r.json<{ cookie: string }>().cookie).toBe('once=1');
    const again = await requests.get(`${srv.origin}/landing`);
    expect(again.json<{ cookie: string | null }>().cookie).toBeNull();
  });
});

describe('per-request cookies', () => {
  it("go to the request's host on every hop there, never to another host, and are not kept", async () => {
    const s = new Session();
    const away = `http://localhost:${srv.port}/away`;
    const r = await s.get(`${srv.origin}/first?to=${encodeURIComponent(`/second?to=${encodeURIComponent(away)}`)}`, {
      cookies: { mine: 'x' },
    });
    const hops = srv.requests.slice(-3).map((q) => [q.url.split('?')[0], q.headers.cookie ?? null]);
    expect(hops).toEqual([
      ['/first', 'mine=x'],
      ['/second', 'mine=x'],
      ['/away', null],
    ]);
    expect(r.url).toBe(away);
    expect(s.cookies.size).toBe(0);
  });
});

describe('Response.cookies and s.cookies', () => {
  it("Response.cookies holds only that response's Set-Cookie; each hop keeps its own", async () => {
    const s = new Session();
    const r = await s.get(`${srv.origin}/start?c=hop=1&to=${encodeURIComponent('/final?c=last=2')}`);
    expect(r.history.map((h) => h.cookies)).toEqual([{ hop: '1' }]);
    expect(r.cookies).toEqual({ last: '2' });
    expect(s.cookies.getDict()).toEqual({ hop: '1', last: '2' });
  });

  it('Response.cookies leaves out the cookies that response deletes (Max-Age=0, Expires in the past)', async () => {
    const r = await new Session().get(
      setUrl('127.0.0.1', '/set', 'kept=1', 'gone=; Max-Age=0', 'old=; Expires=Thu, 01 Jan 1970 00:00:00 GMT'),
    );
    expect(r.cookies).toEqual({ kept: '1' });
  });

  it('s.cookies is settable: a record replaces the jar, and cookies set by hand without a domain go to every host', async () => {
    const s = new Session({ cookies: { first: '1' } });
    expect(await cookieAt(s, `${srv.origin}/`)).toBe('first=1');
    s.cookies = { token: 't' };
    s.cookies.set('lang', 'en');
    expect(await cookieAt(s, `http://localhost:${srv.port}/`)).toBe('token=t; lang=en');
    s.cookies.delete('token');
    s.cookies.set('lang', null);
    expect(await cookieAt(s, `${srv.origin}/`)).toBeNull();
  });

  it('s.cookies lists what the server set, with domain and path', async () => {
    const s = new Session();
    await s.get(`${srv.origin}/dir/set?c=${encodeURIComponent('x=1; Path=/dir')}`);
    expect(
      [...s.cookies].map(({ name, value, domain, path, secure, expires }) => ({
        name,
        value,
        domain,
        path,
        secure,
        expires,
      })),
    ).toEqual([{ name: 'x', value: '1', domain: '127.0.0.1', path: '/dir', secure: false, expires: null }]);
    expect(s.cookies.get('x', { domain: '127.0.0.1', path: '/dir' })).toBe('1');
    expect(s.cookies.get('x', { domain: 'localhost' })).toBeUndefined();
  });
});
