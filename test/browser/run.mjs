// Browser test (npm run test:browser): builds the playground, serves it on 127.0.0.1, and drives Debian's Chromium
// (playwright-core, /usr/bin/chromium) through it: every preset offline (MSW's service worker), the page at
// 1280×800 and at phone width, errors shown, the offline switch; then the library's own browser behaviour against a
// real loopback server (opaque manual redirects, browser-followed redirects, Set-Cookie, User-Agent, streams);
// and a HAR Chromium recorded, replayed through the worker and through the library's cassette (har.mjs).
// Screenshots go to test-results/browser/. Prints "N passed, M failed" and exits non-zero on any failure.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { build, preview } from 'vite';
import { EXPECT } from './expectations.mjs';
import { harThroughLibrary, harThroughWorker } from './har.mjs';
import { startLoopback } from './loopback.mjs';
import { layoutProblems, liveSteps, runAndWatch, runPreset } from './page.mjs';
import { libraryProofs } from './proofs.mjs';

const root = resolve(import.meta.dirname, '../..');
const configFile = join(root, 'playground/vite.config.ts');
const shots = join(root, 'test-results/browser');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const started = performance.now();

let passed = 0;
let failed = 0;
async function check(name, fn) {
  try {
    await fn();
    passed++;
    console.log(`✓ ${name}`);
  } catch (error) {
    failed++;
    console.log(
      `✗ ${name}\n    ${String(error?.stack ?? error)
        .split('\n')
        .slice(0, 8)
        .join('\n    ')}`,
    );
  }
}

/** Records which modules the page's bundle holds, to prove the library reaches it with the browser cookie jar. */
function moduleGraphProbe(found) {
  return {
    name: 'module-graph-probe',
    moduleParsed(info) {
      found.set(info.id, info.importers ?? []);
    },
    generateBundle() {
      for (const id of this.getModuleIds()) found.set(id, this.getModuleInfo(id)?.importers ?? []);
    },
  };
}

if (!existsSync(CHROMIUM)) {
  console.log(`✗ Chromium not found at ${CHROMIUM} (apt-get install -y chromium)\n0 passed, 1 failed`);
  process.exit(1);
}
rmSync(shots, { recursive: true, force: true });
mkdirSync(shots, { recursive: true });

const graph = new Map();
await build({ configFile, logLevel: 'warn', plugins: [moduleGraphProbe(graph)] });

await check('build: the page gets src/ with the browser cookie jar; the library never imports tough-cookie', () => {
  const ids = [...graph.keys()].map((id) => id.replace(/\\/g, '/'));
  if (!ids.some((id) => id.endsWith('/src/cookies.browser.ts')))
    throw new Error('src/cookies.browser.ts is not in the bundle');
  if (ids.some((id) => id.endsWith('/src/cookies.ts')))
    throw new Error('src/cookies.ts (the tough-cookie jar) is in the bundle');
  for (const [id, importers] of graph) {
    if (!id.includes('/node_modules/tough-cookie/')) continue;
    const fromLibrary = importers.filter((importer) => importer.includes('/src/'));
    if (fromLibrary.length > 0) throw new Error(`tough-cookie imported by ${fromLibrary.join(', ')}`);
  }
});

const server = await preview({
  configFile,
  logLevel: 'warn',
  preview: { host: '127.0.0.1', port: 0, strictPort: false },
});
const pageUrl = server.resolvedUrls.local[0];
const loop = await startLoopback();
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-quic',
    '--no-first-run',
    '--disable-component-update',
    '--disable-sync',
  ],
});

/** A fresh page (own context, so service workers and storage start empty) that reports its console errors. */
async function openPage(viewport, query = '') {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await page.goto(pageUrl + query);
  await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 20_000 });
  const startError = await page.evaluate(() => window.__playground.error);
  if (startError) throw new Error(`the page failed to start: ${startError}`);
  return { page, context, problems };
}

try {
  // ── Offline: every preset at 1280×800 ─────────────────────────────────────────────────────────────────────
  const desktop = await openPage({ width: 1280, height: 800 });
  const { page } = desktop;
  const presets = await page.evaluate(() => window.__playground.presets);
  await check('offline: MSW’s service worker controls the page', async () => {
    const state = await page.evaluate(() => ({
      controlled: navigator.serviceWorker.controller !== null,
      mode: document.getElementById('mode').textContent,
      mocks: window.__playground.mocks,
    }));
    if (!state.mocks || !/^Offline/.test(state.mode)) throw new Error(JSON.stringify(state));
  });
  for (const id of presets) {
    await check(`preset ${id}: the page shows what the request got`, async () => {
      const expect = EXPECT[id];
      if (!expect) throw new Error(`no expectation for preset "${id}" in test/browser/expectations.mjs`);
      const shot = await runPreset(page, id);
      await page.screenshot({ path: join(shots, `desktop-${id}.png`) });
      expect(shot);
    });
  }
  await check(
    'desktop 1280×800: nothing overflows, and the request form and the response sit side by side',
    async () => {
      await runPreset(page, 'mget2');
      await page.screenshot({ path: join(shots, 'desktop-1280x800.png') });
      const problems = await layoutProblems(page);
      if (problems.length) throw new Error(problems.join('; '));
      const [form, response] = await Promise.all([
        page.locator('#request').boundingBox(),
        page.locator('#response').boundingBox(),
      ]);
      if (!(response.x > form.x + form.width - 1 && response.y < 400))
        throw new Error(`not side by side: ${JSON.stringify({ form, response })}`);
      const status = await page.locator('#status').boundingBox();
      if (status.y + status.height > 800) throw new Error('the status is below the fold');
    },
  );

  await check('offline: a URL no mock answers fails as ConnectionError, shown with a hint', async () => {
    await page.fill('#url', 'https://unmocked.example/x');
    const shot = await runAndWatch(page, () => page.click('#send'));
    if (shot.error?.name !== 'ConnectionError') throw new Error(JSON.stringify(shot.error));
    if (!/No offline mock answers GET https:\/\/unmocked\.example\/x/.test(shot.error.hint))
      throw new Error(`hint: ${shot.error.hint}`);
    await page.screenshot({ path: join(shots, 'desktop-error.png') });
  });

  await check('offline: a mistake in the form (invalid JSON body) is shown, not swallowed', async () => {
    await page.fill('#url', 'https://httpbin.org/post');
    await page.selectOption('#method', 'POST');
    await page.check('input[name=body][value=json]');
    await page.fill('#json-body', '{"name": ');
    const shot = await runAndWatch(page, () => page.click('#send'));
    if (shot.error?.name !== 'FormError' || !/not valid JSON/.test(shot.error.message))
      throw new Error(JSON.stringify(shot.error));
  });

  await check(
    'offline: the form builds a request by hand (params table, header, form body) and shows it as code',
    async () => {
      await runPreset(page, 'post_value');
      // Typing into the blank last row grows the table: hold on to the row being filled.
      const fillRow = async (table, name, value) => {
        const row = await page.$(`${table} .kv-row:last-child`);
        await (await row.$('input:nth-child(1)')).fill(name);
        await (await row.$('input:nth-child(2)')).fill(value);
      };
      await fillRow('#params', 'q', 'a b');
      await page.evaluate(() => (document.getElementById('headers').closest('details').open = true));
      await fillRow('#headers', 'X-Hand', 'made');
      const shot = await runAndWatch(page, () => page.click('#send'));
      const body = JSON.parse(shot.body);
      if (shot.url !== 'https://httpbin.org/post?q=a+b') throw new Error(`url ${shot.url}`);
      if ((body.headers['X-Hand'] ?? body.headers['x-hand']) !== 'made' || body.form.name !== 'Peter')
        throw new Error(shot.body);
      if (!/params: \{ q: 'a b' \}/.test(shot.snippet) || !/headers: \{ 'X-Hand': 'made' \}/.test(shot.snippet))
        throw new Error(shot.snippet);
    },
  );
  await harThroughWorker(page, check, shots);
  if (desktop.problems.length)
    await check('desktop page: no uncaught errors', () => Promise.reject(new Error(desktop.problems.join('; '))));
  await desktop.context.close();

  // ── Phone width ────────────────────────────────────────────────────────────────────────────────────────────
  const phone = await openPage({ width: 390, height: 844 });
  for (const id of ['mget2', 'streaming', 'redirect2', 'timeout', 'image']) {
    await check(`phone 390×844: preset ${id} is readable (one column, nothing overflows)`, async () => {
      const shot = await runPreset(phone.page, id);
      EXPECT[id](shot);
      await phone.page.screenshot({ path: join(shots, `phone-${id}.png`) });
      await phone.page.screenshot({ path: join(shots, `phone-${id}-full.png`), fullPage: true });
      const status = await phone.page.locator(shot.error && shot.status === null ? '#error' : '#status').boundingBox();
      if (!(status.y >= 0 && status.y + status.height <= 844))
        throw new Error(`the result is off screen after the click (y=${status.y})`);
      const problems = await layoutProblems(phone.page);
      if (problems.length) throw new Error(problems.join('; '));
      const [form, response] = await Promise.all([
        phone.page.locator('#request').boundingBox(),
        phone.page.locator('#response').boundingBox(),
      ]);
      if (!(response.y >= form.y + form.height - 1)) throw new Error('the response is not below the form');
    });
  }
  await phone.context.close();

  // ── Real network: the library's browser behaviour, and the page without mocks ──────────────────────────────
  const real = await openPage({ width: 1280, height: 800 }, '?mocks=off');
  await check('real network (?mocks=off): no service worker, the page says so', async () => {
    const state = await real.page.evaluate(() => ({
      controlled: navigator.serviceWorker.controller !== null,
      mode: document.getElementById('mode').textContent,
      mocks: window.__playground.mocks,
    }));
    if (state.controlled || state.mocks || !/^Real network/.test(state.mode)) throw new Error(JSON.stringify(state));
  });
  await libraryProofs(real.page, loop, check);
  await harThroughLibrary(real.page, check);

  await check('real network: a streamed body from a real server fills the chunk counter live', async () => {
    const { page } = real;
    await page.fill('#url', `${loop.origin}/chunks?tag=ui`);
    await page.selectOption('#method', 'GET');
    await page.check('input[name=body][value=none]');
    await page.check('#stream');
    const shot = await runAndWatch(page, () => page.click('#send'));
    await page.screenshot({ path: join(shots, 'real-stream.png') });
    if (shot.error) throw new Error(JSON.stringify(shot.error));
    if (!(shot.chunks > 1 && liveSteps(shot) > 1))
      throw new Error(`chunks ${shot.chunks}, live values ${shot.liveCounts}`);
    if (shot.progress !== 1) throw new Error(`progress ${shot.progress}`);
  });

  await check('real network: a refused connection is shown as ConnectionError with the CORS hint', async () => {
    const { page } = real;
    await page.uncheck('#stream');
    await page.fill('#url', 'http://127.0.0.1:9/');
    const shot = await runAndWatch(page, () => page.click('#send'));
    if (shot.error?.name !== 'ConnectionError' || !/CORS/.test(shot.error.hint))
      throw new Error(JSON.stringify(shot.error));
  });

  await check('the offline switch reloads into offline mode and keeps the form', async () => {
    const { page } = real;
    await page.fill('#url', 'https://httpbin.org/get?kept=1');
    await Promise.all([page.waitForURL((url) => !url.search.includes('mocks=off')), page.click('#mocks')]);
    await page.waitForFunction(() => document.body.dataset.ready === 'true');
    const state = await page.evaluate(() => ({
      url: document.getElementById('url').value,
      mocks: window.__playground.mocks,
    }));
    if (state.url !== 'https://httpbin.org/get?kept=1' || !state.mocks) throw new Error(JSON.stringify(state));
    const shot = await runAndWatch(page, () => page.click('#send'));
    if (shot.status !== 200 || JSON.parse(shot.body).args.kept !== '1')
      throw new Error(JSON.stringify(shot.error ?? shot.status));
  });
  if (real.problems.length)
    await check('real-network page: no uncaught errors', () => Promise.reject(new Error(real.problems.join('; '))));
  await real.context.close();
} catch (error) {
  failed++;
  console.log(`✗ the run stopped: ${error?.stack ?? error}`);
} finally {
  await browser.close();
  await loop.close();
  await server.close();
}

console.log(`\nscreenshots: ${shots}`);
console.log(`${passed} passed, ${failed} failed (${((performance.now() - started) / 1000).toFixed(1)} s)`);
process.exit(failed === 0 ? 0 : 1);
