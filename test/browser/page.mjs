// Reading the playground's page: what it shows after a request, and running a preset or the form.
export const DONE = ['done', 'error'];

/** What the response panel shows, as plain data. */
export function snapshot(page) {
  return page.evaluate(() => {
    const el = (id) => document.getElementById(id);
    const text = (id) => el(id)?.textContent ?? '';
    const shown = (id) => el(id) !== null && !el(id).hidden;
    const image = el('body-image');
    return {
      state: el('response').dataset.state,
      status: shown('summary') ? Number(text('status')) : null,
      reason: text('reason'),
      url: text('final-url'),
      error: shown('error')
        ? { name: text('error-name').replace(/:$/, ''), message: text('error-message'), hint: text('error-hint') }
        : null,
      bodyKind: el('body').dataset.kind ?? null,
      caption: el('body').querySelector('.caption')?.textContent ?? '',
      body: el('body-text')?.textContent ?? null,
      hex: el('body-hex')?.textContent ?? null,
      image: image ? { complete: image.complete, width: image.naturalWidth, height: image.naturalHeight } : null,
      chunks: Number(text('chunks')),
      bytes: Number(text('bytes')),
      chunkLog: [...document.querySelectorAll('#chunk-log li')].map((li) => li.textContent),
      progress: el('progress').hasAttribute('value') ? el('progress').value : null,
      headers: Object.fromEntries(
        [...document.querySelectorAll('#response-headers tr')].map((tr) => [
          tr.cells[0].textContent,
          tr.cells[1].textContent,
        ]),
      ),
      history: [...document.querySelectorAll('#history li')].map((li) => li.textContent),
      notes: text('notes'),
      elapsed: text('elapsed'),
      total: text('total'),
      sent: text('sent'),
      snippet: text('snippet'),
    };
  });
}

/**
 * Clicks (or submits) and waits for the response panel to settle, recording every value the chunk counter took
 * while the body was still streaming (a MutationObserver sees each update as it is painted into the DOM).
 */
export async function runAndWatch(page, start, timeout = 20_000) {
  const runs = await page.evaluate(() => {
    const counter = document.getElementById('chunks');
    window.__watch = { values: [], observer: null };
    window.__watch.observer = new MutationObserver(() => {
      const state = document.getElementById('response').dataset.state;
      if (state === 'streaming') window.__watch.values.push(Number(counter.textContent));
    });
    window.__watch.observer.observe(counter, { childList: true, characterData: true, subtree: true });
    return window.__playground.runs;
  });
  await start();
  // Wait for this run to finish (a preset may take a moment to build its request before it is sent).
  await page.waitForFunction(
    ([done, runs]) =>
      window.__playground.runs > runs &&
      !window.__playground.busy &&
      done.includes(document.getElementById('response').dataset.state),
    [DONE, runs],
    { timeout },
  );
  const liveCounts = await page.evaluate(() => {
    window.__watch.observer.disconnect();
    return window.__watch.values;
  });
  return { ...(await snapshot(page)), liveCounts };
}

export function runPreset(page, id) {
  return runAndWatch(page, () => page.click(`[data-preset="${id}"]`));
}

/** Distinct chunk-counter values seen while streaming: more than one means the body arrived in pieces, live. */
export function liveSteps(shot) {
  return new Set(shot.liveCounts.filter((n) => n > 0)).size;
}

/** Layout checks: nothing wider than the viewport, every form control inside it. */
export function layoutProblems(page) {
  return page.evaluate(() => {
    const problems = [];
    const width = window.innerWidth;
    if (document.documentElement.scrollWidth > width + 1)
      problems.push(`page is ${document.documentElement.scrollWidth}px wide in a ${width}px viewport`);
    for (const control of document.querySelectorAll('input, select, button, textarea')) {
      const box = control.getBoundingClientRect();
      if (box.width > 0 && (box.right > width + 1 || box.left < -1))
        problems.push(
          `${control.id || control.outerHTML.slice(0, 60)} sticks out (${Math.round(box.left)}..${Math.round(box.right)})`,
        );
    }
    const size = parseFloat(getComputedStyle(document.body).fontSize);
    if (size < 14) problems.push(`body text is ${size}px`);
    return problems;
  });
}
