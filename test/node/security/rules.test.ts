/**
 * Security regressions, as rules:
 *   1. Credentials never cross to another host, another port or a downgraded scheme along a redirect: not
 *      Authorization (from any source), not Proxy-Authorization, not a Digest answer. Cookies follow RFC 6265:
 *      scoped to the host (never another host), not to the port, and Secure ones never over http.
 *   2. CR/LF can never inject a header or a request line: in a header name or value, a cookie, the URL or the
 *      method it is refused before anything is sent (the server sees no connection); in params and
 *      credentials it is percent- or base64-encoded, never sent raw.
 *   3. Credentials given in the URL never show in Response.url, history, request URLs or any error message.
 *   4. A redirect to a scheme other than http(s) is refused (InvalidSchema), nothing more sent.
 * Loopback only: 127.0.0.1 and localhost are two hosts of one machine; two servers give two ports.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import requests, {
  HTTPDigestAuth,
  InvalidHeader,
  InvalidSchema,
  InvalidURL,
  PreparedRequest,
  RequestException,
  Session,
  type RequestOptions,
  type Response,
} from '../../../src/index';
import { shouldStripAuth } from '../../../src/redirects';
import { nextRequest } from '../../helpers/redirect-request';
import { startRawServer, head, type RawServer } from '../../helpers/raw-server';
import {
  closedPort,
  credentialRoutes,
  startServerForFile,
  type Handler,
  type Recorded,
  type TestServer,
} from '../../helpers/server';

const handler: Handler = (req, res) => {
  if (credentialRoutes(req, res)) return;
  const url = new URL(req.url!, 'http://x');
  if (url.pathname === '/to') {
    res.writeHead(302, { location: url.searchParams.get('l')! });
    res.end();
  } else if (url.pathname === '/loop') {
    res.writeHead(302, { location: '/loop' });
    res.end();
  } else if (url.pathname === '/stall') {
    // never answers
  } else if (url.pathname === '/status') {
    res.writeHead(Number(url.searchParams.get('code')));
    res.end();
  } else {
    res.end('landed');
  }
};

const a = await startServerForFile(handler); // the first host's server: 127.0.0.1:a.port and localhost:a.port
const b = await startServerForFile(handler); // another port on the same host

const STATUSES = [301, 302, 303, 307, 308] as const;

interface Target {
  name: string;
  /** Where the chain starts (the first host). */
  from: () => string;
  /** Where the redirect sends it. */
  to: () => string;
  /** What the first host received. */
  atFirst: () => Recorded | undefined;
  /** What the target received. */
  atTarget: () => Recorded | undefined;
}

const byHost = (srv: () => TestServer, host: () => string) => () =>
  srv().requests.find((r) => r.headers.host === host());
const targets: Target[] = [
  {
    name: 'another host (127.0.0.1 → localhost)',
    from: () => `http://127.0.0.1:${a.port}`,
    to: () => `http://localhost:${a.port}`,
    atFirst: byHost(
      () => a,
      () => `127.0.0.1:${a.port}`,
    ),
    atTarget: byHost(
      () => a,
      () => `localhost:${a.port}`,
    ),
  },
  {
    name: 'another host (localhost → 127.0.0.1)',
    from: () => `http://localhost:${a.port}`,
    to: () => `http://127.0.0.1:${a.port}`,
    atFirst: byHost(
      () => a,
      () => `localhost:${a.port}`,
    ),
    atTarget: byHost(
      () => a,
      () => `127.0.0.1:${a.port}`,
    ),
  },
  {
    name: 'another port (same host)',
    from: () => `http://127.0.0.1:${a.port}`,
    to: () => `http://127.0.0.1:${b.port}`,
    atFirst: () => a.requests[0],
    atTarget: () => b.requests[0],
  },
];

const hopUrl = (target: Target, status: number, base = target.from()) =>
  `${base}/hop?status=${status}&to=${encodeURIComponent(`${target.to()}/land`)}`;
const withUser = (url: string) => url.replace('http://', 'http://user:s3cr3t@');

/** Each way to send credentials, and the header it sends them in. */
const sources: {
  name: string;
  header: 'authorization' | 'proxy-authorization';
  send: (url: string, options: RequestOptions) => Promise<Response>;
}[] = [
  {
    name: 'auth: [user, pass]',
    header: 'authorization',
    send: (url, o) => requests.post(url, { ...o, auth: ['user', 's3cr3t'] }),
  },
  {
    name: 'Session auth',
    header: 'authorization',
    send: (url, o) => new Session({ auth: { username: 'user', password: 's3cr3t' } }).post(url, o),
  },
  {
    name: 'an Authorization request header',
    header: 'authorization',
    send: (url, o) => requests.post(url, { ...o, headers: { Authorization: 'Bearer s3cr3t' } }),
  },
  {
    name: 'an Authorization Session header',
    header: 'authorization',
    send: (url, o) => new Session({ headers: { Authorization: 'Bearer s3cr3t' } }).post(url, o),
  },
  {
    name: 'a custom auth function',
    header: 'authorization',
    send: (url, o) => requests.post(url, { ...o, auth: (r) => (r.headers.set('Authorization', 'Token s3cr3t'), r) }),
  },
  { name: 'URL credentials', header: 'authorization', send: (url, o) => requests.post(withUser(url), o) },
  {
    name: 'a Proxy-Authorization header',
    header: 'proxy-authorization',
    send: (url, o) => requests.post(url, { ...o, headers: { 'Proxy-Authorization': 'Basic s3cr3t' } }),
  },
];

describe('1. credentials never cross hosts, ports or schemes', () => {
  describe.each(targets.map((t) => [t.name, t] as const))('a redirect to %s', (_name, target) => {
    it.each(sources.map((s) => [s.name, s] as const))('carries no %s, whatever the status', async (_source, source) => {
      for (const status of STATUSES) {
        a.requests.length = 0;
        b.requests.length = 0;
        const r = await source.send(hopUrl(target, status), { data: 'body' });
        expect(r.statusCode, `${status}`).toBe(200);
        // The first host did get the credentials: the rule would hold vacuously otherwise.
        expect(target.atFirst()?.headers[source.header], `${status} at the first host`).toBeDefined();
        const seen = target.atTarget();
        expect(seen, `${status}: the target was reached`).toBeDefined();
        expect(seen!.headers.authorization, `${status}`).toBeUndefined();
        expect(seen!.headers['proxy-authorization'], `${status}`).toBeUndefined();
      }
    });

    it("does not answer the target's Digest challenge with the first host's credentials", async () => {
      const r = await requests.get(
        `${target.from()}/hop?status=302&to=${encodeURIComponent(`${target.to()}/challenge`)}`,
        {
          auth: new HTTPDigestAuth('user', 's3cr3t'),
        },
      );
      expect(r.statusCode).toBe(401);
      expect(target.atTarget()?.headers.authorization).toBeUndefined();
      const atTarget = [...a.requests, ...b.requests].filter((q) => q.url === '/challenge');
      expect(atTarget).toHaveLength(1);
    });
  });

  describe('cookies (RFC 6265: scoped to the host, not the port)', () => {
    it.each(STATUSES)(
      "after a %i to another host: none of the first host's cookies (its own Set-Cookie, the jar's, the request's)",
      async (status) => {
        for (const target of targets.slice(0, 2)) {
          a.requests.length = 0;
          const s = new Session();
          s.cookies.set('jarred', 'first-only', { domain: new URL(target.from()).hostname });
          await s.post(hopUrl(target, status), { data: 'x', cookies: { percall: 'first-only' } });
          expect(target.atFirst()!.headers.cookie).toBe('jarred=first-only; percall=first-only');
          expect(target.atTarget()!.headers.cookie, target.name).toBeUndefined();
        }
      },
    );

    it('after a redirect to another port of the same host: the host’s cookies go there too, as in Requests and browsers', async () => {
      const target = targets[2]!;
      const s = new Session();
      await s.get(hopUrl(target, 302), { cookies: { percall: 'same-host' } });
      // `firsthost` was set by the hop's Set-Cookie, `percall` belongs to the request's host: both are 127.0.0.1's.
      expect(target.atTarget()!.headers.cookie).toBe('firsthost=secret; percall=same-host');
    });

    it('a Secure cookie set over https never goes over http, on a redirect or on a later call', async () => {
      const seen: [string, string | null][] = [];
      const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<globalThis.Response> => {
        const url = String(input);
        seen.push([url, new Headers(init?.headers).get('cookie')]);
        if (url === 'https://h.test/start') {
          return new globalThis.Response(null, {
            status: 302,
            headers: [
              ['location', 'http://h.test/land'],
              ['set-cookie', 'sec=1; Secure; Path=/'],
              ['set-cookie', 'plain=1; Path=/'],
            ],
          });
        }
        return new globalThis.Response('ok');
      };
      const s = new Session({ fetch });
      await s.get('https://h.test/start');
      await s.get('http://h.test/later');
      await s.get('https://h.test/back');
      expect(seen).toEqual([
        ['https://h.test/start', null],
        ['http://h.test/land', 'plain=1'],
        ['http://h.test/later', 'plain=1'],
        ['https://h.test/back', 'sec=1; plain=1'],
      ]);
    });
  });

  describe('the downgrade from https to http (pure functions, and a Session over a stand-in fetch)', () => {
    const secured = () =>
      new PreparedRequest({
        method: 'POST',
        url: 'https://h.test/start',
        headers: {
          Authorization: 'Basic czNjcjN0',
          'Proxy-Authorization': 'Basic czNjcjN0',
          Cookie: 'a=1',
          'Content-Type': 'text/plain',
        },
        body: 'x',
      });

    it.each(STATUSES)(
      'the request following a %i from https to http keeps neither Authorization, Proxy-Authorization nor Cookie',
      async (status) => {
        for (const location of [
          'http://h.test/land',
          'http://h.test:443/land',
          'http://h.test:80/land',
          'http://h.test:8080/land',
        ]) {
          const next = await nextRequest(secured(), status, location);
          expect(next.url.startsWith('http://'), location).toBe(true);
          expect(next.headers.has('authorization'), location).toBe(false);
          expect(next.headers.has('proxy-authorization'), location).toBe(false);
          expect(next.headers.has('cookie'), location).toBe(false);
        }
      },
    );

    it('shouldStripAuth: any change of host, port or scheme strips, except http → https on default ports (Requests’ rule)', () => {
      expect(shouldStripAuth('https://h.test/', 'http://h.test/')).toBe(true);
      expect(shouldStripAuth('https://h.test:8443/', 'http://h.test:8443/')).toBe(true);
      expect(shouldStripAuth('http://h.test:8080/', 'https://h.test:8443/')).toBe(true);
      expect(shouldStripAuth('http://h.test/', 'http://h.test:8080/')).toBe(true);
      expect(shouldStripAuth('http://h.test/', 'http://other.test/')).toBe(true);
      expect(shouldStripAuth('http://h.test/', 'http://H.TEST/x')).toBe(false);
      expect(shouldStripAuth('http://h.test/', 'https://h.test/')).toBe(false);
      expect(shouldStripAuth('http://h.test:80/', 'https://h.test:443/')).toBe(false);
    });

    it('a Session following https → http drops the credentials of every source, URL credentials included', async () => {
      const seen: Headers[] = [];
      const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<globalThis.Response> => {
        seen.push(new Headers(init?.headers));
        return String(input).startsWith('https:')
          ? new globalThis.Response(null, { status: 307, headers: { location: 'http://h.test/land' } })
          : new globalThis.Response('ok');
      };
      const calls: [string, () => Promise<Response>][] = [
        ['URL credentials', () => new Session({ fetch }).post('https://user:s3cr3t@h.test/start', { data: 'x' })],
        ['auth', () => new Session({ fetch, auth: ['user', 's3cr3t'] }).post('https://h.test/start', { data: 'x' })],
        [
          'headers',
          () =>
            new Session({ fetch }).post('https://h.test/start', {
              data: 'x',
              headers: { Authorization: 'Bearer s', 'Proxy-Authorization': 'Basic s' },
            }),
        ],
      ];
      for (const [name, call] of calls) {
        seen.length = 0;
        const r = await call();
        expect(r.url, name).toBe('http://h.test/land');
        expect(seen[0]!.has('authorization'), name).toBe(true);
        expect(seen[1]!.has('authorization'), name).toBe(false);
        expect(seen[1]!.has('proxy-authorization'), name).toBe(false);
      }
    });
  });
});

describe('2. CR/LF never injects anything', () => {
  let raw: RawServer;
  beforeAll(async () => {
    raw = await startRawServer((req) => req.socket.write(`${head(200, { 'content-length': '2' })}ok`));
  });
  afterAll(() => raw.close());

  /** Expects the call to fail with `cls` before any byte left: the server saw no connection at all. */
  async function refusedBeforeSending(call: () => Promise<unknown>, cls: typeof RequestException): Promise<Error> {
    const before = raw.connections();
    let error: unknown;
    try {
      await call();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(cls);
    expect((error as Error).name).toBe(cls.name);
    expect(raw.connections(), 'the server saw a connection').toBe(before);
    return error as Error;
  }

  it.each([
    ['a header value', { 'X-A': 'v\r\nX-Injected: 1' }],
    ['a header value (LF only)', { 'X-A': 'v\nX-Injected: 1' }],
    ['a header value (CR only)', { 'X-A': 'v\rX-Injected: 1' }],
    ['a header name', { 'X-A\r\nX-Injected': 'v' }],
    ['a header name, removed with null', { 'X-A\r\nX-Injected': null }],
    ['a header name with a space, removed with null', { 'X A': null }],
  ])('in %s → InvalidHeader', async (_where, headers) => {
    await refusedBeforeSending(() => requests.get(`${raw.origin}/`, { headers }), InvalidHeader);
  });

  it('in a Session header → InvalidHeader from the constructor', () => {
    expect(() => new Session({ headers: { 'X-A': 'v\r\nX-Injected: 1' } })).toThrow(InvalidHeader);
  });

  it.each([
    ['a request cookie value', { cookies: { a: 'x\r\nX-Injected: 1' } }],
    ['a request cookie name', { cookies: { 'a\r\nX-Injected: 1': 'x' } }],
  ])('in %s → InvalidHeader, the value not echoed', async (_where, options) => {
    const error = await refusedBeforeSending(() => requests.get(`${raw.origin}/`, options), InvalidHeader);
    expect(error.message).not.toContain('X-Injected');
  });

  it('in a cookie put in the jar by hand → InvalidHeader when it would be sent', async () => {
    const s = new Session();
    s.cookies.set('a', 'x\r\nX-Injected: 1', { domain: '127.0.0.1' });
    await refusedBeforeSending(() => s.get(`${raw.origin}/`), InvalidHeader);
  });

  it.each([
    ['the path', (o: string) => `${o}/a\r\nX-Injected: 1`],
    ['the path (LF only)', (o: string) => `${o}/a\nX-Injected: 1`],
    ['the query', (o: string) => `${o}/?q=1\r\nX-Injected: 1`],
    ['the host', (o: string) => `${o}\r\nX-Injected: 1/`],
    ['the path (a tab, which URL parsing would silently drop)', (o: string) => `${o}/a\tb`],
  ])('in %s of the URL → InvalidURL', async (_where, url) => {
    const error = await refusedBeforeSending(() => requests.get(url(raw.origin)), InvalidURL);
    expect(error.message).toMatch(/^Invalid URL /);
  });

  it('surrounding the URL: stripped, as Requests strips it', async () => {
    const r = await requests.get(`\r\n ${raw.origin}/edge \r\n`);
    expect(r.statusCode).toBe(200);
    expect(raw.requests.at(-1)!.target).toBe('/edge');
  });

  it('in the method → RequestException', async () => {
    const error = await refusedBeforeSending(
      () => requests.request('GET\r\nX-Injected: 1', `${raw.origin}/`),
      RequestException,
    );
    expect(error.message).toMatch(/^Invalid HTTP method/);
  });

  it('in params (record, pairs, string) and in Basic credentials: encoded, never raw', async () => {
    const sends: [string, () => Promise<unknown>, RegExp][] = [
      [
        'record',
        () => requests.get(`${raw.origin}/p`, { params: { 'k\r\n': 'v\r\nX-Injected: 1' } }),
        /^\/p\?k%0D%0A=v%0D%0AX-Injected%3A\+1$/,
      ],
      [
        'pairs',
        () => requests.get(`${raw.origin}/p`, { params: [['k', 'v\nX-Injected: 1']] }),
        /^\/p\?k=v%0AX-Injected%3A\+1$/,
      ],
      [
        'string',
        () => requests.get(`${raw.origin}/p`, { params: 'k=v\r\nX-Injected: 1' }),
        /^\/p\?k=v%0D%0AX-Injected:%201$/,
      ],
      ['Basic auth', () => requests.get(`${raw.origin}/p`, { auth: ['user\r\nX-Injected: 1', 'pw\r\n'] }), /^\/p$/],
    ];
    for (const [name, send, target] of sends) {
      const before = raw.requests.length;
      await send();
      const seen = raw.requests.slice(before);
      expect(seen, name).toHaveLength(1);
      expect(seen[0]!.target, name).toMatch(target);
      expect(seen[0]!.headers['x-injected'], name).toBeUndefined();
      expect(
        seen[0]!.head.split('\r\n').some((line) => /^X-Injected/i.test(line)),
        name,
      ).toBe(false);
    }
  });
});

describe('3. URL credentials never show', () => {
  const SECRET = /s3cr3t|dXNlcjpzM2NyM3Q|user:/; // the password, `user:s3cr3t` in base64, the userinfo

  /** Every string a user might print or log about an error: message, String(), stack, and the causes'. */
  function everythingSaid(error: unknown): string {
    const out: string[] = [];
    for (let e = error, depth = 0; e && depth < 6; e = (e as { cause?: unknown }).cause, depth++) {
      out.push(String(e), (e as Error).message ?? '', (e as Error).stack ?? '');
    }
    return out.join('\n');
  }

  it('not in Response.url, history URLs, request URLs or next, along a redirect chain', async () => {
    const s = new Session();
    const r = await s.get(
      withUser(`http://127.0.0.1:${a.port}/hop?status=302&to=${encodeURIComponent(`/hop?status=307&to=/land`)}`),
    );
    expect(r.statusCode).toBe(200);
    expect(a.requests.every((q) => q.headers.authorization?.startsWith('Basic '))).toBe(true);
    const urls = [r.url, r.request.url, ...r.history.flatMap((h) => [h.url, h.request.url])];
    expect(urls).toHaveLength(6);
    for (const url of urls) expect(url).not.toMatch(SECRET);
    const held = await s.get(withUser(`http://127.0.0.1:${a.port}/hop?status=302&to=/land`), { allowRedirects: false });
    expect(held.next?.url).toBe(`http://127.0.0.1:${a.port}/land`);
    expect(held.url).not.toMatch(SECRET);
  });

  it('not in any error message, whatever the failure', async () => {
    const origin = `http://127.0.0.1:${a.port}`;
    const port = await closedPort();
    const failures: [string, () => Promise<unknown>][] = [
      ['ConnectionError', () => requests.get(withUser(`http://127.0.0.1:${port}/`))],
      ['ReadTimeout', () => requests.get(withUser(`${origin}/stall`), { timeout: 200 })],
      ['TooManyRedirects', () => new Session({ maxRedirects: 2 }).get(withUser(`${origin}/loop`))],
      [
        'InvalidSchema (a redirect)',
        () => requests.get(withUser(`${origin}/to?l=${encodeURIComponent('ftp://127.0.0.1/')}`)),
      ],
      ['InvalidSchema (the URL)', () => requests.get('ftp://user:s3cr3t@127.0.0.1/')],
      ['InvalidURL (the URL)', () => requests.get('http://user:s3cr3t@[bad/')],
      ['InvalidURL (CR/LF)', () => requests.get('http://user:s3cr3t@127.0.0.1/a\r\nb')],
      ['InvalidURL (no host)', () => requests.get('http://user:s3cr3t@/x')],
      [
        'HTTPError',
        async () => {
          const r = await requests.get(withUser(`${origin}/status?code=404`));
          r.raiseForStatus();
        },
      ],
    ];
    for (const [name, call] of failures) {
      let error: unknown;
      try {
        await call();
      } catch (e) {
        error = e;
      }
      expect(error, name).toBeInstanceOf(RequestException);
      expect((error as Error).name, name).toBe(name.split(' ')[0]);
      expect(everythingSaid(error), name).not.toMatch(SECRET);
    }
  });
});

describe('4. redirects to other schemes are refused', () => {
  it.each([
    'ftp://127.0.0.1/file',
    'file:///etc/passwd',
    'data:text/plain,hello',
    'javascript:alert(1)',
    'mailto:someone@example.com',
    'ws://127.0.0.1/socket',
    'wss://127.0.0.1/socket',
    'blob:http://127.0.0.1/uuid',
    'about:blank',
    'gopher://127.0.0.1/',
    'chrome://settings',
  ])('a Location of %s → InvalidSchema, and nothing more is sent', async (location) => {
    let error: unknown;
    try {
      await requests.get(`http://127.0.0.1:${a.port}/to?l=${encodeURIComponent(location)}`);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidSchema);
    expect((error as Error).message).toMatch(/^No connection adapters were found for "/);
    expect(a.requests).toHaveLength(1);
    expect(b.requests).toHaveLength(0);
  });
});
