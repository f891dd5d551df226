/**
 * The library as users get it: src/ bundled by esbuild the way tsup builds dist/index.js (ESM, es2022, ky,
 * tough-cookie and @noble/hashes external), rather than src/ run through tsx (whose
 * transform adds `__name()` calls to every closure and would be charged to fetch-requests).
 * Built once per run into bench/results/.build/; child processes get its path in BENCH_LIBRARY.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import type * as Library from '../src/index';
import { dependencies } from '../package.json';

export type FetchRequests = typeof Library;

/** The library's dependencies stay imports, as in dist/ (tsup keeps them external). */
export const DEPENDENCIES = Object.keys(dependencies);

const root = new URL('..', import.meta.url);

/**
 * Bundles `checkout`'s src/ (this repository's by default) into bench/results/.build/`name`.mjs; returns its path.
 */
export async function buildLibrary(checkout = fileURLToPath(root), name = 'fetch-requests'): Promise<string> {
  const dir = fileURLToPath(new URL('bench/results/.build/', root));
  mkdirSync(dir, { recursive: true });
  const outfile = `${dir}${name}.mjs`;
  await build({
    entryPoints: [join(checkout, 'src/index.ts')],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    external: DEPENDENCIES,
    logLevel: 'silent',
  });
  return outfile;
}

let loaded: Promise<FetchRequests> | undefined;

/** The built library (building it first unless BENCH_LIBRARY names one). */
export function loadLibrary(): Promise<FetchRequests> {
  loaded ??= (async () => {
    const path = process.env.BENCH_LIBRARY ?? (process.env.BENCH_LIBRARY = await buildLibrary());
    return (await import(pathToFileURL(path).href)) as FetchRequests;
  })();
  return loaded;
}
