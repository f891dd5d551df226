/**
 * Cold start: what `import` of each client adds to a fresh Node process, in ms, measured inside the process
 * (performance.now() around the dynamic import, so Node's own start-up is not in it). Every sample is its own
 * process; the clients take turns in shuffled order, and the median of the runs is reported.
 *
 * "Node's fetch" is the cost of naming `Headers` (Node loads its fetch, undici, on first use of any of its
 * globals): a client that touches them when imported pays it at import, any other by its first request.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { median, shuffle } from './harness';
import { buildLibrary } from './library';

export interface ColdStartRow {
  name: string;
  /** Median ms the import took. */
  ms: number;
  /** Whether the import loaded Node's fetch (undici). */
  loadsNodeFetch: boolean;
}

/** fetch-requests' budget: what its import may add to a bare Node (issue 17). */
export const COLD_START_BUDGET_MS = 6;

export async function runColdStart(runs: number): Promise<ColdStartRow[]> {
  const library = await buildLibrary();
  const empty = fileURLToPath(new URL('./results/.build/empty.mjs', import.meta.url));
  writeFileSync(empty, '');
  const subjects: Record<string, string> = {
    'bare Node (an empty module)': `await import(${JSON.stringify(empty)})`,
    "Node's fetch (naming Headers)": 'void globalThis.Headers',
    'fetch-requests': `await import(${JSON.stringify(library)})`,
    ky: "await import('ky')",
    axios: "await import('axios')",
  };
  const samples = new Map<string, { ms: number[]; loads: boolean }>(
    Object.keys(subjects).map((name) => [name, { ms: [], loads: false }]),
  );
  const cwd = fileURLToPath(new URL('.', import.meta.url));
  for (let run = 0; run < runs; run++) {
    for (const name of shuffle(Object.keys(subjects))) {
      const script = `const t = performance.now(); ${subjects[name]}; const ms = performance.now() - t;
        console.log(JSON.stringify({ ms, loads: process.moduleLoadList.some((m) => m.includes('undici')) }));`;
      const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd, encoding: 'utf8' });
      const { ms, loads } = JSON.parse(out) as { ms: number; loads: boolean };
      const sample = samples.get(name)!;
      sample.ms.push(ms);
      sample.loads ||= loads;
    }
  }
  return [...samples].map(([name, { ms, loads }]) => ({ name, ms: median(ms), loadsNodeFetch: loads }));
}
