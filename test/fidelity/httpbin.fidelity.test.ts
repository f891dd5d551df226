/**
 * Do the mocks tell the truth? Every row of the request table (cases.ts) goes, through the library, to the MSW
 * httpbin (on http://httpbin.mock) and to Debian's real httpbin under gunicorn (global-setup.ts), and the two
 * normalised observations must match, apart from each row's documented, checked differences.
 *
 * How both run in one process: msw intercepts at the socket level, so the real server's origin gets a handler that
 * lets its requests through (msw's passthrough()); everything else unhandled is an error. Both sides therefore go
 * through the same fetch, HTTP parser and decompression, and a difference can only come from the servers.
 */
import { http, passthrough } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { httpbinHandlers } from '../../mocks/httpbin/index';
import requests, { type Response } from '../../src/index';
import { CASES, ENDPOINTS, type Case } from './cases';
import { GLOBAL_DIFFERENCES, HTTP_DATE, observe, type Observation, type Side } from './normalise';

const REAL: Side = { name: 'real', origin: inject('realHttpbin') };
const MOCK: Side = { name: 'mock', origin: 'http://httpbin.mock' };

const server = setupServer(
  ...httpbinHandlers(MOCK.origin),
  http.all(`${REAL.origin}/*`, () => passthrough()),
);
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterAll(() => server.close());

function send(c: Case, side: Side): Promise<Response> {
  if (c.send) return c.send(side.origin, c.path);
  return requests.request(c.method ?? 'GET', `${side.origin}${c.path}`, {
    allowRedirects: c.follow ?? false,
    ...c.options,
  });
}

/** The observation, or the exception class the library raised (which must then be the same on both sides). */
async function observed(c: Case, side: Side): Promise<Observation | { raised: string }> {
  try {
    return observe(await send(c, side), c.body ?? 'json', side);
  } catch (error) {
    return { raised: (error as Error).name };
  }
}

/** Reads `headers.content-type` style paths; removes the field so the rest can be compared whole. */
function take(o: Observation | { raised: string }, path: string): unknown {
  const [head, ...rest] = path.split('.');
  const record = o as unknown as Record<string, unknown>;
  if (rest.length === 0) {
    const value = record[head!];
    delete record[head!];
    return value;
  }
  const inner = record[head!] as Record<string, unknown> | undefined;
  if (!inner) return undefined;
  const key = rest.join('.');
  const value = inner[key];
  delete inner[key];
  return value;
}

describe('the MSW httpbin answers like the real httpbin', () => {
  for (const c of CASES) {
    it(`${c.method ?? 'GET'} ${c.path} — ${c.name}`, async () => {
      const real = await observed(c, REAL);
      const mock = await observed(c, MOCK);
      if (c.differs) {
        // An allowed difference must be exactly the documented one, on both sides.
        for (const [path, expected] of Object.entries(c.differs.real))
          expect(take(real, path), `real ${path} (${c.differs.why})`).toEqual(expected);
        for (const [path, expected] of Object.entries(c.differs.mock))
          expect(take(mock, path), `mock ${path} (${c.differs.why})`).toEqual(expected);
        for (const path of Object.keys(c.differs.mock)) if (!(path in c.differs.real)) take(real, path);
        for (const path of Object.keys(c.differs.real)) if (!(path in c.differs.mock)) take(mock, path);
      }
      expect(mock).toEqual(real);
    });
  }
});

describe('the request table', () => {
  it('reaches every endpoint issue 6 lists', () => {
    const missing = ENDPOINTS.filter((pattern) => !CASES.some((c) => pattern.test(c.path)));
    expect(missing.map(String)).toEqual([]);
  });

  it('has no differences that are not explained', () => {
    for (const c of CASES) if (c.differs) expect(c.differs.why.length, c.name).toBeGreaterThan(20);
  });
});

describe('the global differences are real (so the list cannot go stale)', () => {
  const raw = async (side: Side, path: string): Promise<Response> => requests.get(`${side.origin}${path}`);

  it(`prettyJson: ${GLOBAL_DIFFERENCES.prettyJson}`, async () => {
    const [real, mock] = await Promise.all([raw(REAL, '/get'), raw(MOCK, '/get')]);
    expect(real.text.startsWith('{"args":{}')).toBe(true);
    expect(mock.text.startsWith('{\n  "args": {}, \n  "headers": {\n')).toBe(true);
    expect(mock.text.endsWith('\n}\n')).toBe(true);
  });

  it(`connectionHeader: ${GLOBAL_DIFFERENCES.connectionHeader}`, async () => {
    const [real, mock] = await Promise.all([raw(REAL, '/headers'), raw(MOCK, '/headers')]);
    expect(real.json<{ headers: Record<string, string> }>().headers.Connection).toBe('keep-alive');
    expect(mock.json<{ headers: Record<string, string> }>().headers).not.toHaveProperty('Connection');
  });

  it(`serverHeader and dateHeader: ${GLOBAL_DIFFERENCES.serverHeader} ${GLOBAL_DIFFERENCES.dateHeader}`, async () => {
    const [real, mock] = await Promise.all([raw(REAL, '/ip'), raw(MOCK, '/ip')]);
    expect(real.headers.get('server')).toBe('gunicorn');
    expect(mock.headers.get('server')).toBe('gunicorn/19.9.0');
    expect(real.headers.get('date')).toMatch(HTTP_DATE);
    expect(mock.headers.get('date')).toMatch(HTTP_DATE);
  });
});

describe('pacing: where httpbin sends a body in pieces over time, so does the mock', () => {
  /** The body's arrival: how many reads it took and how long from the headers to the end. */
  async function arrival(side: Side, path: string): Promise<{ chunks: number; seconds: number; bytes: number }> {
    const r = await requests.get(`${side.origin}${path}`, { stream: true });
    const started = performance.now();
    let chunks = 0;
    let bytes = 0;
    for await (const chunk of r.iterContent(null)) {
      chunks++;
      bytes += chunk.length;
    }
    return { chunks, seconds: (performance.now() - started) / 1000, bytes };
  }

  for (const [path, duration, pieces] of [
    ['/drip?numbytes=4&duration=0.4', 0.4, 4],
    ['/range/40?chunk_size=10&duration=0.4', 0.3, 4],
  ] as const) {
    it(`${path}: ${pieces} pieces spread over about ${duration} s on both`, async () => {
      const [real, mock] = [await arrival(REAL, path), await arrival(MOCK, path)];
      for (const side of [real, mock]) {
        expect(side.chunks).toBe(pieces);
        expect(side.seconds).toBeGreaterThan(duration * 0.6);
      }
      expect(mock.bytes).toBe(real.bytes);
    });
  }

  it('/delay/0.3: both answer no sooner than 0.3 s', async () => {
    for (const side of [REAL, MOCK]) {
      const started = performance.now();
      const r = await requests.get(`${side.origin}/delay/0.3`);
      expect(r.statusCode).toBe(200);
      expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    }
  });
});
