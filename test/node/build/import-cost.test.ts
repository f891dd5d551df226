/**
 * What `import 'fetch-requests'` loads in Node: the library as tsup builds it (src/ bundled by esbuild, its
 * dependencies external), imported by a fresh Node. Neither Node's own fetch (undici, ~30 ms: loaded by naming
 * `Headers`, `Response`, … at module evaluation) nor a dependency may load before the first request needs it.
 * The milliseconds themselves are the bench's (`npm run bench -- --only=coldstart`), not a timed assertion.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { dependencies } from '../../../package.json';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const dir = mkdtempSync(join(root, 'node_modules/.import-cost-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('importing the library in Node', () => {
  it('loads neither Node’s fetch nor ky, tough-cookie or undici; the first request loads fetch', async () => {
    const outfile = join(dir, 'index.mjs');
    await build({
      entryPoints: [join(root, 'src/index.ts')],
      outfile,
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      target: 'es2022',
      external: Object.keys(dependencies),
      logLevel: 'silent',
    });
    // module.registerHooks (Node ≥ 22.15) sees every module the import loads, dependencies included.
    const probe = `
      const { registerHooks } = await import('node:module');
      const seen = [];
      registerHooks({ load(url, context, next) { seen.push(url); return next(url, context); } });
      const loaded = () => ({
        nodeFetch: process.moduleLoadList.some((m) => m.includes('undici')),
        dependencies: ${JSON.stringify(Object.keys(dependencies))}.filter((d) =>
          seen.some((url) => url.includes('/node_modules/' + d + '/'))),
      });
      const lib = await import(${JSON.stringify(outfile)});
      const afterImport = loaded();
      new lib.CaseInsensitiveDict({ A: '1' });
      const afterFirstUse = loaded();
      console.log(JSON.stringify({ afterImport, afterFirstUse, seen: seen.length }));
    `;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', probe], { encoding: 'utf8' });
    const { afterImport, afterFirstUse, seen } = JSON.parse(out);
    expect(seen).toBeGreaterThan(0);
    expect(afterImport).toEqual({ nodeFetch: false, dependencies: [] });
    expect(afterFirstUse.nodeFetch).toBe(true); // the probe sees a load when there is one
  }, 30_000);
});
