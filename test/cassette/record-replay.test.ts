/**
 * Record and replay against Debian's httpbin (`npm run test:cassette`): one Session records redirects, a cookie
 * flow, Basic and Digest auth, a gzip body, streamed bodies, a multipart POST and echoes of secrets; the file is
 * searched for the secrets; the server is stopped; a new Session replays everything from the file, byte for byte
 * (where a secret was scrubbed, with REDACTED in its place), and nothing reaches the network. Then the same file
 * answers other clients through MSW.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import axios from 'axios';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Cassette, type Har, NoRecordingError } from 'fetch-requests/cassette';
import { HTTPDigestAuth, type Response, Session } from '../../src/index';
import { type Httpbin, startHttpbin } from '../helpers/httpbin';

// Secrets, long enough to be scrubbed wherever httpbin echoes them.
const BASIC_PASSWORD = 'basic-pw-4b1d';
const DIGEST_PASSWORD = 'digest-pw-77ce';
const SESSION_COOKIE = 'cookie-secret-5e1f9a';
const API_KEY = 'apikey-secret-90d2';
const HEADER_TOKEN = 'header-token-31aa';
const FORM_PASSWORD = 'form-password-c0de';

const dir = mkdtempSync(join(tmpdir(), 'cassette-httpbin-'));
const path = join(dir, 'httpbin.har');
const redact = { query: ['api_key'], headers: ['X-Api-Token'], bodyFields: ['password'] };
let httpbin: Httpbin;
let origin: string;

beforeAll(async () => {
  httpbin = await startHttpbin({ threads: 4 });
  origin = httpbin.origin;
});
afterAll(async () => {
  await httpbin?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** The session's calls, in order; each returns the response to compare and what its streamed body arrived as. */
type Call = (s: Session) => Promise<{ response: Response; chunks?: Uint8Array[] }>;
const calls: Record<string, Call> = {
  redirects: async (s) => ({ response: await s.get(`${origin}/redirect/3`) }),
  cookies: async (s) => ({ response: await s.get(`${origin}/cookies/set?session=${SESSION_COOKIE}&theme=dark`) }),
  basic: async (s) => ({
    response: await s.get(`${origin}/basic-auth/user/${BASIC_PASSWORD}`, { auth: ['user', BASIC_PASSWORD] }),
  }),
  digest: async (s) => ({
    response: await s.get(`${origin}/digest-auth/auth/user/${DIGEST_PASSWORD}`, {
      auth: new HTTPDigestAuth('user', DIGEST_PASSWORD),
    }),
  }),
  gzip: async (s) => ({ response: await s.get(`${origin}/gzip`) }),
  binaryStream: async (s) => {
    const response = await s.get(`${origin}/stream-bytes/3000?chunk_size=512&seed=4`, { stream: true });
    const chunks: Uint8Array[] = [];
    for await (const chunk of response.iterContent()) chunks.push(chunk as Uint8Array);
    return { response, chunks };
  },
  drip: async (s) => {
    const response = await s.get(`${origin}/drip?numbytes=4&duration=0.4&delay=0`, { stream: true });
    const chunks: Uint8Array[] = [];
    for await (const chunk of response.iterContent()) chunks.push(chunk as Uint8Array);
    return { response, chunks };
  },
  multipart: async (s) => ({
    response: await s.post(`${origin}/post`, {
      data: { user: 'jane', password: FORM_PASSWORD },
      files: { photo: ['pixel.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 255, 1]), 'image/png'] },
    }),
  }),
  echoedHeader: async (s) => ({
    response: await s.get(`${origin}/headers`, { headers: { 'X-Api-Token': HEADER_TOKEN } }),
  }),
  echoedQuery: async (s) => ({ response: await s.get(`${origin}/get`, { params: { api_key: API_KEY, q: 'x' } }) }),
  notFound: async (s) => ({ response: await s.get(`${origin}/status/404`) }),
  head: async (s) => ({ response: await s.head(`${origin}/get`) }),
};

const live = new Map<string, { response: Response; chunks?: Uint8Array[] }>();
const sentAuthorization: string[] = [];
const liveCookieNames: string[] = [];
/** Every secret of the live run: the constants, what the Authorization headers carried, the cookies' values. */
const secrets: string[] = [];

/**
 * What a live body becomes in the file: each secret (8 characters or more) replaced by REDACTED wherever httpbin
 * echoed it. The multipart echo also has its `password` field redacted, which rewrites its JSON.
 */
function scrubbed(text: string): string {
  let out = text;
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (secret.length >= 8) out = out.split(secret).join('REDACTED');
  }
  return out;
}

/** The body: read whole, or the streamed chunks put together. */
function bytesOf(result: { response: Response; chunks?: Uint8Array[] }): Buffer {
  return result.chunks ? Buffer.concat(result.chunks) : Buffer.from(result.response.content);
}

function describeResponse(r: Response): unknown {
  // A Set-Cookie is kept with its value REDACTED (its name and attributes as they were).
  const headers = [...r.headers].map(([name, value]) => [
    name,
    name === 'set-cookie' ? value.replace(/^([^=]*)=[^;]*/, '$1=REDACTED') : value,
  ]);
  return {
    status: r.statusCode,
    reason: r.reason,
    url: r.url,
    history: r.history.map((h) => [h.statusCode, h.url, h.headers.get('location')]),
    headers,
  };
}

describe('a Session against Debian’s httpbin, recorded then replayed', () => {
  it('records every call (the responses are what they would be without a cassette)', async () => {
    const cassette = await Cassette.open(path, { mode: 'record', redact });
    const s = new Session({
      cassette,
      hooks: {
        response: (r) => {
          const auth = r.request.headers.get('authorization');
          if (auth) sentAuthorization.push(auth);
        },
      },
    });
    for (const [name, call] of Object.entries(calls)) live.set(name, await call(s));
    await cassette.save();
    liveCookieNames.push(...Object.keys(s.cookies.getDict()));
    secrets.push(
      BASIC_PASSWORD,
      DIGEST_PASSWORD,
      SESSION_COOKIE,
      API_KEY,
      HEADER_TOKEN,
      FORM_PASSWORD,
      ...sentAuthorization,
      ...sentAuthorization.map((value) => value.slice(value.indexOf(' ') + 1)),
      ...Object.values(s.cookies.getDict()),
    );
    expect(live.get('redirects')!.response.history).toHaveLength(3);
    expect(live.get('digest')!.response.history.map((h) => h.statusCode)).toEqual([401]);
    expect(live.get('cookies')!.response.json()).toEqual({ cookies: { session: SESSION_COOKIE, theme: 'dark' } });
    expect(live.get('gzip')!.response.headers.get('content-encoding')).toBe('gzip');
    // Drip's bytes come 0.1 s apart: separate chunks (stream-bytes' may come in one read on loopback).
    expect(live.get('drip')!.chunks!.length).toBeGreaterThan(1);
  });

  it('the file holds no secret: not the Authorization values, the cookie, the API key, the token or the password', () => {
    const text = readFileSync(path, 'utf8');
    const har = JSON.parse(text) as Har;
    // redirects 3+1, cookie flow 1+1, basic 1, digest 2, gzip, 2 streams, multipart, 2 echoes, 404, HEAD
    expect(har.log.entries).toHaveLength(4 + 2 + 1 + 2 + 1 + 2 + 1 + 2 + 1 + 1);
    expect(sentAuthorization.length).toBeGreaterThanOrEqual(2);
    const credentials = [
      ...sentAuthorization,
      ...sentAuthorization.map((value) => value.slice(value.indexOf(' ') + 1)),
      ...sentAuthorization.flatMap((value) => /response="([^"]+)"/.exec(value)?.slice(1) ?? []),
      Buffer.from(`user:${BASIC_PASSWORD}`).toString('base64'),
      SESSION_COOKIE,
      API_KEY,
      HEADER_TOKEN,
      FORM_PASSWORD,
    ];
    for (const secret of credentials) expect(text, `the file holds ${secret}`).not.toContain(secret);
    // httpbin takes the expected password in the URL path (/basic-auth/user/<password>): that is the only place
    // the Basic and Digest passwords may appear, because the URL is what was requested.
    for (const password of [BASIC_PASSWORD, DIGEST_PASSWORD]) {
      const outsideUrls = text.replace(/"(url|value)": "http:[^"]*"/g, '').replace(/"value": "\/[^"]*"/g, '');
      expect(outsideUrls).not.toContain(password);
    }
    const authorization = har.log.entries.flatMap((e) => e.request.headers).filter((h) => h.name === 'authorization');
    expect(authorization.map((h) => h.value).sort()).toEqual(['Basic REDACTED', 'Digest REDACTED']);
    const setCookies = har.log.entries.flatMap((e) => e.response.headers).filter((h) => h.name === 'set-cookie');
    expect(setCookies.map((h) => h.value)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^session=REDACTED; Path=\//),
        expect.stringMatching(/^theme=REDACTED; Path=\//),
      ]),
    );
  });

  it('replays byte for byte with the server stopped, and nothing reaches the network', async () => {
    await httpbin.stop();
    const fetchSpy = vi.fn(globalThis.fetch);
    const cassette = await Cassette.open(path, { mode: 'replay', redact });
    const s = new Session({ cassette, fetch: fetchSpy });
    for (const [name, call] of Object.entries(calls)) {
      const recorded = live.get(name)!;
      const replayed = await call(s);
      expect(describeResponse(replayed.response), name).toEqual(describeResponse(recorded.response));
      const got = bytesOf(replayed);
      const want = bytesOf(recorded);
      if (name === 'multipart') {
        const form = JSON.parse(scrubbed(want.toString('utf8')));
        form.form.password = 'REDACTED';
        expect(replayed.response.json(), name).toEqual(form);
      } else if (want.equals(Buffer.from(scrubbed(want.toString('latin1')), 'latin1'))) {
        expect(got.equals(want), `${name}: the bytes`).toBe(true);
      } else {
        // An echo of a secret: the same bytes with REDACTED in its place.
        expect(got.toString('utf8'), `${name}: the echo, scrubbed`).toBe(scrubbed(want.toString('utf8')));
      }
      if (recorded.chunks) {
        expect(
          replayed.chunks!.map((c) => c.byteLength),
          `${name}: the chunks`,
        ).toEqual(recorded.chunks.map((c) => c.byteLength));
        expect(Buffer.concat(replayed.chunks!)).toEqual(Buffer.concat(recorded.chunks));
      }
    }
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(cassette.allPlayed).toBe(true);
    // The cookie flow replayed: the jar has the cookies under their names, with the stored (redacted) values.
    expect(s.cookies.getDict()).toEqual(Object.fromEntries(liveCookieNames.map((name) => [name, 'REDACTED'])));
    expect(liveCookieNames).toEqual(expect.arrayContaining(['session', 'theme']));
    // A scrubbed echo is the live body with the secret replaced, byte for byte.
    const again = await calls.cookies!(new Session({ cassette: await Cassette.open(path, { mode: 'replay' }) }));
    expect(again.response.text).toBe(live.get('cookies')!.response.text.split(SESSION_COOKIE).join('REDACTED'));
  });

  it('replays at the recorded pace when asked', async () => {
    const cassette = await Cassette.open(path, { mode: 'replay', replayDelays: true, allowPlaybackRepeats: true });
    const started = performance.now();
    const { chunks } = await calls.drip!(new Session({ cassette }));
    expect(chunks!.length).toBeGreaterThan(1);
    expect(performance.now() - started).toBeGreaterThanOrEqual(300); // drip spread 4 bytes over 0.4 s
  });

  it('a request that was not recorded fails with NoRecordingError, naming it and the closest, and sends nothing', async () => {
    const fetchSpy = vi.fn(globalThis.fetch);
    const s = new Session({ cassette: await Cassette.open(path, { mode: 'replay', redact }), fetch: fetchSpy });
    const error = await s
      .get(`${origin}/get`, { params: { api_key: 'another-key-0000', q: 'y' } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoRecordingError);
    const message = (error as Error).message;
    expect(message).toContain(`matches GET ${origin}/get?api_key=REDACTED&q=y`);
    expect(message).toContain(`The closest recorded request is GET ${origin}/get?api_key=REDACTED&q=x`);
    expect(message).not.toContain('another-key-0000');
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('the same file answers other clients through MSW (setupServer), the server still stopped', async () => {
    const cassette = await Cassette.open(path, { mode: 'replay', redact });
    const server = setupServer(...cassette.handlers());
    server.listen({ onUnhandledFrame: 'error' });
    try {
      const gzip = await axios.get(`${origin}/gzip`, { responseType: 'text' });
      expect(gzip.data).toBe(scrubbed(live.get('gzip')!.response.text));
      const bytes = await fetch(`${origin}/stream-bytes/3000?chunk_size=512&seed=4`);
      expect(Buffer.from(await bytes.arrayBuffer())).toEqual(Buffer.concat(live.get('binaryStream')!.chunks!));
      const redirected = await axios.get(`${origin}/redirect/3`, { responseType: 'text' });
      expect(redirected.data).toBe(live.get('redirects')!.response.text);
      const echo = await axios.get(`${origin}/get?q=x&api_key=${API_KEY}`);
      expect(echo.data.args).toEqual({ api_key: 'REDACTED', q: 'x' });
    } finally {
      server.close();
    }
  });
});
