// Packaging test: the packed tarball, installed into a blank folder, works through `import` and `require`,
// sends a real request to a loopback server, and publint and @arethetypeswrong/cli find no problems.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
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
  run(npm, ['install', '--silent', '--no-audit', '--no-fund', tarball], app);

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
