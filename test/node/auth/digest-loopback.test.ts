// HTTPDigestAuth against a node:http server that verifies RFC 7616 itself (node:crypto, its own parser): every
// algorithm, qop auth and none, opaque echo, nonce counts that must grow, stale nonces, a malformed challenge.
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import requests, { HTTPDigestAuth, Session } from '../../../src/index';
import { startServer, type TestServer } from '../../helpers/server';

const REALM = 'fixture@loopback';
const USER = 'Mufasa';
const PASS = 'Circle of Life';
const NODE_HASH: Record<string, string> = {
  MD5: 'md5',
  SHA: 'sha1',
  'SHA-256': 'sha256',
  'SHA-512': 'sha512',
  'SHA-512-256': 'sha512-256',
};

interface NonceState {
  lastNc: number;
  uses: number;
}
const nonces = new Map<string, NonceState>();
const accepted: { nonce: string; nc: number; uri: string }[] = [];

/** An independent parser for the client's Authorization value: `k=v` and `k="v"` pairs. */
function parseAuthorization(value: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of value.replace(/^Digest\s+/i, '').matchAll(/([\w*-]+)=(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/g)) {
    out[m[1]!] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3]!;
  }
  return out;
}

function challenge(res: ServerResponse, algorithm: string, qop: boolean, opaque: string, stale = false): void {
  const nonce = randomBytes(12).toString('base64');
  nonces.set(nonce, { lastNc: 0, uses: 0 });
  const parts = [`realm="${REALM}"`, `nonce="${nonce}"`, `opaque="${opaque}"`, `algorithm=${algorithm}`];
  if (qop) parts.push('qop="auth, auth-int"');
  if (stale) parts.push('stale=true');
  res.writeHead(401, { 'www-authenticate': `Digest ${parts.join(', ')}`, 'set-cookie': 'challenged=1; Path=/' });
  res.end('authenticate, please');
}

/** RFC 7616 §3.4 verification; returns why it fails, or null. */
function verify(
  req: IncomingMessage,
  fields: Record<string, string>,
  algorithm: string,
  qop: boolean,
  opaque: string,
): string | null {
  const sess = algorithm.endsWith('-sess');
  const h = (s: string) =>
    createHash(NODE_HASH[sess ? algorithm.slice(0, -5) : algorithm]!)
      .update(s, 'utf8')
      .digest('hex');
  if (fields.username !== USER) return 'username';
  if (fields.realm !== REALM) return 'realm';
  if (fields.uri !== req.url) return 'uri';
  if (fields.opaque !== opaque) return 'opaque';
  if (fields.algorithm !== algorithm) return 'algorithm';
  const state = nonces.get(fields.nonce ?? '');
  if (!state) return 'nonce';
  let ha1 = h(`${USER}:${REALM}:${PASS}`);
  if (sess) ha1 = h(`${ha1}:${fields.nonce}:${fields.cnonce}`);
  const ha2 = h(`${req.method}:${req.url}`);
  let want: string;
  if (qop) {
    if (fields.qop !== 'auth' || !/^[0-9a-f]{8}$/.test(fields.nc ?? '') || !fields.cnonce) return 'qop/nc/cnonce';
    const nc = parseInt(fields.nc!, 16);
    if (nc <= state.lastNc) return 'nc replayed';
    state.lastNc = nc;
    want = h(`${ha1}:${fields.nonce}:${fields.nc}:${fields.cnonce}:auth:${ha2}`);
  } else {
    if (fields.qop !== undefined || fields.nc !== undefined) return 'qop sent without being offered';
    want = h(`${ha1}:${fields.nonce}:${ha2}`);
  }
  return fields.response === want ? null : 'response';
}

let srv: TestServer;
beforeAll(async () => {
  srv = await startServer((req, res) => {
    const url = new URL(req.url!, 'http://x');
    const [, route, algorithm = 'MD5', qopMode = 'auth'] = url.pathname.split('/');
    if (route === 'malformed') {
      res.writeHead(401, { 'www-authenticate': url.searchParams.get('h') ?? 'Digest realm="x"' });
      res.end();
      return;
    }
    if (route === 'hop') {
      res.writeHead(302, { location: url.searchParams.get('to')! });
      res.end();
      return;
    }
    // /digest/<algorithm>/<auth|none>[?staleAfter=N]
    const qop = qopMode === 'auth';
    const opaque = `opaque-${algorithm}`;
    const header = req.headers.authorization;
    if (!header?.startsWith('Digest ')) return challenge(res, algorithm, qop, opaque);
    const fields = parseAuthorization(header);
    const failure = verify(req, fields, algorithm, qop, opaque);
    if (failure) {
      res.writeHead(401, {
        'x-failure': failure,
        'www-authenticate': `Digest realm="${REALM}", nonce="${fields.nonce}", opaque="${opaque}", algorithm=${algorithm}`,
      });
      res.end(failure);
      return;
    }
    const state = nonces.get(fields.nonce!)!;
    state.uses += 1;
    if (url.searchParams.has('staleAfter') && state.uses > Number(url.searchParams.get('staleAfter'))) {
      nonces.delete(fields.nonce!);
      return challenge(res, algorithm, qop, opaque, true);
    }
    accepted.push({ nonce: fields.nonce!, nc: parseInt(fields.nc ?? '0', 16), uri: req.url! });
    res.setHeader('content-type', 'application/json');
    res.end(
      JSON.stringify({
        authenticated: true,
        user: fields.username,
        cookie: req.headers.cookie ?? null,
        body: req.body.toString(),
      }),
    );
  });
});
afterAll(() => srv.close());
beforeEach(() => {
  srv.requests.length = 0;
  accepted.length = 0;
});

describe('HTTPDigestAuth on the wire', () => {
  const algorithms = ['MD5', 'MD5-sess', 'SHA-256', 'SHA-256-sess', 'SHA-512', 'SHA-512-sess', 'SHA-512-256', 'SHA'];
  const cases = algorithms.flatMap((algorithm) => ['auth', 'none'].map((qop) => ({ algorithm, qop })));
  it.each(cases)('answers a $algorithm challenge with qop $qop once, history [401]', async ({ algorithm, qop }) => {
    const r = await requests.get(`${srv.origin}/digest/${algorithm}/${qop}?x=1`, {
      auth: new HTTPDigestAuth(USER, PASS),
    });
    expect(r.headers.get('x-failure')).toBeNull();
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ authenticated: true, user: USER });
    expect(r.history.map((h) => h.statusCode)).toEqual([401]);
    expect(r.history[0]!.text).toBe('authenticate, please');
    expect(srv.requests).toHaveLength(2);
    expect(srv.requests[0]!.headers.authorization).toBeUndefined();
  });

  it('sends the cookie the 401 set with its answer, and re-sends the body', async () => {
    const r = await requests.post(`${srv.origin}/digest/SHA-256/auth`, {
      auth: new HTTPDigestAuth(USER, PASS),
      data: { a: '1' },
    });
    expect(r.json()).toMatchObject({ cookie: 'challenged=1', body: 'a=1' });
    expect(r.request.method).toBe('POST');
  });

  it('counts the uses of a nonce on a Session: nc 1, 2, 3, with no new challenge after the first', async () => {
    const s = new Session({ auth: new HTTPDigestAuth(USER, PASS) });
    for (const path of ['/digest/MD5/auth/a', '/digest/MD5/auth/b', '/digest/MD5/auth/c']) {
      const r = await s.get(`${srv.origin}${path}`);
      expect(r.statusCode).toBe(200);
    }
    expect(accepted.map((x) => x.nc)).toEqual([1, 2, 3]);
    expect(new Set(accepted.map((x) => x.nonce)).size).toBe(1);
    expect(srv.requests).toHaveLength(4); // one 401, then three authenticated requests
  });

  it('takes a new nonce on stale=true without failing, restarting nc at 1', async () => {
    const s = new Session({ auth: new HTTPDigestAuth(USER, PASS) });
    const url = `${srv.origin}/digest/SHA-256/auth?staleAfter=2`;
    await s.get(url);
    await s.get(url);
    const third = await s.get(url);
    expect(third.statusCode).toBe(200);
    expect(
      third.history.map((h) => [h.statusCode, /stale=true/.test(h.headers.get('www-authenticate') ?? '')]),
    ).toEqual([[401, true]]);
    expect(accepted.map((x) => x.nc)).toEqual([1, 2, 1]);
    expect(accepted[2]!.nonce).not.toBe(accepted[0]!.nonce);
  });

  it('tries once only: wrong credentials end with the second 401 and history [401]', async () => {
    const r = await requests.get(`${srv.origin}/digest/MD5/auth`, { auth: new HTTPDigestAuth(USER, 'wrong') });
    expect(r.statusCode).toBe(401);
    expect(r.headers.get('x-failure')).toBe('response');
    expect(r.history.map((h) => h.statusCode)).toEqual([401]);
    expect(srv.requests).toHaveLength(2);
  });

  it.each([
    ['no nonce', 'Digest realm="x"'],
    ['no realm', 'Digest nonce="n"'],
    ['garbage', 'Digest ,,=="\\'],
    ['unknown algorithm', 'Digest realm="x", nonce="n", algorithm=SHA3-512'],
    ['auth-int only', 'Digest realm="x", nonce="n", qop="auth-int"'],
    ['not digest', 'Basic realm="x"'],
  ])('returns the 401 as is for a challenge it cannot answer (%s), without a second request', async (_name, header) => {
    const r = await requests.get(`${srv.origin}/malformed?h=${encodeURIComponent(header)}`, {
      auth: new HTTPDigestAuth(USER, PASS),
    });
    expect([r.statusCode, r.history.length, srv.requests.length]).toEqual([401, 0, 1]);
  });

  it('answers a challenge met after a redirect; history lists the redirect then the 401', async () => {
    const r = await requests.get(`${srv.origin}/hop?to=${encodeURIComponent('/digest/MD5/auth')}`, {
      auth: new HTTPDigestAuth(USER, PASS),
    });
    expect(r.statusCode).toBe(200);
    expect(r.history.map((h) => h.statusCode)).toEqual([302, 401]);
  });

  it('signs each same-host hop for its own URL once the nonce is known (no new 401 in the chain)', async () => {
    const s = new Session({ auth: new HTTPDigestAuth(USER, PASS) });
    await s.get(`${srv.origin}/digest/MD5/auth/first`);
    srv.requests.length = 0;
    const r = await s.get(`${srv.origin}/hop?to=${encodeURIComponent('/digest/MD5/auth/second')}`);
    expect(r.statusCode).toBe(200);
    expect(r.history.map((h) => h.statusCode)).toEqual([302]);
    expect(srv.requests).toHaveLength(2);
    expect(accepted.at(-1)).toMatchObject({ uri: '/digest/MD5/auth/second', nc: 3 });
  });

  it('works when streaming', async () => {
    const r = await requests.get(`${srv.origin}/digest/SHA-512/auth`, {
      auth: new HTTPDigestAuth(USER, PASS),
      stream: true,
    });
    await r.read();
    expect([r.statusCode, r.history.length, r.json<{ authenticated: boolean }>().authenticated]).toEqual([
      200,
      1,
      true,
    ]);
  });
});
