/**
 * The playground page: presets, the request form, the response panel, and the offline switch.
 * Test hook: `window.__fr` is the library itself and `window.__playground` the page's state (see test/browser).
 */
import requests from 'fetch-requests';
import { perform } from './call';
import { RequestForm } from './form';
import { type HarState, harPanel } from './har';
import { mocksWanted, startMocking, switchMocks, type Mocking } from './mocking';
import { PRESETS, type Preset } from './presets';
import { snippet } from './snippet';
import { blankSpec, type RequestSpec } from './spec';
import { describe, ResponseView } from './view';

const SAVED = 'fetch-requests-playground:spec';

declare global {
  interface Window {
    __fr: typeof requests;
    /** For tests and the curious: `runs` counts finished requests (done or failed). */
    __playground: {
      mocks: boolean;
      presets: string[];
      busy: boolean;
      runs: number;
      error: string | null;
      har: HarState;
    };
    /** fetch-requests/cassette, loaded on demand (test/browser replays a HAR with it, without the worker). */
    __loadCassette: () => Promise<typeof import('fetch-requests/cassette')>;
  }
}

const view = new ResponseView();
const snippetBox = document.getElementById('snippet')!;
const presetNote = document.getElementById('preset-note')!;
const sendButton = document.getElementById('send') as HTMLButtonElement;
const cancelButton = document.getElementById('cancel') as HTMLButtonElement;
const modeBox = document.getElementById('mode')!;
const mocksBox = document.getElementById('mocks') as HTMLInputElement;
const form = new RequestForm(() => {
  snippetBox.textContent = snippet(form.read());
});

window.__fr = requests;
window.__loadCassette = () => import('fetch-requests/cassette');
const har = harPanel(
  () => mocking.use ?? null,
  (spec) => {
    for (const other of document.querySelectorAll('[data-preset]')) other.classList.remove('active');
    presetNote.textContent = '';
    form.write(spec);
    void send(spec);
  },
);
window.__playground = {
  mocks: mocksWanted(),
  presets: PRESETS.map((p) => p.id),
  busy: false,
  runs: 0,
  error: null,
  har: har.state,
};
document.getElementById('version')!.textContent = `v${requests.version}`;

let mocking: Mocking = { enabled: false, lastUnhandled: null };
let running: AbortController | null = null;

async function send(spec: RequestSpec): Promise<void> {
  running?.abort(new DOMException('Replaced by a new request', 'AbortError'));
  const controller = new AbortController();
  running = controller;
  mocking.lastUnhandled = null;
  setBusy(true);
  try {
    await perform(spec, view, controller.signal);
  } catch (error) {
    if (running === controller) view.error(error, hintFor(error));
  } finally {
    if (running === controller) {
      running = null;
      setBusy(false);
    }
    window.__playground.runs += 1;
  }
}

function hintFor(error: unknown): string {
  const { name } = describe(error);
  if (name === 'ConnectionError' && mocking.enabled && mocking.lastUnhandled) {
    return `No offline mock answers ${mocking.lastUnhandled}. Turn off "Offline mocks" to send it to the real server.`;
  }
  if (name === 'ConnectionError' && !mocking.enabled) {
    return 'In a browser this also covers CORS refusals: the server must allow this page’s origin (Access-Control-Allow-Origin).';
  }
  if (name === 'AbortError') return 'Cancelled.';
  return '';
}

function setBusy(busy: boolean): void {
  window.__playground.busy = busy;
  sendButton.disabled = busy;
  cancelButton.disabled = !busy;
}

function renderPresets(): void {
  const nav = document.getElementById('presets')!;
  const groups: [Preset['group'], string][] = [
    ['tutorial', 'Tutorial'],
    ['library', 'Library'],
  ];
  for (const [group, title] of groups) {
    const box = document.createElement('div');
    box.className = 'preset-group';
    box.append(Object.assign(document.createElement('span'), { className: 'group-title', textContent: title }));
    for (const preset of PRESETS.filter((p) => p.group === group)) {
      const button = Object.assign(document.createElement('button'), {
        type: 'button',
        textContent: preset.title,
        title: preset.note,
      });
      button.dataset.preset = preset.id;
      button.addEventListener('click', () => void runPreset(preset, button));
      box.append(button);
    }
    nav.append(box);
  }
}

async function runPreset(preset: Preset, button: HTMLButtonElement): Promise<void> {
  for (const other of document.querySelectorAll('[data-preset]')) other.classList.toggle('active', other === button);
  presetNote.textContent = preset.note;
  try {
    const spec = await preset.spec();
    form.write(spec);
    await send(spec);
  } catch (error) {
    view.error(error);
    window.__playground.runs += 1;
  }
}

/** The form survives the offline switch's reload (all but a chosen file). */
function saveForm(): void {
  const spec = form.read();
  if (spec.body.kind === 'file') spec.body = { ...spec.body, file: null };
  sessionStorage.setItem(SAVED, JSON.stringify(spec));
}

function restoreForm(): void {
  const saved = sessionStorage.getItem(SAVED);
  sessionStorage.removeItem(SAVED);
  let spec: RequestSpec = { ...blankSpec(), url: 'https://httpbin.org/get', params: [['name', 'Peter']] };
  try {
    if (saved) spec = { ...blankSpec(), ...(JSON.parse(saved) as RequestSpec) };
  } catch {
    // An unreadable saved form: start from the default.
  }
  form.write(spec);
}

form.element.addEventListener('submit', (event) => {
  event.preventDefault();
  for (const other of document.querySelectorAll('[data-preset]')) other.classList.remove('active');
  presetNote.textContent = '';
  void send(form.read());
});
cancelButton.addEventListener('click', () =>
  running?.abort(new DOMException('The request was cancelled', 'AbortError')),
);
mocksBox.checked = mocksWanted();
mocksBox.addEventListener('change', () => {
  saveForm();
  switchMocks(mocksBox.checked);
});

renderPresets();
restoreForm();
try {
  mocking = await startMocking();
  modeBox.textContent = mocking.enabled
    ? 'Offline: MSW answers for httpbin.org and the tutorial’s servers.'
    : 'Real network: requests go to the real URLs (the servers must allow CORS).';
  modeBox.className = `mode ${mocking.enabled ? 'offline' : 'online'}`;
} catch (error) {
  const { name, message } = describe(error);
  window.__playground.error = `${name}: ${message}`;
  modeBox.textContent = 'The offline mocks failed to start.';
  modeBox.className = 'mode failed';
  view.error(error, 'The offline mocks could not start; turn them off to use real URLs.');
}
document.body.dataset.ready = 'true';
