/**
 * Malformed Digest challenges: HTTPDigestAuth answers a challenge it can use once, and returns anything else —
 * no nonce, no realm, an unknown algorithm, only qop=auth-int, broken quoting, garbage — as the 401 it is,
 * without throwing (Requests raises KeyError on a challenge without realm) and without looping on a server
 * that never accepts. Buffered and streamed; the 401's body is read so its connection is free again.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import requests, { HTTPDigestAuth } from '../../../src/index';
import { chooseChallenge, parseChallenges } from '../../../src/digest';
import { failOnHeldConnections } from '../../helpers/connections';
import { startServerForFile } from '../../helpers/server';
import { failOnUnhandled, fulfilment, settleWithin, type Mode } from '../../helpers/settle';

const DEADLINE = 5000;

let nonces = 0;

/** Challenges too long to pass in a URL, by name (`?preset=`). */
const PRESETS: Record<string, string> = {
  equals: `Digest ${'=,'.repeat(7500)}`,
  backslashes: `Digest realm="${'\\'.repeat(15_000)}`,
};

const srv = await startServerForFile((req, res) => {
  const url = new URL(req.url!, 'http://x');
  if (url.pathname === '/challenge') {
    // The challenge given in ?h= (hex); any Digest answer is accepted.
    if (req.headers.authorization?.startsWith('Digest ')) return void res.end('in');
    const preset = url.searchParams.get('preset');
    const header = preset ? PRESETS[preset]! : Buffer.from(url.searchParams.get('h')!, 'hex').toString('latin1');
    res.writeHead(401, { 'www-authenticate': header });
    res.end('challenge body');
  } else if (url.pathname === '/never') {
    // Rejects every answer with a fresh nonce, marked stale: a client that keeps trying never ends.
    res.writeHead(401, { 'www-authenticate': `Digest realm="r", nonce="n${nonces++}", qop="auth", stale=true` });
    res.end('no');
  } else {
    res.end('ok');
  }
});
failOnHeldConnections(srv.server, `${srv.origin}/ok`);
failOnUnhandled();

const challengeUrl = (header: string): string =>
  header in PRESETS
    ? `${srv.origin}/challenge?preset=${header}`
    : `${srv.origin}/challenge?h=${Buffer.from(header, 'latin1').toString('hex')}`;

async function call(url: string, mode: Mode) {
  const r = fulfilment(
    await settleWithin(
      requests.get(url, { auth: new HTTPDigestAuth('user', 'pass'), stream: mode === 'streamed', timeout: 3000 }),
      DEADLINE,
    ),
  );
  await r.read();
  return r;
}

describe.each<Mode>(['buffered', 'streamed'])('%s', (mode) => {
  it.each([
    ['no parameters', 'Digest'],
    ['no nonce', 'Digest realm="r", qop="auth"'],
    ['an empty nonce', 'Digest realm="r", nonce=""'],
    ['no realm (Requests: KeyError)', 'Digest nonce="n", qop="auth"'],
    ['an unknown algorithm', 'Digest realm="r", nonce="n", algorithm=ROT13'],
    ['only qop=auth-int', 'Digest realm="r", nonce="n", qop="auth-int"'],
    ['an unterminated quoted string', 'Digest realm="unterminated, nonce="abc'],
    ['commas and equals signs only', 'Digest ,,,,=,=,=="",'],
    ['another scheme only', 'Basic realm="r"'],
    ['15 kB of "=,"', 'equals'],
    ['15 kB of backslashes in an unterminated quoted string', 'backslashes'],
  ])('a challenge with %s is returned as the 401, unanswered', async (_what, header) => {
    const r = await call(challengeUrl(header), mode);
    expect(r.statusCode).toBe(401);
    expect(r.text).toBe('challenge body');
    expect(r.history).toEqual([]);
    expect(srv.requests).toHaveLength(1);
  });

  it.each([
    ['unquoted values', 'Digest realm=r, nonce=n'],
    ['upper-case names and scheme', 'DIGEST REALM="r", NONCE="n", QOP="auth"'],
    [
      'an unusable challenge before a usable one',
      'Digest realm="r", nonce="n1", algorithm=ROT13, Digest realm="r", nonce="n2"',
    ],
    ['Latin-1 bytes in the realm', 'Digest realm="caf\u00e9", nonce="n"'],
  ])('a challenge with %s is answered once', async (_what, header) => {
    const r = await call(challengeUrl(header), mode);
    expect(r.statusCode).toBe(200);
    expect(r.history.map((h) => h.statusCode)).toEqual([401]);
    expect(srv.requests).toHaveLength(2);
    expect(srv.requests[1]!.headers.authorization).toMatch(/^Digest username="user", realm="/);
  });

  it('a server that rejects every answer (fresh nonce, stale=true) gets exactly one answer, then the 401 comes back', async () => {
    const r = await call(`${srv.origin}/never`, mode);
    expect(r.statusCode).toBe(401);
    expect(r.history.map((h) => h.statusCode)).toEqual([401]);
    expect(srv.requests).toHaveLength(2);
  });
});

describe('the challenge parser', () => {
  it('never throws on any header value, and picks only challenges that have a nonce and a realm (1,000 runs)', () => {
    const pieces = fc.constantFrom(
      'Digest',
      'digest',
      'Basic',
      ' ',
      ',',
      '=',
      '"',
      '\\',
      'realm',
      'nonce',
      'qop',
      'auth',
      'algorithm',
      'MD5',
      'x',
    );
    const header = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 80 }),
      fc.array(pieces, { maxLength: 30 }).map((p) => p.join('')),
    );
    fc.assert(
      fc.property(header, (value) => {
        const all = parseChallenges(value);
        for (const { scheme, params } of all) {
          expect(typeof scheme).toBe('string');
          for (const v of Object.values(params)) expect(typeof v).toBe('string');
        }
        const chosen = chooseChallenge(value);
        if (chosen) {
          expect(chosen.nonce).toBeTruthy();
          expect(typeof chosen.realm).toBe('string');
        }
      }),
      { numRuns: 1000 },
    );
  });
});
