/**
 * An interleaved A/B of two builds of the library: the working tree (B) against a git ref (A), request by
 * request on loopback, so that whatever else the machine does falls on both alike. This is how an optimisation
 * earns its place: it stays only if B is at least 2 % better than A without it (bench/RESULTS.md keeps the table).
 *
 *   npx tsx bench/tools/ab.ts HEAD~1                      # get, Session.get and Requests floor, 3 rounds of 3,000
 *   npx tsx bench/tools/ab.ts main --rounds 5 --iterations 4000
 *
 * Each round interleaves every client request by request in a fresh shuffled order; the reported figure is the
 * median over rounds of B's p50 latency against A's (above 1.00: B is faster).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Client, CLIENTS, FLOOR_NAME } from '../clients';
import { median, shuffle, startBenchServer, table } from '../harness';
import { buildLibrary, type FetchRequests } from '../library';

const root = fileURLToPath(new URL('../..', import.meta.url));
const args = process.argv.slice(2);
const ref = args.find((a) => !a.startsWith('--'));
const option = (name: string, fallback: number): number => {
  const at = args.indexOf(`--${name}`);
  return at === -1 ? fallback : Number(args[at + 1]);
};
if (!ref) {
  console.error('usage: npx tsx bench/tools/ab.ts <git ref> [--rounds N] [--iterations N]');
  process.exit(2);
}
const rounds = option('rounds', 3);
const iterations = option('iterations', 3000);

/** A directory's src/ bundled as bench/library.ts bundles the working tree's, and loaded. */
async function bundle(dir: string, name: string): Promise<FetchRequests> {
  return (await import(pathToFileURL(await buildLibrary(dir, `ab-${name}`)).href)) as FetchRequests;
}

/** The ref's src/ and package.json, unpacked into a temporary directory. */
function checkout(gitRef: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'fetch-requests-ab-'));
  const archive = execFileSync('git', ['archive', gitRef, 'src', 'package.json'], { cwd: root, maxBuffer: 1 << 28 });
  execFileSync('tar', ['-x', '-C', dir], { input: archive });
  return dir;
}

const dir = checkout(ref);
const [a, b] = await Promise.all([bundle(dir, 'a'), bundle(root, 'b')]);
rmSync(dir, { recursive: true, force: true });

const server = await startBenchServer();
const url = `${server.origin}/small`;
const floor = CLIENTS.find((c) => c.name === FLOOR_NAME)!;
const variants = (lib: FetchRequests): [string, Client][] => {
  const session = new lib.Session();
  return [
    ['get', (u) => lib.get(u)],
    ['Session.get', (u) => session.get(u)],
  ];
};
const clients: [string, string, Client][] = [
  ['floor', FLOOR_NAME, floor.make(b)],
  ...variants(a).map(([name, c]): [string, string, Client] => ['A', name, c]),
  ...variants(b).map(([name, c]): [string, string, Client] => ['B', name, c]),
];

const ratios = new Map<string, number[]>();
for (const [, , client] of clients) for (let i = 0; i < 300; i++) await client(url);
for (let round = 0; round < rounds; round++) {
  const samples = new Map<string, number[]>(clients.map(([side, name]) => [`${side} ${name}`, []]));
  for (let i = 0; i < iterations; i++) {
    for (const [side, name, client] of shuffle(clients)) {
      const started = performance.now();
      await client(url);
      samples.get(`${side} ${name}`)!.push(performance.now() - started);
    }
  }
  const p50 = (key: string): number => {
    const xs = samples.get(key);
    if (!xs) throw new Error(`no samples for ${key}: ${[...samples.keys()].join(', ')}`);
    return median(xs);
  };
  for (const [name] of variants(b)) {
    const list = ratios.get(name) ?? [];
    list.push(p50(`A ${name}`) / p50(`B ${name}`));
    ratios.set(name, list);
    const floorList = ratios.get(`${name} (B vs floor)`) ?? [];
    floorList.push(p50(`floor ${FLOOR_NAME}`) / p50(`B ${name}`));
    ratios.set(`${name} (B vs floor)`, floorList);
  }
  console.error(`round ${round + 1}/${rounds} done`);
}
await server.stop();

console.log(`A: ${ref}, B: the working tree; ${rounds} rounds × ${iterations} interleaved requests per client\n`);
console.log(
  table(
    ['client', 'B against A (median of rounds)', 'rounds'],
    [...ratios].map(([name, xs]) => [name, `${median(xs).toFixed(3)}×`, xs.map((x) => x.toFixed(3)).join(' ')]),
  ),
);
