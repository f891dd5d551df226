// Redirects and Digest as a page runs them (happy-dom). A page cannot observe a redirect: Chromium answers
// `redirect: 'manual'` with an opaque response (status 0, no Location), and following one ourselves would mean
// sending the request twice. So in a browser the browser follows (history stays empty, `redirected` says so),
// and a redirect not followed is returned as the runtime shows it. happy-dom, unlike Chromium, shows the 3xx.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import requests, { HTTPDigestAuth, Session } from '../../src/index';
import { startServer, type TestServer } from '../helpers/server';

let srv: TestServer;
beforeAll(async () => {
  srv = await startServer((req, res) => {
    const url = new URL(req.url!, 'http://x');
    if (url.pathname === '/hop') {
      res.writeHead(Number(url.searchParams.get('status') ?? 302), { location: url.searchParams.get('to') ?? '/land' });
      res.end('moved');
    } else if (url.pathname === '/digest' && !req.headers.authorization) {
      res.writeHead(401, { 'www-authenticate': 'Digest realm="page", nonce="n0nce", qop="auth", algorithm=SHA-256' });
      res.end();
    } else {
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          method: req.method,
          url: req.url,
          authorization: req.headers.authorization ?? null,
          body: req.body.toString(),
        }),
      );
    }
  });
  // Same origin as the page: no CORS in the way.
  (window as unknown as { happyDOM: { setURL(u: string): void } }).happyDOM.setURL(`${srv.origin}/app/`);
});
afterAll(() => srv.close());
beforeEach(() => {
  srv.requests.length = 0;
});

describe('in a browser-like runtime', () => {
  it('lets the browser follow: final url, redirected = true, history empty', async () => {
    const r = await requests.get('/hop?to=/land%3Fx%3D1');
    expect(r.statusCode).toBe(200);
    expect(r.url).toBe(`${srv.origin}/land?x=1`);
    expect(r.redirected).toBe(true);
    expect(r.history).toEqual([]);
  });
  it('never sends a POST twice: the browser follows the 302 with a GET, one POST on the wire', async () => {
    const r = await requests.post('/hop', { data: { a: '1' } });
    expect(r.json()).toMatchObject({ method: 'GET', url: '/land' });
    expect(srv.requests.map((q) => q.method)).toEqual(['POST', 'GET']);
  });
  it('returns a redirect not followed as the runtime shows it (happy-dom: the 3xx itself, with next)', async () => {
    const r = await requests.get('/hop?status=307&to=/land', { allowRedirects: false });
    expect([r.statusCode, r.isRedirect, r.opaqueRedirect, r.next?.url]).toEqual([
      307,
      true,
      false,
      `${srv.origin}/land`,
    ]);
    expect(srv.requests).toHaveLength(1);
  });
  it('reports an opaque redirect (what Chromium gives for manual) as unobservable, sending once', async () => {
    const calls: RequestRedirect[] = [];
    // Chromium's answer to `redirect: 'manual'`, which happy-dom cannot produce: type opaqueredirect, status 0.
    const chromiumLike: typeof fetch = async (_input, init) => {
      calls.push(init!.redirect!);
      const opaque = new Response(null, { status: 200 });
      Object.defineProperties(opaque, {
        type: { value: 'opaqueredirect' },
        status: { value: 0 },
        statusText: { value: '' },
      });
      return opaque;
    };
    const r = await requests.post('/hop', { data: 'x', allowRedirects: false, fetch: chromiumLike });
    expect(calls).toEqual(['manual']);
    expect([r.statusCode, r.opaqueRedirect, r.isRedirect, r.isPermanentRedirect, r.next]).toEqual([
      0,
      true,
      true,
      false,
      null,
    ]);
  });
  it('answers a Digest challenge in the page (Web Crypto there, or the portable hashes)', async () => {
    const s = new Session({ auth: new HTTPDigestAuth('u', 'p') });
    const r = await s.get('/digest');
    expect(r.statusCode).toBe(200);
    expect(r.history.map((h) => h.statusCode)).toEqual([401]);
    expect(r.json<{ authorization: string }>().authorization).toMatch(
      /^Digest username="u", realm="page", nonce="n0nce", uri="\/digest", response="[0-9a-f]{64}", algorithm=SHA-256, qop="auth", nc=00000001/,
    );
  });
});
