// Replaying a HAR in the browser: the playground loads one Chromium wrote (test/cassette/fixtures/), its recordings
// answer through MSW's service worker; and the library's own cassette layer replays it in the page with no worker.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runAndWatch } from './page.mjs';

export const HAR_FIXTURE = resolve(import.meta.dirname, '../cassette/fixtures/chromium-httpbin.har');
const har = JSON.parse(readFileSync(HAR_FIXTURE, 'utf8'));
const origin = new URL(har.log.entries[0].request.url).origin;
const entryIndex = (path) => har.log.entries.findIndex((e) => e.request.url === origin + path);

/** The offline page: load the HAR, replay recorded requests by their buttons and by the form. */
export async function harThroughWorker(page, check, shots) {
  await check('HAR: a HAR from Chromium’s recorder loads, one button per recorded request', async () => {
    await page.setInputFiles('#har-file', HAR_FIXTURE);
    await page.waitForFunction(() => window.__playground.har.entries > 0 || window.__playground.har.error);
    const state = await page.evaluate(() => ({
      ...window.__playground.har,
      buttons: document.querySelectorAll('[data-har-entry]').length,
    }));
    if (state.error || state.entries !== har.log.entries.length || state.buttons !== state.entries)
      throw new Error(JSON.stringify(state));
    await page.screenshot({ path: join(shots, 'har-loaded.png') });
  });

  await check('HAR: a recorded JSON response, through the worker, with the query as recorded', async () => {
    const shot = await runAndWatch(page, () =>
      page.click(`[data-har-entry="${entryIndex('/get?from=chromium&n=1')}"]`),
    );
    if (shot.error || shot.status !== 200) throw new Error(JSON.stringify(shot.error ?? shot.status));
    const body = JSON.parse(shot.body);
    if (body.args.from !== 'chromium') throw new Error(shot.body);
    await page.screenshot({ path: join(shots, 'har-json.png') });
  });

  await check('HAR: binary bytes byte for byte, and a gzip recording decoded', async () => {
    const bytes = await runAndWatch(page, () => page.click(`[data-har-entry="${entryIndex('/bytes/48?seed=7')}"]`));
    const recorded = Buffer.from(har.log.entries[entryIndex('/bytes/48?seed=7')].response.content.text, 'base64');
    if (bytes.bodyKind !== 'binary' || !bytes.caption.includes(`${recorded.length} bytes`))
      throw new Error(`${bytes.bodyKind} ${bytes.caption}`);
    const firstHex = [...recorded.subarray(0, 4)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
    if (!bytes.hex.includes(firstHex)) throw new Error(`hex ${bytes.hex.slice(0, 80)} lacks ${firstHex}`);
    const gzip = await runAndWatch(page, () => page.click(`[data-har-entry="${entryIndex('/gzip')}"]`));
    if (JSON.parse(gzip.body).gzipped !== true) throw new Error(gzip.body);
  });

  await check('HAR: a recorded redirect, followed by the browser, its next hop answered from the HAR', async () => {
    const shot = await runAndWatch(page, () => page.click(`[data-har-entry="${entryIndex('/redirect/1')}"]`));
    if (shot.status !== 200 || shot.url !== `${origin}/get`) throw new Error(`${shot.status} ${shot.url}`);
  });

  await check('HAR: the form’s own request (a POST) is answered when the HAR recorded it', async () => {
    await page.fill('#url', `${origin}/post`);
    await page.selectOption('#method', 'POST');
    await page.check('input[name=body][value=json]');
    await page.fill('#json-body', '{"a": 1}');
    const shot = await runAndWatch(page, () => page.click('#send'));
    if (shot.status !== 200 || JSON.parse(shot.body).json?.a !== 1)
      throw new Error(JSON.stringify(shot.error ?? shot.body));
  });
}

/** The page without a worker: the library's cassette layer answers from the HAR, and reaches no network. */
export async function harThroughLibrary(page, check) {
  await check(
    'HAR: the library’s cassette replays it in the page (no worker), and a miss is NoRecordingError',
    async () => {
      const result = await page.evaluate(
        async ([text, origin]) => {
          const { Cassette, NoRecordingError } = await window.__loadCassette();
          const cassette = Cassette.fromHar(text);
          const s = new window.__fr.Session({ cassette });
          const r = await s.get(`${origin}/get?n=1&from=chromium`);
          const redirect = await s.get(`${origin}/redirect/1`);
          const miss = await s.get(`${origin}/nothing`).catch((e) => e);
          return {
            controlled: navigator.serviceWorker.controller !== null,
            args: r.json().args,
            redirect: [redirect.statusCode, redirect.url, redirect.history.length],
            miss: [
              miss instanceof NoRecordingError,
              miss instanceof window.__fr.RequestException,
              miss.name,
              miss.message,
            ],
          };
        },
        [readFileSync(HAR_FIXTURE, 'utf8'), origin],
      );
      if (result.controlled) throw new Error('a service worker controls the page');
      if (result.args.from !== 'chromium') throw new Error(JSON.stringify(result));
      if (result.redirect[0] !== 200 || result.redirect[1] !== `${origin}/get` || result.redirect[2] !== 1)
        throw new Error(`redirect ${JSON.stringify(result.redirect)}`);
      if (!result.miss[0] || !result.miss[1] || !/closest recorded request/.test(result.miss[3]))
        throw new Error(`miss ${JSON.stringify(result.miss)}`);
    },
  );
}
