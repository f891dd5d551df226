/** What every benchmark shares: the server child process, shuffled paired rounds, medians, formatting. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export interface BenchServer {
  origin: string;
  stop: () => Promise<void>;
}

/** Node flags that make a child run TypeScript the way this process does (through tsx). */
export const TSX = ['--import', 'tsx'];

/** Starts bench/server.ts in its own process and waits for its port. */
export async function startBenchServer(): Promise<BenchServer> {
  const child = spawn(process.execPath, [...TSX, fileURLToPath(new URL('./server.ts', import.meta.url))], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const port = await firstJsonLine<{ port: number }>(child);
  return {
    origin: `http://127.0.0.1:${port.port}`,
    stop: () => stopChild(child),
  };
}

export function firstJsonLine<T>(child: ChildProcess): Promise<T> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      lines.close();
      resolve(JSON.parse(line) as T);
    });
    child.once('exit', (code) => reject(new Error(`child exited (${code}) before answering`)));
  });
}

export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.stdin?.end();
    child.kill('SIGTERM');
  });
}

/** Fisher–Yates, so no client always runs first (or right after the same neighbour). */
export function shuffle<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The spread of paired ratios, as the lower and upper quartile. */
export function quartiles(values: readonly number[]): [number, number] {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number): number => {
    const pos = (sorted.length - 1) * q;
    const lo = Math.floor(pos);
    const hi = Math.ceil(pos);
    return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
  };
  return sorted.length ? [at(0.25), at(0.75)] : [NaN, NaN];
}

/** Fixed-width table for the terminal and for Markdown. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

export const fmt = {
  ratio: (x: number): string => (Number.isFinite(x) ? `${x.toFixed(2)}×` : '—'),
  int: (x: number): string => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : '—'),
  mib: (bytes: number): string => (Number.isFinite(bytes) ? `${(bytes / 2 ** 20).toFixed(1)} MiB` : '—'),
  kb: (bytes: number): string => `${(bytes / 1000).toFixed(1)} KB`,
};

/**
 * Runs `work` after a GC and returns what it returned with its peak RSS growth: the largest of RSS sampled every
 * 10 ms and the process's maxRSS, above the RSS just before it.
 */
export async function withPeakRssGrowth<T>(work: () => Promise<T>): Promise<{ result: T; rssGrowth: number }> {
  globalThis.gc?.();
  const rssBefore = process.memoryUsage.rss();
  let sampled = rssBefore;
  const sampler = setInterval(() => {
    sampled = Math.max(sampled, process.memoryUsage.rss());
  }, 10);
  try {
    const result = await work();
    return { result, rssGrowth: Math.max(sampled, process.resourceUsage().maxRSS * 1024) - rssBefore };
  } finally {
    clearInterval(sampler);
  }
}
