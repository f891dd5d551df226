/**
 * Per-request overhead over fetch, with the network taken out: every client gets the same stub fetch, which
 * builds the `Request` real fetch would build (so header and init handling is still paid) and answers with a
 * fresh 64-byte Response. What is left is each library's own CPU cost per request, in µs; medians of paired
 * rounds (client batch next to a raw batch), which other processes on the machine disturb far less than the
 * loopback throughput.
 */
import ky from 'ky';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { firstJsonLine, median, shuffle, TSX } from './harness';
import { loadLibrary, type FetchRequests } from './library';

const BODY = new TextEncoder().encode(
  `${JSON.stringify({ ok: true, message: 'hello from the bench server', n: 42 }).padEnd(63, ' ')}\n`,
);
const RESPONSE_HEADERS = { 'content-type': 'application/json', 'content-length': String(BODY.byteLength) };

/** What undici's fetch does before touching the network: `new Request(input, init)`; then a small response. */
export const stubFetch: typeof fetch = async (input, init) => {
  void new Request(input, init);
  return new Response(BODY, { status: 200, headers: RESPONSE_HEADERS });
};

interface OverheadSpec {
  name: string;
  run: (url: string) => Promise<unknown>;
}

function specs({ get, Session }: FetchRequests): OverheadSpec[] {
  const session = new Session({ fetch: stubFetch });
  const timed = new Session({ fetch: stubFetch, timeout: 30_000 });
  return [
    { name: 'fetch', run: async (url) => (await stubFetch(url)).arrayBuffer() },
    {
      name: 'fetch + signal',
      run: async (url) => (await stubFetch(url, { signal: new AbortController().signal })).arrayBuffer(),
    },
    {
      // What ky does on every call, without the rest of ky: a Request carrying an AbortSignal, handed to fetch.
      name: 'fetch(new Request(url, { signal }))',
      run: async (url) => (await stubFetch(new Request(url, { signal: new AbortController().signal }))).arrayBuffer(),
    },
    { name: 'ky', run: (url) => ky(url, { retry: 0, timeout: false, fetch: stubFetch }).arrayBuffer() },
    { name: 'get', run: (url) => get(url, { fetch: stubFetch }) },
    { name: 'Session.get', run: (url) => session.get(url) },
    { name: 'Session.get timeout', run: (url) => timed.get(url) },
  ];
}

export interface OverheadRow {
  name: string;
  /** Median CPU µs per request. */
  cost: number;
  /** Median of (client − raw fetch) per pair, µs. */
  overhead: number;
  /** Fastest round of the client minus fastest round of raw fetch, µs: noise only ever adds time, so the
   * minima are the steadiest estimate on a busy machine. */
  floor: number;
}

async function batch(run: OverheadSpec['run'], url: string, count: number): Promise<number> {
  const before = process.cpuUsage();
  for (let i = 0; i < count; i++) await run(url);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / count;
}

export async function runOverhead(options: {
  rounds: number;
  count: number;
  only?: readonly string[];
}): Promise<OverheadRow[]> {
  const url = 'http://127.0.0.1:9/small';
  const all = specs(await loadLibrary()).filter(
    (s) => !options.only || s.name === 'fetch' || options.only.includes(s.name),
  );
  const raw = all.find((s) => s.name === 'fetch')!;
  for (const spec of all) await batch(spec.run, url, options.count);
  const costs = new Map<string, number[]>();
  const overheads = new Map<string, number[]>();
  for (let round = 0; round < options.rounds; round++) {
    for (const spec of shuffle(all)) {
      const first = Math.random() < 0.5;
      const a = first ? await batch(raw.run, url, options.count) : 0;
      const cost = await batch(spec.run, url, options.count);
      const base = first ? a : await batch(raw.run, url, options.count);
      (costs.get(spec.name) ?? costs.set(spec.name, []).get(spec.name)!).push(cost);
      (overheads.get(spec.name) ?? overheads.set(spec.name, []).get(spec.name)!).push(cost - base);
    }
  }
  const fastest = (name: string): number => Math.min(...costs.get(name)!);
  return all.map((s) => ({
    name: s.name,
    cost: median(costs.get(s.name)!),
    overhead: median(overheads.get(s.name)!),
    floor: fastest(s.name) - fastest('fetch'),
  }));
}

/**
 * Runs in its own process (run.ts spawns it): a timeout makes the library subscribe to undici's diagnostics
 * channels for the rest of the process, which would tax every later request of every client.
 *
 *   npx tsx bench/overhead.ts [rounds] [count] [client,client…] [--json]
 */
export function runOverheadIsolated(options: { rounds: number; count: number }): Promise<OverheadRow[]> {
  const child = spawn(
    process.execPath,
    [...TSX, fileURLToPath(import.meta.url), String(options.rounds), String(options.count), '', '--json'],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return firstJsonLine(child);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [rounds = '15', count = '5000', only = ''] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const rows = await runOverhead({
    rounds: Number(rounds),
    count: Number(count),
    ...(only && { only: only.split(',') }),
  });
  if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify(rows)}\n`);
  else
    for (const r of rows)
      console.log(
        `${r.name.padEnd(22)} ${r.cost.toFixed(2).padStart(8)} µs  median +${r.overhead.toFixed(2)} µs  min +${r.floor.toFixed(2)} µs`,
      );
}
