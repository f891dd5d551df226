// The library as a user gets it: built (npm run build), packed (npm pack), and the tarball unpacked into
// `<work>/app/node_modules/fetch-requests`, next to a blank package.json, so that each runtime's own resolver finds it
// by name. Shared by the runtime conformance run (run.mjs) and the proxies-and-TLS run for Bun and Deno
// (test/proxies-tls/bun-deno/run.ts).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Builds, packs and installs the library under `work` (emptied first); returns the app folder. `declarations:
 * false` skips the .d.ts files (tsup --no-dts, a fifth of the build time), for a run that only executes the code.
 */
export function installPacked(root, work, { declarations = true } = {}) {
  const app = join(work, 'app');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(join(app, 'node_modules/fetch-requests'), { recursive: true });
  const build = ['run', '--silent', 'build', ...(declarations ? [] : ['--', '--no-dts'])];
  execFileSync('npm', build, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  execFileSync('npm', ['pack', '--silent', '--pack-destination', work], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
  execFileSync('tar', [
    '-xzf',
    join(work, tarball),
    '-C',
    join(app, 'node_modules/fetch-requests'),
    '--strip-components=1',
  ]);
  // The library's dependencies (ky, tough-cookie, @noble/hashes) resolve from the project's node_modules above.
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({ name: 'runtimes-app', private: true, type: 'module', dependencies: { 'fetch-requests': '*' } }),
  );
  // Bun and esbuild read the nearest tsconfig.json, and the project's maps `fetch-requests` to src/: not here.
  writeFileSync(join(app, 'tsconfig.json'), '{}');
  return app;
}
