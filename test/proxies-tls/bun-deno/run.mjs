// The proxies-and-TLS run for Bun and Deno (npm run test:proxies:bun-deno; one runtime: -- bun, or -- deno). Builds
// and packs the library as test/runtimes does (packed.mjs), starts the world of the Node suite (start-world.ts:
// tinyproxy with and without Basic auth, TLS origins with openssl-made certificates, one requiring a client
// certificate), and runs cases.mjs's cases in Bun and in Deno on the packed library: the cases without proxy
// variables in one process per runtime, each case that needs them (or a process to itself) in its own, every process
// started without the proxy variables of this one. Prints `<runtime>: N passed, M failed, K limits`, the failures,
// and each limit with its reason and the runtime's own words for it; exits non-zero on any failure or when the whole
// run outlasts its bound.
import { writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { runAgentProcess } from '../../runtimes/agent-process.mjs';
import { installPacked } from '../../runtimes/packed.mjs';
import { startWorld } from '../start-world.ts';
import { RESULTS_MARK } from './agent.mjs';
import { CASE_TIMEOUT_MS, CASES, caseNamed } from './cases.mjs';

const root = resolve(import.meta.dirname, '../../..');
const work = join(root, '.tmp/proxies-bun-deno');
const bin = (name) => join(root, 'node_modules/.bin', name);
const started = performance.now();
/** The whole run, build included, ends by then. */
const RUN_BOUND_MS = 170_000;
/** Processes of one runtime at a time. */
const CONCURRENCY = 4;

const COMMANDS = {
  bun: [bin('bun'), 'agent.mjs'],
  deno: [bin('deno'), 'run', '-A', '--node-modules-dir=manual', 'agent.mjs'],
};
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
for (const name of wanted) {
  if (!(name in COMMANDS)) {
    console.log(`unknown runtime "${name}": bun or deno\n0 passed, 1 failed`);
    process.exit(1);
  }
}
const runtimes = wanted.length ? Object.keys(COMMANDS).filter((r) => wanted.includes(r)) : Object.keys(COMMANDS);

const children = new Set();
const watchdog = setTimeout(() => {
  console.log(`\nthe run outlasted ${RUN_BOUND_MS / 1000} s: stopped`);
  for (const child of children) child.kill('SIGKILL');
  process.exit(1);
}, RUN_BOUND_MS);

/** The proxy variables of this process are not the runtimes': each case says which it starts with. */
const PROXY_VARIABLES = /^(https?_proxy|all_proxy|no_proxy|requests_ca_bundle|curl_ca_bundle)$/i;
const baseEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => !PROXY_VARIABLES.test(name)));
Object.assign(baseEnv, { NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1', DO_NOT_TRACK: '1' });

// ── The packed library and the agent's entry next to it ──────────────────────────────────────────────────────────
// Bun and Deno run the code: the declarations are test:pack's concern.
const app = installPacked(root, work, { declarations: false });
writeFileSync(
  join(app, 'agent.mjs'),
  [
    "import * as fr from 'fetch-requests';",
    `import { main } from ${JSON.stringify(relative(app, join(import.meta.dirname, 'agent.mjs')))};`,
    'await main(fr);',
    '',
  ].join('\n'),
);

// ── Processes ────────────────────────────────────────────────────────────────────────────────────────────────────
/** The cases in processes: those without variables together, each with variables (or `alone`) by itself. */
function processes(world) {
  const shared = CASES.filter((c) => !c.env && !c.alone).map((c) => c.name);
  const own = CASES.filter((c) => c.env || c.alone).map((c) => [c.name]);
  return [shared, ...own].map((names) => ({ names, env: caseNamed(names[0]).env?.(world) ?? {} }));
}

function runProcess(runtime, world, { names, env }) {
  const [command, ...args] = COMMANDS[runtime];
  return runAgentProcess({
    runtime,
    command,
    args: [...args, JSON.stringify({ world, names })],
    cwd: app,
    env: { ...baseEnv, ...env },
    limit: names.length * CASE_TIMEOUT_MS * 2 + 20_000,
    names,
    mark: RESULTS_MARK,
    children,
  });
}

async function runRuntime(runtime, world) {
  const queue = processes(world);
  const results = [];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift())
      results.push(...(await runProcess(runtime, world, next)));
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const order = new Map(CASES.map((c, i) => [c.name, i]));
  return results.sort((a, b) => order.get(a.name) - order.get(b.name));
}

// ── Outcomes ─────────────────────────────────────────────────────────────────────────────────────────────────────
/** pass, fail, or limit: a declared limit met, as declared, and still seen by its witness. */
function classify(runtime, result) {
  const limit = caseNamed(result.name)?.limits?.[runtime];
  if (result.ok) {
    return limit
      ? { status: 'fail', message: 'a declared limit passes now: remove it from cases.mjs' }
      : { status: 'pass' };
  }
  if (!limit) return { status: 'fail', message: result.message };
  if (!limit.failure.test(result.message)) {
    return { status: 'fail', message: `fails otherwise than its declared limit (${limit.failure}): ${result.message}` };
  }
  if (result.witnessFailed) return { status: 'fail', message: `the limit's witness: ${result.witnessFailed}` };
  return { status: 'limit', message: `${limit.reason}.\n      ${runtime}'s own: ${result.witness}` };
}

const { world, stop } = await startWorld();
let failed = 0;
try {
  const outcomes = await Promise.all(
    runtimes.map(async (runtime) => {
      const t0 = performance.now();
      const results = await runRuntime(runtime, world);
      return { runtime, results, seconds: ((performance.now() - t0) / 1000).toFixed(1) };
    }),
  );
  for (const { runtime, results, seconds } of outcomes) {
    const counts = { pass: 0, fail: 0, limit: 0 };
    const lines = [];
    for (const result of results) {
      const outcome = classify(runtime, result);
      counts[outcome.status]++;
      if (outcome.status === 'fail') lines.push(`  ✗ ${result.name}: ${outcome.message}`);
      if (outcome.status === 'limit') lines.push(`  ~ ${result.name}: ${outcome.message}`);
    }
    const missing = CASES.length - results.length;
    counts.fail += missing;
    if (missing) lines.push(`  ✗ ${missing} cases gave no result`);
    failed += counts.fail;
    console.log(`${runtime}: ${counts.pass} passed, ${counts.fail} failed, ${counts.limit} limits (${seconds} s)`);
    for (const line of lines) console.log(line);
  }
} finally {
  await stop();
  clearTimeout(watchdog);
}
console.log(`\nproxies and TLS in ${runtimes.join(' and ')}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
process.exit(failed === 0 ? 0 : 1);
