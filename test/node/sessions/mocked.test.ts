// Session settings, hooks and retries through MSW's httpbin: what the server sees, and what comes back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Retry, RetryError, Session } from '../../../src/index';
import { startMocks, stopMocks } from '../../../mocks/node';

beforeAll(() => startMocks());
afterAll(() => stopMocks());

const HB = 'https://httpbin.org';

describe('Session settings as httpbin sees them', () => {
  it('merges Session and request headers; null removes a Session header for one request', async () => {
    const s = new Session({ headers: { 'X-Session': 's', 'X-Both': 'session' } });
    const seen = (await s.get(`${HB}/headers`, { headers: { 'X-Both': 'request', 'X-Session': null } })).json<{
      headers: Record<string, string>;
    }>().headers;
    expect(seen['X-Both']).toBe('request');
    expect(seen['X-Session']).toBeUndefined();
    const again = (await s.get(`${HB}/headers`)).json<{ headers: Record<string, string> }>().headers;
    expect([again['X-Session'], again['X-Both']]).toEqual(['s', 'session']);
  });

  it('merges Session and request params into the query httpbin reads', async () => {
    const s = new Session({ params: { lang: 'en', page: '1' } });
    const r = await s.get(`${HB}/get`, { params: { page: '2', q: 'a b' } });
    expect(r.json<{ args: Record<string, string> }>().args).toEqual({ lang: 'en', page: '2', q: 'a b' });
    expect(r.url).toBe(`${HB}/get?lang=en&page=2&q=a+b`);
  });

  it('uses the Session auth unless the request brings its own', async () => {
    const s = new Session({ auth: ['user', 'passwd'] });
    expect((await s.get(`${HB}/basic-auth/user/passwd`)).json()).toEqual({ authenticated: true, user: 'user' });
    expect((await s.get(`${HB}/basic-auth/user/passwd`, { auth: ['user', 'wrong'] })).statusCode).toBe(401);
  });
});

describe('hooks through httpbin redirects', () => {
  it('see every hop of /redirect/3 and the final /get', async () => {
    const seen: string[] = [];
    const s = new Session({
      hooks: { response: [(r) => void seen.push(`${r.statusCode} ${new URL(r.url).pathname}`)] },
    });
    const r = await s.get(`${HB}/redirect/3`);
    expect(seen).toEqual(['302 /redirect/3', '302 /relative-redirect/2', '302 /relative-redirect/1', '200 /get']);
    expect(r.history).toHaveLength(3);
  });
});

describe('retries against httpbin /status', () => {
  it('are off by default: /status/503 comes back as a 503', async () => {
    expect((await new Session().get(`${HB}/status/503`)).statusCode).toBe(503);
  });

  it('raise RetryError with the message urllib3 gives for httpbin.org', async () => {
    const s = new Session({ retry: new Retry({ total: 2, statusForcelist: [503] }) });
    const error = await s.get(`${HB}/status/503`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryError);
    expect((error as RetryError).message).toBe(
      "HTTPSConnectionPool(host='httpbin.org', port=443): Max retries exceeded with url: /status/503 (Caused by ResponseError('too many 503 error responses'))",
    );
  });

  it('return a status that is not retryable as it is', async () => {
    const r = await new Session({ retry: new Retry({ total: 2, statusForcelist: [503] }) }).get(`${HB}/status/418`);
    expect([r.statusCode, r.text]).toEqual([418, expect.stringContaining('teapot')]);
  });
});
