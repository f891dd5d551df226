// Redirects on the wire, through real node:http servers on loopback. Two host names reach the same machine
// (127.0.0.1 and localhost); a second server gives a port change. Scheme changes need TLS, so they are covered
// as pure functions in test/node/redirects/rules.test.ts.
import { describe, expect, it } from 'vitest';
import requests, {
  InvalidSchema,
  InvalidURL,
  Session,
  TooManyRedirects,
  UnrewindableBodyError,
  type Response,
} from '../../../src/index';
import { startServerForFile, type Handler, type Recorded } from '../../helpers/server';

const sockets = new Map<string, number[]>(); // request id → client port of each request, to see connection reuse

const handler: Handler = (req, res) => {
  const url = new URL(req.url!, 'http://x');
  const id = url.searchParams.get('id');
  if (id) sockets.set(id, [...(sockets.get(id) ?? []), req.socket.remotePort!]);
  if (url.pathname === '/r') {
    // /r?status=302&to=<Location>[&cookie=<Set-Cookie>][&size=<hop body bytes>]
    const headers: Record<string, string> = { location: url.searchParams.get('to')! };
    if (url.searchParams.has('cookie')) headers['set-cookie'] = url.searchParams.get('cookie')!;
    res.writeHead(Number(url.searchParams.get('status') ?? 302), headers);
    res.end('x'.repeat(Number(url.searchParams.get('size') ?? 10)));
  } else if (url.pathname.startsWith('/redirect/')) {
    // httpbin's /redirect/:n, relative Locations
    const n = Number(url.pathname.split('/')[2]);
    const size = Number(url.searchParams.get('size') ?? 0);
    if (n <= 1) res.writeHead(302, { location: `/land${url.search}` });
    else res.writeHead(302, { location: `/redirect/${n - 1}${url.search}` });
    res.end(size ? 'y'.repeat(size) : `hop ${n}`);
  } else if (url.pathname === '/raw-location') {
    // A Location of raw UTF-8 bytes, as servers send it (Node writes a header string as Latin-1).
    res.writeHead(302, { location: Buffer.from('/land/café?q=ü', 'utf8').toString('latin1') });
    res.end();
  } else {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ method: req.method, url: req.url, headers: req.headers, body: req.body.toString() }));
  }
};

const a = await startServerForFile(handler); // http://127.0.0.1:A
const b = await startServerForFile(handler); // http://127.0.0.1:B — another port

const other = () => `http://localhost:${a.port}`;
let counter = 0;
const nextId = () => `c${++counter}`;
function landed(id: string): Recorded | undefined {
  return [...a.requests, ...b.requests].find((r) => r.url.startsWith('/land') && r.url.includes(`id=${id}`));
}
function redirectUrl(status: number, to: string, extra = ''): string {
  return `${a.origin}/r?status=${status}&to=${encodeURIComponent(to)}${extra}`;
}

describe('the redirect matrix: status × method × target', () => {
  const statuses = [301, 302, 303, 307, 308];
  const methods = ['GET', 'POST', 'PUT', 'HEAD'];
  const targets = [
    { name: 'same host and port', base: () => a.origin, keepsAuth: true },
    { name: 'another host (localhost), same port', base: other, keepsAuth: false },
    { name: 'same host, another port', base: () => b.origin, keepsAuth: false },
  ];
  const cases = statuses.flatMap((status) =>
    methods.flatMap((method) => targets.map((target) => ({ status, method, target }))),
  );

  it.each(cases)('$status after $method to $target.name', async ({ status, method, target }) => {
    const id = nextId();
    const hasBody = method === 'POST' || method === 'PUT';
    const s = new Session();
    const r = await s.request(method, redirectUrl(status, `${target.base()}/land?id=${id}`), {
      data: hasBody ? { field: 'value' } : undefined,
      headers: { Authorization: 'Bearer secret', 'Proxy-Authorization': 'Basic cHJveHk6cHc=', 'X-Custom': 'kept' },
      allowRedirects: true,
    });
    const seen = landed(id)!;
    expect(seen, 'the redirect was followed').toBeDefined();

    const keepsMethod = status === 307 || status === 308 || method === 'HEAD' || (status === 301 && method !== 'POST');
    const expectedMethod = keepsMethod ? method : 'GET';
    expect(seen.method).toBe(expectedMethod);
    const keepsBody = status === 307 || status === 308;
    if (hasBody) {
      expect(seen.body.toString()).toBe(keepsBody ? 'field=value' : '');
      expect(seen.headers['content-type']).toBe(keepsBody ? 'application/x-www-form-urlencoded' : undefined);
    }
    expect(seen.headers.authorization).toBe(target.keepsAuth ? 'Bearer secret' : undefined);
    expect(seen.headers['proxy-authorization']).toBe(target.keepsAuth ? 'Basic cHJveHk6cHc=' : undefined);
    expect(seen.headers['x-custom']).toBe('kept');

    expect(r.statusCode).toBe(200);
    expect(r.url).toBe(`${target.base()}/land?id=${id}`);
    expect(r.request.method).toBe(expectedMethod);
    expect(r.history.map((h) => h.statusCode)).toEqual([status]);
    expect(r.history[0]!.request.method).toBe(method);
  });
});

describe('Location forms', () => {
  it('follows relative, scheme-relative and absolute Locations', async () => {
    for (const [to, final] of [
      ['/land?id=rel', `${a.origin}/land?id=rel`],
      ['land?id=rel2', `${a.origin}/land?id=rel2`],
      [`//localhost:${a.port}/land?id=schemerel`, `${other()}/land?id=schemerel`],
      [`${b.origin}/land?id=abs`, `${b.origin}/land?id=abs`],
    ]) {
      const r = await requests.get(redirectUrl(302, to!));
      expect(r.url).toBe(final);
      expect(r.json<{ url: string }>().url).toBe(new URL(final!).pathname + new URL(final!).search);
    }
  });
  it('decodes a Location sent as raw UTF-8 and requests it percent-encoded', async () => {
    const r = await requests.get(`${a.origin}/raw-location`);
    expect(r.json<{ url: string }>().url).toBe('/land/caf%C3%A9?q=%C3%BC');
    expect(r.url).toBe(`${a.origin}/land/caf%C3%A9?q=%C3%BC`);
  });
  it('keeps the original fragment when the Location has none, and takes its own otherwise', async () => {
    const kept = await requests.get(`${redirectUrl(302, '/land?id=f1')}#section`);
    expect(kept.url).toBe(`${a.origin}/land?id=f1#section`);
    expect(kept.history[0]!.url).toBe(`${redirectUrl(302, '/land?id=f1')}#section`);
    const own = await requests.get(`${redirectUrl(302, '/land?id=f2#other')}#section`);
    expect(own.url).toBe(`${a.origin}/land?id=f2#other`);
  });
  it('raises InvalidSchema for a Location to ftp: or javascript:, sending nothing more', async () => {
    for (const to of ['ftp://127.0.0.1/file', 'javascript:alert(1)']) {
      a.requests.length = 0;
      const error = await requests.get(redirectUrl(302, to)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidSchema);
      expect(a.requests).toHaveLength(1);
    }
  });
  it('raises InvalidURL for a Location that cannot be parsed, sending nothing more', async () => {
    const error = await requests.get(redirectUrl(302, 'http://exa mple.test/')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidURL);
    expect(a.requests).toHaveLength(1);
  });
  it('returns a 3xx with an empty Location, or a 2xx with a Location, as is', async () => {
    const empty = await requests.get(redirectUrl(302, ''));
    expect([empty.statusCode, empty.history.length]).toEqual([302, 0]);
    a.requests.length = 0;
    const created = await requests.post(redirectUrl(201, '/land'));
    expect([created.statusCode, created.isRedirect, a.requests.length]).toEqual([201, false, 1]);
  });
});

describe('history', () => {
  it('lists a Response per hop, oldest first, each read, each with the hops before it', async () => {
    const r = await requests.get(`${a.origin}/redirect/3`);
    expect(r.url).toBe(`${a.origin}/land`);
    expect(r.history.map((h) => [h.statusCode, new URL(h.url).pathname])).toEqual([
      [302, '/redirect/3'],
      [302, '/redirect/2'],
      [302, '/redirect/1'],
    ]);
    expect(r.history.map((h) => h.text)).toEqual(['hop 3', 'hop 2', 'hop 1']);
    // Requests gives history[i].history = history[1..i] (itself included; psf/requests#6295); here: the hops before it.
    expect(r.history[0]!.history).toEqual([]);
    expect(r.history[1]!.history).toEqual([r.history[0]]);
    expect(r.history[2]!.history).toEqual([r.history[0], r.history[1]]);
  });
  it('reads every hop and releases its connection even when streaming (keep-alive sockets are reused along the chain)', async () => {
    const id = nextId();
    // Hop bodies far larger than socket buffers: an unread one would keep its connection busy.
    const r = await requests.get(`${a.origin}/redirect/4?size=2000000&id=${id}`, { stream: true });
    for (const hop of r.history) expect(hop.content.byteLength).toBe(2_000_000);
    expect(sockets.get(id)).toHaveLength(5);
    // Unread, each 2 MB hop would pin its socket and the chain would need 5; undici's pool may open a second
    // one while the first is being handed back, never more.
    expect(new Set(sockets.get(id)).size).toBeLessThanOrEqual(2);
    await r.read();
    r.close();
  });
  it('runs the response hooks for every hop, each seeing its own history', async () => {
    const seen: [number, number][] = [];
    const hook = (resp: Response) => {
      seen.push([resp.statusCode, resp.history.length]);
    };
    await requests.get(`${a.origin}/redirect/2`, { hooks: { response: hook } });
    expect(seen).toEqual([
      [302, 0],
      [302, 1],
      [200, 2],
    ]);
  });
});

describe('maxRedirects', () => {
  it('follows 30 redirects by default', async () => {
    const r = await requests.get(`${a.origin}/redirect/30`);
    expect([r.statusCode, r.history.length]).toEqual([200, 30]);
  });
  it("raises TooManyRedirects on the 31st, with Requests' message and the last 3xx as .response", async () => {
    const error = (await requests.get(`${a.origin}/redirect/31`).catch((e: unknown) => e)) as TooManyRedirects;
    expect(error).toBeInstanceOf(TooManyRedirects);
    expect(error.message).toBe('Exceeded 30 redirects.');
    expect(error.response!.statusCode).toBe(302);
    expect(new URL(error.response!.url).pathname).toBe('/redirect/1');
    expect(error.response!.history).toHaveLength(30);
    expect(error.response!.text).toBe('hop 1');
    expect(error.request).toBe(error.response!.request);
    expect(a.requests).toHaveLength(31);
  });
  it("honours a Session's own limit, and 0 refuses the first redirect", async () => {
    const s = new Session({ maxRedirects: 2 });
    await expect(s.get(`${a.origin}/redirect/2`)).resolves.toMatchObject({ statusCode: 200 });
    await expect(s.get(`${a.origin}/redirect/3`)).rejects.toThrow('Exceeded 2 redirects.');
    s.maxRedirects = 0;
    await expect(s.get(`${a.origin}/redirect/1`)).rejects.toBeInstanceOf(TooManyRedirects);
  });
});

describe('allowRedirects: false', () => {
  it('returns the 3xx with isRedirect, isPermanentRedirect and next (method rewritten, body purged)', async () => {
    const r = await requests.post(redirectUrl(301, `${other()}/land`), {
      data: 'abc',
      headers: { Authorization: 'Bearer t' },
      allowRedirects: false,
    });
    expect([r.statusCode, r.isRedirect, r.isPermanentRedirect, r.history.length]).toEqual([301, true, true, 0]);
    expect(r.next!.method).toBe('GET');
    expect(r.next!.url).toBe(`${other()}/land`);
    expect(r.next!.body).toBeNull();
    expect(r.next!.headers.has('authorization')).toBe(false);
    expect(a.requests).toHaveLength(1);
    const temp = await requests.post(redirectUrl(307, '/land'), { data: 'abc', allowRedirects: false });
    expect([temp.isRedirect, temp.isPermanentRedirect, temp.next!.method]).toEqual([true, false, 'POST']);
    expect(new TextDecoder().decode(temp.next!.body as Uint8Array)).toBe('abc');
  });
  it('lets the caller send next itself', async () => {
    const s = new Session();
    const r = await s.get(redirectUrl(302, '/land?id=manual', '&cookie=m%3D1'), { allowRedirects: false });
    const landedResponse = await s.send(r.next!);
    expect(landedResponse.json<{ url: string; headers: Record<string, string> }>()).toMatchObject({
      url: '/land?id=manual',
      headers: { cookie: 'm=1' },
    });
  });
  it('is the default for head(), as in Requests', async () => {
    const r = await requests.head(redirectUrl(302, '/land'));
    expect([r.statusCode, r.next?.method]).toEqual([302, 'HEAD']);
  });
  it('gives next = null for a Location that could not be followed, without raising', async () => {
    const r = await requests.get(redirectUrl(302, 'ftp://x/'), { allowRedirects: false });
    expect([r.isRedirect, r.next]).toEqual([true, null]);
  });
});

describe('cookies and credentials along the chain', () => {
  it('sends a cookie set by a hop to the next hop of the same site, even in a one-shot call', async () => {
    const r = await requests.get(redirectUrl(302, '/land?id=ck', '&cookie=hop%3D1%3B%20Path%3D%2F'));
    expect(r.json<{ headers: Record<string, string> }>().headers.cookie).toBe('hop=1');
  });
  it('turns URL credentials into Basic auth that never shows in a URL', async () => {
    const url = redirectUrl(302, '/land?id=cred').replace('http://', 'http://us%C3%A9r:p%40ss@');
    const r = await requests.get(url);
    const header = r.json<{ headers: Record<string, string> }>().headers.authorization!;
    expect(Buffer.from(header.replace('Basic ', ''), 'base64').toString('utf8')).toBe('usér:p@ss');
    for (const u of [r.url, r.history[0]!.url, r.request.url, r.history[0]!.request.url]) expect(u).not.toContain('@');
    expect(a.requests[0]!.headers.authorization).toBe(header);
  });
  it('refuses to re-send a ReadableStream body on a 307 (UnrewindableBodyError), and sends nothing more', async () => {
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new TextEncoder().encode('streamed'));
        c.close();
      },
    });
    const error = await requests.post(redirectUrl(307, '/land'), { data: body }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnrewindableBodyError);
    expect(a.requests).toHaveLength(1);
  });
});
