/**
 * Small-GET throughput: every client against the same loopback server. Each client's batch is paired with a
 * raw-fetch batch run right before or after it (a coin decides), clients come in a fresh shuffled order every
 * round, and the ratio is taken pair by pair; the table reports the medians. Two ratios: wall-clock
 * requests per second (what the budget is about), and client CPU time per request (which other processes
 * competing for the CPU disturb far less — the overhead itself).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface, type Interface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { CLIENTS, runBatch, type BatchResult, type ClientSpec } from './clients';
import { median, quartiles, shuffle, stopChild } from './harness';
import { loadLibrary } from './library';

export interface ThroughputOptions {
  origin: string;
  concurrencies: readonly number[];
  rounds: number;
  /** About how long (ms) one batch takes; batch sizes are calibrated to it after the warm-up. */
  batchMs: number;
  clients?: readonly ClientSpec[];
  python: boolean;
  log?: (line: string) => void;
}

export interface ThroughputRow {
  name: string;
  note: string;
  concurrency: number;
  /** Median requests per second. */
  rate: number;
  /** Median of the paired ratios of requests per second to raw fetch's. */
  ratio: number;
  /** Lower and upper quartile of those ratios. */
  spread: [number, number];
  /** Median client CPU µs per request. */
  cpu: number;
  /** Median of the paired ratios raw fetch CPU / this client's CPU (above 1: cheaper than fetch). */
  cpuRatio: number;
  budget?: number;
}

const PYTHON = '/usr/bin/python3';
export const PYTHON_NAME = 'Python Requests';

/** Python Requests' Session in a subprocess (bench/python_requests.py). */
class PythonClient {
  #child: ChildProcess;
  #lines: Interface;
  #pending: ((line: string) => void)[] = [];
  version = '';

  private constructor(child: ChildProcess) {
    this.#child = child;
    this.#lines = createInterface({ input: child.stdout! });
    this.#lines.on('line', (line) => this.#pending.shift()?.(line));
  }

  /** null when Debian's python3-requests is missing. */
  static async start(): Promise<PythonClient | null> {
    if (!existsSync(PYTHON)) return null;
    const child = spawn(PYTHON, [fileURLToPath(new URL('./python_requests.py', import.meta.url))], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const client = new PythonClient(child);
    const ready = await Promise.race([
      client.#next(),
      new Promise<string>((resolve) => child.once('exit', () => resolve(''))),
    ]);
    if (!ready.startsWith('ready')) {
      await client.stop();
      return null;
    }
    client.version = ready.split(' ')[2] ?? '';
    return client;
  }

  #next(): Promise<string> {
    return new Promise((resolve) => this.#pending.push(resolve));
  }

  async run(url: string, concurrency: number, count: number): Promise<BatchResult> {
    const answer = this.#next();
    this.#child.stdin!.write(`RUN ${url} ${concurrency} ${count}\n`);
    const [rate, cpu] = (await answer).split(' ').map(Number) as [number, number];
    return { rate, cpu };
  }

  stop(): Promise<void> {
    this.#lines.close();
    return stopChild(this.#child);
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  (map.get(key) ?? map.set(key, []).get(key)!).push(value);
}

export async function runThroughput(
  options: ThroughputOptions,
): Promise<{ rows: ThroughputRow[]; pythonVersion: string | null }> {
  const { origin, concurrencies, rounds, log = () => {} } = options;
  const specs = options.clients ?? CLIENTS;
  const url = `${origin}/small`;
  const python = options.python ? await PythonClient.start() : null;
  if (options.python && !python) log(`  (${PYTHON} with requests not found: Python Requests skipped)`);
  const lib = await loadLibrary();
  const runners = new Map<string, (c: number, n: number) => Promise<BatchResult>>();
  for (const spec of specs) {
    const client = spec.make(lib);
    runners.set(spec.name, (c, n) => runBatch(client, url, c, n));
  }
  if (python) runners.set(PYTHON_NAME, (c, n) => python.run(url, c, n));
  const notes = new Map<string, string>(specs.map((s) => [s.name, s.note]));
  if (python)
    notes.set(PYTHON_NAME, `Python Requests ${python.version}, \`session.get(url).content\`, a Session per thread`);
  const baseline = runners.get('fetch');
  if (!baseline) throw new Error('the raw fetch client is the baseline and must be included');

  const rows: ThroughputRow[] = [];
  try {
    for (const concurrency of concurrencies) {
      // Warm-up (JIT, connection pools, Python's imports), then a batch size per client that takes about
      // `batchMs`: short batches keep each pair close in time, so a burst of load hits both sides of it.
      const counts = new Map<string, number>();
      for (const [name, run] of runners) {
        await run(concurrency, 100 * concurrency);
        const { rate } = await run(concurrency, 100 * concurrency);
        counts.set(name, Math.max(10 * concurrency, Math.round((rate * options.batchMs) / 1000)));
      }
      const rates = new Map<string, number[]>();
      const cpus = new Map<string, number[]>();
      const ratios = new Map<string, number[]>();
      const cpuRatios = new Map<string, number[]>();
      const fetchCount = counts.get('fetch')!;
      for (let round = 0; round < rounds; round++) {
        for (const name of shuffle([...runners.keys()])) {
          const run = runners.get(name)!;
          let result: BatchResult;
          let base: BatchResult;
          if (name === 'fetch') {
            result = base = await baseline(concurrency, fetchCount);
          } else if (Math.random() < 0.5) {
            base = await baseline(concurrency, fetchCount);
            result = await run(concurrency, counts.get(name)!);
          } else {
            result = await run(concurrency, counts.get(name)!);
            base = await baseline(concurrency, fetchCount);
          }
          push(rates, name, result.rate);
          push(cpus, name, result.cpu);
          push(ratios, name, result.rate / base.rate);
          push(cpuRatios, name, base.cpu / result.cpu);
        }
        log(
          `  concurrency ${concurrency}: round ${round + 1}/${rounds}, fetch ${Math.round(median(rates.get('fetch')!))} req/s`,
        );
      }
      for (const name of runners.keys()) {
        const budget = specs.find((s) => s.name === name)?.budget;
        rows.push({
          name,
          note: notes.get(name) ?? '',
          concurrency,
          rate: median(rates.get(name)!),
          ratio: median(ratios.get(name)!),
          spread: quartiles(ratios.get(name)!),
          cpu: median(cpus.get(name)!),
          cpuRatio: median(cpuRatios.get(name)!),
          ...(budget !== undefined && { budget }),
        });
      }
    }
  } finally {
    await python?.stop();
  }
  return { rows, pythonVersion: python?.version ?? null };
}
