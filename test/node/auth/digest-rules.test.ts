// Digest's pure parts: challenge parsing, algorithm choice, the RFC 7616 response, the header's shape, and the
// two hash back-ends (Web Crypto and the portable one) giving the same answers.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  chooseChallenge,
  digestHash,
  digestResponse,
  HTTPDigestAuth,
  parseChallenge,
  parseChallenges,
} from '../../../src/digest';

// RFC 7616 §3.9.1
const RFC = {
  username: 'Mufasa',
  password: 'Circle of Life',
  realm: 'http-auth@example.org',
  nonce: '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v',
  cnonce: 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ',
  nc: '00000001',
  qop: 'auth' as const,
  method: 'GET',
  uri: '/dir/index.html',
};

const NODE_NAMES: Record<string, string> = {
  MD5: 'md5',
  SHA: 'sha1',
  'SHA-256': 'sha256',
  'SHA-512': 'sha512',
  'SHA-512-256': 'sha512-256',
};

/** An independent implementation of RFC 7616 §3.4.1 over node:crypto. */
function expected(algorithm: string, input: typeof RFC, qop: boolean = true): string {
  const sess = algorithm.endsWith('-sess');
  const h = (s: string) =>
    createHash(NODE_NAMES[sess ? algorithm.slice(0, -5) : algorithm]!)
      .update(s, 'utf8')
      .digest('hex');
  let ha1 = h(`${input.username}:${input.realm}:${input.password}`);
  if (sess) ha1 = h(`${ha1}:${input.nonce}:${input.cnonce}`);
  const ha2 = h(`${input.method}:${input.uri}`);
  return qop ? h(`${ha1}:${input.nonce}:${input.nc}:${input.cnonce}:auth:${ha2}`) : h(`${ha1}:${input.nonce}:${ha2}`);
}

describe('digestResponse', () => {
  it('gives the RFC 7616 example answers for MD5 and SHA-256', async () => {
    expect(await digestResponse({ ...RFC, algorithm: 'MD5' })).toBe('8ca523f5e9506fed4657c9700eebdbec');
    expect(await digestResponse({ ...RFC, algorithm: 'SHA-256' })).toBe(
      '753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1',
    );
    expect(await digestResponse({ ...RFC, algorithm: undefined })).toBe('8ca523f5e9506fed4657c9700eebdbec'); // MD5 is the default
  });
  const algorithms = [
    'MD5',
    'MD5-sess',
    'SHA',
    'SHA-256',
    'SHA-256-sess',
    'SHA-512',
    'SHA-512-sess',
    'SHA-512-256',
    'SHA-512-256-sess',
  ];
  it.each(algorithms)(
    '%s matches an independent node:crypto computation, with Web Crypto and without',
    async (algorithm) => {
      const input = { ...RFC, username: 'üser', password: 'pâss wörd' };
      const want = expected(algorithm, input);
      expect(await digestResponse({ ...input, algorithm })).toBe(want);
      expect(await digestResponse({ ...input, algorithm, webCrypto: false })).toBe(want);
    },
  );
  it('computes the RFC 2069 answer when the challenge has no qop', async () => {
    expect(await digestResponse({ ...RFC, algorithm: 'MD5', qop: undefined })).toBe(expected('MD5', RFC, false));
  });
  it('is null for an algorithm it does not know', async () => {
    expect(await digestResponse({ ...RFC, algorithm: 'SHA3-256' })).toBeNull();
    expect(await digestHash('BLAKE2')).toBeNull();
  });
  it('accepts algorithm names in any case', async () => {
    expect(await digestResponse({ ...RFC, algorithm: 'sha-256' })).toBe(expected('SHA-256', RFC));
  });
});

describe('challenge parsing', () => {
  it('reads quoted strings with commas and escaped quotes, and bare tokens', () => {
    expect(parseChallenge('realm="a, \\"b\\"", nonce=abc, qop="auth,auth-int", stale=TRUE')).toEqual({
      realm: 'a, "b"',
      nonce: 'abc',
      qop: 'auth,auth-int',
      stale: 'TRUE',
    });
  });
  it('separates several challenges in one header (as fetch joins several WWW-Authenticate headers)', () => {
    const list = parseChallenges(
      'Basic realm="basic, zone", Digest realm="d", nonce="n", algorithm=SHA-256, Bearer realm="b"',
    );
    expect(list.map((c) => c.scheme)).toEqual(['basic', 'digest', 'bearer']);
    expect(list[1]!.params).toEqual({ realm: 'd', nonce: 'n', algorithm: 'SHA-256' });
  });
  it('chooses the first Digest challenge it can answer (servers list their preferred one first)', () => {
    const header =
      'Digest realm="r", nonce="n1", algorithm=SHA3-256, Digest realm="r", nonce="n2", algorithm=SHA-256, Digest realm="r", nonce="n3"';
    expect(chooseChallenge(header)?.nonce).toBe('n2');
  });
  it('refuses challenges without realm or nonce, with only qop auth-int, or that are not Digest', () => {
    expect(chooseChallenge('Digest nonce="n"')).toBeNull();
    expect(chooseChallenge('Digest realm="r"')).toBeNull();
    expect(chooseChallenge('Digest realm="r", nonce=""')).toBeNull();
    expect(chooseChallenge('Digest realm="r", nonce="n", qop="auth-int"')).toBeNull();
    expect(chooseChallenge('Basic realm="r"')).toBeNull();
    expect(chooseChallenge('Digest')).toBeNull();
    expect(chooseChallenge('Digest realm="unterminated')).toBeNull();
    expect(chooseChallenge('')).toBeNull();
  });
});

/**
 * Primes an HTTPDigestAuth with a challenge through its public path: a Session whose stub fetch answers 401 with
 * the challenge, then 200. `sent` is the request that answered the challenge (null if none was sent).
 */
async function challenged(auth: HTTPDigestAuth, challenge: string, url = 'http://a.test/dir/index.html?x=1') {
  const { Response: FetchResponse } = globalThis;
  const { Session } = await import('../../../src/index');
  let calls = 0;
  const fetch: typeof globalThis.fetch = async () =>
    calls++ === 0
      ? new FetchResponse('no', { status: 401, headers: { 'WWW-Authenticate': challenge } })
      : new FetchResponse('ok', { status: 200 });
  const answered = await new Session({ fetch }).get(url, { auth });
  const unauthorized = answered.statusCode === 401 ? answered : answered.history[0]!;
  return { answered, unauthorized, sent: calls > 1 ? answered.request : null };
}

describe('HTTPDigestAuth header', () => {
  it('sends the fields RFC 7616 asks for: algorithm and nc unquoted, qop quoted as Requests sends it, strings quoted, opaque and algorithm echoed', async () => {
    const { sent, answered, unauthorized } = await challenged(
      new HTTPDigestAuth('Mufasa', 'Circle of Life'),
      'Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=SHA-256, nonce="7ypf", opaque="FQhe"',
    );
    const header = sent!.headers.get('authorization')!;
    expect(header).toMatch(
      /^Digest username="Mufasa", realm="http-auth@example.org", nonce="7ypf", uri="\/dir\/index.html\?x=1", response="[0-9a-f]{64}", opaque="FQhe", algorithm=SHA-256, qop="auth", nc=00000001, cnonce="[0-9a-f]{16}"$/,
    );
    const fields = parseChallenge(header.slice(7));
    expect(fields.response).toBe(
      expected('SHA-256', { ...RFC, nonce: '7ypf', cnonce: fields.cnonce!, uri: '/dir/index.html?x=1' }),
    );
    expect(answered.history).toEqual([unauthorized]);
    expect([unauthorized.statusCode, answered.statusCode]).toEqual([401, 200]);
  });
  it('uses username* (RFC 7616 §3.4.4) for a username that is not ASCII, since a header value is Latin-1', async () => {
    const { sent } = await challenged(new HTTPDigestAuth('Jäsøn Doe', 'pw'), 'Digest realm="r", nonce="n", qop="auth"');
    expect(sent!.headers.get('authorization')).toContain("username*=UTF-8''J%C3%A4s%C3%B8n%20Doe");
  });
  it('escapes quotes in quoted strings', async () => {
    const { sent } = await challenged(new HTTPDigestAuth('a"b', 'pw'), 'Digest realm="r\\"q", nonce="n"');
    expect(sent!.headers.get('authorization')).toMatch(/^Digest username="a\\"b", realm="r\\"q", nonce="n", uri=/);
  });
  it('counts nonce uses: nc increments while the nonce stays, restarts at 1 for a new one', async () => {
    const auth = new HTTPDigestAuth('u', 'p');
    await challenged(auth, 'Digest realm="r", nonce="n1", qop="auth"');
    const nc = async (url: string) => {
      const { PreparedRequest } = await import('../../../src/index');
      const r = await auth.call(new PreparedRequest({ method: 'GET', url }));
      return /nc=(\w+)/.exec(r.headers.get('authorization') ?? '')?.[1] ?? null;
    };
    expect(await nc('http://a.test/2')).toBe('00000002');
    expect(await nc('http://a.test/3')).toBe('00000003');
    await challenged(auth, 'Digest realm="r", nonce="n2", qop="auth", stale=true');
    expect(await nc('http://a.test/4')).toBe('00000002');
  });
  it('authenticates up front only on the origin that challenged', async () => {
    const { PreparedRequest } = await import('../../../src/index');
    const auth = new HTTPDigestAuth('u', 'p');
    await challenged(auth, 'Digest realm="r", nonce="n1"', 'http://a.test/x');
    expect((await auth.call(new PreparedRequest({ url: 'http://a.test/y' }))).headers.has('authorization')).toBe(true);
    for (const url of ['http://b.test/y', 'https://a.test/y', 'http://a.test:8080/y']) {
      expect((await auth.call(new PreparedRequest({ url }))).headers.has('authorization')).toBe(false);
    }
  });
  it('returns the response untouched when there is nothing it can answer', async () => {
    for (const challenge of [
      'Basic realm="r"',
      'Digest realm="r"',
      'Digest realm="r", nonce="n", algorithm=SHA3-256',
      'garbage',
    ]) {
      const { answered, unauthorized, sent } = await challenged(new HTTPDigestAuth('u', 'p'), challenge);
      expect(answered).toBe(unauthorized);
      expect(sent).toBeNull();
    }
  });
});
