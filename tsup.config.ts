import { readFileSync } from 'node:fs';
import type { Plugin } from 'esbuild';
import { defineConfig, type Options } from 'tsup';

const { version } = JSON.parse(readFileSync('./package.json', 'utf8')) as { version: string };

/**
 * The browser build keeps Node-only code out: the tough-cookie jar becomes the inert browser jar, the
 * connect-phase watch (undici's diagnostics channels) a no-op, and the fetch-error mapping drops Node's error codes.
 */
const browserCookies: Plugin = {
  name: 'browser-cookies',
  setup(build) {
    build.onResolve({ filter: /^\.\/(cookies|connect-phase|fetch-errors)$/ }, (args) => ({
      path: `${args.resolveDir}/${args.path.slice(2)}.browser.ts`,
    }));
  },
};

const shared: Options = {
  target: 'es2022',
  platform: 'neutral',
  sourcemap: true,
  treeshake: true,
  define: { __VERSION__: JSON.stringify(version) },
  external: ['ky', 'tough-cookie', '@noble/hashes'],
};

export default defineConfig([
  { ...shared, entry: { index: 'src/index.ts' }, format: ['esm'], dts: true, clean: true },
  {
    ...shared,
    entry: { index: 'src/index.ts' },
    format: ['cjs'],
    dts: true,
    // @noble/hashes is ESM-only: bundle it for require(); ky stays a real dynamic import().
    external: ['ky', 'tough-cookie'],
    noExternal: ['@noble/hashes'],
    esbuildOptions(options) {
      options.supported = { ...options.supported, 'dynamic-import': true };
    },
  },
  { ...shared, entry: { browser: 'src/index.ts' }, format: ['esm'], esbuildPlugins: [browserCookies] },
  {
    ...shared,
    entry: { browser: 'src/index.ts' },
    format: ['cjs'],
    esbuildPlugins: [browserCookies],
    external: ['ky'],
    noExternal: ['@noble/hashes'],
    esbuildOptions(options) {
      options.supported = { ...options.supported, 'dynamic-import': true };
    },
  },
]);
