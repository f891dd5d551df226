/**
 * Bodies that take time or come in pieces, each a ReadableStream paced like httpbin's generators:
 *
 *   /delay/:n                the echo after n seconds (at most 10)
 *   /drip?numbytes=5&duration=1&delay=0&code=200   '*' bytes spread over `duration` seconds, after `delay`
 *   /stream/:n               n JSON lines (at most 100), one chunk each
 *   /stream-bytes/:n?seed=&chunk_size=   n random bytes in chunks (Python's generator when seeded)
 *   /bytes/:n?seed=          n random bytes at once (at most 100 KiB)
 *   /range/:n                'abcd…' honouring Range (206 / 416), ?chunk_size=&duration= to pace it
 */
import { PythonRandom } from './python-random';
import { pythonJson } from './python-json';
import type { HttpbinRequest } from './request-data';
import { jsonify, PLAIN, reply } from './responses';
import { ANY, GET, route, type Route } from './router';

const sleep = (seconds: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, Math.max(0, seconds * 1000)));
const encoder = new TextEncoder();

/** Python's float() for a query value; throws (→ 500) where Python would. */
function pyFloat(text: string): number {
  const t = text.trim().toLowerCase();
  if (/^[+-]?(inf|infinity)$/.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(t))
    throw new Error(`ValueError: could not convert string to float: '${text}'`);
  return Number(t);
}

/** Python's int() for a query value; throws (→ 500) where Python would. */
function pyInt(text: string): number {
  if (!/^\s*[+-]?\d+\s*$/.test(text)) throw new Error(`ValueError: invalid literal for int(): '${text}'`);
  return Number.parseInt(text, 10);
}

/** A stream that produces one chunk per pull; `next` returns null when done, and may wait (pacing). */
function paced(next: () => Promise<Uint8Array | null> | Uint8Array | null): ReadableStream<Uint8Array> {
  let cancelled = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const chunk = await next();
      if (cancelled) return;
      if (chunk === null) controller.close();
      else controller.enqueue(chunk);
    },
    cancel() {
      cancelled = true;
    },
  });
}

/** The seed httpbin would pass to random.seed(), or a fresh generator. */
function generator(req: HttpbinRequest): PythonRandom {
  const seed = req.arg('seed');
  return seed === undefined ? new PythonRandom() : new PythonRandom(BigInt(pyInt(seed)));
}

export const streamingRoutes: Route[] = [
  route('/delay/<delay>', ANY, async (req, { delay }) => {
    const seconds = Math.min(pyFloat(delay!), 10);
    if (seconds < 0) throw new Error('ValueError: sleep length must be non-negative');
    await sleep(seconds);
    return jsonify(await req.dict(['url', 'args', 'form', 'data', 'origin', 'headers', 'files']));
  }),

  route('/drip', GET, async (req) => {
    const duration = pyFloat(req.arg('duration') ?? '2');
    const numbytes = Math.min(pyInt(req.arg('numbytes') ?? '10'), 10 * 1024 * 1024);
    const code = pyInt(req.arg('code') ?? '200');
    if (numbytes <= 0) return reply('number of bytes must be positive', { status: 400, contentType: PLAIN });
    const delay = pyFloat(req.arg('delay') ?? '0');
    if (delay > 0) await sleep(delay);
    const pause = duration / numbytes;
    // Like the generator: a byte, then the pause (the last pause included), so the body ends after `duration`.
    let sent = 0;
    let first = true;
    const body = paced(async () => {
      if (!first) await sleep(pause);
      first = false;
      if (sent >= numbytes) return null;
      sent++;
      return encoder.encode('*');
    });
    return reply(body, {
      status: code,
      contentType: 'application/octet-stream',
      headers: [['Content-Length', String(numbytes)]],
    });
  }),

  route('/stream/<int:n>', GET, async (req, { n }) => {
    const count = Math.min(Number(n), 100);
    const base = await req.dict(['url', 'args', 'headers', 'origin']);
    let id = 0;
    const body = paced(() => (id < count ? encoder.encode(`${pythonJson({ ...base, id: id++ })}\n`) : null));
    return reply(body, { contentType: 'application/json' });
  }),

  route('/stream-bytes/<int:n>', GET, (req, { n }) => {
    const count = Math.min(Number(n), 100 * 1024);
    const rng = generator(req);
    const size = req.arg('chunk_size');
    const chunkSize = size === undefined ? 10 * 1024 : Math.max(1, pyInt(size));
    let made = 0;
    const body = paced(() => {
      if (made >= count) return null;
      const chunk = new Uint8Array(Math.min(chunkSize, count - made));
      for (let i = 0; i < chunk.length; i++) chunk[i] = rng.randint(0, 255);
      made += chunk.length;
      return chunk;
    });
    return reply(body, { contentType: 'application/octet-stream' });
  }),

  route('/bytes/<int:n>', GET, (req, { n }) => {
    const count = Math.min(Number(n), 100 * 1024);
    const rng = generator(req);
    const bytes = new Uint8Array(count);
    for (let i = 0; i < count; i++) bytes[i] = rng.randint(0, 255);
    return reply(bytes, { contentType: 'application/octet-stream' });
  }),

  route('/range/<int:numbytes>', GET, (req, { numbytes }) => {
    const total = Number(numbytes);
    const etag: [string, string] = ['ETag', `range${total}`];
    const acceptRanges: [string, string] = ['Accept-Ranges', 'bytes'];
    if (total <= 0 || total > 100 * 1024) {
      return reply('number of bytes must be in the range (0, 102400]', {
        status: 404,
        headers: [etag, acceptRanges],
        contentType: PLAIN,
      });
    }
    const size = req.arg('chunk_size');
    const chunkSize = size === undefined ? 10 * 1024 : Math.max(1, pyInt(size));
    const pausePerByte = pyFloat(req.arg('duration') ?? '0') / total;
    const [first, last] = requestRange(req.headers.get('range'), total);
    if (first > last || first < 0 || first >= total || last < 0 || last >= total) {
      return reply('', {
        status: 416,
        headers: [etag, acceptRanges, ['Content-Range', `bytes */${total}`], ['Content-Length', '0']],
        contentType: PLAIN,
      });
    }
    let position = first;
    let owed = 0;
    const body = paced(async () => {
      // The generator sleeps after each full chunk, and before the short last one.
      await sleep(owed);
      owed = 0;
      if (position > last) return null;
      const chunk = new Uint8Array(Math.min(chunkSize, last + 1 - position));
      for (let i = 0; i < chunk.length; i++) chunk[i] = 0x61 + ((position + i) % 26);
      position += chunk.length;
      if (chunk.length === chunkSize) owed = pausePerByte * chunk.length;
      else await sleep(pausePerByte * chunk.length);
      return chunk;
    });
    return reply(body, {
      status: first === 0 && last === total - 1 ? 200 : 206,
      contentType: 'application/octet-stream',
      headers: [
        etag,
        acceptRanges,
        ['Content-Length', String(last + 1 - first)],
        ['Content-Range', `bytes ${first}-${last}/${total}`],
      ],
    });
  }),
];

/** helpers.get_request_range over helpers.__parse_request_range: `bytes=a-b`, `bytes=a-`, `bytes=-n`. */
export function requestRange(header: string | null, upperBound: number): [number, number] {
  let left: number | null = null;
  let right: number | null = null;
  const text = (header ?? '').trim();
  if (text.startsWith('bytes')) {
    const components = text.split('=');
    if (components.length === 2) {
      const ends = components[1]!.split('-');
      const int = (s: string | undefined): number | null =>
        s !== undefined && /^\s*[+-]?\d+\s*$/.test(s) ? Number.parseInt(s, 10) : null;
      right = int(ends[1]);
      left = int(ends[0]);
    }
  }
  if (left === null && right === null) return [0, upperBound - 1];
  if (left === null) return [Math.max(0, upperBound - right!), upperBound - 1];
  if (right === null) return [left, upperBound - 1];
  return [left, right];
}
