// Cookie scenarios through MSW's httpbin (/cookies, /cookies/set, /cookies/set/:name/:value, /cookies/delete) in
// the node environment (happy-dom would drop Set-Cookie). The answers match Requests 2.28 against Debian's httpbin.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import requests, { Session } from '../../../src/index';
import { startMocks, stopMocks } from '../../../mocks/node';

beforeAll(() => startMocks());
afterAll(() => stopMocks());

const HTTPS = 'https://httpbin.org';
const HTTP = 'http://httpbin.org';
const sent = async (s: Session, url = `${HTTPS}/cookies`, options = {}) =>
  (await s.get(url, options)).json<{ cookies: Record<string, string> }>().cookies;

describe('httpbin cookies through a Session', () => {
  it('/cookies/set/:name/:value: the 302 sets it, the redirect to /cookies already carries it, the jar keeps it', async () => {
    const s = new Session();
    const r = await s.get(`${HTTPS}/cookies/set/sessioncookie/123456789`);
    expect(r.url).toBe(`${HTTPS}/cookies`);
    expect(r.json()).toEqual({ cookies: { sessioncookie: '123456789' } });
    expect(r.history.map((h) => [h.statusCode, h.cookies])).toEqual([[302, { sessioncookie: '123456789' }]]);
    expect(r.cookies).toEqual({});
    expect(s.cookies.getDict()).toEqual({ sessioncookie: '123456789' });
    expect(await sent(s)).toEqual({ sessioncookie: '123456789' });
  });

  it('/cookies/set?a=1&b=2 sets each; /cookies/delete?a deletes one and leaves the rest', async () => {
    const s = new Session();
    expect(await sent(s, `${HTTPS}/cookies/set?a=1&b=2`)).toEqual({ a: '1', b: '2' });
    const r = await s.get(`${HTTPS}/cookies/delete?a`);
    expect(r.json()).toEqual({ cookies: { b: '2' } });
    expect(r.history[0]!.cookies).toEqual({});
    expect(s.cookies.getDict()).toEqual({ b: '2' });
  });

  it('sends per-request cookies with the jar’s, without keeping them', async () => {
    const s = new Session();
    await s.get(`${HTTPS}/cookies/set/kept/1`);
    expect(await sent(s, `${HTTPS}/cookies`, { cookies: { once: 'x' } })).toEqual({ kept: '1', once: 'x' });
    expect(s.cookies.getDict()).toEqual({ kept: '1' });
  });

  it('keeps a Secure cookie from https off plain http, while an http cookie goes to both schemes', async () => {
    const s = new Session();
    await s.get(`${HTTPS}/cookies/set/secret/s`);
    await s.get(`${HTTP}/cookies/set/plain/p`);
    expect(await sent(s, `${HTTP}/cookies`)).toEqual({ plain: 'p' });
    expect(await sent(s, `${HTTPS}/cookies`)).toEqual({ secret: 's', plain: 'p' });
  });

  it('takes cookies given to the Session and set on s.cookies by hand', async () => {
    const s = new Session({ cookies: { given: 'g' } });
    s.cookies.set('byHand', 'h');
    expect(await sent(s)).toEqual({ given: 'g', byHand: 'h' });
  });
});

describe('one-shot calls', () => {
  it('requests.get follows /cookies/set with its throwaway Session, and the next call starts empty', async () => {
    expect((await requests.get(`${HTTPS}/cookies/set/one/1`)).json()).toEqual({ cookies: { one: '1' } });
    expect((await requests.get(`${HTTPS}/cookies`)).json()).toEqual({ cookies: {} });
  });
});
