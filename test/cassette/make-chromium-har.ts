/**
 * Makes test/cassette/fixtures/chromium-httpbin.har: Debian's Chromium, driven by playwright-core, loads pages and
 * makes fetches against Debian's httpbin on loopback while Chromium's own HAR recorder (`recordHar`) writes down the
 * traffic — the HAR a browser produces, not one of ours. Run it again to renew the fixture:
 *
 *   npx tsx test/cassette/make-chromium-har.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startHttpbin } from '../helpers/httpbin';

const out = fileURLToPath(new URL('fixtures/chromium-httpbin.har', import.meta.url));
const httpbin = await startHttpbin({ threads: 4 });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
});
try {
  const context = await browser.newContext({ recordHar: { path: out, content: 'embed' } });
  const page = await context.newPage();
  await page.goto(`${httpbin.origin}/robots.txt`);
  // A string, not a function: tsx would wrap a function's inner names in a helper the page does not have.
  await page.evaluate(`(async (origin) => {
    const get = (path, init) => fetch(origin + path, init).then((r) => r.arrayBuffer());
    await get('/get?from=chromium&n=1');
    await get('/gzip');
    await get('/bytes/48?seed=7');
    await get('/redirect/1');
    await get('/cookies/set?theme=dark');
    await get('/post', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a": 1}' });
    await get('/status/418');
  })(${JSON.stringify(httpbin.origin)})`);
  await context.close(); // writes the HAR
} finally {
  await browser.close();
  await httpbin.stop();
}
// The HAR as Chromium wrote it, indented so that a diff of a renewed fixture reads.
writeFileSync(out, `${JSON.stringify(JSON.parse(readFileSync(out, 'utf8')), null, 2)}\n`);
console.log(`wrote ${out}`);
