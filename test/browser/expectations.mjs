// What the page must show for each preset (offline: MSW's service worker answers). Each check gets the page's
// snapshot (page.mjs) and throws on a mismatch. A preset without an entry here fails the run.
import assert from 'node:assert/strict';
import { liveSteps } from './page.mjs';

const ok = (shot) => {
  assert.equal(shot.error, null, `unexpected error shown: ${JSON.stringify(shot.error)}`);
  assert.equal(shot.state, 'done');
};
const json = (shot) => {
  assert.equal(shot.bodyKind, 'json', `body shown as ${shot.bodyKind}`);
  return JSON.parse(shot.body);
};
const streamedLive = (shot) => {
  assert.ok(shot.chunks > 1, `only ${shot.chunks} chunk(s) counted`);
  assert.ok(liveSteps(shot) > 1, `the chunk counter was seen at ${liveSteps(shot)} value(s) while streaming: not live`);
  assert.equal(shot.progress, 1, 'progress bar not full at the end');
};

export const EXPECT = {
  read_webpage(shot) {
    ok(shot);
    assert.equal(shot.status, 200);
    assert.equal(shot.url, 'http://www.webcode.me/');
    assert.equal(shot.bodyKind, 'text');
    assert.match(shot.body, /<title>My html page<\/title>/);
  },
  get_status(shot) {
    assert.equal(shot.status, 404);
    assert.equal(shot.state, 'error');
    assert.equal(shot.error?.name, 'HTTPError');
    assert.equal(shot.error.message, `404 Client Error: ${shot.reason} for url: http://www.webcode.me/news`);
    assert.match(shot.body, /404 Not Found/);
  },
  head_request(shot) {
    ok(shot);
    assert.equal(shot.status, 200);
    assert.equal(shot.bodyKind, 'empty');
    assert.match(shot.headers.server ?? '', /^nginx/);
    assert.ok(shot.headers['last-modified'], 'no Last-Modified shown');
    assert.match(shot.headers['content-type'] ?? '', /^text\/html/);
  },
  mget(shot) {
    ok(shot);
    assert.equal(shot.status, 200);
    assert.deepEqual(json(shot).args, { name: 'Peter' });
  },
  mget2(shot) {
    ok(shot);
    assert.equal(shot.url, 'https://httpbin.org/get?name=Peter&age=23');
    assert.deepEqual(json(shot).args, { name: 'Peter', age: '23' });
    assert.match(shot.snippet, /params: \{ name: 'Peter', age: '23' \}/);
  },
  redirect(shot) {
    ok(shot);
    assert.equal(shot.status, 200);
    assert.equal(shot.url, 'https://httpbin.org/get');
    assert.match(shot.notes, /browser followed the redirect itself/);
    assert.deepEqual(shot.history, ['(redirected by the browser: the hops are not visible to a page)']);
    assert.equal(json(shot).url, 'https://httpbin.org/get');
  },
  redirect2(shot) {
    ok(shot);
    assert.equal(shot.status, 0);
    assert.equal(shot.reason, '(opaque redirect)');
    assert.match(shot.notes, /browser hides this redirect/);
    assert.deepEqual(shot.headers, {}, 'an opaque redirect has no visible headers');
    assert.equal(shot.bodyKind, 'empty');
  },
  redirect3(shot) {
    ok(shot);
    assert.equal(shot.status, 200);
    assert.equal(shot.url, 'http://localhost/newpage.html');
    assert.match(shot.body, /This is a new page/);
  },
  user_agent(shot) {
    ok(shot);
    assert.equal(shot.status, 200);
    // The page asked for "Python script"; Chromium does not let a page set User-Agent, so the server never sees it.
    assert.doesNotMatch(shot.body ?? '', /Python script/);
    assert.match(shot.sent, /user-agent/i, 'the library handed the header to fetch');
  },
  post_value(shot) {
    ok(shot);
    const body = json(shot);
    assert.deepEqual(body.form, { name: 'Peter' });
    assert.equal(body.headers['Content-Type'] ?? body.headers['content-type'], 'application/x-www-form-urlencoded');
  },
  upload_file(shot) {
    ok(shot);
    assert.equal(shot.status, 200);
    assert.equal(shot.body, 'image uploaded successfully');
  },
  send_json(shot) {
    ok(shot);
    assert.equal(shot.body, 'The name is Jane\nThe age is 17\n');
  },
  read_json(shot) {
    ok(shot);
    assert.deepEqual(json(shot), { name: 'Jane', age: 17 });
  },
  streaming(shot) {
    ok(shot);
    streamedLive(shot);
    assert.equal(shot.bytes, 300_007);
    assert.equal(shot.chunks, Math.ceil(300_007 / 1024), 'iterContent(1024) gives 1 KB pieces');
    assert.equal(shot.bodyKind, 'binary');
    assert.match(shot.hex, /^000000 {2}25 50 44 46 2d/, 'the body starts with %PDF-');
    const sizes = shot.chunkLog.map((line) => Number(/· (\d+) B/.exec(line)?.[1]));
    assert.deepEqual(new Set(sizes.slice(0, -1)), new Set([1024]));
    assert.equal(sizes.at(-1), 300_007 % 1024);
  },
  credentials(shot) {
    ok(shot);
    assert.equal(shot.status, 200);
    assert.match(shot.body, /This is a secure page/);
    assert.match(shot.sent, /authorization\s*Basic dXNlcjc6N3VzZXI=/i);
  },
  get_term(shot) {
    ok(shot);
    assert.equal(shot.status, 200);
    assert.match(shot.body, /one-click-content/);
  },
  digest(shot) {
    ok(shot);
    assert.equal(shot.status, 200);
    assert.deepEqual(json(shot), { authenticated: true, user: 'user' });
  },
  image(shot) {
    ok(shot);
    assert.equal(shot.bodyKind, 'image');
    assert.ok(shot.image?.complete && shot.image.width > 0, `image not decoded: ${JSON.stringify(shot.image)}`);
  },
  stream_lines(shot) {
    ok(shot);
    assert.equal(shot.chunks, 20, 'iterLines gives one line per document');
    assert.ok(liveSteps(shot) > 1, 'lines were not seen arriving one by one');
    const ids = shot.body.split('\n').map((line) => JSON.parse(line).id);
    assert.deepEqual(ids, [...Array(20).keys()]);
  },
  drip(shot) {
    ok(shot);
    streamedLive(shot);
    assert.equal(shot.bytes, 10);
  },
  timeout(shot) {
    assert.equal(shot.state, 'error');
    assert.equal(shot.error?.name, 'ReadTimeout');
    assert.match(shot.error.message, /1000 ms/);
  },
  put_json(shot) {
    ok(shot);
    const body = json(shot);
    assert.deepEqual(body.json, { tags: ['a', 'b'], ok: true });
    assert.equal(body.headers['X-Playground'] ?? body.headers['x-playground'], 'yes');
  },
};
