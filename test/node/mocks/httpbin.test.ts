// The library against the MSW httpbin (mocks/node.ts), one group of endpoints at a time, asserting what a user of
// Requests would rely on. test/fidelity checks the mocks against the real httpbin; this checks the library on them.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import requests, { HTTPDigestAuth, HTTPError, ReadTimeout, Session, TooManyRedirects } from '../../../src/index';
import { httpbinHandlers } from '../../../mocks/httpbin/index';
import { server, startMocks, stopMocks } from '../../../mocks/node';

beforeAll(() => startMocks());
afterEach(() => server.resetHandlers());
afterAll(() => stopMocks());

const H = 'https://httpbin.org';
type Echo = {
  args: Record<string, string | string[]>;
  form: Record<string, string | string[]>;
  files: Record<string, string | string[]>;
  data: string;
  json: unknown;
  headers: Record<string, string>;
  origin: string;
  url: string;
  method?: string;
};

describe('request echo', () => {
  it('GET /get: params in args (repeated keys as arrays) and in the url, headers title-cased', async () => {
    const r = await requests.get(`${H}/get`, { params: { name: 'Peter', age: 23, l: ['a b', 'é'] } });
    expect(r.statusCode).toBe(200);
    expect(r.url).toBe(`${H}/get?name=Peter&age=23&l=a+b&l=%C3%A9`);
    const echo = r.json<Echo>();
    expect(echo.args).toEqual({ name: 'Peter', age: '23', l: ['a b', 'é'] });
    expect(echo.url).toBe(`${H}/get?name=Peter&age=23&l=a+b&l=é`);
    expect(echo.headers['User-Agent']).toMatch(/^fetch-requests\//);
    expect(echo.headers.Host).toBe('httpbin.org');
    expect(echo.origin).toBe('127.0.0.1');
  });

  it('pretty-prints JSON like httpbin.org, so the tutorial prints what it shows', async () => {
    const r = await requests.get(`${H}/get?name=Peter`);
    expect(r.headers.get('content-type')).toBe('application/json');
    expect(r.text).toMatch(/^\{\n {2}"args": \{\n {4}"name": "Peter"\n {2}\}, \n {2}"headers": \{\n/);
    expect(r.text.endsWith(`"url": "${H}/get?name=Peter"\n}\n`)).toBe(true);
  });

  it('POST /post: a form in form, JSON in json and data, files as text or data URLs', async () => {
    const form = (await requests.post(`${H}/post`, { data: { name: 'Peter', multi: ['1', '2'] } })).json<Echo>();
    expect(form.form).toEqual({ name: 'Peter', multi: ['1', '2'] });
    expect(form.data).toBe('');
    expect(form.json).toBeNull();

    const json = (await requests.post(`${H}/post`, { json: { name: 'Jane', age: 17 } })).json<Echo>();
    expect(json.json).toEqual({ name: 'Jane', age: 17 });
    expect(json.data).toBe('{"name": "Jane", "age": 17}');
    expect(json.headers['Content-Type']).toBe('application/json');

    const files = (
      await requests.post(`${H}/post`, {
        data: { note: 'hi' },
        files: {
          text: ['a.txt', 'hello', 'text/plain'],
          image: ['sid.png', new Uint8Array([0x89, 0x50, 0xff]), 'image/png'],
          raw: ['x.bin', new Uint8Array([0xfe])],
        },
      })
    ).json<Echo>();
    expect(files.form).toEqual({ note: 'hi' });
    expect(files.files).toEqual({
      text: 'hello',
      image: 'data:image/png;base64,iVD/',
      raw: 'data:application/octet-stream;base64,/g==',
    });
  });

  it('PUT, PATCH, DELETE echo their bodies; /anything names the method', async () => {
    expect((await requests.put(`${H}/put`, { data: 'plain' })).json<Echo>().data).toBe('plain');
    expect((await requests.patch(`${H}/patch`, { json: [1] })).json<Echo>().json).toEqual([1]);
    expect((await requests.delete(`${H}/delete?x=1`)).json<Echo>().args).toEqual({ x: '1' });
    const any = (await requests.post(`${H}/anything/a/b`, { data: { k: 'v' } })).json<Echo>();
    expect(any.method).toBe('POST');
    expect(any.url).toBe(`${H}/anything/a/b`);
    expect(any.form).toEqual({ k: 'v' });
  });

  it('/headers, /ip, /user-agent, /uuid', async () => {
    const headers = (await requests.get(`${H}/headers`, { headers: { 'x-my-header': 'v', dnt: '1' } })).json<{
      headers: Record<string, string>;
    }>().headers;
    expect(headers['X-My-Header']).toBe('v');
    expect(headers.Dnt).toBe('1');
    expect((await requests.get(`${H}/ip`, { headers: { 'X-Forwarded-For': '1.2.3.4' } })).json()).toEqual({
      origin: '1.2.3.4',
    });
    expect((await requests.get(`${H}/user-agent`, { headers: { 'User-Agent': 'Python script' } })).json()).toEqual({
      'user-agent': 'Python script',
    });
    const { uuid } = (await requests.get(`${H}/uuid`)).json<{ uuid: string }>();
    expect(uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("the http:// origin is mocked too, and unknown paths are 404 with Werkzeug's page", async () => {
    expect((await requests.get('http://httpbin.org/get')).json<Echo>().url).toBe('http://httpbin.org/get');
    const missing = await requests.get(`${H}/no/such/thing`);
    expect(missing.statusCode).toBe(404);
    expect(missing.text).toContain('<title>404 Not Found</title>');
    const wrongMethod = await requests.post(`${H}/get`);
    expect(wrongMethod.statusCode).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
  });

  it('HEAD has the GET headers and no body', async () => {
    const r = await requests.head(`${H}/html`);
    expect(r.statusCode).toBe(200);
    expect(r.headers.get('content-length')).toBe(String((await requests.get(`${H}/html`)).content.length));
    expect(r.content.length).toBe(0);
  });
});

describe('status codes', () => {
  it("/status/404: raiseForStatus gives Requests' message with the upper-case reason", async () => {
    const r = await requests.get(`${H}/status/404`);
    expect(r.statusCode).toBe(404);
    expect(r.ok).toBe(false);
    expect(() => r.raiseForStatus()).toThrow(HTTPError);
    expect(() => r.raiseForStatus()).toThrow(`404 Client Error: NOT FOUND for url: ${H}/status/404`);
  });

  it('/status/418 is the teapot; /status/abc is 400', async () => {
    const teapot = await requests.get(`${H}/status/418`);
    expect(teapot.reason).toBe("I'M A TEAPOT");
    expect(teapot.text).toContain('-=[ teapot ]=-');
    expect(teapot.headers.get('x-more-info')).toBe('http://tools.ietf.org/html/rfc2324');
    expect((await requests.get(`${H}/status/abc`)).statusCode).toBe(400);
  });

  it('weighted choice: only codes with weight are chosen', async () => {
    const seen = new Set<number>();
    for (let i = 0; i < 20; i++) seen.add((await requests.get(`${H}/status/500:0,201:1,503:0`)).statusCode);
    expect([...seen]).toEqual([201]);
    const both = new Set<number>();
    for (let i = 0; i < 40 && both.size < 2; i++) both.add((await requests.get(`${H}/status/200,202`)).statusCode);
    expect([...both].sort()).toEqual([200, 202]);
  });

  it('/status/301 redirects to /redirect/1, then /get', async () => {
    const r = await requests.get(`${H}/status/301`);
    expect(r.history.map((h) => h.statusCode)).toEqual([301, 302]);
    expect(r.url).toBe(`${H}/get`);
  });

  it('/response-headers sets the query as headers and lists them', async () => {
    const r = await requests.get(`${H}/response-headers`, { params: { 'X-Test': ['1', '2'], freeform: 'hi' } });
    expect(r.headers.get('x-test')).toBe('1, 2');
    expect(r.headers.get('freeform')).toBe('hi');
    const listed = r.json<Record<string, string | string[]>>();
    expect(listed['X-Test']).toEqual(['1', '2']);
    expect(listed['Content-Length']).toBe(String(r.content.length));
  });
});

describe('redirects', () => {
  it('/redirect/3: three history entries, relative hops, ends at /get', async () => {
    const r = await requests.get(`${H}/redirect/3`);
    expect(r.statusCode).toBe(200);
    expect(r.history).toHaveLength(3);
    expect(r.history.map((h) => h.headers.get('location'))).toEqual([
      '/relative-redirect/2',
      '/relative-redirect/1',
      '/get',
    ]);
    expect(r.url).toBe(`${H}/get`);
  });

  it('/redirect/2?absolute=true and /absolute-redirect/2 use absolute Locations', async () => {
    const r = await requests.get(`${H}/redirect/2?absolute=true`);
    expect(r.history.map((h) => h.headers.get('location'))).toEqual([`${H}/absolute-redirect/1`, `${H}/get`]);
    const a = await requests.get(`${H}/absolute-redirect/2`, { allowRedirects: false });
    expect(a.statusCode).toBe(302);
    expect(a.isRedirect).toBe(true);
    expect(a.next?.url).toBe(`${H}/absolute-redirect/1`);
  });

  it("/redirect-to (the tutorial's redirect.py): 302 to /, history has the 302", async () => {
    const r = await requests.get(`${H}/redirect-to?url=/`);
    expect(r.statusCode).toBe(200);
    expect(r.history.map((h) => h.statusCode)).toEqual([302]);
    expect(r.url).toBe(`${H}/`);
    const kept = await requests.get(`${H}/redirect-to?url=/`, { allowRedirects: false });
    expect([kept.statusCode, kept.url]).toEqual([302, `${H}/redirect-to?url=/`]);
  });

  it('/redirect-to with status_code=307 keeps the POST body; 302 turns it into a GET', async () => {
    const kept = await requests.post(`${H}/redirect-to`, {
      params: { url: '/post', status_code: 307 },
      data: { a: '1' },
    });
    expect(kept.json<Echo>().form).toEqual({ a: '1' });
    const changed = await requests.post(`${H}/redirect-to`, { params: { url: '/get' }, data: { a: '1' } });
    expect(changed.request.method).toBe('GET');
    expect(changed.json<Echo>().url).toBe(`${H}/get`);
  });

  it('more hops than maxRedirects: TooManyRedirects', async () => {
    const s = new Session({ maxRedirects: 3 });
    await expect(s.get(`${H}/redirect/5`)).rejects.toBeInstanceOf(TooManyRedirects);
  });
});

describe('cookies', () => {
  it('/cookies/set/:name/:value through a Session: the jar keeps it, /cookies shows it', async () => {
    const s = new Session();
    const r = await s.get(`${H}/cookies/set/flavour/oat`);
    expect(r.history[0]!.headers.getSetCookie()).toEqual(['flavour=oat; Secure; Path=/']);
    expect(r.json()).toEqual({ cookies: { flavour: 'oat' } });
    expect((await s.get(`${H}/cookies/delete?flavour`)).json()).toEqual({ cookies: {} });
  });
});

describe('Basic and Bearer auth', () => {
  it('/basic-auth: 401 with a challenge without credentials, 200 with them, 401 with a wrong password', async () => {
    const none = await requests.get(`${H}/basic-auth/user7/7user`);
    expect(none.statusCode).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Basic realm="Fake Realm"');
    const ok = await requests.get(`${H}/basic-auth/user7/7user`, { auth: ['user7', '7user'] });
    expect(ok.json()).toEqual({ authenticated: true, user: 'user7' });
    expect((await requests.get(`${H}/basic-auth/user7/7user`, { auth: ['user7', 'nope'] })).statusCode).toBe(401);
    const utf8 = await requests.get(`${H}/basic-auth/us%C3%A9r/p%C3%A4ss`, { auth: ['usér', 'päss'] });
    expect(utf8.statusCode).toBe(200);
  });

  it('/hidden-basic-auth: 404 without credentials', async () => {
    expect((await requests.get(`${H}/hidden-basic-auth/u/p`)).statusCode).toBe(404);
    expect((await requests.get(`${H}/hidden-basic-auth/u/p`, { auth: ['u', 'p'] })).statusCode).toBe(200);
  });

  it('/bearer: 401 without a token, the token echoed with one', async () => {
    const none = await requests.get(`${H}/bearer`);
    expect([none.statusCode, none.headers.get('www-authenticate')]).toEqual([401, 'Bearer']);
    const ok = await requests.get(`${H}/bearer`, { headers: { Authorization: 'Bearer mytoken' } });
    expect(ok.json()).toEqual({ authenticated: true, token: 'mytoken' });
  });
});

describe('Digest auth (verified by the mock)', () => {
  for (const algorithm of ['MD5', 'SHA-256', 'SHA-512']) {
    it(`${algorithm}: HTTPDigestAuth answers the challenge; the final response's history is the 401`, async () => {
      const r = await requests.get(`${H}/digest-auth/auth/user/passwd/${algorithm}`, {
        auth: new HTTPDigestAuth('user', 'passwd'),
      });
      expect(r.statusCode).toBe(200);
      expect(r.json()).toEqual({ authenticated: true, user: 'user' });
      expect(r.history.map((h) => h.statusCode)).toEqual([401]);
      expect(r.history[0]!.headers.get('www-authenticate')).toContain(`algorithm=${algorithm}`);
    });
  }

  it('a wrong password is still 401 after the one answer', async () => {
    const r = await requests.get(`${H}/digest-auth/auth/user/passwd/SHA-256`, {
      auth: new HTTPDigestAuth('user', 'wrong'),
    });
    expect(r.statusCode).toBe(401);
    expect(r.history).toHaveLength(1);
  });

  it('the hash covers the query string, so a signed query is checked too', async () => {
    const r = await requests.get(`${H}/digest-auth/auth/user/passwd/MD5/never`, {
      params: { 'require-cookie': 1 },
      auth: new HTTPDigestAuth('user', 'passwd'),
    });
    expect(r.statusCode).toBe(200);
  });

  it('stale_after=1: the next request meets a stale nonce and the Session answers again', async () => {
    const s = new Session({ auth: new HTTPDigestAuth('user', 'passwd') });
    const url = `${H}/digest-auth/auth/user/passwd/MD5/1`;
    expect((await s.get(url)).statusCode).toBe(200);
    const again = await s.get(url);
    expect(again.statusCode).toBe(200);
    expect(again.history.map((h) => h.headers.get('www-authenticate')?.includes('stale=TRUE'))).toEqual([true]);
  });
});

describe('streaming, bytes, ranges, delays', () => {
  it('/drip delivers its bytes over time, one piece at a time', async () => {
    const r = await requests.get(`${H}/drip`, { params: { numbytes: 4, duration: 0.3 }, stream: true });
    expect(r.headers.get('content-length')).toBe('4');
    const arrivals: number[] = [];
    for await (const chunk of r.iterContent(null))
      arrivals.push(...Array.from({ length: chunk.length }, () => performance.now()));
    expect(arrivals).toHaveLength(4);
    expect(arrivals[3]! - arrivals[0]!).toBeGreaterThan(150);
  });

  it('/stream/5: five JSON lines, read with iterLines', async () => {
    const r = await requests.get(`${H}/stream/5`, { stream: true });
    const lines: unknown[] = [];
    for await (const line of r.iterLines()) if (line) lines.push(JSON.parse(line as string));
    expect(lines.map((l) => (l as { id: number }).id)).toEqual([0, 1, 2, 3, 4]);
  });

  it("seeded /bytes and /stream-bytes are Python's random bytes: the same seed, the same bytes", async () => {
    const bytes = (await requests.get(`${H}/bytes/8?seed=1`)).content;
    expect(Array.from(bytes)).toEqual([68, 32, 130, 60, 253, 230, 241, 194]);
    const streamed = await requests.get(`${H}/stream-bytes/8?seed=1&chunk_size=3`, { stream: true });
    const pieces: number[] = [];
    for await (const chunk of streamed.iterContent(3)) pieces.push(...(chunk as Uint8Array));
    expect(pieces).toEqual(Array.from(bytes));
  });

  it('/range: 206 for a Range, 416 outside', async () => {
    const part = await requests.get(`${H}/range/26`, { headers: { Range: 'bytes=2-5' } });
    expect([part.statusCode, part.text, part.headers.get('content-range')]).toEqual([206, 'cdef', 'bytes 2-5/26']);
    expect((await requests.get(`${H}/range/26`, { headers: { Range: 'bytes=30-40' } })).statusCode).toBe(416);
  });

  it('/delay/1 with a 200 ms timeout: ReadTimeout', async () => {
    await expect(requests.get(`${H}/delay/1`, { timeout: 200 })).rejects.toBeInstanceOf(ReadTimeout);
  });
});

describe('codings and documents', () => {
  it('/gzip and /deflate arrive compressed and are decoded', async () => {
    const gz = await requests.get(`${H}/gzip`);
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gz.json<{ gzipped: boolean }>().gzipped).toBe(true);
    expect((await requests.get(`${H}/deflate`)).json<{ deflated: boolean }>().deflated).toBe(true);
  });

  it('/encoding/utf8 is UTF-8 text', async () => {
    const r = await requests.get(`${H}/encoding/utf8`);
    expect(r.encoding).toBe('utf-8');
    expect(r.text).toContain('我能吞下玻璃而不伤身体');
  });

  it('/html, /json, /xml, /robots.txt, /deny', async () => {
    expect((await requests.get(`${H}/html`)).text).toContain('<h1>Herman Melville - Moby-Dick</h1>');
    expect((await requests.get(`${H}/json`)).json<{ slideshow: { title: string } }>().slideshow.title).toBe(
      'Sample Slide Show',
    );
    const xml = await requests.get(`${H}/xml`);
    expect([xml.headers.get('content-type'), xml.text.startsWith("<?xml version='1.0' encoding='us-ascii'?>")]).toEqual(
      ['application/xml', true],
    );
    expect((await requests.get(`${H}/robots.txt`)).text).toBe('User-agent: *\nDisallow: /deny\n');
    expect((await requests.get(`${H}/deny`)).text).toContain("YOU SHOULDN'T BE HERE");
  });

  it('/links/:n/:offset and /base64', async () => {
    const page = (await requests.get(`${H}/links/3/1`)).text;
    expect(page).toBe(
      "<html><head><title>Links</title></head><body><a href='/links/3/0'>0</a> 1 <a href='/links/3/2'>2</a> </body></html>",
    );
    expect((await requests.get(`${H}/base64/SFRUUEJJTiBpcyBhd2Vzb21l`)).text).toBe('HTTPBIN is awesome');
  });

  it('/image follows Accept; */* alone is 406; /image/png is a PNG', async () => {
    const png = await requests.get(`${H}/image/png`);
    expect(Array.from(png.content.subarray(0, 4))).toEqual([0x89, 0x50, 0x4e, 0x47]);
    const webp = await requests.get(`${H}/image`, { headers: { Accept: 'image/webp' } });
    expect([webp.headers.get('content-type'), new TextDecoder().decode(webp.content.subarray(8, 12))]).toEqual([
      'image/webp',
      'WEBP',
    ]);
    expect((await requests.get(`${H}/image`)).statusCode).toBe(406);
    expect((await requests.get(`${H}/image/jpeg`)).content.subarray(0, 2)).toEqual(new Uint8Array([0xff, 0xd8]));
    expect((await requests.get(`${H}/image/svg`)).text).toContain('<svg');
  });
});

describe('caching', () => {
  it('/cache: 200 with Last-Modified and ETag, 304 when conditional', async () => {
    const r = await requests.get(`${H}/cache`);
    expect(r.headers.get('etag')).toMatch(/^[0-9a-f]{32}$/);
    expect(r.headers.get('last-modified')).toMatch(/GMT$/);
    expect(
      (await requests.get(`${H}/cache`, { headers: { 'If-Modified-Since': r.headers.get('last-modified')! } }))
        .statusCode,
    ).toBe(304);
    expect((await requests.get(`${H}/cache/60`)).headers.get('cache-control')).toBe('public, max-age=60');
  });

  it('/etag/:etag: If-None-Match → 304, If-Match mismatch → 412', async () => {
    expect((await requests.get(`${H}/etag/abc`, { headers: { 'If-None-Match': '"abc"' } })).statusCode).toBe(304);
    expect((await requests.get(`${H}/etag/abc`, { headers: { 'If-Match': '"x"' } })).statusCode).toBe(412);
    expect((await requests.get(`${H}/etag/abc`)).headers.get('etag')).toBe('abc');
  });
});

describe('httpbinHandlers on another origin, under a mount path', () => {
  it('serves the same endpoints there, with redirects inside the mount', async () => {
    server.use(...httpbinHandlers('http://127.0.0.1:5999/httpbin'));
    const r = await requests.get('http://127.0.0.1:5999/httpbin/redirect/2');
    expect(r.history.map((h) => h.headers.get('location'))).toEqual(['/httpbin/relative-redirect/1', '/httpbin/get']);
    expect(r.json<Echo>().url).toBe('http://127.0.0.1:5999/httpbin/get');
    const outside = await requests.get('http://127.0.0.1:5999/elsewhere').catch((e: Error) => e.name);
    expect(outside).toBe('ConnectionError');
  });
});
