/**
 * Concurrency-1 latency, interleaved request by request: every iteration sends one request with each client,
 * in a fresh shuffled order, so a burst of load from other processes lands on all of them alike. Percentiles
 * per client, and the median's ratio to raw fetch's — the steadiest view of what each client adds per request.
 */
import { CLIENTS, type Client, type ClientSpec } from './clients';
import { shuffle } from './harness';
import { loadLibrary } from './library';

export interface LatencyRow {
  name: string;
  /** Latency percentiles, µs. */
  p10: number;
  p50: number;
  p90: number;
  /** p50 minus raw fetch's p50, µs. */
  added: number;
  /** raw fetch's p50 / this p50 (throughput-like: below 1 is slower). */
  ratio: number;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))]!;
}

export async function runLatency(options: {
  origin: string;
  iterations: number;
  clients?: readonly ClientSpec[];
}): Promise<LatencyRow[]> {
  const specs = options.clients ?? CLIENTS;
  const lib = await loadLibrary();
  const url = `${options.origin}/small`;
  const clients: [string, Client][] = specs.map((spec) => [spec.name, spec.make(lib)]);
  for (let i = 0; i < 500; i++) for (const [, client] of clients) await client(url);
  const samples = new Map<string, number[]>(clients.map(([name]) => [name, []]));
  for (let i = 0; i < options.iterations; i++) {
    for (const [name, client] of shuffle(clients)) {
      const started = performance.now();
      await client(url);
      samples.get(name)!.push((performance.now() - started) * 1000);
    }
  }
  const sorted = new Map([...samples].map(([name, xs]) => [name, xs.sort((a, b) => a - b)]));
  const base = percentile(sorted.get('fetch')!, 0.5);
  return [...sorted].map(([name, xs]) => {
    const p50 = percentile(xs, 0.5);
    return { name, p10: percentile(xs, 0.1), p50, p90: percentile(xs, 0.9), added: p50 - base, ratio: base / p50 };
  });
}
