// Runs cases.mjs's cases inside Bun or Deno on the packed library. The runner (run.ts) writes a two-line entry next
// to the packed library (`import * as fr from 'fetch-requests'` and a call to main) and starts it with
// `{ world, names }` as its argument; the results come back on stdout as one line after RESULTS_MARK: for each case
// `{ name, ok, message, ms }`, and for a failed case with a declared limit in this runtime what its witness saw
// (`witness`) or why it could not (`witnessFailed`).
import { CASE_TIMEOUT_MS, caseNamed, runtimeName } from './cases.mjs';

export const RESULTS_MARK = '@@fetch-requests-proxies-tls@@';

const describe = (error) => {
  const name = error?.constructor?.name && error.constructor.name !== 'Error' ? `${error.constructor.name}: ` : '';
  return `${name}${error?.message ?? String(error)}`.replace(/\s*\n\s*/g, ' ');
};

async function bounded(promise, what) {
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what}: no answer within ${CASE_TIMEOUT_MS / 1000} s`)),
      CASE_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

export async function runCase(fr, world, name) {
  const runtime = runtimeName();
  const started = Date.now();
  const spec = caseNamed(name);
  if (!spec) return { name, ok: false, message: `no case named ${JSON.stringify(name)}`, ms: 0 };
  const result = { name, ok: true, message: '', ms: 0 };
  try {
    await bounded(spec.run(fr, world), 'the case');
  } catch (error) {
    result.ok = false;
    result.message = describe(error);
    const limit = spec.limits?.[runtime];
    if (limit) {
      try {
        result.witness = await bounded(limit.witness(world), 'the witness');
      } catch (witnessError) {
        result.witnessFailed = describe(witnessError);
      }
    }
  }
  result.ms = Date.now() - started;
  return result;
}

export async function main(fr) {
  const argv = globalThis.Deno ? globalThis.Deno.args : globalThis.process.argv.slice(2);
  const { world, names } = JSON.parse(argv[0]);
  const results = [];
  for (const name of names) results.push(await runCase(fr, world, name));
  console.log(RESULTS_MARK + JSON.stringify(results));
}
