// httpbin's redirect endpoints through MSW (/redirect/:n, /relative-redirect/:n, /absolute-redirect/:n,
// /redirect-to), including scheme changes between http://httpbin.org and https://httpbin.org, which the loopback
// fixture cannot serve. Expected values are what Requests 2.28 gives against Debian's httpbin.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import requests, { InvalidSchema, Session, TooManyRedirects, type Response } from '../../../src/index';
import { startMocks, stopMocks } from '../../../mocks/node';

beforeAll(() => startMocks());
afterAll(() => stopMocks());

const HTTPS = 'https://httpbin.org';
const HTTP = 'http://httpbin.org';
const trail = (r: Response) => r.history.map((h) => [h.statusCode, h.url]);
const redirectTo = (base: string, url: string, status?: number) =>
  `${base}/redirect-to?url=${encodeURIComponent(url)}${status ? `&status_code=${status}` : ''}`;

describe('httpbin redirect chains', () => {
  it('/redirect/3: relative hops to /get, oldest first', async () => {
    const r = await requests.get(`${HTTPS}/redirect/3`);
    expect(r.url).toBe(`${HTTPS}/get`);
    expect(trail(r)).toEqual([
      [302, `${HTTPS}/redirect/3`],
      [302, `${HTTPS}/relative-redirect/2`],
      [302, `${HTTPS}/relative-redirect/1`],
    ]);
    expect(r.json<{ url: string }>().url).toBe(`${HTTPS}/get`);
  });
  it('/absolute-redirect/2: absolute Locations', async () => {
    const r = await requests.get(`${HTTP}/absolute-redirect/2`);
    expect(r.url).toBe(`${HTTP}/get`);
    expect(r.history.map((h) => h.headers.get('location'))).toEqual([`${HTTP}/absolute-redirect/1`, `${HTTP}/get`]);
  });
  it('/relative-redirect/2 keeps the original fragment to the end', async () => {
    const r = await requests.get(`${HTTPS}/relative-redirect/2#top`);
    expect(r.url).toBe(`${HTTPS}/get#top`);
  });
  it('/redirect/30 is followed; /redirect/31 raises TooManyRedirects', async () => {
    expect((await requests.get(`${HTTPS}/redirect/30`)).history).toHaveLength(30);
    const error = (await requests.get(`${HTTPS}/redirect/31`).catch((e: unknown) => e)) as TooManyRedirects;
    expect(error).toBeInstanceOf(TooManyRedirects);
    expect(error.message).toBe('Exceeded 30 redirects.');
    expect([error.response!.statusCode, error.response!.url, error.response!.history.length]).toEqual([
      302,
      `${HTTPS}/relative-redirect/1`,
      30,
    ]);
  });
});

describe('/redirect-to', () => {
  it.each([
    [301, 'GET'],
    [302, 'GET'],
    [303, 'GET'],
    [307, 'POST'],
    [308, 'POST'],
  ])('a POST redirected with %i arrives as %s', async (status, method) => {
    const r = await requests.post(redirectTo(HTTPS, '/anything', status), { data: { a: '1' } });
    const body = r.json<{ method: string; form: Record<string, string>; headers: Record<string, string> }>();
    expect(body.method).toBe(method);
    expect(body.form).toEqual(method === 'POST' ? { a: '1' } : {});
    expect('Content-Type' in body.headers).toBe(method === 'POST');
  });
  it('keeps Authorization on the upgrade from http to https (default ports), as Requests does', async () => {
    const r = await requests.get(redirectTo(HTTP, `${HTTPS}/headers`), { auth: ['user', 'pw'] });
    expect(r.url).toBe(`${HTTPS}/headers`);
    expect(r.json<{ headers: Record<string, string> }>().headers.Authorization).toMatch(/^Basic /);
  });
  it('drops Authorization on the downgrade from https to http', async () => {
    const r = await requests.get(redirectTo(HTTPS, `${HTTP}/headers`), { headers: { Authorization: 'Bearer t' } });
    expect(r.json<{ headers: Record<string, string> }>().headers.Authorization).toBeUndefined();
  });
  it('raises InvalidSchema for a Location to ftp:', async () => {
    await expect(requests.get(redirectTo(HTTPS, 'ftp://httpbin.org/file'))).rejects.toBeInstanceOf(InvalidSchema);
  });
  it('with allowRedirects false: the 3xx, isRedirect, isPermanentRedirect and next', async () => {
    const r = await requests.post(redirectTo(HTTPS, `${HTTPS}/get`, 308), { json: { a: 1 }, allowRedirects: false });
    expect([r.statusCode, r.isRedirect, r.isPermanentRedirect, r.next!.method, r.next!.url]).toEqual([
      308,
      true,
      true,
      'POST',
      `${HTTPS}/get`,
    ]);
    const s = new Session();
    const followed = await s.send(r.next!);
    expect(followed.statusCode).toBe(405); // httpbin's /get takes GET only: the POST really was kept
  });
  it('runs a Session hook for every hop', async () => {
    const seen: number[] = [];
    const s = new Session({ hooks: { response: (r) => void seen.push(r.statusCode) } });
    await s.get(`${HTTPS}/redirect/2`);
    expect(seen).toEqual([302, 302, 200]);
  });
});
