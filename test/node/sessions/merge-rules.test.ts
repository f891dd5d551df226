// Session merge rules (Requests' merge_setting / merge_hooks / prepare_request), seen through a fake fetch:
// no network, just what the Session hands to fetch.
import { describe, expect, it } from 'vitest';
import { HTTPBasicAuth, RequestsCookieJar, Session, type Hook, type Response } from '../../../src/index';

interface Sent {
  url: string;
  method: string;
  headers: Headers;
}

/** A fetch that records what it is given and answers from `reply` (default: 200 "ok"). */
function fakeFetch(reply: (url: string, n: number) => globalThis.Response = () => new globalThis.Response('ok')) {
  const sent: Sent[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    sent.push({ url: request.url, method: request.method, headers: new Headers(init?.headers ?? request.headers) });
    return reply(request.url, sent.length);
  }) as typeof globalThis.fetch;
  return { fetch, sent };
}

describe('Session settings merged under each request (merge_setting)', () => {
  it('merges headers key by key, case-insensitively, the request winning; null removes a Session header', async () => {
    const { fetch, sent } = fakeFetch();
    const s = new Session({ headers: { 'X-Token': 'session', 'X-Keep': 'k', 'X-Drop': 'd' }, fetch });
    await s.get('http://h.test/', { headers: { 'x-token': 'request', 'X-Drop': null } });
    expect(sent[0]!.headers.get('x-token')).toBe('request');
    expect(sent[0]!.headers.get('x-keep')).toBe('k');
    expect(sent[0]!.headers.has('x-drop')).toBe(false);
    // The Session's own headers are untouched by a request's overrides.
    expect(s.headers.get('x-drop')).toBe('d');
    expect(s.headers.get('x-token')).toBe('session');
  });

  it('merges record params key by key (null removes); a non-record request value replaces them', async () => {
    const { fetch, sent } = fakeFetch();
    const s = new Session({ params: { a: '1', b: '2' }, fetch });
    await s.get('http://h.test/p', { params: { b: '3', c: '4' } });
    await s.get('http://h.test/p', { params: { a: null } });
    await s.get('http://h.test/p', { params: 'raw=1' });
    await s.get('http://h.test/p?q=0');
    expect(sent.map((r) => new URL(r.url).search)).toEqual(['?a=1&b=3&c=4', '?b=2', '?raw=1', '?q=0&a=1&b=2']);
  });

  it('takes auth from the request, else the Session, else credentials in the URL', async () => {
    const { fetch, sent } = fakeFetch();
    const basic = (u: string, p: string) => `Basic ${btoa(`${u}:${p}`)}`;
    const s = new Session({ fetch });
    await s.get('http://u:p@h.test/');
    s.auth = ['session', 'pw'];
    await s.get('http://u:p@h.test/');
    await s.get('http://u:p@h.test/', { auth: new HTTPBasicAuth('request', 'pw') });
    await s.get('http://h.test/', { auth: null });
    expect(sent.map((r) => r.headers.get('authorization'))).toEqual([
      basic('u', 'p'),
      basic('session', 'pw'),
      basic('request', 'pw'),
      basic('session', 'pw'),
    ]);
  });

  it('uses the request timeout, stream and fetch over the Session ones', async () => {
    const a = fakeFetch();
    const b = fakeFetch();
    const s = new Session({ fetch: a.fetch, stream: true });
    const streamed = await s.get('http://h.test/1');
    expect(streamed.bodyUsed).toBe(false);
    const buffered = await s.get('http://h.test/2', { fetch: b.fetch, stream: false });
    expect(buffered.text).toBe('ok');
    expect(a.sent.map((r) => r.url)).toEqual(['http://h.test/1']);
    expect(b.sent.map((r) => r.url)).toEqual(['http://h.test/2']);
    await streamed.read();
  });
});

describe('Session properties are mutable, like Requests', () => {
  it('reads every later request from the current properties', async () => {
    const { fetch, sent } = fakeFetch();
    const s = new Session();
    s.fetch = fetch;
    s.headers = { 'X-A': '1' };
    s.headers.set('X-B', '2');
    s.params = { p: 'v' };
    s.auth = { username: 'u', password: 'p' };
    s.cookies = { c: '1' };
    await s.get('http://h.test/');
    const h = sent[0]!.headers;
    expect([h.get('x-a'), h.get('x-b'), new URL(sent[0]!.url).search, h.get('authorization'), h.get('cookie')]).toEqual(
      ['1', '2', '?p=v', `Basic ${btoa('u:p')}`, 'c=1'],
    );
  });

  it('replacing s.headers drops the defaults (User-Agent, Accept), as assigning a dict does in Requests', () => {
    const s = new Session();
    expect(s.headers.get('user-agent')).toMatch(/^fetch-requests\//);
    s.headers = { 'X-Only': '1' };
    expect([...s.headers.keys()]).toEqual(['X-Only']);
  });

  it('maxRedirects is read at send time', async () => {
    const { fetch, sent } = fakeFetch(
      (url) => new globalThis.Response(null, { status: 302, headers: { location: `${url}x` } }),
    );
    const s = new Session({ fetch });
    s.maxRedirects = 2;
    const error = await s.get('http://h.test/').catch((e: unknown) => e);
    expect((error as Error).name).toBe('TooManyRedirects');
    expect(sent).toHaveLength(3);
  });
});

describe('hooks (merge_hooks)', () => {
  const tag =
    (name: string, log: string[]): Hook =>
    (r: Response) =>
      void log.push(`${name}:${r.statusCode}`);

  it('runs the Session hooks when the request has none (or an empty list)', async () => {
    const log: string[] = [];
    const { fetch } = fakeFetch();
    const s = new Session({ fetch, hooks: { response: tag('session', log) } });
    await s.get('http://h.test/');
    await s.get('http://h.test/', { hooks: { response: [] } });
    expect(log).toEqual(['session:200', 'session:200']);
  });

  it("lets a request's response hooks replace the Session's for that request, as Requests does", async () => {
    const log: string[] = [];
    const { fetch } = fakeFetch();
    const s = new Session({ fetch, hooks: { response: [tag('session', log)] } });
    await s.get('http://h.test/', { hooks: { response: tag('request', log) } });
    await s.get('http://h.test/', { hooks: { response: [...s.hooks.response, tag('added', log)] } });
    expect(log).toEqual(['request:200', 'session:200', 'added:200']);
  });

  it('accepts s.hooks assignment of one function or a list, and push onto s.hooks.response', async () => {
    const log: string[] = [];
    const { fetch } = fakeFetch();
    const s = new Session({ fetch });
    s.hooks = { response: tag('one', log) };
    s.hooks.response.push(tag('two', log));
    await s.get('http://h.test/');
    expect(log).toEqual(['one:200', 'two:200']);
  });

  it('uses the response a hook returns, in order, and the next hook sees it', async () => {
    const { fetch } = fakeFetch();
    const s = new Session({ fetch });
    let seen = 0;
    const r = await s.get('http://h.test/', {
      hooks: {
        response: [
          async (res) => {
            res.statusCode = 299;
            return res;
          },
          (res) => {
            seen = res.statusCode;
          },
        ],
      },
    });
    expect([seen, r.statusCode]).toEqual([299, 299]);
  });
});

describe('per-request cookies (prepare_request merges them into a copy of the jar)', () => {
  it("go to this request's host only, override the Session's of that name, and are not persisted", async () => {
    const { fetch, sent } = fakeFetch();
    const s = new Session({ fetch });
    s.cookies.set('shared', 'session', { domain: 'h.test' });
    s.cookies.set('other', 'o', { domain: 'h.test' });
    await s.get('http://h.test/', { cookies: { shared: 'request', extra: 'x' } });
    await s.get('http://h.test/');
    expect(sent.map((r) => r.headers.get('cookie'))).toEqual([
      'other=o; shared=request; extra=x',
      'shared=session; other=o',
    ]);
    expect(s.cookies.getDict()).toEqual({ shared: 'session', other: 'o' });
  });

  it('accept a RequestsCookieJar, whose own domain and path rules still apply', async () => {
    const { fetch, sent } = fakeFetch();
    const jar = new RequestsCookieJar({ any: '1' });
    jar.set('here', '1', { domain: 'h.test', path: '/app' });
    jar.set('elsewhere', '1', { domain: 'other.test' });
    const s = new Session({ fetch });
    await s.get('http://h.test/app/x', { cookies: jar });
    await s.get('http://h.test/', { cookies: jar });
    expect(sent.map((r) => r.headers.get('cookie'))).toEqual(['here=1; any=1', 'any=1']);
  });

  it('leave an explicit Cookie header alone, as cookielib does', async () => {
    const { fetch, sent } = fakeFetch();
    const s = new Session({ fetch, cookies: { jar: '1' } });
    await s.get('http://h.test/', { headers: { Cookie: 'mine=1' } });
    expect(sent[0]!.headers.get('cookie')).toBe('mine=1');
  });
});

describe('retry', () => {
  it('is off by default: a 503 is returned after one attempt', async () => {
    const { fetch, sent } = fakeFetch(() => new globalThis.Response('busy', { status: 503 }));
    const r = await new Session({ fetch }).get('http://h.test/');
    expect([r.statusCode, sent.length]).toEqual([503, 1]);
  });

  it('rejects a Retry count that is not a whole number with a TypeError, before anything is sent', () => {
    const { fetch, sent } = fakeFetch();
    expect(() => new Session({ fetch, retry: { total: 1.5 } })).toThrow(
      /Retry total must be a whole number, false or null, not 1.5/,
    );
    expect(() => new Session({ fetch, retry: { status: false as unknown as number } })).toThrow(TypeError);
    expect(sent).toHaveLength(0);
  });
});
