// Packaging test: the packed tarball, installed into a blank folder, works through `import` and `require`,
// sends a real request to a loopback server, and publint and @arethetypeswrong/cli find no problems.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const run = (cmd, args, cwd) =>
  execFileSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
let failures = 0;
let passes = 0;
const check = (name, fn) => {
  try {
    fn();
    passes++;
    console.log(`✓ ${name}`);
  } catch (error) {
    failures++;
    console.log(`✗ ${name}\n${error.stdout ?? ''}${error.message}`);
  }
};

const work = mkdtempSync(join(tmpdir(), 'fetch-requests-pack-'));
const server = createServer((req, res) => {
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ ua: req.headers['user-agent'], url: req.url }));
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;

try {
  run(npm, ['pack', '--silent', '--pack-destination', work], root);
  const tarball = join(
    work,
    readdirSync(work).find((f) => f.endsWith('.tgz')),
  );
  const app = join(work, 'app');
  run('mkdir', ['-p', app]);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'blank-app', private: true }));
  // msw: the optional peer that fetch-requests/cassette needs (its handlers()); the version the repository tests.
  const msw = JSON.parse(readFileSync(join(root, 'node_modules/msw/package.json'), 'utf8')).version;
  run(npm, ['install', '--silent', '--no-audit', '--no-fund', tarball, `msw@${msw}`], app);

  writeFileSync(
    join(app, 'esm.mjs'),
    `import requests, { get, Session, ReadTimeout } from 'fetch-requests';
     const r = await requests.get(${JSON.stringify(origin)} + '/x', { params: { a: 1 } });
     if (r.statusCode !== 200 || r.json().url !== '/x?a=1') throw new Error('bad response ' + r.text);
     if (typeof get !== 'function' || typeof Session !== 'function' || new ReadTimeout('x').name !== 'ReadTimeout') throw new Error('exports');
     const s = new Session(); s.cookies.set('a', 'b'); s.close();
     // The lazily loaded streams chunk: iterators and a read with a timeout.
     const streamed = await requests.get(${JSON.stringify(origin)} + '/s', { stream: true });
     const lines = []; for await (const line of streamed.iterLines()) lines.push(line);
     const timed = await requests.get(${JSON.stringify(origin)} + '/t', { timeout: 5000 });
     if (lines.length !== 1 || JSON.parse(lines[0]).url !== '/s' || timed.json().url !== '/t') throw new Error('streams chunk');
     console.log('esm', requests.version, r.json().ua);`,
  );
  writeFileSync(
    join(app, 'cjs.cjs'),
    `const requests = require('fetch-requests');
     (async () => {
       const r = await requests.get(${JSON.stringify(origin)} + '/y');
       if (r.statusCode !== 200 || typeof requests.default.delete !== 'function' || typeof requests.del !== 'function') throw new Error('cjs');
       await requests.post(${JSON.stringify(origin)} + '/y', { retry: 1 }).catch(() => {});
       const s = new requests.Session({ retry: 1 });
       const r2 = await s.get(${JSON.stringify(origin)} + '/retry-path');
       if (r2.statusCode !== 200) throw new Error('cjs retry path');
       const streamed = await requests.get(${JSON.stringify(origin)} + '/s', { stream: true });
       const pieces = []; for await (const piece of streamed.iterContent(4)) pieces.push(piece);
       if (pieces.length === 0 || pieces.some((p, i) => p.byteLength !== 4 && i !== pieces.length - 1)) throw new Error('cjs streams');
       console.log('cjs', requests.version);
     })().catch((e) => { console.error(e); process.exit(1); });`,
  );
  // fetch-requests/cassette: record to a file, replay it, a miss is the library's own NoRecordingError class.
  const cassetteScript = (load) => `${load}
     const o = ${JSON.stringify(origin)};
     (async () => {
       const recording = await Cassette.open('rec.har', { mode: 'record' });
       const live = await new Session({ cassette: recording }).get(o + '/rec', { headers: { Authorization: 'Bearer sekrit-token' } });
       await recording.save();
       if (require('node:fs').readFileSync('rec.har', 'utf8').includes('sekrit-token')) throw new Error('secret recorded');
       const replay = await Cassette.open('rec.har', { mode: 'replay' });
       const again = await new Session({ cassette: replay, fetch: () => { throw new Error('network'); } }).get(o + '/rec');
       if (again.text !== live.text) throw new Error('replay differs');
       const miss = await new Session({ cassette: replay }).get(o + '/other').catch((e) => e);
       if (!(miss instanceof NoRecordingError) || !(miss instanceof RequestException)) throw new Error('miss: ' + miss);
       if (cassetteHandlers(replay).length !== 1) throw new Error('handlers');
       console.log('cassette', replay.entries.length, 'entry, replayed');
     })().catch((e) => { console.error(e); process.exit(1); });`;
  writeFileSync(
    join(app, 'cassette.mjs'),
    cassetteScript(`import { Cassette, NoRecordingError } from 'fetch-requests/cassette';
     import { Session, RequestException } from 'fetch-requests';
     import { createRequire } from 'node:module';
     const require = createRequire(import.meta.url);
     const cassetteHandlers = (c) => c.handlers();`),
  );
  writeFileSync(
    join(app, 'cassette.cjs'),
    cassetteScript(`const { Cassette, NoRecordingError } = require('fetch-requests/cassette');
     const { Session, RequestException } = require('fetch-requests');
     const cassetteHandlers = (c) => c.handlers();`),
  );
  writeFileSync(
    join(app, 'types.ts'),
    `import requests, { type Response } from 'fetch-requests';\nconst r: Promise<Response> = requests.get('http://x');\nvoid r;\n`,
  );

  // The server must run while the children make requests: run them asynchronously.
  const { execFile } = await import('node:child_process');
  const runAsync = (args) =>
    new Promise((res, rej) =>
      execFile(process.execPath, args, { cwd: app }, (err, stdout, stderr) =>
        err ? rej(Object.assign(err, { stdout: stdout + stderr })) : res(stdout),
      ),
    );
  for (const [name, file] of [
    ['import (ESM) from a blank folder', 'esm.mjs'],
    ['require (CJS) from a blank folder', 'cjs.cjs'],
    ['fetch-requests/cassette by import (ESM)', 'cassette.mjs'],
    ['fetch-requests/cassette by require (CJS)', 'cassette.cjs'],
  ]) {
    try {
      console.log(`✓ ${name}: ${(await runAsync([file])).trim()}`);
      passes++;
    } catch (error) {
      failures++;
      console.log(`✗ ${name}\n${error.stdout ?? ''}${error.message}`);
    }
  }
  check('publint reports no problems', () =>
    console.log(run(join(root, 'node_modules/.bin/publint'), ['--strict', root], root).trim()),
  );
  check('@arethetypeswrong/cli reports no problems', () =>
    console.log(
      run(join(root, 'node_modules/.bin/attw'), [tarball, '--profile', 'node16', '--format', 'ascii'], root).trim(),
    ),
  );
} finally {
  server.close();
  rmSync(work, { recursive: true, force: true });
}
console.log(`pack: ${passes} passed, ${failures} failed`);
process.exit(failures === 0 ? 0 : 1);
