/**
 * Uploads streamed from disk (issues 19 and 23): a 512 MiB file sent to the bench server's `/upload` (which counts
 * what it receives) three ways, each in a fresh process, reporting the peak RSS growth of that process over its RSS
 * just before the upload (maxRSS, with sampled RSS as a cross-check) and the MiB/s. The budget: under 64 MiB — the
 * file is never held whole. Reported, never a timed test.
 *
 *   data: fs.createReadStream(path)            streamed, Content-Length from the file's stats
 *   files: { f: fs.createReadStream(path) }    multipart, the file part streamed between its boundaries
 *   data: await fs.openAsBlob(path)            a Blob backed by the file, which fetch streams itself
 *
 * and two baselines without the library: the runtime's fetch given the file as a stream, and node:http piping it
 * (the floor). The budget applies to the library's rows.
 *
 *   npx tsx bench/upload.ts <variant> <url> <path>     one run in this process (what runUpload spawns)
 */
import { spawn } from 'node:child_process';
import { closeSync, createReadStream, mkdtempSync, openAsBlob, openSync, rmSync, writeSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { firstJsonLine, TSX, withPeakRssGrowth } from './harness';
import { loadLibrary } from './library';

export const UPLOAD_VARIANTS = {
  'data: ReadStream': '`data: fs.createReadStream(path)`',
  'files: ReadStream': '`files: { f: fs.createReadStream(path) }`',
  'data: openAsBlob': '`data: await fs.openAsBlob(path)`',
  'fetch: stream': 'baseline: `fetch(url, { body: Readable.toWeb(fs.createReadStream(path)) })`',
  'node:http: pipe': 'baseline: `fs.createReadStream(path).pipe(http.request(url))`',
} as const;
export type UploadVariant = keyof typeof UPLOAD_VARIANTS;
export const isBaseline = (variant: UploadVariant): boolean =>
  variant === 'fetch: stream' || variant === 'node:http: pipe';

/** The budget for a run's peak RSS growth. */
export const UPLOAD_RSS_BUDGET = 64 * 2 ** 20;

export interface UploadRow {
  variant: UploadVariant;
  note: string;
  /** The file's size. */
  size: number;
  /** Bytes the server received (the multipart framing included), and how the body was framed on the wire. */
  received: number;
  framing: string;
  /** MiB of the file per second, and the peak RSS growth (the largest of the runs). */
  rate: number;
  rssGrowth: number;
}

interface UploadRun {
  received: number;
  framing: string;
  ms: number;
  cpuMs: number;
  rssGrowth: number;
}

interface ServerCount {
  bytes: number;
  contentLength: string | null;
  chunked: boolean;
}

/** Writes a file of `size` bytes in 1 MiB blocks (never held whole). */
function writeFile(path: string, size: number): void {
  const block = Buffer.alloc(2 ** 20);
  for (let i = 0; i < block.length; i++) block[i] = (i * 31 + 7) & 0xff;
  const fd = openSync(path, 'w');
  try {
    for (let left = size; left > 0; left -= block.length) writeSync(fd, block, 0, Math.min(left, block.length));
  } finally {
    closeSync(fd);
  }
}

async function upload(variant: UploadVariant, url: string, path: string): Promise<ServerCount> {
  if (variant === 'fetch: stream') {
    const body = Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>;
    const init = { method: 'POST', body, duplex: 'half', redirect: 'manual' } as RequestInit;
    return (await (await fetch(url, init)).json()) as ServerCount;
  }
  if (variant === 'node:http: pipe') {
    return new Promise((resolve, reject) => {
      const req = request(url, { method: 'POST' }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () => resolve(JSON.parse(text) as ServerCount));
      });
      req.on('error', reject);
      createReadStream(path).pipe(req);
    });
  }
  const { post } = await loadLibrary();
  const options =
    variant === 'data: ReadStream'
      ? { data: createReadStream(path) }
      : variant === 'files: ReadStream'
        ? { files: { f: createReadStream(path) } }
        : { data: await openAsBlob(path) };
  const r = await post(url, options);
  if (r.statusCode !== 200) throw new Error(`${variant}: the server answered ${r.statusCode}`);
  return r.json<ServerCount>();
}

/** Each variant in its own process, `runs` times: the largest peak RSS growth, the median rate. */
export async function runUpload(options: {
  origin: string;
  bytes: number;
  runs: number;
  log?: (line: string) => void;
}): Promise<UploadRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'fetch-requests-bench-upload-'));
  try {
    const path = join(dir, 'upload.bin');
    const warmup = join(dir, 'warmup.bin');
    writeFile(path, options.bytes);
    writeFile(warmup, 2 ** 20);
    const rows: UploadRow[] = [];
    for (const variant of Object.keys(UPLOAD_VARIANTS) as UploadVariant[]) {
      const runs: UploadRun[] = [];
      for (let i = 0; i < options.runs; i++) {
        options.log?.(`upload: ${variant}, run ${i + 1} of ${options.runs}`);
        const child = spawn(
          process.execPath,
          ['--expose-gc', ...TSX, fileURLToPath(import.meta.url), variant, `${options.origin}/upload`, path, warmup],
          { stdio: ['ignore', 'pipe', 'inherit'], env: process.env },
        );
        runs.push(await firstJsonLine<UploadRun>(child));
      }
      const rates = runs.map((r) => options.bytes / 2 ** 20 / (r.ms / 1000)).sort((a, b) => a - b);
      rows.push({
        variant,
        note: UPLOAD_VARIANTS[variant],
        size: options.bytes,
        received: runs[0]!.received,
        framing: runs[0]!.framing,
        rate: rates[rates.length >> 1]!,
        rssGrowth: Math.max(...runs.map((r) => r.rssGrowth)),
      });
    }
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [variant, url, path, warmup] = process.argv.slice(2) as [UploadVariant, string, string, string];
  // A warm-up upload of a small file, so JIT, module loading and the connection are not part of the growth.
  await upload(variant, url, warmup);
  const { result, rssGrowth } = await withPeakRssGrowth(async () => {
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const count = await upload(variant, url, path);
    return { count, ms: performance.now() - started, cpu: process.cpuUsage(cpuBefore) };
  });
  const { count, ms, cpu } = result;
  const run: UploadRun = {
    received: count.bytes,
    framing: count.chunked ? 'chunked' : `Content-Length: ${count.contentLength}`,
    ms,
    cpuMs: (cpu.user + cpu.system) / 1000,
    rssGrowth,
  };
  process.stdout.write(`${JSON.stringify(run)}\n`);
}
