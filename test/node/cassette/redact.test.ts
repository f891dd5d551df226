/**
 * What a cassette writes down, from a stub fetch (no network): secrets redacted by default and by the lists in
 * `redact`, values scrubbed where a server echoes them, bodies as text or base64 so that replay gives the very bytes,
 * and `beforeRecord`. And what a replay makes of a HAR it did not write (a browser's): a failed request, form params.
 */
import { describe, expect, it } from 'vitest';
import { Cassette, type Har, type HarEntry } from 'fetch-requests/cassette';
import { ConnectionError, Session } from '../../../src/index';

type Answer = (request: Request) => Response | Promise<Response>;

/** Records one call answered by `answer`, and gives back the HAR entry written for it. */
async function recordOne(
  answer: Answer,
  call: (s: Session) => Promise<unknown>,
  options: Parameters<typeof Cassette.fromHar>[1] = {},
): Promise<HarEntry> {
  const cassette = Cassette.fromHar(EMPTY, { ...options, mode: 'record' });
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) =>
    answer(new Request(input, init))) as typeof globalThis.fetch;
  await call(new Session({ cassette, fetch }));
  const har = await cassette.toHar();
  return har.log.entries.at(-1)!;
}

const EMPTY: Har = { log: { version: '1.2', creator: { name: 't', version: '1' }, entries: [] } };
const echo: Answer = async (request) =>
  Response.json({ url: request.url, headers: Object.fromEntries(request.headers), body: await request.text() });

describe('what is never recorded', () => {
  it('Authorization keeps its scheme, Cookie and Set-Cookie their names; the values go, in bodies too', async () => {
    const entry = await recordOne(
      async (request) => {
        const response = await echo(request);
        const headers = new Headers(response.headers);
        headers.append(
          'Set-Cookie',
          'sid=server-session-123456; Path=/; HttpOnly; Expires=Wed, 01 Jan 2031 00:00:00 GMT',
        );
        headers.append('Set-Cookie', 'theme=dark; Path=/');
        return new Response(response.body, { headers });
      },
      (s) =>
        s.get('http://api.test/me', {
          auth: ['jane', 'hunter2-long-password'],
          cookies: { sid: 'client-cookie-abcdef' },
        }),
    );
    const text = JSON.stringify(entry);
    for (const secret of [
      'hunter2-long-password',
      'amFuZTpodW50ZXIyLWxvbmctcGFzc3dvcmQ=',
      'client-cookie-abcdef',
      'server-session-123456',
    ]) {
      expect(text).not.toContain(secret);
    }
    const header = (list: { name: string; value: string }[], name: string) =>
      list.filter((h) => h.name === name).map((h) => h.value);
    expect(header(entry.request.headers, 'authorization')).toEqual(['Basic REDACTED']);
    expect(header(entry.request.headers, 'cookie')).toEqual(['sid=REDACTED']);
    expect(header(entry.response.headers, 'set-cookie')).toEqual([
      'sid=REDACTED; Path=/; HttpOnly; Expires=Wed, 01 Jan 2031 00:00:00 GMT',
      'theme=REDACTED; Path=/',
    ]);
    expect(entry.request.cookies).toEqual([{ name: 'sid', value: 'REDACTED' }]);
    expect(entry.response.cookies).toEqual([
      { name: 'sid', value: 'REDACTED', path: '/', httpOnly: true, expires: '2031-01-01T00:00:00.000Z' },
      { name: 'theme', value: 'REDACTED', path: '/' },
    ]);
    // The echo of the request's headers in the body: the Authorization and Cookie values scrubbed.
    const body = JSON.parse(entry.response.content.text!);
    expect(body.headers.authorization).toBe('REDACTED');
    expect(body.headers.cookie).toBe('sid=REDACTED');
  });

  it('listed headers, query parameters and body fields (JSON at any depth, forms), and keepCookies', async () => {
    const entry = await recordOne(
      async (request) => {
        const response = Response.json({ token: 'issued-token-0987654', nested: [{ password: 'x' }], ok: true });
        response.headers.set('Location', '/next?api_key=location-key-123456&page=2');
        response.headers.append('Set-Cookie', 'theme=dark');
        void request;
        return response;
      },
      (s) =>
        s.post('http://api.test/login?api_key=query-key-123456&page=1', {
          json: { user: 'jane', password: 'json-password-1234', profile: { password: 'deep-password-5678' } },
          headers: { 'X-Api-Key': 'header-key-123456', Cookie: 'theme=dark' },
          allowRedirects: false,
        }),
      {
        redact: {
          headers: ['X-Api-Key'],
          query: ['api_key'],
          bodyFields: ['password', 'token'],
          keepCookies: ['theme'],
        },
      },
    );
    const text = JSON.stringify(entry);
    for (const secret of [
      'query-key-123456',
      'header-key-123456',
      'json-password-1234',
      'deep-password-5678',
      'issued-token-0987654',
      'location-key-123456',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(entry.request.url).toBe('http://api.test/login?api_key=REDACTED&page=1');
    expect(entry.request.queryString).toEqual([
      { name: 'api_key', value: 'REDACTED' },
      { name: 'page', value: '1' },
    ]);
    expect(JSON.parse(entry.request.postData!.text!)).toEqual({
      user: 'jane',
      password: 'REDACTED',
      profile: { password: 'REDACTED' },
    });
    expect(JSON.parse(entry.response.content.text!)).toEqual({
      token: 'REDACTED',
      nested: [{ password: 'REDACTED' }],
      ok: true,
    });
    expect(entry.response.redirectURL).toBe('/next?api_key=REDACTED&page=2');
    expect(entry.request.headers.find((h) => h.name === 'x-api-key')!.value).toBe('REDACTED');
    expect(entry.request.headers.find((h) => h.name === 'cookie')!.value).toBe('theme=dark');
    expect(entry.response.headers.find((h) => h.name === 'set-cookie')!.value).toBe('theme=dark');
  });

  it('a form body’s listed fields; beforeRecord changes or drops an entry', async () => {
    const entry = await recordOne(
      echo,
      (s) => s.post('http://api.test/f', { data: { user: 'jane', password: 'form-pass-12345678' } }),
      {
        redact: { bodyFields: ['password'] },
        beforeRecord: (e) => {
          e.comment = 'seen';
        },
      },
    );
    expect(entry.request.postData!.text).toBe('user=jane&password=REDACTED');
    expect(entry.response.content.text).not.toContain('form-pass-12345678');
    expect(entry.comment).toBe('seen');
    const cassette = Cassette.fromHar(EMPTY, { mode: 'record', beforeRecord: () => null });
    await new Session({ cassette, fetch: async () => new Response('x') }).get('http://api.test/');
    expect((await cassette.toHar()).log.entries).toHaveLength(0);
  });
});

describe('bodies are kept so that replay gives the very bytes', () => {
  const roundTrip = async (bytes: Uint8Array, contentType: string) => {
    const cassette = Cassette.fromHar(EMPTY, { mode: 'record' });
    const fetch = async () =>
      new Response(bytes as Uint8Array<ArrayBuffer>, { headers: { 'content-type': contentType } });
    await new Session({ cassette, fetch }).get('http://bytes.test/');
    const har = await cassette.toHar();
    const replayed = await new Session({ cassette: Cassette.fromHar(JSON.stringify(har)) }).get('http://bytes.test/');
    return { content: har.log.entries[0]!.response.content, replayed: replayed.content };
  };

  it('UTF-8 text as text, binary and Latin-1 text as base64, an empty body as nothing', async () => {
    const utf8 = await roundTrip(new TextEncoder().encode('héllo ✓'), 'text/plain; charset=utf-8');
    expect(utf8.content).toEqual({ size: 10, mimeType: 'text/plain; charset=utf-8', text: 'héllo ✓' });
    expect(new TextDecoder().decode(utf8.replayed)).toBe('héllo ✓');
    const latin1 = await roundTrip(new Uint8Array([0x68, 0xe9]), 'text/plain; charset=iso-8859-1');
    expect(latin1.content.encoding).toBe('base64');
    expect(latin1.replayed).toEqual(new Uint8Array([0x68, 0xe9]));
    const binary = await roundTrip(new Uint8Array([0, 1, 2, 0xff, 0xfe]), 'application/octet-stream');
    expect(binary.content).toMatchObject({ encoding: 'base64', text: 'AAEC//4=' });
    expect(binary.replayed).toEqual(new Uint8Array([0, 1, 2, 0xff, 0xfe]));
    const empty = await roundTrip(new Uint8Array(0), 'text/plain');
    expect(empty.content.text).toBeUndefined();
    expect(empty.replayed.byteLength).toBe(0);
  });
});

describe('a HAR the cassette did not write', () => {
  const entry = (over: Partial<HarEntry['request']>, response: Partial<HarEntry['response']>): HarEntry => ({
    startedDateTime: '2026-01-01T00:00:00.000Z',
    time: 1,
    request: {
      method: 'GET',
      url: 'http://b.test/',
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: [],
      queryString: [],
      headersSize: -1,
      bodySize: 0,
      ...over,
    },
    response: {
      status: 200,
      statusText: 'OK',
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: [],
      content: { size: 0, mimeType: '' },
      redirectURL: '',
      headersSize: -1,
      bodySize: -1,
      ...response,
    },
    cache: {},
    timings: { send: 0, wait: 1, receive: 0 },
  });

  it('a request the browser saw fail (status 0) replays as ConnectionError', async () => {
    const har: Har = {
      log: {
        ...EMPTY.log,
        entries: [{ ...entry({}, { status: 0, statusText: '' }), _error: 'net::ERR_CONNECTION_REFUSED' }],
      },
    };
    const error = await new Session({ cassette: Cassette.fromHar(har) }).get('http://b.test/').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toContain('net::ERR_CONNECTION_REFUSED');
  });

  it('form params without text match a form body; a BOM before the JSON is skipped', async () => {
    const har: Har = {
      log: {
        ...EMPTY.log,
        entries: [
          entry(
            {
              method: 'POST',
              url: 'http://b.test/form',
              postData: { mimeType: 'application/x-www-form-urlencoded', params: [{ name: 'a', value: '1 2' }] },
            },
            { content: { size: 2, mimeType: 'text/plain', text: 'ok' } },
          ),
        ],
      },
    };
    const s = new Session({ cassette: Cassette.fromHar(`\ufeff${JSON.stringify(har)}`, { matchBody: true }) });
    expect((await s.post('http://b.test/form', { data: { a: '1 2' } })).text).toBe('ok');
  });
});
