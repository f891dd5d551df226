// The Session's loop and its overridable steps, as Requests' SessionRedirectMixin allows (its tests
// test_custom_redirect_mixin and test_should_strip_auth_*), the adapters it mounts, and what send() takes and
// gives its hooks — seen through a stub fetch: no network, just what the Session hands to fetch.
import { describe, expect, it } from 'vitest';
import {
  BaseAdapter,
  HTTPAdapter,
  InvalidSchema,
  PreparedRequest,
  Response,
  Retry,
  type SendOptions,
  Session,
} from '../../../src/index';

interface Sent {
  url: string;
  method: string;
  headers: Headers;
}

type Reply = (url: string, n: number) => globalThis.Response;

/** A fetch that records what it is given and answers from `reply` (default: 200 "ok"). */
function stubFetch(reply: Reply = () => new globalThis.Response('ok')) {
  const sent: Sent[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    sent.push({ url, method: init?.method ?? 'GET', headers: new Headers(init?.headers) });
    return reply(url, sent.length);
  }) as typeof globalThis.fetch;
  return { fetch, sent };
}

const redirect = (location: string, status = 302) =>
  new globalThis.Response(null, { status, headers: { Location: location } });

describe('getRedirectTarget (test_custom_redirect_mixin)', () => {
  it('a subclass that also follows a Location on a 200 makes send() follow it', async () => {
    // 302 → a 200 that carries a Location (malformed) → the final page.
    const { fetch, sent } = stubFetch((url) => {
      if (url.endsWith('/start')) return redirect('/malformed');
      if (url.endsWith('/malformed')) return new globalThis.Response('odd', { headers: { Location: '/final' } });
      return new globalThis.Response('final');
    });
    class CustomRedirectSession extends Session {
      override getRedirectTarget(response: Response): string | null {
        if (response.isRedirect) return response.headers.get('location');
        const location = response.headers.get('location');
        return location && location !== response.url ? location : null;
      }
    }
    const r = await new CustomRedirectSession({ fetch }).get('http://h.test/start');
    expect(r.history.map((h) => [h.statusCode, h.isRedirect])).toEqual([
      [302, true],
      [200, false],
    ]);
    expect([r.statusCode, r.url, r.text]).toEqual([200, 'http://h.test/final', 'final']);
    expect(sent.map((s) => new URL(s.url).pathname)).toEqual(['/start', '/malformed', '/final']);

    // The base Session stops at the malformed 200.
    const plain = await new Session({ fetch }).get('http://h.test/start');
    expect([plain.statusCode, plain.text, plain.history.length]).toEqual([200, 'odd', 1]);
  });

  it('a subclass that sees no redirects makes send() return the 302 itself', async () => {
    const { fetch } = stubFetch(() => redirect('/elsewhere'));
    class NoRedirects extends Session {
      override getRedirectTarget(): null {
        return null;
      }
    }
    const r = await new NoRedirects({ fetch }).get('http://h.test/');
    expect([r.statusCode, r.history.length]).toEqual([302, 0]);
  });
});

describe('shouldStripAuth (test_should_strip_auth_*)', () => {
  const crossHost: Reply = (url) =>
    url.startsWith('http://a.test') ? redirect('http://b.test/landed') : new globalThis.Response('ok');

  it('by default, Authorization does not follow a redirect to another host', async () => {
    const { fetch, sent } = stubFetch(crossHost);
    await new Session({ fetch }).get('http://a.test/', { auth: ['user', 'pass'] });
    expect(sent.map((s) => s.headers.has('authorization'))).toEqual([true, false]);
  });

  it('a subclass that never strips makes send() keep it (and one that always strips drops it on the same host)', async () => {
    class KeepAuth extends Session {
      override shouldStripAuth(): boolean {
        return false;
      }
    }
    const kept = stubFetch(crossHost);
    await new KeepAuth({ fetch: kept.fetch }).get('http://a.test/', { auth: ['user', 'pass'] });
    expect(kept.sent.map((s) => s.headers.get('authorization'))).toEqual(['Basic dXNlcjpwYXNz', 'Basic dXNlcjpwYXNz']);

    class StripAlways extends Session {
      override shouldStripAuth(): boolean {
        return true;
      }
    }
    const sameHost = stubFetch((url) => (url.endsWith('/') ? redirect('/next') : new globalThis.Response('ok')));
    await new StripAlways({ fetch: sameHost.fetch }).get('http://a.test/', { auth: ['user', 'pass'] });
    expect(sameHost.sent.map((s) => s.headers.has('authorization'))).toEqual([true, false]);
  });

  it('is Requests’ rule: host, port or scheme change strips; http → https on default ports keeps', () => {
    const s = new Session();
    expect(s.shouldStripAuth('http://example.com/foo', 'http://another.example.com/')).toBe(true);
    expect(s.shouldStripAuth('https://example.com/foo', 'http://example.com/bar')).toBe(true);
    expect(s.shouldStripAuth('http://example.com/foo', 'https://example.com/bar')).toBe(false);
    expect(s.shouldStripAuth('http://example.com:80/foo', 'https://example.com/bar')).toBe(false);
    expect(s.shouldStripAuth('http://example.com/foo', 'https://example.com:443/bar')).toBe(false);
    expect(s.shouldStripAuth('http://example.com:8080/foo', 'https://example.com/bar')).toBe(true);
    expect(s.shouldStripAuth('http://example.com/foo', 'http://example.com:8080/bar')).toBe(true);
    expect(s.shouldStripAuth('https://example.com/foo', 'https://example.com:443/bar')).toBe(false);
  });
});

describe('rebuildMethod and resolveRedirects', () => {
  it('a subclass of rebuildMethod changes the method of the hop', async () => {
    const { fetch, sent } = stubFetch((url) =>
      url.endsWith('/a') ? redirect('/b', 302) : new globalThis.Response('ok'),
    );
    class KeepMethod extends Session {
      override rebuildMethod(): void {}
    }
    await new KeepMethod({ fetch }).put('http://h.test/a', { data: 'x' });
    expect(sent.map((s) => s.method)).toEqual(['PUT', 'PUT']);
  });

  it('resolveRedirects is an async generator of the responses it follows, each with its history', async () => {
    const { fetch } = stubFetch((url) => {
      const n = Number(new URL(url).pathname.slice(1));
      return n < 3 ? redirect(`/${n + 1}`) : new globalThis.Response('done');
    });
    const s = new Session({ fetch });
    const first = await s.send(await s.prepareRequest('GET', 'http://h.test/0'), { allowRedirects: false });
    const hops: [number, number][] = [];
    for await (const hop of s.resolveRedirects(first, first.request)) {
      hops.push([hop.statusCode, hop.history.length]);
    }
    expect(hops).toEqual([
      [302, 1],
      [302, 2],
      [200, 3],
    ]);
  });

  it('a subclass of resolveRedirects decides what send() follows', async () => {
    const { fetch, sent } = stubFetch(() => redirect('/again'));
    class OneHop extends Session {
      override async *resolveRedirects(response: Response, request: PreparedRequest, options: SendOptions) {
        for await (const hop of super.resolveRedirects(response, request, options)) {
          yield hop;
          return;
        }
      }
    }
    const r = await new OneHop({ fetch }).get('http://h.test/');
    expect([r.statusCode, r.history.length, sent.length]).toEqual([302, 1, 2]);
  });
});

describe('send()', () => {
  it('refuses anything but a PreparedRequest, as Requests does', async () => {
    const { fetch, sent } = stubFetch();
    const s = new Session({ fetch });
    await expect(s.send({ method: 'GET', url: 'http://h.test/' } as unknown as PreparedRequest)).rejects.toThrow(
      new TypeError('You can only send PreparedRequests.'),
    );
    expect(sent).toHaveLength(0);
  });

  it('runs the PreparedRequest’s hooks, each getting the send options as Requests passes its kwargs', async () => {
    const { fetch } = stubFetch();
    const s = new Session({ fetch, timeout: 5000 });
    const seen: unknown[] = [];
    const r = await s.get('http://h.test/', {
      stream: true,
      hooks: { response: (_res, options) => void seen.push([options.stream, options.timeout, options.allowRedirects]) },
    });
    expect(seen).toEqual([[true, { connect: 5000, read: 5000 }, true]]);
    expect(r.request.hooks.response).toHaveLength(1);
    await r.read();
  });

  it('sends a PreparedRequest built by hand, with its own hooks (registerHook)', async () => {
    const { fetch, sent } = stubFetch();
    const request = new PreparedRequest({ method: 'POST', url: 'http://h.test/x', body: 'hi' });
    const statuses: number[] = [];
    request.registerHook('response', (r) => void statuses.push(r.statusCode));
    const r = await new Session({ fetch }).send(request);
    expect([r.text, statuses, sent[0]!.method]).toEqual(['ok', [200], 'POST']);
  });
});

describe('mount and getAdapter', () => {
  it('mounts an HTTPAdapter on http:// and https://, and the longest prefix wins', () => {
    const s = new Session();
    expect([...s.adapters.keys()]).toEqual(['https://', 'http://']);
    const api = new HTTPAdapter({ maxRetries: 3 });
    const v2 = new HTTPAdapter();
    s.mount('https://api.test/', api);
    s.mount('https://api.test/v2/', v2);
    expect([...s.adapters.keys()]).toEqual(['https://api.test/v2/', 'https://api.test/', 'https://', 'http://']);
    expect(s.getAdapter('https://api.test/v2/items')).toBe(v2);
    expect(s.getAdapter('HTTPS://API.TEST/v1')).toBe(api);
    expect(s.getAdapter('https://other.test/')).toBe(s.adapters.get('https://'));
    expect(() => s.getAdapter('ftp://h/')).toThrow(InvalidSchema);
  });

  it('prepares a URL of another scheme untouched and refuses it when it is sent, sending nothing', async () => {
    const { fetch, sent } = stubFetch();
    const s = new Session({ fetch, cookies: { a: '1' } });
    for (const url of ['data:text/plain,hi', 'file:///etc/passwd', 'mailto:user@example.org', 'localhost:3128']) {
      const prep = await s.prepareRequest('GET', url, { params: { key: 'value' }, auth: ['u', 'p'] });
      expect(prep.url).toBe(url);
      const error = await s.send(prep).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidSchema);
      expect((error as Error).message).toMatch(/^No connection adapters were found for "/);
      await expect(s.request('POST', url, { data: 'x', cookies: { b: '2' } })).rejects.toBeInstanceOf(InvalidSchema);
    }
    expect(sent).toEqual([]);
  });

  it('reads maxRetries as Requests does: 0 retries nothing; a number is Retry.fromInt; a Retry is kept', () => {
    expect(new HTTPAdapter().maxRetries).toMatchObject({ total: 0, read: false });
    expect(new HTTPAdapter({ maxRetries: 3 }).maxRetries).toMatchObject({ total: 3, redirect: null });
    const retry = new Retry({ total: 5, backoffFactor: 0.2 });
    expect(new HTTPAdapter({ maxRetries: retry }).maxRetries).toBe(retry);
    expect(new Session({ retry: 2 }).getAdapter('http://h/')).toMatchObject({ maxRetries: { total: 2 } });
  });

  it('an adapter subclass that overrides send answers, and the Session still follows redirects, runs hooks, keeps cookies', async () => {
    class Canned extends BaseAdapter {
      sent: string[] = [];
      override async send(request: PreparedRequest): Promise<Response> {
        this.sent.push(`${request.method} ${request.url}`);
        const raw = request.url.endsWith('/login')
          ? new globalThis.Response(null, {
              status: 302,
              headers: { Location: '/home', 'Set-Cookie': 'sid=1; Path=/' },
            })
          : new globalThis.Response(`cookie: ${request.headers.get('cookie')}`);
        return new Response(raw, { request });
      }
    }
    const adapter = new Canned();
    const s = new Session();
    s.mount('mock://', adapter);
    s.mount('http://canned.test/', adapter);
    const r = await s.get('http://canned.test/login');
    expect([r.statusCode, r.text, r.history.length]).toEqual([200, 'cookie: sid=1', 1]);
    expect(adapter.sent).toEqual(['GET http://canned.test/login', 'GET http://canned.test/home']);
    expect(s.cookies.get('sid')).toBe('1');
  });
});

describe('Session defaults, as Requests has them', () => {
  it('params starts as {} and can be written key by key', async () => {
    const { fetch, sent } = stubFetch();
    const s = new Session({ fetch });
    expect(s.params).toEqual({});
    (s.params as Record<string, string>).lang = 'en';
    await s.get('http://h.test/');
    expect(sent[0]!.url).toBe('http://h.test/?lang=en');
  });

  it('an invalid timeout is a TypeError (a RangeError for a number out of range), before anything is sent', async () => {
    const { fetch, sent } = stubFetch();
    const s = new Session({ fetch });
    for (const timeout of [[1, 2, 3], '5', { connect: '1' }, { total: 5 }, true]) {
      await expect(s.get('http://h.test/', { timeout: timeout as never })).rejects.toBeInstanceOf(TypeError);
    }
    for (const timeout of [-1, 0, Number.NaN, Number.POSITIVE_INFINITY, { read: -5 }]) {
      await expect(s.get('http://h.test/', { timeout: timeout as never })).rejects.toBeInstanceOf(RangeError);
    }
    expect(sent).toHaveLength(0);
  });

  it('iterating a Response is iterContent(128), as iterating a Requests Response is', async () => {
    const { fetch } = stubFetch(() => new globalThis.Response('x'.repeat(300)));
    const r = await new Session({ fetch }).get('http://h.test/', { stream: true });
    const sizes: number[] = [];
    for await (const chunk of r) sizes.push(chunk.byteLength);
    expect(sizes).toEqual([128, 128, 44]);
  });
});

describe('types and JSON, as ported programs use them', () => {
  it('json() is any by default (r.json().args.name compiles) and takes JSON.parse’s reviver', async () => {
    const fetch = (async () => new globalThis.Response('{"args":{"n":"1"}}')) as typeof globalThis.fetch;
    const r = await new Session({ fetch }).get('http://h.test/');
    const name: string = r.json().args.n;
    expect(name).toBe('1');
    expect(r.json((key, value) => (key === 'n' ? Number(value) : value))).toEqual({ args: { n: 1 } });
  });

  it('iterContent and iterLines are iterators too: next() works as in a generator-style port', async () => {
    const fetch = (async () => new globalThis.Response('a\nb\n')) as typeof globalThis.fetch;
    const r = await new Session({ fetch }).get('http://h.test/', { stream: true });
    const lines = r.iterLines();
    expect(await lines.next()).toEqual({ done: false, value: 'a' });
    expect(await lines.next()).toEqual({ done: false, value: 'b' });
    expect((await lines.next()).done).toBe(true);
  });

  it('JSONDecodeError.doc is the text Requests decodes: bytes that are not UTF-8 fall back to text', async () => {
    const fetch = (async () =>
      new globalThis.Response(new Uint8Array([0x7b, 0xe9, 0xe9, 0xe9, 0x7d]))) as typeof globalThis.fetch;
    const r = await new Session({ fetch }).get('http://h.test/');
    const error = (() => {
      try {
        r.json();
      } catch (e) {
        return e as { doc: string };
      }
    })();
    expect(error?.doc).toBe(r.text);
  });
});
