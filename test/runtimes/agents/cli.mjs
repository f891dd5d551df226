// The agent for runtimes with a command line (Node, Deno, Bun). The runner writes a two-line entry next to the packed
// library (`import * as fr from 'fetch-requests'` and a call to main) and runs it; the results come back on stdout
// as one line after RESULTS_MARK.
import { runCases } from '../agent.mjs';

export const RESULTS_MARK = '@@fetch-requests-runtimes@@';

export async function main(fr) {
  const argv = globalThis.Deno ? globalThis.Deno.args : globalThis.process.argv.slice(2);
  const { env, names } = JSON.parse(argv[0]);
  const results = await runCases(fr, env, names);
  console.log(RESULTS_MARK + JSON.stringify(results));
}
