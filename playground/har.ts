/**
 * Replay a HAR: a file from this library's cassettes, or one a browser's devtools exported (Network → Export HAR).
 * Its recordings become MSW handlers in the page's service worker (`worker.use(...cassette.handlers())`), in front
 * of the offline mocks; each recorded request gets a button that puts it in the form and sends it, and anything
 * else typed into the form is answered by the HAR too when it recorded it. fetch-requests/cassette is loaded only
 * when a HAR is chosen.
 */
import type { HttpHandler } from 'msw';
import type { HarEntry } from 'fetch-requests/cassette';
import { blankSpec, type RequestSpec } from './spec';

export interface HarState {
  /** The file's name, once one is loaded. */
  name: string | null;
  entries: number;
  error: string | null;
}

export interface HarPanel {
  state: HarState;
}

/**
 * Wires the HAR group of the presets bar. `use` puts handlers in the running worker (null when the page runs
 * without mocks); `send` puts a request in the form and sends it.
 */
export function harPanel(
  use: (() => ((...handlers: HttpHandler[]) => void) | null) | null,
  send: (spec: RequestSpec) => void,
): HarPanel {
  const state: HarState = { name: null, entries: 0, error: null };
  const input = document.getElementById('har-file') as HTMLInputElement;
  const list = document.getElementById('har-entries')!;
  const note = document.getElementById('har-note')!;
  input.addEventListener('change', async () => {
    const file = input.files?.[0];
    if (!file) return;
    list.replaceChildren();
    state.error = null;
    try {
      const addHandlers = use?.() ?? null;
      if (!addHandlers) throw new Error('Turn on the offline mocks: the HAR is replayed by their service worker.');
      const { Cassette } = await import('fetch-requests/cassette');
      const cassette = Cassette.fromHar(await file.text(), { allowPlaybackRepeats: true });
      addHandlers(...cassette.handlers());
      state.name = file.name;
      state.entries = cassette.entries.length;
      note.textContent = `${file.name}: ${cassette.entries.length} recorded requests, answered by the worker`;
      cassette.entries.forEach((entry, i) => {
        const button = Object.assign(document.createElement('button'), {
          type: 'button',
          textContent: label(entry),
          title: `${entry.request.method} ${entry.request.url} → ${entry.response.status}`,
        });
        button.dataset.harEntry = String(i);
        button.addEventListener('click', () => send(specOf(entry)));
        list.append(button);
      });
    } catch (error) {
      state.error = (error as Error).message;
      note.textContent = `Could not replay ${file.name}: ${(error as Error).message}`;
    }
  });
  return { state };
}

function label(entry: HarEntry): string {
  const url = new URL(entry.request.url);
  return `${entry.request.method} ${url.pathname}${url.search} · ${entry.response.status}`;
}

/**
 * The form for a recorded request: method, URL, and a text body with its Content-Type. A recorded redirect is
 * followed by the browser, and its next hop answered from the HAR too.
 */
function specOf(entry: HarEntry): RequestSpec {
  const spec: RequestSpec = { ...blankSpec(), method: entry.request.method, url: entry.request.url };
  const post = entry.request.postData;
  if (post?.text !== undefined && post._encoding !== 'base64') {
    spec.body = post.mimeType.includes('json')
      ? { kind: 'json', text: post.text }
      : { kind: 'text', text: post.text, contentType: post.mimeType };
  }
  return spec;
}
