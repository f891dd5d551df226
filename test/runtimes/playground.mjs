// The playground against the real httpbin (issue 20): the built page, opened with ?mocks=off (no service worker), is
// driven through its form in each browser — the fields are filled and Send clicked inside the page, and what the
// response panel then shows is read with test/browser/page.mjs's snapshot. Requests go to the same-origin front
// (which passes them to httpbin), and one goes to httpbin's own origin under CORS.
import assert from 'node:assert/strict';
import { snapshot } from '../browser/page.mjs';

/**
 * Runs in the page: fills the form from `form` (fields left out keep their blank defaults), clicks Send and waits
 * until the run is over. Resolves to nothing; the panel is read afterwards.
 */
function submitInPage(form) {
  const $ = (id) => document.getElementById(id);
  const set = (id, value) => {
    const el = $(id);
    if (el.type === 'checkbox') el.checked = value;
    else el.value = value;
    el.dispatchEvent(new Event('input', { bubbles: true }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
  };
  // The page starts with a sample request: empty its parameter and header tables (form fields stay as they are).
  for (const input of document.querySelectorAll('#params .kv-row input, #headers .kv-row input')) {
    input.value = '';
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }
  set('method', form.method ?? 'GET');
  set('url', form.url);
  const body = document.querySelector(`input[name=body][value=${form.body ?? 'none'}]`);
  body.checked = true;
  body.dispatchEvent(new Event('change', { bubbles: true }));
  if (form.json !== undefined) set('json-body', form.json);
  set('auth-kind', form.auth?.[0] ?? 'none');
  set('auth-user', form.auth?.[1] ?? '');
  set('auth-pass', form.auth?.[2] ?? '');
  set('allow-redirects', form.allowRedirects ?? true);
  set('raise', form.raise ?? false);
  set('timeout', form.timeout ?? '');
  set('stream', form.stream !== undefined);
  if (form.stream) {
    set('stream-mode', form.stream.mode);
    set('chunk-size', form.stream.chunkSize ?? '');
  }
  const runs = window.__playground.runs;
  $('send').click();
  return new Promise((resolve) => {
    const poll = () =>
      window.__playground.runs > runs && !window.__playground.busy ? resolve() : setTimeout(poll, 50);
    poll();
  });
}

const done = (shot) => {
  assert.equal(shot.error, null, `error shown: ${JSON.stringify(shot.error)}`);
  assert.equal(shot.state, 'done');
};

/** `{ name, form(env), expect(shot, env) }`; env = { base (the front), cors (httpbin's own origin) }. */
export const PLAYGROUND_CASES = [
  {
    name: 'playground: GET with a query, JSON shown',
    form: ({ base }) => ({ url: `${base}/get?name=Peter&age=23` }),
    expect(shot, { base }) {
      done(shot);
      assert.deepEqual([shot.status, shot.reason, shot.url], [200, 'OK', `${base}/get?name=Peter&age=23`]);
      assert.equal(shot.bodyKind, 'json');
      assert.deepEqual(JSON.parse(shot.body).args, { age: '23', name: 'Peter' });
    },
  },
  {
    name: 'playground: POST JSON echoed',
    form: ({ base }) => ({ method: 'POST', url: `${base}/post`, body: 'json', json: '{"name": "Jane", "age": 17}' }),
    expect(shot) {
      done(shot);
      assert.deepEqual(JSON.parse(shot.body).json, { age: 17, name: 'Jane' });
    },
  },
  {
    name: 'playground: redirect followed by the browser',
    form: ({ base }) => ({ url: `${base}/redirect/2` }),
    expect(shot, { base }) {
      done(shot);
      assert.deepEqual([shot.status, shot.url], [200, `${base}/get`]);
      assert.match(shot.notes, /browser followed the redirect itself/);
    },
  },
  {
    name: 'playground: 404 with raiseForStatus shows HTTPError',
    form: ({ base }) => ({ url: `${base}/status/404`, raise: true }),
    expect(shot, { base }) {
      assert.equal(shot.status, 404);
      assert.equal(shot.error?.name, 'HTTPError');
      assert.equal(shot.error.message, `404 Client Error: NOT FOUND for url: ${base}/status/404`);
    },
  },
  {
    name: 'playground: Basic auth, right credentials',
    form: ({ base }) => ({ url: `${base}/basic-auth/user/passwd`, auth: ['basic', 'user', 'passwd'] }),
    expect(shot) {
      done(shot);
      assert.deepEqual([shot.status, JSON.parse(shot.body)], [200, { authenticated: true, user: 'user' }]);
    },
  },
  {
    name: 'playground: Digest auth, right credentials',
    form: ({ base }) => ({ url: `${base}/digest-auth/auth/user/passwd`, auth: ['digest', 'user', 'passwd'] }),
    expect(shot) {
      done(shot);
      assert.deepEqual([shot.status, JSON.parse(shot.body)], [200, { authenticated: true, user: 'user' }]);
    },
  },
  {
    name: 'playground: drip streamed in pieces',
    form: ({ base }) => ({
      url: `${base}/drip?numbytes=5&duration=1&delay=0`,
      stream: { mode: 'content', chunkSize: 1 },
    }),
    expect(shot) {
      done(shot);
      assert.deepEqual([shot.status, shot.chunks, shot.bytes], [200, 5, 5]);
      assert.equal(shot.progress, 1, 'progress bar not full at the end');
    },
  },
  {
    name: 'playground: timeout shows ReadTimeout',
    form: ({ base }) => ({ url: `${base}/delay/3`, timeout: '500' }),
    expect(shot) {
      assert.equal(shot.error?.name, 'ReadTimeout', JSON.stringify(shot.error));
    },
  },
  {
    name: 'playground: cross-origin GET (CORS)',
    form: ({ cors }) => ({ url: `${cors}/get?x=1` }),
    expect(shot) {
      done(shot);
      assert.deepEqual([shot.status, JSON.parse(shot.body).args], [200, { x: '1' }]);
    },
  },
];

/**
 * Runs one playground case on an open page (browsers.mjs's interface), bounded by `ms`.
 * Resolves `{ ok, message }`; a hang (a login prompt) surfaces from `bounded` as a StepTimeout.
 */
export async function runPlaygroundCase(page, spec, env) {
  await page.eval(`(${submitInPage})(${JSON.stringify(spec.form(env))})`);
  const shot = await snapshot({ evaluate: (fn) => page.eval(`(${fn})()`) });
  spec.expect(shot, env);
}
