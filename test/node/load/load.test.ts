/**
 * Load on loopback: 10,000 requests at concurrency 64 through one Session, a tenth of them aborted at a random
 * moment (before the headers, between them and the body, mid-body) through their AbortSignal; a quarter
 * streamed. Every promise settles — an aborted call with exactly its signal's reason, every other one with the
 * whole body — nothing is rejected unhandled, and once `session.close()` has run and the client's keep-alive
 * pool has gone idle, the server has seen every socket closed by the client. Memory is sampled and reported
 * (console), and held to a generous bound: a leak of a body or a socket per request would break it.
 *
 * Bounded: a fixed count, a deterministic random sequence, loopback only, a 60 s ceiling.
 */
import { createServer } from 'node:http';
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, expect, it } from 'vitest';
import { Session } from '../../../src/index';
import { countConnections, openTcpSockets } from '../../helpers/connections';
import { listenOnLoopback } from '../../helpers/server';
import { watchUnhandled } from '../../helpers/settle';

const TOTAL = 10_000;
const CONCURRENCY = 64;
const ABORTED_SHARE = 0.1;
const STREAMED_SHARE = 0.25;
const BODY = 'x'.repeat(64);
/**
 * Generous ceilings for growth over the run. The heap is measured after a full GC, so it counts what is still
 * reachable: a Response, a body or a socket kept per request (10,000 of them) would exceed it several times.
 */
const MAX_RETAINED_HEAP_GROWTH = 16 * 2 ** 20;
/** Growth of the retained heap from the 1,000th request to the last: a kilobyte kept per request would exceed it. */
const MAX_RETAINED_HEAP_DRIFT = 8 * 2 ** 20;
const MAX_RSS_GROWTH = 384 * 2 ** 20;

/** A full garbage collection, without the --expose-gc flag the test runner does not pass. */
function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}

const server = createServer((req, res) => {
  res.on('error', () => {});
  // Keep-Alive: timeout=3 makes undici close an idle connection after ~1 s (3 s less its 2 s margin); the
  // server itself would wait 30 s, so a socket that closes during the test was closed by the client.
  res.writeHead(200, {
    'content-type': 'text/plain',
    'content-length': String(BODY.length),
    connection: 'keep-alive',
    'keep-alive': 'timeout=3',
  });
  res.write(BODY.slice(0, 32));
  // The rest a moment later, so that some aborts land mid-body.
  const n = Number(req.url!.slice(1));
  setTimeout(() => res.end(BODY.slice(32)), n % 3);
});
server.keepAliveTimeout = 30_000;
const sockets = countConnections(server);
const { origin, close } = await listenOnLoopback(server);
const unhandled = watchUnhandled();
afterAll(async () => {
  unhandled.stop();
  await close();
});

/** A deterministic sequence in [0, 1) (mulberry32), so a failing run can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MB`;

it(`${TOTAL.toLocaleString('en')} requests at concurrency ${CONCURRENCY} through one Session, ${ABORTED_SHARE * 100}% aborted: all settle, all sockets closed by the client, memory flat`, async () => {
  const rand = random(0x5eed);
  const session = new Session();
  const outcomes = { fulfilled: 0, abortedWithReason: 0, abortedButCompleted: 0, unexpected: [] as string[] };
  const samples: { done: number; rss: number; heapUsed: number }[] = [];
  const sample = (done: number) => {
    collectGarbage();
    const { rss, heapUsed } = process.memoryUsage();
    samples.push({ done, rss, heapUsed });
  };

  // Warm-up: the first requests load undici and open the pool; memory is measured from after them.
  await Promise.all(Array.from({ length: CONCURRENCY }, (_, i) => session.get(`${origin}/${i}`)));
  sample(0);

  let next = 0;
  let done = 0;
  const started = performance.now();
  const one = async (i: number): Promise<void> => {
    const abort = rand() < ABORTED_SHARE;
    const streamed = rand() < STREAMED_SHARE;
    const controller = abort ? new AbortController() : null;
    const reason = new Error(`abort #${i}`);
    const timer = controller ? setTimeout(() => controller.abort(reason), Math.floor(rand() * 4)) : undefined;
    try {
      const r = await session.get(`${origin}/${i}`, { signal: controller?.signal, stream: streamed });
      let text = '';
      if (streamed) for await (const piece of r.iterContent(null, true)) text += piece;
      else text = r.text;
      if (r.statusCode !== 200 || text !== BODY)
        outcomes.unexpected.push(`#${i}: ${r.statusCode} ${JSON.stringify(text)}`);
      else if (abort) outcomes.abortedButCompleted++;
      else outcomes.fulfilled++;
    } catch (error) {
      if (abort && error === reason) outcomes.abortedWithReason++;
      else outcomes.unexpected.push(`#${i}${abort ? ' (aborted)' : ''}: ${String(error)}`);
    } finally {
      clearTimeout(timer);
      if (++done % 1000 === 0) sample(done);
    }
  };
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < TOTAL) await one(next++);
    }),
  );
  const elapsed = performance.now() - started;

  session.close();
  const settledAt = performance.now();
  const deadline = settledAt + 10_000;
  while (sockets.open() > 0 && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  const closedAfter = performance.now() - settledAt;

  const first = samples[0]!;
  const last = samples.at(-1)!;
  const peakRss = Math.max(...samples.map((s) => s.rss));
  console.info(
    [
      `load: ${TOTAL} requests, concurrency ${CONCURRENCY}, in ${(elapsed / 1000).toFixed(1)} s (${Math.round(TOTAL / (elapsed / 1000))} req/s)`,
      `  outcomes: ${outcomes.fulfilled} fulfilled, ${outcomes.abortedWithReason} aborted (rejected with their reason), ${outcomes.abortedButCompleted} aborted too late (completed), ${outcomes.unexpected.length} unexpected`,
      `  sockets: ${sockets.accepted()} opened, ${sockets.open()} still open ${Math.round(closedAfter)} ms after session.close(), ${sockets.closedByServer()} closed by the server`,
      `  rss: ${mb(first.rss)} → ${mb(last.rss)} (peak ${mb(peakRss)}); heap after GC: ${mb(first.heapUsed)} → ${mb(last.heapUsed)}`,
      `  samples (done: rss / heap after GC): ${samples.map((s) => `${s.done}: ${mb(s.rss)} / ${mb(s.heapUsed)}`).join(', ')}`,
    ].join('\n'),
  );

  expect(outcomes.unexpected.slice(0, 5)).toEqual([]);
  expect(outcomes.fulfilled + outcomes.abortedWithReason + outcomes.abortedButCompleted).toBe(TOTAL);
  // The draw gives ~1,000 aborts; most land before the body is complete.
  expect(outcomes.abortedWithReason).toBeGreaterThan(TOTAL * ABORTED_SHARE * 0.5);
  expect(await unhandled.drain()).toEqual([]);

  expect(sockets.open(), 'sockets still open after session.close() and the idle timeout').toBe(0);
  expect(sockets.closedByServer(), 'sockets the server had to close itself').toBe(0);
  expect(openTcpSockets(), 'TCP sockets of this process still open (client or server end)').toBe(0);
  // Connections are pooled, not one per request: aborts cost a connection each at most.
  expect(sockets.accepted()).toBeLessThan(CONCURRENCY + TOTAL * ABORTED_SHARE * 1.5);

  expect(last.heapUsed - first.heapUsed).toBeLessThan(MAX_RETAINED_HEAP_GROWTH);
  expect(last.heapUsed - samples[1]!.heapUsed).toBeLessThan(MAX_RETAINED_HEAP_DRIFT);
  expect(last.rss - first.rss).toBeLessThan(MAX_RSS_GROWTH);
}, 60_000);
