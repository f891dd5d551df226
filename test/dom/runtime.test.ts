// The library as a page sees it (happy-dom): relative URLs, no User-Agent, the inert cookie jar.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import requests, { InvalidSchema, Session, URLRequired } from '../../src/index';
import { startServer, type TestServer } from '../helpers/server';

let srv: TestServer;
beforeAll(async () => {
  srv = await startServer((req, res) => {
    res.setHeader('access-control-allow-origin', '*');
    res.setHeader('content-type', 'application/json');
    res.setHeader('set-cookie', 'seen=1; Path=/');
    res.end(
      JSON.stringify({ url: req.url, ua: req.headers['user-agent'] ?? null, cookie: req.headers.cookie ?? null }),
    );
  });
  // Pages resolve relative URLs against their own base URL.
  (window as unknown as { happyDOM: { setURL(u: string): void } }).happyDOM.setURL(`${srv.origin}/app/page.html`);
});
afterAll(() => srv.close());

describe('in a browser-like runtime', () => {
  it('resolves a relative URL against the document base, as fetch does', async () => {
    const r = await requests.get('/api/items', { params: { q: 'a b' } });
    expect(r.url).toBe(`${srv.origin}/api/items?q=a+b`);
    expect(r.json<{ url: string }>().url).toBe('/api/items?q=a+b');
  });
  it('does not set a User-Agent of its own (the browser owns it)', async () => {
    const r = await requests.get(`${srv.origin}/ua`);
    expect(r.json<{ ua: string | null }>().ua ?? '').not.toMatch(/fetch-requests/);
    expect(new Session().headers.has('user-agent')).toBe(false);
  });
  it('keeps the cookie jar inert: nothing from Set-Cookie is stored, nothing is sent', async () => {
    const s = new Session();
    s.cookies.set('mine', 'x');
    await s.get(`${srv.origin}/set`);
    const r = await s.get(`${srv.origin}/echo`);
    expect(s.cookies.get('seen')).toBeUndefined();
    expect(r.json<{ cookie: string | null }>().cookie ?? '').not.toContain('mine=x');
  });
  it('refuses an empty URL with URLRequired, and a non-http scheme with InvalidSchema', async () => {
    await expect(requests.get('')).rejects.toBeInstanceOf(URLRequired);
    await expect(requests.get('ftp://example/')).rejects.toBeInstanceOf(InvalidSchema);
  });
  it('has no Node files: a file-like object in files is a TypeError; an async iterable as data is still a stream', async () => {
    const handleLike = { fd: 3, read: async () => ({}), stat: async () => ({}), close: async () => {} };
    await expect(requests.post(`${srv.origin}/f`, { files: { f: handleLike } })).rejects.toBeInstanceOf(TypeError);
    async function* chunks(): AsyncGenerator<string> {
      yield 'x';
    }
    const prep = await new Session().prepareRequest('POST', `${srv.origin}/f`, { data: chunks() });
    expect(prep.body).toBeInstanceOf(ReadableStream);
    expect(prep.headers.get('Transfer-Encoding')).toBe('chunked');
  });
});
