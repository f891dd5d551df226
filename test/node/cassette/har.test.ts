/**
 * A HAR that Chromium wrote (test/cassette/fixtures/chromium-httpbin.har, made by make-chromium-har.ts against
 * Debian's httpbin) replayed two ways without a network: through a Session's cassette, and as MSW handlers that
 * answer other clients (axios, fetch) as well. The fixture's server is long gone: its port answers nothing.
 */
import { readFileSync } from 'node:fs';
import axios from 'axios';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cassette, type Har, type HarEntry, NoRecordingError } from 'fetch-requests/cassette';
import { Session } from '../../../src/index';

const har = JSON.parse(
  readFileSync(new URL('../../cassette/fixtures/chromium-httpbin.har', import.meta.url), 'utf8'),
) as Har;
const entries = har.log.entries;
const origin = new URL(entries[0]!.request.url).origin;
const entry = (path: string): HarEntry => entries.find((e) => e.request.url === origin + path)!;
const bodyOf = (e: HarEntry): Buffer =>
  Buffer.from(e.response.content.text ?? '', e.response.content.encoding === 'base64' ? 'base64' : 'utf8');

describe('a HAR from Chromium, replayed by a Session', () => {
  const s = new Session({ cassette: Cassette.fromHar(har) });

  it('answers each request with the recorded status, headers and bytes', async () => {
    const json = await s.get(`${origin}/get?n=1&from=chromium`); // the query in another order
    expect(json.statusCode).toBe(200);
    expect(json.json<{ args: unknown }>().args).toEqual({ from: 'chromium', n: '1' });
    const bytes = await s.get(`${origin}/bytes/48?seed=7`);
    expect(bytes.content).toEqual(new Uint8Array(bodyOf(entry('/bytes/48?seed=7'))));
    const teapot = await s.get(`${origin}/status/418`);
    expect(teapot.statusCode).toBe(418);
    expect(teapot.reason).toBe(entry('/status/418').response.statusText);
    expect(teapot.text).toContain('teapot');
  });

  it('a gzip response: the body Chromium kept decoded, the Content-Encoding header as the server sent it', async () => {
    const r = await s.get(`${origin}/gzip`);
    expect(r.headers.get('content-encoding')).toBe('gzip');
    expect(r.json<{ gzipped: boolean }>().gzipped).toBe(true);
  });

  it('a redirect and a cookie flow: each hop is an entry, the cookie reaches the jar', async () => {
    const r = await s.get(`${origin}/redirect/1`);
    expect(r.history.map((h) => h.statusCode)).toEqual([302]);
    expect(r.url).toBe(`${origin}/get`);
    const c = await s.get(`${origin}/cookies/set?theme=dark`);
    expect(c.json()).toEqual({ cookies: { theme: 'dark' } });
    expect(s.cookies.get('theme')).toBe('dark');
  });

  it('a POST, and a request Chromium did not make', async () => {
    const r = await s.post(`${origin}/post`, { json: { a: 1 } });
    expect(r.json<{ json: unknown }>().json).toEqual({ a: 1 });
    const miss = await s.get(`${origin}/anything`).catch((e: unknown) => e);
    expect(miss).toBeInstanceOf(NoRecordingError);
    expect((miss as Error).message).toMatch(/The closest recorded request is GET http:\/\/127\.0\.0\.1:\d+\/\w+/);
  });
});

describe('the same HAR as MSW handlers, for any client', () => {
  const cassette = Cassette.fromHar(har);
  const server = setupServer(...cassette.handlers());
  beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
  afterAll(() => server.close());

  it('answers fetch and axios alike, byte for byte', async () => {
    const viaFetch = await fetch(`${origin}/bytes/48?seed=7`);
    expect(new Uint8Array(await viaFetch.arrayBuffer())).toEqual(new Uint8Array(bodyOf(entry('/bytes/48?seed=7'))));
    const viaAxios = await axios.get(`${origin}/get?from=chromium&n=1`, { responseType: 'text' });
    expect(viaAxios.status).toBe(200);
    expect(viaAxios.data).toBe(entry('/get?from=chromium&n=1').response.content.text);
  });

  it('a gzip recording is served decoded, without the Content-Encoding that would make clients decode it again', async () => {
    const viaAxios = await axios.get(`${origin}/gzip`);
    expect(viaAxios.data.gzipped).toBe(true);
    expect(viaAxios.headers['content-encoding']).toBeUndefined();
  });

  it('redirects and this library through MSW (no cassette on the Session)', async () => {
    const r = await new Session().get(`${origin}/redirect/1`);
    expect(r.history.map((h) => h.statusCode)).toEqual([302]);
    expect(r.json<{ url: string }>().url).toBe(`${origin}/get`);
  });

  it('leaves a request without a recording to onUnhandledFrame (here: an error, never the network)', async () => {
    const error = await fetch(`${origin}/anything`).catch((e: unknown) => e);
    expect(String((error as Error).cause ?? error)).toMatch(/without a matching request handler|unhandled/i);
  });
});
