// Nothing that authenticates to the first host reaches another one along a redirect: not Authorization (from
// auth, URL credentials, Session or request headers), not Proxy-Authorization, not the first host's cookies
// (from its Set-Cookie or from the request's own `cookies`), and no Digest answer to the other host's challenge.
// Two host names on one machine: 127.0.0.1 (the first host) and localhost (the other).
import { describe, expect, it } from 'vitest';
import requests, { HTTPDigestAuth, Session } from '../../../src/index';
import { credentialRoutes, startServerForFile, type Recorded } from '../../helpers/server';

// The first host sets a cookie of its own on /hop, then sends the client elsewhere; /challenge asks for Digest.
const srv = await startServerForFile((req, res) => {
  if (credentialRoutes(req, res)) return;
  res.setHeader('set-cookie', `landed=1; Path=/`);
  res.end('ok');
});

const first = () => `http://127.0.0.1:${srv.port}`;
const other = () => `http://localhost:${srv.port}`;
const hop = (to: string, status = 302) => `${first()}/hop?status=${status}&to=${encodeURIComponent(to)}`;
/** The request the other host received. */
const atOther = (): Recorded => srv.requests.find((r) => r.headers.host === `localhost:${srv.port}`)!;
const atFirst = (): Recorded => srv.requests.find((r) => r.headers.host === `127.0.0.1:${srv.port}`)!;

describe('a redirect to another host', () => {
  it.each([301, 302, 303, 307, 308])(
    'after a %i carries no Authorization, Proxy-Authorization or first-host cookie',
    async (status) => {
      const s = new Session({ headers: { 'Proxy-Authorization': 'Basic cHJveHk6cHc=' } });
      s.cookies.set('scoped', 'first-only', { domain: '127.0.0.1' });
      const r = await s.post(hop(`${other()}/land`, status), {
        auth: ['user', 'pass'],
        cookies: { percall: 'first-only' },
        data: 'x',
      });
      expect(r.statusCode).toBe(200);
      // The first host did get them all: the test would be empty otherwise.
      expect(atFirst().headers.authorization).toMatch(/^Basic /);
      expect(atFirst().headers['proxy-authorization']).toBe('Basic cHJveHk6cHc=');
      expect(atFirst().headers.cookie).toContain('percall=first-only');
      expect(atFirst().headers.cookie).toContain('scoped=first-only');

      const seen = atOther();
      expect(seen.headers.authorization).toBeUndefined();
      expect(seen.headers['proxy-authorization']).toBeUndefined();
      expect(seen.headers.cookie).toBeUndefined();
    },
  );

  it('drops Authorization from URL credentials, Session auth, Session headers and request headers alike', async () => {
    const sources: [string, (to: string) => Promise<unknown>][] = [
      ['URL credentials', (to) => requests.get(hop(to).replace('http://', 'http://user:pass@'))],
      ['Session auth', (to) => new Session({ auth: { username: 'user', password: 'pass' } }).get(hop(to))],
      ['Session header', (to) => new Session({ headers: { Authorization: 'Bearer s3cret' } }).get(hop(to))],
      ['request header', (to) => requests.get(hop(to), { headers: { authorization: 'Bearer s3cret' } })],
      ['custom auth', (to) => requests.get(hop(to), { auth: (r) => (r.headers.set('Authorization', 'Token t'), r) })],
    ];
    for (const [name, send] of sources) {
      srv.requests.length = 0;
      await send(`${other()}/land`);
      expect(atFirst().headers.authorization, name).toBeDefined();
      expect(atOther().headers.authorization, name).toBeUndefined();
    }
  });

  it("keeps the first host's cookies away from the other host on later calls of the Session too", async () => {
    const s = new Session();
    await s.get(hop(`${other()}/land`));
    srv.requests.length = 0;
    await s.get(`${other()}/again`);
    expect(atOther().headers.cookie).toBe('landed=1'); // its own cookie only
    await s.get(`${first()}/again`);
    expect(atFirst().headers.cookie).toBe('firsthost=secret');
  });

  it("does not answer the other host's Digest challenge with the credentials meant for the first", async () => {
    const r = await requests.get(hop(`${other()}/challenge`), { auth: new HTTPDigestAuth('user', 'pass') });
    expect(r.statusCode).toBe(401);
    expect(srv.requests.filter((q) => q.headers.host === `localhost:${srv.port}`)).toHaveLength(1);
    expect(atOther().headers.authorization).toBeUndefined();
  });

  it('sends Authorization again when the chain stays on the first host', async () => {
    const r = await requests.get(hop(`${first()}/land`), { auth: ['user', 'pass'] });
    expect(r.statusCode).toBe(200);
    expect(srv.requests.map((q) => q.headers.authorization)).toEqual([
      expect.stringMatching(/^Basic /),
      expect.stringMatching(/^Basic /),
    ]);
  });
});
