// Authentication through MSW's httpbin: Basic (/basic-auth, /hidden-basic-auth), Bearer (/bearer), Digest
// (/digest-auth, verified by the mock like httpbin does), and custom auth (a function, an AuthBase subclass,
// sync and async) applied before the request is sent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import requests, { AuthBase, HTTPBasicAuth, HTTPDigestAuth, type PreparedRequest, Session } from '../../../src/index';
import { startMocks, stopMocks } from '../../../mocks/node';

beforeAll(() => startMocks());
afterAll(() => stopMocks());

const HTTPS = 'https://httpbin.org';

describe('Basic and Bearer', () => {
  it('/hidden-basic-auth answers 404 without credentials (no challenge) and 200 with them', async () => {
    expect((await requests.get(`${HTTPS}/hidden-basic-auth/user/passwd`)).statusCode).toBe(404);
    const r = await requests.get(`${HTTPS}/hidden-basic-auth/user/passwd`, {
      auth: new HTTPBasicAuth('user', 'passwd'),
    });
    expect(r.json()).toEqual({ authenticated: true, user: 'user' });
  });
  it('/basic-auth takes URL credentials, a tuple and a record alike', async () => {
    for (const [url, auth] of [
      [`https://user:passwd@httpbin.org/basic-auth/user/passwd`, undefined],
      [`${HTTPS}/basic-auth/user/passwd`, ['user', 'passwd'] as const],
      [`${HTTPS}/basic-auth/user/passwd`, { username: 'user', password: 'passwd' }],
    ] as const) {
      const r = await requests.get(url, { auth });
      expect(r.statusCode).toBe(200);
      expect(r.url).toBe(`${HTTPS}/basic-auth/user/passwd`);
    }
  });
  // httpbin strips the token with lstrip('Bearer '), a character set: a token starting with one of those letters loses it.
  it('/bearer: 401 without a token, the token with one', async () => {
    expect((await requests.get(`${HTTPS}/bearer`)).statusCode).toBe(401);
    const r = await requests.get(`${HTTPS}/bearer`, { headers: { Authorization: 'Bearer xyz789' } });
    expect(r.json()).toEqual({ authenticated: true, token: 'xyz789' });
  });
});

describe('Digest through the httpbin mock', () => {
  it.each(['MD5', 'SHA-256', 'SHA-512'])(
    '/digest-auth/auth/user/passwd/%s: one retry, history [401]',
    async (algorithm) => {
      const r = await requests.get(`${HTTPS}/digest-auth/auth/user/passwd/${algorithm}`, {
        auth: new HTTPDigestAuth('user', 'passwd'),
      });
      expect(r.statusCode).toBe(200);
      expect(r.json()).toEqual({ authenticated: true, user: 'user' });
      expect(r.history.map((h) => h.statusCode)).toEqual([401]);
    },
  );
  it("carries the challenge's cookie into the retry (?require-cookie=1)", async () => {
    const r = await requests.get(`${HTTPS}/digest-auth/auth/user/passwd/MD5?require-cookie=1`, {
      auth: new HTTPDigestAuth('user', 'passwd'),
    });
    expect(r.statusCode).toBe(200);
  });
  it('a wrong password ends with the 401 after a single retry', async () => {
    const r = await requests.get(`${HTTPS}/digest-auth/auth/user/passwd/MD5`, {
      auth: new HTTPDigestAuth('user', 'nope'),
    });
    expect([r.statusCode, r.history.length]).toEqual([401, 1]);
  });
  it('a Session authenticates up front with a growing nonce count, and recovers from stale=TRUE', async () => {
    const s = new Session({ auth: new HTTPDigestAuth('user', 'passwd') });
    const url = `${HTTPS}/digest-auth/auth/user/passwd/SHA-256/2`;
    const histories: number[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await s.get(url);
      expect(r.statusCode).toBe(200);
      histories.push(r.history.length);
    }
    // 1st: challenged; 2nd: up front (nc=2); 3rd: stale after 2 uses, answered again; 4th: up front.
    expect(histories).toEqual([1, 0, 1, 0]);
  });
});

describe('custom auth, applied before sending', () => {
  const echo = async (
    auth: Parameters<typeof requests.get>[1] extends infer O ? (O extends { auth?: infer A } ? A : never) : never,
  ) => (await requests.get(`${HTTPS}/headers`, { auth })).json<{ headers: Record<string, string> }>().headers;

  it('a function, sync or async', async () => {
    expect((await echo((r: PreparedRequest) => (r.headers.set('X-Token', 'sync'), r)))['X-Token']).toBe('sync');
    const later = async (r: PreparedRequest) => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      r.headers.set('X-Token', 'async');
      return r;
    };
    expect((await echo(later))['X-Token']).toBe('async');
  });
  it('an AuthBase subclass, sync or async, that may sign with what the request holds', async () => {
    class TokenAuth extends AuthBase {
      constructor(private readonly token: string) {
        super();
      }
      call(r: PreparedRequest): PreparedRequest {
        r.headers.set('Authorization', `Token ${this.token} for ${r.method} ${new URL(r.url).pathname}`);
        return r;
      }
    }
    class SlowAuth extends AuthBase {
      async call(r: PreparedRequest): Promise<PreparedRequest> {
        await Promise.resolve();
        r.headers.set('X-Signed', 'yes');
        return r;
      }
    }
    expect((await echo(new TokenAuth('t0k'))).Authorization).toBe('Token t0k for GET /headers');
    expect((await echo(new SlowAuth()))['X-Signed']).toBe('yes');
  });
  it("a request's auth overrides the Session's; URL credentials come last", async () => {
    const s = new Session({ auth: (r: PreparedRequest) => (r.headers.set('X-Who', 'session'), r) });
    const own = await s.get(`https://u:p@httpbin.org/headers`, {
      auth: (r: PreparedRequest) => (r.headers.set('X-Who', 'request'), r),
    });
    const headers = own.json<{ headers: Record<string, string> }>().headers;
    expect([headers['X-Who'], headers.Authorization]).toEqual(['request', undefined]);
    const fromSession = (await s.get(`${HTTPS}/headers`)).json<{ headers: Record<string, string> }>().headers;
    expect(fromSession['X-Who']).toBe('session');
  });
  it('what auth sets is visible on response.request', async () => {
    const r = await requests.get(`${HTTPS}/get`, {
      auth: (req: PreparedRequest) => (req.headers.set('X-Token', 'seen'), req),
    });
    expect(r.request.headers.get('x-token')).toBe('seen');
  });
});
