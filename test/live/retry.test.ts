// Retries through ky against a real server that counts attempts: off by default, Retry-After (seconds and
// HTTP-date), idempotent methods only unless asked, RetryError when they run out, network errors, timeouts per
// attempt, streamed bodies sent once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionError, ReadTimeout, RequestException, RetryError, Session } from '../../src/index';
import { startServer, type TestServer } from '../helpers/server';

let srv: TestServer;
/** Attempts per key, with the time each arrived. */
const attempts = new Map<string, number[]>();
const count = (key: string) => attempts.get(key)?.length ?? 0;
/** The HTTP-date each key was told to retry at, as epoch ms. */
const retryAt = new Map<string, number>();
let nextKey = 0;
const key = () => `k${++nextKey}`;

beforeAll(async () => {
  srv = await startServer((req, res) => {
    const url = new URL(req.url!, 'http://x');
    const q = (name: string) => url.searchParams.get(name);
    const k = q('key') ?? '';
    const times = attempts.get(k) ?? [];
    times.push(Date.now());
    attempts.set(k, times);
    const n = times.length;
    if (url.pathname === '/flaky' && n <= Number(q('fail') ?? 0)) {
      const headers: Record<string, string> = {};
      if (q('ra') === 'date') {
        // At least one second ahead, on a whole second (an HTTP-date has no finer grain).
        retryAt.set(k, Math.ceil(Date.now() / 1000) * 1000 + 1000);
        headers['Retry-After'] = new Date(retryAt.get(k)!).toUTCString();
      } else if (q('ra')) headers['Retry-After'] = q('ra')!;
      res.writeHead(Number(q('status') ?? 503), headers);
      res.end(`attempt ${n} failed`);
      return;
    }
    if (url.pathname === '/stall' && n <= Number(q('stalls') ?? 0)) return; // no answer: the client gives up
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify({ attempt: n, method: req.method, body: req.body.toString() }));
  });
});
afterAll(() => srv.close());

const fast = { backoffLimit: 1 };

describe('retries are off by default', () => {
  it('returns the first 503 without retrying when the Session has no retry setting', async () => {
    const k = key();
    const r = await new Session().get(`${srv.origin}/flaky?key=${k}&fail=1`);
    expect([r.statusCode, count(k)]).toEqual([503, 1]);
  });
});

describe('retrying statuses', () => {
  it('retries a retryable status until it succeeds', async () => {
    const k = key();
    const r = await new Session({ retry: { limit: 3, ...fast } }).get(`${srv.origin}/flaky?key=${k}&fail=2`);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ attempt: 3 });
  });

  it('takes a number as the limit, with ky’s default back-off', async () => {
    const k = key();
    const r = await new Session({ retry: 1 }).get(`${srv.origin}/flaky?key=${k}&fail=1`);
    expect([r.statusCode, count(k)]).toEqual([200, 2]);
    const [first, second] = attempts.get(k)!;
    expect(second! - first!).toBeGreaterThanOrEqual(250);
  });

  it('waits as long as Retry-After says in seconds, whatever the back-off limit', async () => {
    const k = key();
    const r = await new Session({ retry: { limit: 1, ...fast } }).get(
      `${srv.origin}/flaky?key=${k}&fail=1&status=429&ra=1`,
    );
    expect(r.statusCode).toBe(200);
    const [first, second] = attempts.get(k)!;
    expect(second! - first!).toBeGreaterThanOrEqual(950);
  });

  it('waits until the HTTP-date Retry-After gives', async () => {
    const k = key();
    const r = await new Session({ retry: { limit: 1, ...fast } }).get(
      `${srv.origin}/flaky?key=${k}&fail=1&status=503&ra=date`,
    );
    expect(r.statusCode).toBe(200);
    // A few ms of slack for timer rounding; the back-off alone would have retried after 1 ms.
    expect(attempts.get(k)![1]!).toBeGreaterThanOrEqual(retryAt.get(k)! - 10);
  });

  it('throws RetryError with urllib3’s message when the status is still there after the last retry', async () => {
    const k = key();
    const url = `${srv.origin}/flaky?key=${k}&fail=99&status=502`;
    const error = await new Session({ retry: { limit: 2, ...fast } }).get(url).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryError);
    expect(error).toBeInstanceOf(RequestException);
    expect((error as RetryError).message).toBe(
      `HTTPConnectionPool(host='127.0.0.1', port=${srv.port}): Max retries exceeded with url: /flaky?key=${k}&fail=99&status=502 (Caused by ResponseError('too many 502 error responses'))`,
    );
    expect((error as RetryError).request?.url).toBe(url);
    expect(count(k)).toBe(3);
  });

  it('returns a status that is not in statusCodes at once', async () => {
    const k = key();
    const r = await new Session({ retry: { limit: 2, statusCodes: [503], ...fast } }).get(
      `${srv.origin}/flaky?key=${k}&fail=1&status=500`,
    );
    expect([r.statusCode, r.text, count(k)]).toEqual([500, 'attempt 1 failed', 1]);
  });

  it('returns a 413 without Retry-After at once (ky and urllib3 retry a 413 only when told when)', async () => {
    const k = key();
    const r = await new Session({ retry: { limit: 2, ...fast } }).put(
      `${srv.origin}/flaky?key=${k}&fail=1&status=413`,
      { data: 'big' },
    );
    expect([r.statusCode, count(k)]).toEqual([413, 1]);
  });
});

describe('methods', () => {
  it('does not retry POST by default: the 503 comes back after one attempt', async () => {
    const k = key();
    const r = await new Session({ retry: { limit: 2, ...fast } }).post(`${srv.origin}/flaky?key=${k}&fail=1`, {
      data: { a: '1' },
    });
    expect([r.statusCode, count(k)]).toEqual([503, 1]);
  });

  it('retries POST when methods includes it, sending the same body every time', async () => {
    const k = key();
    const s = new Session({ retry: { limit: 2, methods: ['POST'], ...fast } });
    const r = await s.post(`${srv.origin}/flaky?key=${k}&fail=2`, { json: { n: 1 } });
    expect(r.json()).toEqual({ attempt: 3, method: 'POST', body: '{"n": 1}' });
    expect(srv.requests.filter((q) => q.url.includes(`key=${k}&`)).map((q) => q.body.toString())).toEqual([
      '{"n": 1}',
      '{"n": 1}',
      '{"n": 1}',
    ]);
  });

  it('sends a ReadableStream body once and never tees it, even when POST retries are asked for', async () => {
    const k = key();
    const bodies: unknown[] = [];
    const spy = ((input: RequestInfo | URL, init?: RequestInit) => {
      bodies.push(input instanceof Request ? 'a Request (cloned for retries)' : init?.body);
      return fetch(input, init);
    }) as typeof fetch;
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('streamed'));
        controller.close();
      },
    });
    const s = new Session({ retry: { limit: 2, methods: ['post'], ...fast }, fetch: spy });
    const r = await s.post(`${srv.origin}/flaky?key=${k}&fail=1`, { data: stream });
    expect([r.statusCode, count(k)]).toEqual([503, 1]);
    expect(bodies).toEqual([stream]);
    expect(srv.requests.at(-1)!.body.toString()).toBe('streamed');
  });
});

describe('network errors and timeouts', () => {
  async function refusedOrigin(): Promise<string> {
    const gone = await startServer(() => {});
    await gone.close();
    return gone.origin;
  }

  it('retries a refused connection for idempotent methods, then raises ConnectionError', async () => {
    const origin = await refusedOrigin();
    let calls = 0;
    const counting = ((input: RequestInfo | URL, init?: RequestInit) => (calls++, fetch(input, init))) as typeof fetch;
    const s = new Session({ retry: { limit: 2, ...fast }, fetch: counting });
    await expect(s.get(`${origin}/`)).rejects.toBeInstanceOf(ConnectionError);
    expect(calls).toBe(3);
    calls = 0;
    await expect(s.post(`${origin}/`, { data: 'x' })).rejects.toBeInstanceOf(ConnectionError);
    expect(calls).toBe(1);
  });

  it('applies the timeout to each attempt: an attempt that stalls is retried and the next one answers', async () => {
    const k = key();
    const r = await new Session({ retry: { limit: 2, ...fast }, timeout: 300 }).get(
      `${srv.origin}/stall?key=${k}&stalls=1`,
    );
    expect(r.json()).toMatchObject({ attempt: 2 });
  });

  it('raises ReadTimeout when every attempt stalls, after the retries; a POST is not retried', async () => {
    const k = key();
    const s = new Session({ retry: { limit: 1, ...fast }, timeout: 150 });
    const error = await s.get(`${srv.origin}/stall?key=${k}&stalls=99`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReadTimeout);
    expect((error as Error).message).toMatch(/timeout=150 ms/);
    expect(count(k)).toBe(2);
    const k2 = key();
    await expect(s.post(`${srv.origin}/stall?key=${k2}&stalls=99`, { data: 'x' })).rejects.toBeInstanceOf(ReadTimeout);
    expect(count(k2)).toBe(1);
  });

  it("rejects with the caller's abort reason while waiting to retry, without another attempt", async () => {
    const k = key();
    const controller = new AbortController();
    const reason = new Error('caller gave up');
    setTimeout(() => controller.abort(reason), 200);
    const s = new Session({ retry: { limit: 3 } });
    await expect(s.get(`${srv.origin}/flaky?key=${k}&fail=9&ra=5`, { signal: controller.signal })).rejects.toBe(reason);
    expect(count(k)).toBe(1);
  });
});
