// Retries as urllib3's Retry has them (Requests' HTTPAdapter(max_retries=Retry(...))), against a real server that
// counts attempts: off by default; only statuses in statusForcelist (or 413/429/503 with Retry-After); no sleep
// before the first retry, then backoffFactor × 2^(n-1); Retry-After (seconds and HTTP-date); idempotent methods
// only unless asked, but a connection that was never made for any method; RetryError with the last response when
// they run out, or that response with raiseOnStatus: false; timeouts per attempt; streamed bodies sent once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ConnectionError,
  HTTPAdapter,
  ReadTimeout,
  RequestException,
  Retry,
  RetryError,
  Session,
} from '../../../src/index';
import { startServer, type TestServer } from '../../helpers/server';

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

describe('retries are off by default', () => {
  it('returns the first 503 without retrying when the Session has no retry setting', async () => {
    const k = key();
    const r = await new Session().get(`${srv.origin}/flaky?key=${k}&fail=1`);
    expect([r.statusCode, count(k)]).toEqual([503, 1]);
  });
});

describe('retrying statuses', () => {
  it('retries a status in statusForcelist until it succeeds', async () => {
    const k = key();
    const retry = new Retry({ total: 3, statusForcelist: [503] });
    const r = await new Session({ retry }).get(`${srv.origin}/flaky?key=${k}&fail=2`);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ attempt: 3 });
  });

  it('takes a number as Retry(total=n), which retries no status: a plain 503 comes back at once', async () => {
    const k = key();
    const started = Date.now();
    const r = await new Session({ retry: 5 }).get(`${srv.origin}/flaky?key=${k}&fail=1`);
    expect([r.statusCode, count(k)]).toEqual([503, 1]);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('sleeps nothing before the first retry, then backoffFactor × 2^(n-1) seconds', async () => {
    const k = key();
    const retry = new Retry({ total: 3, statusForcelist: [503], backoffFactor: 0.1 });
    const r = await new Session({ retry }).get(`${srv.origin}/flaky?key=${k}&fail=3`);
    expect(r.statusCode).toBe(200);
    const [a, b, c, d] = attempts.get(k)!;
    expect(b! - a!).toBeLessThan(150);
    expect(c! - b!).toBeGreaterThanOrEqual(190);
    expect(d! - c!).toBeGreaterThanOrEqual(390);
  });

  it('retries a 429 that says Retry-After, waiting as long as it says in seconds', async () => {
    const k = key();
    const r = await new Session({ retry: 1 }).get(`${srv.origin}/flaky?key=${k}&fail=1&status=429&ra=1`);
    expect(r.statusCode).toBe(200);
    const [first, second] = attempts.get(k)!;
    expect(second! - first!).toBeGreaterThanOrEqual(950);
  });

  it('waits until the HTTP-date Retry-After gives', async () => {
    const k = key();
    const r = await new Session({ retry: 1 }).get(`${srv.origin}/flaky?key=${k}&fail=1&status=503&ra=date`);
    expect(r.statusCode).toBe(200);
    // A few ms of slack for timer rounding; without Retry-After the first retry would go at once.
    expect(attempts.get(k)![1]!).toBeGreaterThanOrEqual(retryAt.get(k)! - 10);
  });

  it('throws RetryError with urllib3’s message and the last response when the status outlasts the retries', async () => {
    const k = key();
    const url = `${srv.origin}/flaky?key=${k}&fail=99&status=502`;
    const retry = new Retry({ total: 2, statusForcelist: [502] });
    const error = await new Session({ retry }).get(url).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryError);
    expect(error).toBeInstanceOf(RequestException);
    expect((error as RetryError).message).toBe(
      `HTTPConnectionPool(host='127.0.0.1', port=${srv.port}): Max retries exceeded with url: /flaky?key=${k}&fail=99&status=502 (Caused by ResponseError('too many 502 error responses'))`,
    );
    expect((error as RetryError).request?.url).toBe(url);
    expect((error as RetryError).response?.statusCode).toBe(502);
    expect(count(k)).toBe(3);
  });

  it('returns the last response, its body readable, with raiseOnStatus: false', async () => {
    const k = key();
    const retry = new Retry({ total: 2, statusForcelist: [502], raiseOnStatus: false });
    const r = await new Session({ retry }).get(`${srv.origin}/flaky?key=${k}&fail=99&status=502`);
    expect([r.statusCode, r.text, count(k)]).toEqual([502, 'attempt 3 failed', 3]);
  });

  it('returns a status that is not in statusForcelist at once', async () => {
    const k = key();
    const retry = new Retry({ total: 2, statusForcelist: [503] });
    const r = await new Session({ retry }).get(`${srv.origin}/flaky?key=${k}&fail=1&status=500`);
    expect([r.statusCode, r.text, count(k)]).toEqual([500, 'attempt 1 failed', 1]);
  });

  it('returns a 413 without Retry-After at once (urllib3 retries a 413 only when told when)', async () => {
    const k = key();
    const r = await new Session({ retry: 2 }).put(`${srv.origin}/flaky?key=${k}&fail=1&status=413`, { data: 'big' });
    expect([r.statusCode, count(k)]).toEqual([413, 1]);
  });

  it('is mounted per prefix: the longest prefix wins', async () => {
    const k = key();
    const s = new Session();
    const retrying = new HTTPAdapter({ maxRetries: new Retry({ total: 2, statusForcelist: [503] }) });
    s.mount(`${srv.origin}/flaky?key=${k}&`, retrying);
    expect(s.getAdapter(`${srv.origin}/flaky?key=${k}&fail=1`)).toBe(retrying);
    expect((await s.get(`${srv.origin}/flaky?key=${k}&fail=1`)).statusCode).toBe(200);
    const k2 = key();
    expect(s.getAdapter(`${srv.origin}/flaky?key=${k2}&fail=1`)).not.toBe(retrying);
    expect((await s.get(`${srv.origin}/flaky?key=${k2}&fail=1`)).statusCode).toBe(503);
  });
});

describe('methods', () => {
  const forcelist = { total: 2, statusForcelist: [503] };

  it('does not retry POST by default: the 503 comes back after one attempt', async () => {
    const k = key();
    const r = await new Session({ retry: forcelist }).post(`${srv.origin}/flaky?key=${k}&fail=1`, {
      data: { a: '1' },
    });
    expect([r.statusCode, count(k)]).toEqual([503, 1]);
  });

  it('retries POST when allowedMethods includes it, sending the same body every time', async () => {
    const k = key();
    const s = new Session({ retry: { ...forcelist, allowedMethods: ['POST'] } });
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
    const s = new Session({ retry: { ...forcelist, allowedMethods: new Set(['POST']) }, fetch: spy });
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

  it('retries a connection that was never made for any method (nothing reached the server), then raises ConnectionError', async () => {
    const origin = await refusedOrigin();
    let calls = 0;
    const counting = ((input: RequestInfo | URL, init?: RequestInit) => (calls++, fetch(input, init))) as typeof fetch;
    const s = new Session({ retry: 2, fetch: counting });
    await expect(s.get(`${origin}/`)).rejects.toBeInstanceOf(ConnectionError);
    expect(calls).toBe(3);
    calls = 0;
    await expect(s.post(`${origin}/`, { data: 'x' })).rejects.toBeInstanceOf(ConnectionError);
    expect(calls).toBe(3);
  });

  it('applies the timeout to each attempt: an attempt that stalls is retried and the next one answers', async () => {
    const k = key();
    const r = await new Session({ retry: 2, timeout: 300 }).get(`${srv.origin}/stall?key=${k}&stalls=1`);
    expect(r.json()).toMatchObject({ attempt: 2 });
  });

  it('raises ReadTimeout when every attempt stalls, after the retries; a POST is not retried', async () => {
    const k = key();
    const s = new Session({ retry: 1, timeout: 150 });
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
    const s = new Session({ retry: 3 });
    await expect(s.get(`${srv.origin}/flaky?key=${k}&fail=9&ra=5`, { signal: controller.signal })).rejects.toBe(reason);
    expect(count(k)).toBe(1);
  });
});
