/**
 * Streaming from the loopback server, in child processes (bench/stream-client.ts):
 *  - throughput: one process runs every variant once per round, rounds in a fresh shuffled order, on a
 *    moderate body (128 MiB of bytes, 20 MB of NDJSON; bytes and lines in separate processes), so the runs of a round are close in time; ratios are
 *    paired with the round's baseline (raw getReader for bytes, the naive whole-text split for lines), medians
 *    reported;
 *  - memory: each variant in its own process on the full body (512 MiB, ~100 MB of NDJSON): peak RSS growth,
 *    and the MiB/s of that run.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { firstJsonLine, median, quartiles, TSX } from './harness';
import { loadLibrary } from './library';
import { LINE_VARIANTS, STREAM_VARIANTS, type StreamVariant } from './stream-client';

export interface StreamRow {
  variant: StreamVariant;
  note: string;
  /** Median MiB/s over the rounds. */
  rate: number;
  /** Median of paired ratios to the round's baseline, and their quartiles. */
  ratio: number;
  spread: [number, number];
  /** Median of paired ratios of MiB per CPU-second. */
  cpuRatio: number;
  /** The full-size run: its body, MiB/s and peak RSS growth (largest of the runs). */
  size: number;
  bigRate: number;
  rssGrowth: number;
  budget?: number;
}

export interface StreamOptions {
  origin: string;
  rounds: number;
  /** Full-size runs per variant for memory. */
  memoryRuns: number;
  bytes: number;
  ndjsonBytes: number;
  log?: (line: string) => void;
}

const BUDGETS: Partial<Record<StreamVariant, number>> = { 'iterContent(null)': 0.98, 'iterContent(65536)': 0.95 };
const CLIENT = fileURLToPath(new URL('./stream-client.ts', import.meta.url));
const baselineOf = (v: StreamVariant): StreamVariant => (LINE_VARIANTS.includes(v) ? 'lines naive' : 'raw');

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  (map.get(key) ?? map.set(key, []).get(key)!).push(value);
}

interface RoundResult {
  round: number;
  variant: StreamVariant;
  bytes: number;
  ms: number;
  cpuMs: number;
}

async function runRounds(rounds: number, url: string, variants: readonly StreamVariant[]): Promise<RoundResult[]> {
  const child = spawn(process.execPath, [...TSX, CLIENT, 'rounds', String(rounds), url, variants.join(',')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const results: RoundResult[] = [];
  for await (const line of createInterface({ input: child.stdout })) results.push(JSON.parse(line) as RoundResult);
  const code = await new Promise((resolve) =>
    child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', resolve),
  );
  if (code !== 0) throw new Error(`stream-client rounds exited with ${String(code)}`);
  return results;
}

function runMemory(variant: StreamVariant, url: string): Promise<{ bytes: number; ms: number; rssGrowth: number }> {
  const child = spawn(process.execPath, ['--expose-gc', ...TSX, CLIENT, 'memory', variant, url], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return firstJsonLine(child);
}

export async function runStreaming(options: StreamOptions): Promise<StreamRow[]> {
  const { origin, log = () => {} } = options;
  await loadLibrary(); // built once; the children inherit BENCH_LIBRARY
  const variants = Object.keys(STREAM_VARIANTS) as StreamVariant[];
  const url = (v: StreamVariant, size: number): string =>
    `${origin}/${LINE_VARIANTS.includes(v) ? 'ndjson' : 'bytes'}?n=${size}`;

  // Bytes and lines in separate processes: the naive split's huge strings would otherwise tax the next run's GC.
  log(`  streaming: ${options.rounds} interleaved rounds of bytes, then of lines`);
  const byteVariants = variants.filter((v) => !LINE_VARIANTS.includes(v));
  const results = [
    ...(await runRounds(options.rounds, url('raw', 128 * 2 ** 20), byteVariants)),
    ...(await runRounds(options.rounds, url('iterLines', 20e6), LINE_VARIANTS)),
  ];
  // Every variant of a group must have seen the same body: a fast wrong answer is not a result.
  for (const r of results) {
    const base = results.find((b) => b.round === r.round && b.variant === baselineOf(r.variant))!;
    if (r.bytes !== base.bytes) throw new Error(`${r.variant} saw ${r.bytes} bytes, ${base.variant} ${base.bytes}`);
  }
  const rates = new Map<StreamVariant, number[]>();
  const ratios = new Map<StreamVariant, number[]>();
  const cpuRatios = new Map<StreamVariant, number[]>();
  for (const r of results) {
    const base = results.find((b) => b.round === r.round && b.variant === baselineOf(r.variant))!;
    push(rates, r.variant, r.bytes / 2 ** 20 / (r.ms / 1000));
    push(ratios, r.variant, base.ms / r.ms);
    push(cpuRatios, r.variant, base.cpuMs / r.cpuMs);
  }

  const growth = new Map<StreamVariant, number>();
  const bigRates = new Map<StreamVariant, number[]>();
  for (let run = 0; run < options.memoryRuns; run++) {
    for (const variant of variants) {
      log(`  streaming: full-size run ${run + 1}/${options.memoryRuns}, ${variant}`);
      const size = LINE_VARIANTS.includes(variant) ? options.ndjsonBytes : options.bytes;
      const result = await runMemory(variant, url(variant, size));
      growth.set(variant, Math.max(growth.get(variant) ?? 0, result.rssGrowth));
      push(bigRates, variant, result.bytes / 2 ** 20 / (result.ms / 1000));
    }
  }
  return variants.map((variant) => {
    const budget = BUDGETS[variant];
    return {
      variant,
      note: STREAM_VARIANTS[variant],
      rate: median(rates.get(variant)!),
      ratio: median(ratios.get(variant)!),
      spread: quartiles(ratios.get(variant)!),
      cpuRatio: median(cpuRatios.get(variant)!),
      size: LINE_VARIANTS.includes(variant) ? options.ndjsonBytes : options.bytes,
      bigRate: median(bigRates.get(variant)!),
      rssGrowth: growth.get(variant)!,
      ...(budget !== undefined && { budget }),
    };
  });
}
