/**
 * Profiles one client: `npx tsx bench/tools/profile.ts <client> [concurrency] [requests] [--stub]`.
 * Against the loopback server, or with `--stub` against the stub fetch of overhead.ts (no network, so the
 * profile is the client's own work). Writes a V8 CPU profile to bench/results/ and prints the self time by
 * function and, for each sample, the nearest frame of fetch-requests or ky on its stack (where our time goes).
 *
 *   npx tsx bench/tools/profile.ts Session.get 1 20000
 *   npx tsx bench/tools/profile.ts get 1 200000 --stub
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CLIENTS, runBatch } from '../clients';
import { startBenchServer, table, TSX } from '../harness';
import { loadLibrary } from '../library';
import { stubFetch } from '../overhead';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount: number;
  children?: number[];
}

const flags = process.argv.slice(2).filter((a) => a.startsWith('--'));
const [name = 'get', c = '1', n = '20000'] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const stub = flags.includes('--stub');
const dir = fileURLToPath(new URL('../results/', import.meta.url));

if (process.env.BENCH_PROFILE_CHILD) {
  const spec = CLIENTS.find((s) => s.name === name);
  if (!spec) throw new Error(`unknown client ${name}: ${CLIENTS.map((s) => s.name).join(', ')}`);
  const lib = await loadLibrary();
  if (stub) {
    // The same client, its fetch replaced by the stub (the global one, which ky, ofetch and raw fetch use).
    globalThis.fetch = stubFetch;
    const client = spec.make(lib);
    const result = await runBatch(client, 'http://127.0.0.1:9/small', Number(c), Number(n));
    console.log(`${name} on the stub fetch: ${result.cpu.toFixed(2)} µs CPU per request (profiled, so slower)`);
  } else {
    const server = await startBenchServer();
    const client = spec.make(lib);
    const url = `${server.origin}/small`;
    await runBatch(client, url, Number(c), 2000);
    const { rate, cpu } = await runBatch(client, url, Number(c), Number(n));
    console.log(
      `${name} at concurrency ${c}: ${Math.round(rate)} req/s, ${cpu.toFixed(1)} µs CPU per request (profiled, so slower)`,
    );
    await server.stop();
  }
} else {
  mkdirSync(dir, { recursive: true });
  const before = new Set(readdirSync(dir));
  const prefix = `profile-${name.replace(/\W+/g, '_')}-c${c}${stub ? '-stub' : ''}`;
  const nodeFlags = [
    '--cpu-prof',
    '--cpu-prof-interval=100',
    `--cpu-prof-dir=${dir}`,
    `--cpu-prof-name=${prefix}-${Date.now()}.cpuprofile`,
  ];
  const child = spawn(
    process.execPath,
    [...nodeFlags, ...TSX, fileURLToPath(import.meta.url), ...process.argv.slice(2)],
    {
      stdio: 'inherit',
      env: { ...process.env, BENCH_PROFILE_CHILD: '1' },
    },
  );
  await new Promise((resolve) => child.once('exit', resolve));
  const file = readdirSync(dir).find((f) => !before.has(f) && f.startsWith(prefix));
  if (!file) throw new Error('no profile written');
  summarize(JSON.parse(readFileSync(dir + file, 'utf8')) as { nodes: ProfileNode[] });
  console.log(`\nprofile: bench/results/${file} (open it in Chrome DevTools → Performance)`);
}

function summarize(profile: { nodes: ProfileNode[] }): void {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const total = profile.nodes.reduce((sum, node) => sum + node.hitCount, 0);
  const label = (node: ProfileNode): string => {
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url.replace(/^.*\/node_modules\/([^/]+)\/.*\/([^/]+)$/, '$1/$2').replace(/^.*\//, '');
    return `${functionName || '(anonymous)'}${file ? ` ${file}:${lineNumber + 1}` : ''}`;
  };
  const ours = (node: ProfileNode): boolean =>
    /fetch-requests\.mjs|\/src\/|node_modules\/ky\//.test(node.callFrame.url);
  const self = new Map<string, number>();
  const nearest = new Map<string, number>();
  for (const node of profile.nodes) {
    if (!node.hitCount) continue;
    self.set(label(node), (self.get(label(node)) ?? 0) + node.hitCount);
    // Charge the sample to the nearest frame of ours, naming what it called (a builtin, undici, …).
    let frame: ProfileNode | undefined = node;
    let callee: ProfileNode | null = null;
    while (frame && !ours(frame)) {
      callee = frame;
      frame = byId.get(parent.get(frame.id)!);
    }
    if (!frame) continue;
    const key = `${label(frame)} → ${callee ? label(callee) : '(self)'}`;
    nearest.set(key, (nearest.get(key) ?? 0) + node.hitCount);
  }
  const pct = (hits: number): string => `${((100 * hits) / total).toFixed(1)}%`;
  const top = (map: Map<string, number>, k: number): string[][] =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, k)
      .map(([key, hits]) => [pct(hits), key]);
  console.log(`\nself time (top 25 of ${total} samples)\n${table(['share', 'function'], top(self, 25))}`);
  console.log(
    `\nsamples under fetch-requests / ky frames, by nearest such frame → what it was running\n${table(['share', 'frame → callee'], top(nearest, 40))}`,
  );
}
