// The runtime conformance spec (npm run test:runtimes): one list of cases, run unchanged in every runtime (Node 22
// and 24, Deno, Bun, workerd, Chromium, Firefox, WebKit) against Debian's real httpbin on loopback. A case is
// `{ name, run(fr, env) → observations, expect(observations, env) }`; `expect` throws on a mismatch. Both run inside
// the runtime, so this file imports nothing and uses no Node API. `fr` is the packed library's namespace
// (`import * as fr from 'fetch-requests'`); `env` is:
//   base     the httpbin origin the runtime talks to (in browsers: the page's own origin, a front that proxies to
//            httpbin, so requests are same-origin)
//   cors     httpbin's own origin (in browsers: another origin than the page's, reached through httpbin's CORS)
//   refused  an http URL on a loopback port nobody listens on
// What every case expects is what API.md promises; where a runtime cannot do it, limits.mjs says so and why.

/** Throws unless `actual` and `expected` are the same JSON value. */
function eq(actual, expected, what) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${what}: got ${a}, expected ${e}`);
}

function ok(condition, what) {
  if (!condition) throw new Error(what);
}

/** The error a promise rejects with, as { name, message, classes }: which of the library's classes it is. */
async function failure(fr, promise) {
  try {
    await promise;
  } catch (error) {
    const classes = [
      'RequestException',
      'ConnectionError',
      'Timeout',
      'ConnectTimeout',
      'ReadTimeout',
      'HTTPError',
      'TooManyRedirects',
      'JSONDecodeError',
      'ChunkedEncodingError',
    ].filter((name) => typeof fr[name] === 'function' && error instanceof fr[name]);
    return { name: error?.name, message: String(error?.message), classes };
  }
  return { name: null, message: 'no error', classes: [] };
}

const decoder = () => new TextDecoder();
const statuses = (r) => r.history.map((h) => h.statusCode);

export const CASES = [
  {
    name: 'GET with params',
    async run(fr, { base }) {
      const r = await fr.get(`${base}/get?kept=1`, { params: { a: '1', b: ['x', 'y'], gone: null, sp: 'a b&c' } });
      return { statusCode: r.statusCode, ok: r.ok, url: r.url, args: r.json().args };
    },
    expect(o, { base }) {
      eq(o.statusCode, 200, 'statusCode');
      eq(o.ok, true, 'ok');
      eq(o.url, `${base}/get?kept=1&a=1&b=x&b=y&sp=a+b%26c`, 'url');
      eq(o.args, { a: '1', b: ['x', 'y'], kept: '1', sp: 'a b&c' }, 'args echoed');
    },
  },
  {
    name: 'POST form',
    async run(fr, { base }) {
      const r = await fr.post(`${base}/post`, { data: { name: 'Peter', multi: ['1', '2'] } });
      const body = r.json();
      return { form: body.form, type: body.headers['Content-Type'] };
    },
    expect(o) {
      eq(o.form, { multi: ['1', '2'], name: 'Peter' }, 'form');
      eq(o.type, 'application/x-www-form-urlencoded', 'Content-Type');
    },
  },
  {
    name: 'POST JSON',
    async run(fr, { base }) {
      const r = await fr.post(`${base}/post`, { json: { a: [1, 2], b: null, c: 'é' } });
      const body = r.json();
      return { json: body.json, type: body.headers['Content-Type'] };
    },
    expect(o) {
      eq(o.json, { a: [1, 2], b: null, c: 'é' }, 'json');
      eq(o.type, 'application/json', 'Content-Type');
    },
  },
  {
    name: 'POST multipart',
    async run(fr, { base }) {
      const r = await fr.post(`${base}/post`, {
        data: { field: 'v' },
        files: { upload: ['notes.txt', 'hello file', 'text/plain'], raw: new Uint8Array([104, 105]) },
      });
      const body = r.json();
      return { form: body.form, files: body.files, type: body.headers['Content-Type'] };
    },
    expect(o) {
      eq(o.form, { field: 'v' }, 'form');
      eq(o.files, { raw: 'hi', upload: 'hello file' }, 'files');
      ok(/^multipart\/form-data; boundary=/.test(o.type), `Content-Type ${o.type}`);
    },
  },
  {
    name: 'redirects followed to the final URL',
    async run(fr, { base }) {
      const r = await fr.get(`${base}/redirect/3`);
      return { statusCode: r.statusCode, url: r.url, echoed: r.json().url };
    },
    expect(o, { base }) {
      eq(o.statusCode, 200, 'statusCode');
      eq(o.url, `${base}/get`, 'url');
      eq(o.echoed, `${base}/get`, 'the URL httpbin saw');
    },
  },
  {
    name: 'redirect history lists every hop',
    async run(fr, { base }) {
      const r = await fr.get(`${base}/redirect/3`);
      return { history: statuses(r), urls: r.history.map((h) => h.url) };
    },
    expect(o, { base }) {
      eq(o.history, [302, 302, 302], 'history statuses');
      eq(o.urls, [`${base}/redirect/3`, `${base}/relative-redirect/2`, `${base}/relative-redirect/1`], 'history URLs');
    },
  },
  {
    name: 'redirect 302 turns POST into GET',
    async run(fr, { base }) {
      const r = await fr.post(`${base}/redirect-to?url=%2Fget&status_code=302`, { data: { a: '1' } });
      return { statusCode: r.statusCode, url: r.url, args: r.json().args };
    },
    expect(o, { base }) {
      eq([o.statusCode, o.url, o.args], [200, `${base}/get`, {}], 'status, url, args');
    },
  },
  {
    name: 'redirect 307 keeps POST and body',
    async run(fr, { base }) {
      const r = await fr.post(`${base}/redirect-to?url=%2Fpost&status_code=307`, { data: { a: '1' } });
      return { statusCode: r.statusCode, url: r.url, form: r.json().form };
    },
    expect(o, { base }) {
      eq([o.statusCode, o.url, o.form], [200, `${base}/post`, { a: '1' }], 'status, url, form');
    },
  },
  {
    name: 'allowRedirects false returns the 302',
    async run(fr, { base }) {
      const r = await fr.get(`${base}/redirect/1`, { allowRedirects: false });
      return {
        statusCode: r.statusCode,
        location: r.headers.get('location'),
        isRedirect: r.isRedirect,
        next: r.next?.url ?? null,
        history: r.history.length,
      };
    },
    expect(o, { base }) {
      eq(o, { statusCode: 302, location: '/get', isRedirect: true, next: `${base}/get`, history: 0 }, 'response');
    },
  },
  {
    name: 'TooManyRedirects past maxRedirects',
    async run(fr, { base }) {
      const s = new fr.Session();
      s.maxRedirects = 2;
      return failure(fr, s.get(`${base}/redirect/4`));
    },
    expect(o) {
      eq([o.name, o.classes.includes('TooManyRedirects')], ['TooManyRedirects', true], 'error');
    },
  },
  {
    name: 'Basic auth, right credentials: 200',
    async run(fr, { base }) {
      const r = await fr.get(`${base}/basic-auth/user/passwd`, { auth: ['user', 'passwd'] });
      return { statusCode: r.statusCode, body: r.json() };
    },
    expect(o) {
      eq([o.statusCode, o.body], [200, { authenticated: true, user: 'user' }], 'status, body');
    },
  },
  {
    name: 'Basic auth, wrong credentials: 401',
    async run(fr, { base }) {
      const r = await fr.get(`${base}/basic-auth/user/passwd`, { auth: ['user', 'wrong'] });
      return { statusCode: r.statusCode, ok: r.ok, challenge: r.headers.get('www-authenticate') };
    },
    expect(o) {
      eq(o, { statusCode: 401, ok: false, challenge: 'Basic realm="Fake Realm"' }, 'response');
    },
  },
  {
    name: 'Digest auth, right credentials: 200',
    async run(fr, { base }) {
      const r = await fr.get(`${base}/digest-auth/auth/user/passwd`, { auth: new fr.HTTPDigestAuth('user', 'passwd') });
      return { statusCode: r.statusCode, body: r.json(), history: statuses(r) };
    },
    expect(o) {
      eq([o.statusCode, o.body], [200, { authenticated: true, user: 'user' }], 'status, body');
      eq(o.history, [401], 'history: the challenge answered');
    },
  },
  {
    name: 'Digest auth, wrong credentials: 401',
    async run(fr, { base }) {
      const r = await fr.get(`${base}/digest-auth/auth/user/passwd`, { auth: new fr.HTTPDigestAuth('user', 'nope') });
      return { statusCode: r.statusCode, history: statuses(r) };
    },
    expect(o) {
      eq(o, { statusCode: 401, history: [401] }, 'response');
    },
  },
  {
    name: 'cookies set by a redirect hop are sent on the next',
    async run(fr, { base }) {
      const s = new fr.Session();
      const r = await s.get(`${base}/cookies/set?fr_hop=1`);
      const seen = r.json().cookies;
      await s.get(`${base}/cookies/delete?fr_hop`); // browsers keep cookies between cases: leave none
      return { url: r.url, seen: seen.fr_hop ?? null };
    },
    expect(o, { base }) {
      eq(o, { url: `${base}/cookies`, seen: '1' }, 'final URL and the cookie the server saw');
    },
  },
  {
    name: 'Session cookie jar keeps Set-Cookie',
    async run(fr, { base }) {
      const s = new fr.Session();
      const r = await s.get(`${base}/cookies/set?fr_jar=2`);
      const kept = { jar: s.cookies.get('fr_jar') ?? null, hop: r.history[0]?.cookies ?? null };
      await s.get(`${base}/cookies/delete?fr_jar`);
      return kept;
    },
    expect(o) {
      eq(o, { jar: '2', hop: { fr_jar: '2' } }, 'the jar and the hop’s cookies');
    },
  },
  {
    name: 'cookies option sends a Cookie header',
    async run(fr, { base }) {
      const r = await fr.get(`${base}/cookies`, { cookies: { fr_own: '3' } });
      return r.json().cookies;
    },
    expect(o) {
      eq(o, { fr_own: '3' }, 'cookies the server saw');
    },
  },
  {
    name: 'gzip body decoded',
    async run(fr, { base }) {
      return (await fr.get(`${base}/gzip`)).json().gzipped;
    },
    expect(o) {
      eq(o, true, 'gzipped');
    },
  },
  {
    name: 'deflate body decoded',
    async run(fr, { base }) {
      const r = await fr.get(`${base}/deflate`);
      try {
        return r.json().deflated;
      } catch (error) {
        return `json() failed: ${error.name}; first bytes ${[...r.content.slice(0, 4)]}`;
      }
    },
    expect(o) {
      eq(o, true, 'deflated');
    },
  },
  {
    name: 'brotli body decoded',
    async run(fr, { base }) {
      return (await fr.get(`${base}/brotli`)).json().brotli;
    },
    expect(o) {
      eq(o, true, 'brotli');
    },
  },
  {
    name: 'iterContent on a streamed body',
    async run(fr, { base }) {
      const r = await fr.get(`${base}/stream/5`, { stream: true });
      const sizes = [];
      let text = '';
      const utf8 = decoder();
      for await (const chunk of r.iterContent(7)) {
        sizes.push(chunk.byteLength);
        text += utf8.decode(chunk, { stream: true });
      }
      const again = await failure(
        fr,
        (async () => {
          for await (const _ of r.iterContent()) break;
        })(),
      );
      return {
        sizes,
        ids: text
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line).id),
        again: again.name,
      };
    },
    expect(o) {
      eq(o.ids, [0, 1, 2, 3, 4], 'ids of the streamed lines');
      ok(o.sizes.length > 1 && o.sizes.slice(0, -1).every((n) => n === 7) && o.sizes.at(-1) <= 7, `sizes ${o.sizes}`);
      eq(o.again, 'StreamConsumedError', 'iterating again');
    },
  },
  {
    name: 'iterLines on a streamed body',
    async run(fr, { base }) {
      const r = await fr.get(`${base}/stream/4`, { stream: true });
      const ids = [];
      for await (const line of r.iterLines()) ids.push(JSON.parse(line).id);
      return ids;
    },
    expect(o) {
      eq(o, [0, 1, 2, 3], 'ids');
    },
  },
  {
    name: 'drip arrives piece by piece',
    async run(fr, { base }) {
      const r = await fr.get(`${base}/drip?numbytes=4&duration=1.2&delay=0&code=200`, { stream: true });
      const started = Date.now();
      const arrivals = [];
      let text = '';
      for await (const chunk of r.iterContent(1)) {
        arrivals.push(Date.now() - started);
        text += decoder().decode(chunk);
      }
      return { text, spread: arrivals.at(-1) - arrivals[0] };
    },
    expect(o) {
      eq(o.text, '****', 'body');
      ok(o.spread >= 500, `the pieces arrived together (${o.spread} ms apart), not as they were sent`);
    },
  },
  {
    name: 'ReadTimeout waiting for headers',
    async run(fr, { base }) {
      const started = Date.now();
      const error = await failure(fr, fr.get(`${base}/delay/3`, { timeout: 400 }));
      return { ...error, ms: Date.now() - started };
    },
    expect(o) {
      eq([o.name, o.classes.includes('Timeout')], ['ReadTimeout', true], `error (${o.message})`);
      ok(o.ms < 2500, `took ${o.ms} ms`);
    },
  },
  {
    name: 'ReadTimeout between body bytes',
    async run(fr, { base }) {
      const r = await fr.get(`${base}/drip?numbytes=2&duration=3&delay=0`, { stream: true, timeout: 800 });
      return failure(fr, r.read());
    },
    expect(o) {
      eq([o.name, o.classes.includes('Timeout')], ['ReadTimeout', true], `error (${o.message})`);
    },
  },
  {
    name: 'connect timeout does not time the server',
    async run(fr, { base }) {
      const r = await fr.get(`${base}/delay/1`, { timeout: { connect: 300, read: 5000 } });
      return r.statusCode;
    },
    expect(o) {
      eq(o, 200, 'statusCode (a 300 ms connect timeout must not cut a 1 s wait for the server)');
    },
  },
  {
    name: 'ConnectionError for a refused port',
    async run(fr, { refused }) {
      return failure(fr, fr.get(`${refused}/get`));
    },
    expect(o, { refused }) {
      eq([o.name, o.classes.includes('RequestException')], ['ConnectionError', true], `error (${o.message})`);
      ok(o.message.includes(`${refused}/get`), `the message names the URL: ${o.message}`);
    },
  },
  {
    name: 'raiseForStatus messages',
    async run(fr, { base }) {
      const messages = [];
      for (const code of [404, 500]) {
        const r = await fr.get(`${base}/status/${code}`);
        messages.push(
          (
            await failure(
              fr,
              Promise.resolve().then(() => r.raiseForStatus()),
            )
          ).message,
        );
      }
      return messages;
    },
    expect(o, { base }) {
      eq(
        o,
        [
          `404 Client Error: NOT FOUND for url: ${base}/status/404`,
          `500 Server Error: INTERNAL SERVER ERROR for url: ${base}/status/500`,
        ],
        'messages',
      );
    },
  },
  {
    name: 'reason is the server’s phrase',
    async run(fr, { base }) {
      const reasons = [];
      for (const code of [201, 418]) reasons.push((await fr.get(`${base}/status/${code}`)).reason);
      return reasons;
    },
    expect(o) {
      eq(o, ['CREATED', "I'M A TEAPOT"], 'reasons');
    },
  },
  {
    name: 'statusCode and ok',
    async run(fr, { base }) {
      const seen = [];
      for (const code of [204, 304, 404, 500]) {
        const r = await fr.get(`${base}/status/${code}`);
        seen.push([r.statusCode, r.ok]);
      }
      return seen;
    },
    expect(o) {
      eq(
        o,
        [
          [204, true],
          [304, true],
          [404, false],
          [500, false],
        ],
        '[statusCode, ok]',
      );
    },
  },
  {
    name: 'json() on HTML throws JSONDecodeError',
    async run(fr, { base }) {
      const r = await fr.get(`${base}/html`);
      return failure(
        fr,
        Promise.resolve().then(() => r.json()),
      );
    },
    expect(o) {
      eq([o.name, o.classes.includes('JSONDecodeError')], ['JSONDecodeError', true], 'error');
    },
  },
  {
    name: 'streamed upload (ReadableStream body)',
    async run(fr, { base }) {
      const parts = ['stream', 'ed ', 'upload'];
      const body = new ReadableStream({
        pull(controller) {
          if (parts.length) controller.enqueue(new TextEncoder().encode(parts.shift()));
          else controller.close();
        },
      });
      const r = await fr.post(`${base}/post`, { data: body, headers: { 'Content-Type': 'text/plain' } });
      return r.json().data;
    },
    expect(o) {
      eq(o, 'streamed upload', 'the body httpbin received');
    },
  },
  {
    name: 'cross-origin GET with a custom header (CORS)',
    async run(fr, { cors }) {
      const r = await fr.get(`${cors}/get`, { params: { q: '1' }, headers: { 'X-Fr-Test': 'yes' } });
      const body = r.json();
      return { statusCode: r.statusCode, args: body.args, header: body.headers['X-Fr-Test'] ?? null };
    },
    expect(o) {
      eq(o, { statusCode: 200, args: { q: '1' }, header: 'yes' }, 'response');
    },
  },
];
