/**
 * Record and replay (fetch-requests/cassette) against a loopback server: what is recorded, the modes, matching and
 * order, a streamed body teed while the caller reads it, the replayed stream and its pace, and the error when a
 * request has no recording. Debian's httpbin runs the whole flow in test/cassette/ (npm run test:cassette).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { Cassette, type Har, NoRecordingError } from 'fetch-requests/cassette';
import {
  ChunkedEncodingError,
  ConnectionError,
  HTTPDigestAuth,
  RequestException,
  Retry,
  Session,
} from '../../../src/index';
import { startServerForFile } from '../../helpers/server';

const srv = await startServerForFile(async (req, res) => {
  const url = new URL(req.url!, 'http://x');
  if (url.pathname === '/count') {
    counter += 1;
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end(`call ${counter}`);
  } else if (url.pathname === '/echo') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ method: req.method, body: req.body.toString('latin1'), headers: req.headers }));
  } else if (url.pathname === '/drip') {
    res.writeHead(200, { 'content-type': 'application/octet-stream' });
    for (let i = 0; i < 4; i++) {
      res.write(Buffer.from([i, 0xff, 0x00, i]));
      await new Promise((r) => setTimeout(r, 60));
    }
    res.end();
  } else if (url.pathname === '/redirect') {
    res.writeHead(302, { location: '/count', 'set-cookie': 'session=abcdefgh12345678; Path=/; HttpOnly' });
    res.end();
  } else if (url.pathname === '/digest') {
    if (!req.headers.authorization) {
      res.writeHead(401, { 'www-authenticate': 'Digest realm="r", nonce="abc123", qop="auth"' });
      res.end();
    } else {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('in');
    }
  } else if (url.pathname === '/cut') {
    res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '100' });
    res.write('only ten b');
    setTimeout(() => res.socket?.destroy(), 30);
  } else if (url.pathname === '/flaky') {
    flaky += 1;
    res.writeHead(flaky === 1 ? 503 : 200);
    res.end(flaky === 1 ? 'busy' : 'fine');
  } else {
    res.writeHead(404);
    res.end();
  }
});
let counter = 0;
let flaky = 0;

const dir = mkdtempSync(join(tmpdir(), 'cassette-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string): string => join(dir, name);

describe('record, then replay', () => {
  it('records each exchange as a HAR entry and replays it without the network', async () => {
    const path = file('basic.har');
    const recording = await Cassette.open(path, { mode: 'record' });
    const s = new Session({ cassette: recording });
    const live = await s.post(`${srv.origin}/echo?b=2&a=1`, { json: { name: 'Jane' } });
    await recording.save();
    const har = JSON.parse(readFileSync(path, 'utf8')) as Har;
    expect(har.log.version).toBe('1.2');
    expect(har.log.creator.name).toBe('fetch-requests');
    const [entry] = har.log.entries;
    expect(entry!.request.method).toBe('POST');
    expect(entry!.request.postData).toEqual({ mimeType: 'application/json', text: '{"name": "Jane"}' });
    expect(entry!.request.queryString).toEqual([
      { name: 'b', value: '2' },
      { name: 'a', value: '1' },
    ]);
    expect(entry!.response.content.text).toBe(live.text);
    expect(entry!.timings.wait).toBeGreaterThan(0);

    const replaying = await Cassette.open(path, { mode: 'replay' });
    const fetchSpy = vi.fn(globalThis.fetch);
    const replayed = await new Session({ cassette: replaying, fetch: fetchSpy }).post(
      `${srv.origin}/echo?a=1&b=2`, // the query's order does not matter
      { json: { name: 'Jane' } },
    );
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(replayed.statusCode).toBe(200);
    expect(replayed.content).toEqual(live.content);
    expect([...replayed.headers]).toEqual([...live.headers]);
    expect(replaying.allPlayed).toBe(true);
  });

  it('replays identical requests in recorded order, and each redirect hop and auth round-trip is an entry', async () => {
    const path = file('order.har');
    const recording = await Cassette.open(path, { mode: 'record' });
    const s = new Session({ cassette: recording });
    const first = await s.get(`${srv.origin}/count`);
    const second = await s.get(`${srv.origin}/count`);
    const redirected = await s.get(`${srv.origin}/redirect`);
    const digest = await s.get(`${srv.origin}/digest`, { auth: new HTTPDigestAuth('user', 'pass') });
    await recording.save();
    const har = JSON.parse(readFileSync(path, 'utf8')) as Har;
    expect(har.log.entries.map((e) => `${e.response.status} ${new URL(e.request.url).pathname}`)).toEqual([
      '200 /count',
      '200 /count',
      '302 /redirect',
      '200 /count',
      '401 /digest',
      '200 /digest',
    ]);

    const s2 = new Session({ cassette: await Cassette.open(path, { mode: 'replay' }) });
    expect((await s2.get(`${srv.origin}/count`)).text).toBe(first.text);
    expect((await s2.get(`${srv.origin}/count`)).text).toBe(second.text);
    const r = await s2.get(`${srv.origin}/redirect`);
    expect(r.text).toBe(redirected.text);
    expect(r.history.map((h) => h.statusCode)).toEqual([302]);
    // The redacted Set-Cookie still reaches the jar, under its name (its value is not kept).
    expect(s2.cookies.get('session')).toBe('REDACTED');
    const d = await s2.get(`${srv.origin}/digest`, { auth: new HTTPDigestAuth('user', 'pass') });
    expect(d.text).toBe(digest.text);
    expect(d.history.map((h) => h.statusCode)).toEqual([401]);
    // Every recording has been played: the next /count has none left.
    const miss = await s2.get(`${srv.origin}/count`).catch((e: unknown) => e);
    expect(miss).toBeInstanceOf(NoRecordingError);
    expect(miss).toBeInstanceOf(RequestException);
    expect(miss).not.toBeInstanceOf(ConnectionError);
    expect((miss as Error).message).toMatch(/recorded 3 times and all were played already/);
  });

  it('a request with no recording fails with NoRecordingError naming it and the closest, and sends nothing', async () => {
    const path = file('miss.har');
    const recording = await Cassette.open(path, { mode: 'record' });
    await new Session({ cassette: recording }).get(`${srv.origin}/count?page=1`);
    await recording.save();
    const before = srv.requests.length;
    const fetchSpy = vi.fn(globalThis.fetch);
    const s = new Session({ cassette: await Cassette.open(path, { mode: 'replay' }), fetch: fetchSpy, retry: 3 });
    const error = await s.get(`${srv.origin}/count?page=2`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoRecordingError);
    expect((error as Error).name).toBe('NoRecordingError');
    const message = (error as Error).message;
    expect(message).toContain(`No recording in ${path} matches GET ${srv.origin}/count?page=2 (mode 'replay'`);
    expect(message).toContain(`The closest recorded request is GET ${srv.origin}/count?page=1 (entry 1 of 1)`);
    expect((error as NoRecordingError).request?.url).toBe(`${srv.origin}/count?page=2`);
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(srv.requests.length).toBe(before);
  });

  it('replay mode needs the file; once mode replays what is there and records what is missing', async () => {
    await expect(Cassette.open(file('absent.har'), { mode: 'replay' })).rejects.toThrow(/No cassette at .*absent\.har/);
    const path = file('once.har');
    const first = await Cassette.open(path, { mode: 'once' });
    const a = await new Session({ cassette: first }).get(`${srv.origin}/count?once=a`);
    await first.save();
    const sentBefore = srv.requests.length;
    const second = await Cassette.open(path, { mode: 'once' });
    const s = new Session({ cassette: second });
    expect((await s.get(`${srv.origin}/count?once=a`)).text).toBe(a.text); // replayed
    const b = await s.get(`${srv.origin}/count?once=b`); // recorded
    expect(srv.requests.length).toBe(sentBefore + 1);
    await second.save();
    const har = JSON.parse(readFileSync(path, 'utf8')) as Har;
    expect(har.log.entries.map((e) => e.request.url)).toEqual([
      `${srv.origin}/count?once=a`,
      `${srv.origin}/count?once=b`,
    ]);
    const third = new Session({ cassette: await Cassette.open(path, { mode: 'replay' }) });
    expect((await third.get(`${srv.origin}/count?once=b`)).text).toBe(b.text);
  });

  it('matches bodies when asked (a multipart boundary ignored), and plays the last again when repeats are allowed', async () => {
    const path = file('bodies.har');
    const recording = await Cassette.open(path, { mode: 'record' });
    const s = new Session({ cassette: recording });
    const one = await s.post(`${srv.origin}/echo`, { data: { n: '1' } });
    const two = await s.post(`${srv.origin}/echo`, { data: { n: '2' } });
    const upload = await s.post(`${srv.origin}/echo`, { files: { f: ['a.bin', new Uint8Array([0, 1, 2, 255])] } });
    await recording.save();

    const replay = new Session({
      cassette: await Cassette.open(path, { mode: 'replay', matchBody: true, allowPlaybackRepeats: true }),
    });
    expect((await replay.post(`${srv.origin}/echo`, { data: { n: '2' } })).text).toBe(two.text);
    expect((await replay.post(`${srv.origin}/echo`, { data: { n: '1' } })).text).toBe(one.text);
    expect((await replay.post(`${srv.origin}/echo`, { data: { n: '1' } })).text).toBe(one.text); // repeated
    const again = await replay.post(`${srv.origin}/echo`, {
      files: { f: ['a.bin', new Uint8Array([0, 1, 2, 255])] },
    });
    expect(again.text).toBe(upload.text);
    const miss = await replay.post(`${srv.origin}/echo`, { data: { n: '3' } }).catch((e: unknown) => e);
    expect((miss as Error).message).toMatch(
      /recorded 3 times, with another body: entry 1 has 3 bytes where 3 were sent, the first difference at byte 2/,
    );
  });

  it('records each retry attempt, and replays them in order', async () => {
    const path = file('retry.har');
    const recording = await Cassette.open(path, { mode: 'record' });
    const retry = new Retry({ total: 2, statusForcelist: [503], backoffFactor: 0 });
    expect((await new Session({ cassette: recording, retry }).get(`${srv.origin}/flaky`)).text).toBe('fine');
    await recording.save();
    const replay = await Cassette.open(path, { mode: 'replay' });
    expect((await new Session({ cassette: replay, retry }).get(`${srv.origin}/flaky`)).text).toBe('fine');
    expect(replay.allPlayed).toBe(true);
    expect(replay.entries.map((e) => e.response.status)).toEqual([503, 200]);
  });
});

describe('streamed bodies', () => {
  it('records a streamed body whole while the caller reads its own branch as it arrives', async () => {
    const path = file('stream.har');
    const recording = await Cassette.open(path, { mode: 'record' });
    const r = await new Session({ cassette: recording }).get(`${srv.origin}/drip`, { stream: true });
    const live: Uint8Array[] = [];
    const arrivals: number[] = [];
    const started = performance.now();
    for await (const chunk of r.iterContent()) {
      live.push(chunk as Uint8Array);
      arrivals.push(performance.now() - started);
    }
    expect(live.length).toBeGreaterThan(1);
    expect(arrivals[0]!).toBeLessThan(50); // the caller was not held back until the whole body had been read
    await recording.save();
    const har = JSON.parse(readFileSync(path, 'utf8')) as Har;
    const { content, _chunks } = har.log.entries[0]!.response;
    expect(content.encoding).toBe('base64');
    expect(Buffer.from(content.text!, 'base64')).toEqual(Buffer.concat(live));
    expect(_chunks!.map(([size]) => size)).toEqual(live.map((c) => c.byteLength));

    const fast = await new Session({ cassette: await Cassette.open(path, { mode: 'replay' }) }).get(
      `${srv.origin}/drip`,
      { stream: true },
    );
    const replayed: Uint8Array[] = [];
    for await (const chunk of fast.iterContent()) replayed.push(chunk as Uint8Array);
    expect(replayed).toEqual(live); // the same chunks, byte for byte

    const paced = await new Session({
      cassette: await Cassette.open(path, { mode: 'replay', replayDelays: true }),
    }).get(`${srv.origin}/drip`);
    expect(paced.content).toEqual(new Uint8Array(Buffer.concat(live)));
    expect(paced.elapsed).toBeGreaterThanOrEqual(har.log.entries[0]!.timings.wait - 5);
  });

  it('a body cut short is recorded as far as it came, and replays as the same ChunkedEncodingError', async () => {
    const path = file('cut.har');
    const recording = await Cassette.open(path, { mode: 'record' });
    const live = await new Session({ cassette: recording }).get(`${srv.origin}/cut`).catch((e: unknown) => e);
    expect(live).toBeInstanceOf(ChunkedEncodingError);
    await recording.save();
    const { response } = (JSON.parse(readFileSync(path, 'utf8')) as Har).log.entries[0]!;
    expect(response.content.text).toBe('only ten b');
    expect(response._error).toBeTruthy();
    const replayed = await new Session({ cassette: await Cassette.open(path, { mode: 'replay' }) })
      .get(`${srv.origin}/cut`)
      .catch((e: unknown) => e);
    expect(replayed).toBeInstanceOf(ChunkedEncodingError);
  });

  it('a replayed delay counts against the timeout, and the caller can abort it', async () => {
    const har: Har = {
      log: {
        version: '1.2',
        creator: { name: 't', version: '1' },
        entries: [
          {
            startedDateTime: new Date().toISOString(),
            time: 400,
            request: {
              method: 'GET',
              url: 'http://slow.test/',
              httpVersion: '',
              cookies: [],
              headers: [],
              queryString: [],
              headersSize: -1,
              bodySize: 0,
            },
            response: {
              status: 200,
              statusText: 'OK',
              httpVersion: '',
              cookies: [],
              headers: [],
              content: { size: 2, mimeType: 'text/plain', text: 'ok' },
              redirectURL: '',
              headersSize: -1,
              bodySize: -1,
            },
            cache: {},
            timings: { send: 0, wait: 400, receive: 0 },
          },
        ],
      },
    };
    const cassette = Cassette.fromHar(har, { replayDelays: true, allowPlaybackRepeats: true });
    const s = new Session({ cassette });
    await expect(s.get('http://slow.test/', { timeout: 100 })).rejects.toMatchObject({ name: 'ReadTimeout' });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('stop')), 50);
    await expect(s.get('http://slow.test/', { signal: controller.signal })).rejects.toThrow('stop');
    expect((await s.get('http://slow.test/')).text).toBe('ok');
  });
});

describe('streamed request bodies', () => {
  it('are recorded whole (sent while read in record mode) and matched as bytes', async () => {
    const path = file('upload.har');
    const stream = () =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('part one, '));
          controller.enqueue(new TextEncoder().encode('part two'));
          controller.close();
        },
      });
    const recording = await Cassette.open(path, { mode: 'record' });
    const live = await new Session({ cassette: recording }).post(`${srv.origin}/echo`, { data: stream() });
    expect(live.json<{ body: string }>().body).toBe('part one, part two');
    await recording.save();
    const har = JSON.parse(readFileSync(path, 'utf8')) as Har;
    expect(har.log.entries[0]!.request.postData!.text).toBe('part one, part two');
    const replay = new Session({ cassette: await Cassette.open(path, { mode: 'replay', matchBody: true }) });
    expect((await replay.post(`${srv.origin}/echo`, { data: stream() })).text).toBe(live.text);
  });
});
