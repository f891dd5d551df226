// The runtime conformance run (npm run test:runtimes; one runtime: npm run test:runtimes -- deno, or several:
// -- chromium firefox). Builds and packs the library, installs the tarball into .tmp/runtimes/app, starts Debian's
// httpbin on loopback, and runs spec.mjs's cases in each runtime: Node 22 and 24, Deno, Bun (each on the packed
// library as its own resolver finds it), workerd through miniflare (bundled as wrangler bundles a Worker), and
// Chromium, Firefox and WebKit (the packed browser build, bundled into a page served same-origin by front.mjs, which
// passes everything else to httpbin); the browsers also drive the playground against httpbin (playground.mjs).
// Each runtime prints `<runtime>: N passed, M failed` and its failures; limits.mjs's declared limits count as
// `limit`; the matrix in docs/runtimes.md is rewritten from the results. Exits non-zero on any failure.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, relative, resolve } from 'node:path';
import { build as esbuild } from 'esbuild';
import { startHttpbin } from '../helpers/httpbin.ts';
import { CASE_NAMES, CASE_TIMEOUT_MS } from './agent.mjs';
import { everyCaseFailed, runAgentProcess } from './agent-process.mjs';
import { RESULTS_MARK } from './agents/cli.mjs';
import { BROWSERS, bounded, launchBrowser, StepTimeout } from './browsers.mjs';
import { startFront } from './front.mjs';
import { LIMITS } from './limits.mjs';
import { installPacked } from './packed.mjs';
import { writeMatrix } from './matrix.mjs';
import { PLAYGROUND_CASES, runPlaygroundCase } from './playground.mjs';

const root = resolve(import.meta.dirname, '../..');
const here = import.meta.dirname;
const work = join(root, '.tmp/runtimes');
const app = join(work, 'app');
const bin = (name) => join(root, 'node_modules/.bin', name);
const started = performance.now();

const SERVER_RUNTIMES = ['node22', 'node24', 'deno', 'bun', 'workerd'];
const RUNTIMES = [...SERVER_RUNTIMES, ...Object.keys(BROWSERS)];
const PLAYGROUND_NAMES = PLAYGROUND_CASES.map((c) => c.name);

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
for (const name of wanted) {
  if (!RUNTIMES.includes(name)) {
    console.log(`unknown runtime "${name}": one of ${RUNTIMES.join(', ')}\n0 passed, 1 failed`);
    process.exit(1);
  }
}
const selected = wanted.length ? RUNTIMES.filter((r) => wanted.includes(r)) : RUNTIMES;

// ── The limits table must name real runtimes and cases ───────────────────────────────────────────────────────────
const tableProblems = LIMITS.filter(
  (l) => !RUNTIMES.includes(l.runtime) || !(CASE_NAMES.includes(l.case) || PLAYGROUND_NAMES.includes(l.case)),
).map(
  (l) => `limits.mjs names an unknown ${RUNTIMES.includes(l.runtime) ? 'case' : 'runtime'}: ${l.runtime} × ${l.case}`,
);

// ── The packed library, installed where each runtime's own resolver finds it ─────────────────────────────────────
function prepare() {
  installPacked(root, work);
  const entry = (file, lines) => writeFileSync(join(app, file), `${lines.join('\n')}\n`);
  const agent = (file) => JSON.stringify(relative(app, join(here, 'agents', file)));
  entry('cli.mjs', [
    "import * as fr from 'fetch-requests';",
    `import { main } from ${agent('cli.mjs')};`,
    'await main(fr);',
  ]);
  entry('worker.mjs', [
    "import * as fr from 'fetch-requests';",
    `import { caseWorker } from ${agent('worker.mjs')};`,
    'export default caseWorker(fr);',
  ]);
  entry('page.mjs', [
    "import * as fr from 'fetch-requests';",
    `import { installPage } from ${agent('page.mjs')};`,
    'installPage(fr);',
  ]);
}

async function bundle(entry, options) {
  const out = await esbuild({
    entryPoints: [join(app, entry)],
    absWorkingDir: app,
    bundle: true,
    format: 'esm',
    write: false,
    target: 'es2022',
    logLevel: 'warning',
    ...options,
  });
  return out.outputFiles[0].text;
}

async function closedPort() {
  const server = createServer();
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address();
  await new Promise((r) => server.close(r));
  return port;
}

// ── Runtimes with a command line ──────────────────────────────────────────────────────────────────────────────────
const COMMANDS = {
  node22: [join(root, 'test/runtimes/node22/node_modules/.bin/node'), 'cli.mjs'],
  node24: [join(root, 'node_modules/node/bin/node'), 'cli.mjs'],
  deno: [bin('deno'), 'run', '-A', '--node-modules-dir=manual', 'cli.mjs'],
  bun: [bin('bun'), 'cli.mjs'],
};

function runCommand(runtime, env) {
  const [command, ...args] = COMMANDS[runtime];
  return runAgentProcess({
    runtime,
    command,
    args: [...args, JSON.stringify({ env })],
    cwd: app,
    env: { ...process.env, NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1', DO_NOT_TRACK: '1' },
    limit: CASE_NAMES.length * CASE_TIMEOUT_MS + 30_000,
    names: CASE_NAMES,
    mark: RESULTS_MARK,
  });
}

// ── workerd ───────────────────────────────────────────────────────────────────────────────────────────────────────
async function runWorkerd(env) {
  const { Miniflare } = await import('miniflare');
  // As wrangler bundles a Worker: its default conditions, so `fetch-requests` resolves as it would for a user.
  const script = await bundle('worker.mjs', { platform: 'browser', conditions: ['workerd', 'worker', 'browser'] });
  const mf = new Miniflare({ modules: true, script, compatibilityDate: '2025-09-01' });
  const results = [];
  try {
    for (const name of CASE_NAMES) {
      const query = new URLSearchParams({ case: name, env: JSON.stringify(env) });
      try {
        const response = await bounded(mf.dispatchFetch(`http://worker/?${query}`), CASE_TIMEOUT_MS + 5000, name);
        results.push(await response.json());
      } catch (error) {
        results.push({ name, ok: false, message: `workerd: ${error.message}`, ms: 0 });
      }
    }
  } finally {
    await mf.dispose();
  }
  return results;
}

// ── Browsers ──────────────────────────────────────────────────────────────────────────────────────────────────────
/**
 * Runs `steps` (each `{ name, run(page) }`) on fresh pages of one browser: a step that hangs (the browser's login
 * prompt) fails after its bound, and the page, or if need be the whole browser, is replaced before the next.
 */
async function inBrowser(name, url, ready, steps) {
  const results = [];
  let browser = null;
  let page = null;
  const fresh = async () => {
    if (page) await bounded(page.close(), 10_000, 'page close').catch(() => (page = 'stuck'));
    if (page === 'stuck' && browser) {
      await browser.close();
      browser = null;
    }
    page = null;
    browser ??= await launchBrowser(name);
    page = await browser.open(url);
    await bounded(
      (async () => {
        while (!(await page.eval(ready))) await new Promise((r) => setTimeout(r, 100));
      })(),
      20_000,
      `${url} ready`,
    );
  };
  try {
    await fresh();
    for (const step of steps) {
      const t0 = performance.now();
      try {
        await bounded(step.run(page), CASE_TIMEOUT_MS + 3000, step.name);
        results.push({ name: step.name, ok: true, message: '', ms: Math.round(performance.now() - t0) });
      } catch (error) {
        const hung = error instanceof StepTimeout;
        const message = hung
          ? `no answer within ${(CASE_TIMEOUT_MS + 3000) / 1000} s: the page is stuck (a login prompt?)`
          : String(error?.message ?? error).replace(/\s*\n\s*/g, ' ');
        results.push({ name: step.name, ok: false, message, ms: Math.round(performance.now() - t0) });
        if (hung) await fresh();
      }
    }
  } catch (error) {
    const done = new Set(results.map((r) => r.name));
    results.push(
      ...everyCaseFailed(
        steps.map((s) => s.name).filter((n) => !done.has(n)),
        `${name}: ${String(error?.message ?? error).split('\n')[0]}`,
      ),
    );
  } finally {
    if (page && page !== 'stuck') await bounded(page.close(), 10_000, 'page close').catch(() => {});
    await browser?.close();
  }
  return results;
}

async function runBrowser(name, env, front) {
  const spec = await inBrowser(
    name,
    `${front}/__runtimes/`,
    "document.body?.dataset.ready === 'true'",
    CASE_NAMES.map((caseName) => ({
      name: caseName,
      async run(page) {
        const result = await page.eval(`window.__runtimes.run(${JSON.stringify(caseName)}, ${JSON.stringify(env)})`);
        if (!result.ok) throw new Error(result.message);
      },
    })),
  );
  const playground = await inBrowser(
    name,
    `${front}/__playground/?mocks=off`,
    "document.body?.dataset.ready === 'true'",
    PLAYGROUND_CASES.map((c) => ({ name: c.name, run: (page) => runPlaygroundCase(page, c, env) })),
  );
  return [...spec, ...playground];
}

// ── The run ──────────────────────────────────────────────────────────────────────────────────────────────────────
function classify(runtime, result) {
  const limit = LIMITS.find((l) => l.runtime === runtime && l.case === result.name);
  if (result.ok && limit)
    return { status: 'fail', message: `declared limit passes now: remove it from test/runtimes/limits.mjs` };
  if (result.ok) return { status: 'pass' };
  if (limit) return { status: 'limit', reason: limit.reason, message: result.message };
  return { status: 'fail', message: result.message };
}

prepare();
const browsersWanted = selected.some((r) => r in BROWSERS);
let pageBundle = '';
if (browsersWanted) {
  pageBundle = await bundle('page.mjs', { platform: 'browser' });
  execFileSync(
    process.execPath,
    [bin('vite'), 'build', '--logLevel', 'warn', '--config', 'playground/vite.config.ts'],
    {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
}
const httpbin = await startHttpbin({ threads: 16 });
const front = await startFront({
  upstream: httpbin.origin,
  bundle: () => pageBundle,
  playground: join(root, 'playground/dist'),
});
const refused = `http://127.0.0.1:${await closedPort()}`;
const serverEnv = { base: httpbin.origin, cors: httpbin.origin, refused };
const browserEnv = { base: front.origin, cors: httpbin.origin, refused };

const results = new Map();
let passed = 0;
let failed = tableProblems.length;
let limits = 0;
for (const problem of tableProblems) console.log(`✗ ${problem}`);
try {
  for (const runtime of selected) {
    const t0 = performance.now();
    const raw =
      runtime in COMMANDS
        ? await runCommand(runtime, serverEnv)
        : runtime === 'workerd'
          ? await runWorkerd(serverEnv)
          : await runBrowser(runtime, browserEnv, front.origin);
    const outcomes = new Map();
    const failures = [];
    const counts = { pass: 0, fail: 0, limit: 0 };
    for (const result of raw) {
      const outcome = classify(runtime, result);
      outcomes.set(result.name, outcome);
      counts[outcome.status]++;
      if (outcome.status === 'fail') failures.push(`  ✗ ${result.name}: ${outcome.message}`);
    }
    if (!(runtime in BROWSERS)) for (const name of PLAYGROUND_NAMES) outcomes.set(name, { status: 'n/a' });
    results.set(runtime, outcomes);
    passed += counts.pass;
    failed += counts.fail;
    limits += counts.limit;
    const seconds = ((performance.now() - t0) / 1000).toFixed(1);
    console.log(`${runtime}: ${counts.pass} passed, ${counts.fail} failed (${counts.limit} limits; ${seconds} s)`);
    for (const line of failures) console.log(line);
  }
} finally {
  await front.close();
  await httpbin.stop();
}

writeMatrix(join(root, 'docs/runtimes.md'), RUNTIMES, [...CASE_NAMES, ...PLAYGROUND_NAMES], results);
console.log(`\nmatrix: docs/runtimes.md (${selected.join(', ')})`);
console.log(`${limits} declared limits met (${((performance.now() - started) / 1000).toFixed(1)} s)`);
console.log(`runtimes: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
