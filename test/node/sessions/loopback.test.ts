// A Session against a real node:http server: keep-alive, close(), hooks on every hop, the `fetch` option, and
// the retry (ky) path behaving like the direct path apart from retrying.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Response, Retry, Session } from '../../../src/index';
import { startServer, type TestServer } from '../../helpers/server';

let srv: TestServer;
let endlessClosed = 0;

beforeAll(async () => {
  srv = await startServer((req, res) => {
    const url = new URL(req.url!, 'http://x');
    switch (url.pathname) {
      case '/r1':
        res.writeHead(302, { Location: '/r2', 'X-Hop': '1' });
        res.end('to r2');
        return;
      case '/r2':
        res.writeHead(301, { Location: `${srv.origin}/final#frag` });
        res.end();
        return;
      case '/missing':
        res.writeHead(404, 'NOT FOUND', { 'Content-Type': 'text/plain' });
        res.end('nope');
        return;
      case '/chunks':
        res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
        res.write('abc');
        setTimeout(() => res.end('defgh'), 20);
        return;
      case '/endless':
        res.writeHead(200, { 'Content-Type': 'text/plain' });
        res.write('first chunk');
        res.on('close', () => endlessClosed++);
        return;
      default:
        res.writeHead(200, { 'Content-Type': 'application/json', 'X-Custom': 'yes' });
        res.end(
          JSON.stringify({ path: url.pathname, method: req.method, headers: req.headers, body: req.body.toString() }),
        );
    }
  });
});
afterAll(() => srv.close());

const pause = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('connections', () => {
  it('reuses one keep-alive connection for sequential requests, on the direct and the retry path', async () => {
    for (const s of [new Session(), new Session({ retry: 2 })]) {
      // A fresh origin, so fetch's pool starts empty (with two idle sockets it may pick either).
      const own = await startServer((req, res) => void res.end(req.method));
      let connections = 0;
      own.server.on('connection', () => connections++);
      try {
        expect((await s.get(`${own.origin}/a`)).text).toBe('GET');
        // fetch's pool frees a socket a moment after the body ends; a request sent in that moment takes a second one.
        await pause();
        await s.get(`${own.origin}/b`);
        await pause();
        expect((await s.post(`${own.origin}/c`, { data: 'x' })).text).toBe('POST');
        expect(own.requests).toHaveLength(3);
        expect(connections).toBe(1);
      } finally {
        await own.close();
      }
    }
  });

  it('opens no more connections than raw fetch for back-to-back requests', async () => {
    let opened = 0;
    const onConnection = () => opened++;
    srv.server.on('connection', onConnection);
    try {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const s = new Session();
      for (let i = 0; i < 10; i++) await s.get(`${srv.origin}/n${i}`);
      const bySession = opened;
      opened = 0;
      for (let i = 0; i < 10; i++) await (await fetch(`${srv.origin}/n${i}`)).arrayBuffer();
      expect(bySession).toBeLessThanOrEqual(Math.max(opened, 2));
    } finally {
      srv.server.off('connection', onConnection);
    }
  });

  it('close() cancels the streamed responses nobody read, which frees their connections', async () => {
    const s = new Session({ stream: true });
    const before = endlessClosed;
    const r = await s.get(`${srv.origin}/endless`);
    expect(r.bodyUsed).toBe(false);
    s.close();
    expect(r.bodyUsed).toBe(true);
    for (let i = 0; i < 100 && endlessClosed === before; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(endlessClosed).toBe(before + 1);
  });
});

describe('hooks', () => {
  it('run for every response, redirect hops included, oldest first', async () => {
    const seen: string[] = [];
    const s = new Session({ hooks: { response: (r) => void seen.push(`${r.statusCode} ${new URL(r.url).pathname}`) } });
    const r = await s.get(`${srv.origin}/r1`);
    expect(seen).toEqual(['302 /r1', '301 /r2', '200 /final']);
    expect(r.history.map((h) => h.statusCode)).toEqual([302, 301]);
  });

  it('may return a replacement response, which the redirect loop then follows (or not)', async () => {
    const s = new Session();
    const r = await s.get(`${srv.origin}/r1`, {
      hooks: {
        response: async (hop) =>
          hop.statusCode === 302
            ? new Response(new globalThis.Response('stopped here', { status: 200 }), {
                request: hop.request,
                elapsed: 0,
              }).read()
            : undefined,
      },
    });
    expect([r.statusCode, r.text, r.history.length]).toEqual([200, 'stopped here', 0]);
  });
});

describe('the fetch option', () => {
  it('sends every request of the Session, redirect hops included, through the given fetch', async () => {
    const calls: string[] = [];
    const counting = ((input: RequestInfo | URL, init?: RequestInit) => {
      calls.push(new URL(input instanceof Request ? input.url : String(input)).pathname);
      return fetch(input, init);
    }) as typeof fetch;
    const s = new Session({ fetch: counting });
    await s.get(`${srv.origin}/r1`);
    expect(calls).toEqual(['/r1', '/r2', '/final']);
    s.fetch = undefined;
    await s.get(`${srv.origin}/plain`);
    expect(calls).toHaveLength(3);
  });
});

describe('the retry path (ky) behaves like the direct path', () => {
  const direct = new Session();
  const viaKy = new Session({ retry: new Retry({ total: 2, statusForcelist: [503] }) });

  /** What a caller can see of a response. */
  const view = (r: Response) => ({
    statusCode: r.statusCode,
    reason: r.reason,
    url: r.url,
    ok: r.ok,
    contentType: r.headers.get('content-type'),
    custom: r.headers.get('x-custom'),
    history: r.history.map((h) => [h.statusCode, h.url]),
    next: r.next?.url ?? null,
    raw: r.raw instanceof globalThis.Response,
  });

  it('sends the same request line, headers and body', async () => {
    const bodies = [];
    for (const s of [direct, viaKy]) {
      const r = await s.put(`${srv.origin}/echo?q=1`, { data: { a: 'b' }, headers: { 'X-Mine': '1' } });
      bodies.push(r.json<{ headers: Record<string, string> }>());
    }
    expect(bodies[1]).toEqual(bodies[0]);
  });

  it('returns the same status, reason, headers, url and history, through redirects and for a 404', async () => {
    for (const [url, options] of [
      [`${srv.origin}/r1`, {}],
      [`${srv.origin}/r1`, { allowRedirects: false }],
      [`${srv.origin}/missing`, {}],
    ] as const) {
      const [a, b] = [await direct.get(url, options), await viaKy.get(url, options)];
      expect(view(b)).toEqual(view(a));
      expect(b.text).toBe(a.text);
    }
  });

  it('streams the body the same way', async () => {
    const chunks = [];
    for (const s of [direct, viaKy]) {
      const r = await s.get(`${srv.origin}/chunks`, { stream: true });
      const parts: string[] = [];
      for await (const c of r.iterContent(3, true)) parts.push(c as string);
      chunks.push(parts);
    }
    expect(chunks).toEqual([
      ['abc', 'def', 'gh'],
      ['abc', 'def', 'gh'],
    ]);
  });
});
