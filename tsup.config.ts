import { defineConfig, type Options } from 'tsup';

/**
 * Four builds: ESM and CommonJS, each for servers and for browsers. The browser builds resolve package.json's
 * `#platform/*` imports under the `browser` condition, which keeps Node-only code out (the cookie engine, undici's
 * diagnostics channels, Node's error codes).
 *
 * The subpath modules (`fetch-requests/cassette`, `fetch-requests/vitest`) are built the same way, with the library
 * itself external: they import it by name, so a user's program has one copy of its classes (an `instanceof
 * NoRecordingError` holds whichever module threw it).
 */
const shared: Options = {
  target: 'es2022',
  platform: 'neutral',
  sourcemap: true,
  treeshake: true,
  external: ['ky', 'tough-cookie', '@noble/hashes', 'undici'],
};

/** CommonJS: @noble/hashes is ESM-only, so it is bundled for require(); ky stays a real dynamic import(). */
const commonjs: Options = {
  format: ['cjs'],
  external: ['ky', 'tough-cookie', 'undici'],
  noExternal: ['@noble/hashes'],
  esbuildOptions(options) {
    options.supported = { ...options.supported, 'dynamic-import': true };
  },
};

const browser: Options['esbuildOptions'] = (options) => {
  options.conditions = ['browser'];
};

/** The subpath modules: the library, msw and vitest stay imports (msw and vitest are optional peers). */
const subpath: Options = {
  ...shared,
  external: [...(shared.external as string[]), 'fetch-requests', 'fetch-requests/cassette', 'msw', 'vitest'],
};

/** Cloudflare's workerd: the server build (its fetch shows Set-Cookie and redirects), less undici. */
const workerd: Options['esbuildOptions'] = (options) => {
  options.conditions = ['workerd', 'worker'];
};

export default defineConfig([
  { ...shared, entry: { index: 'src/index.ts' }, format: ['esm'], dts: true, clean: true },
  { ...shared, ...commonjs, entry: { index: 'src/index.ts' }, dts: true },
  { ...shared, entry: { browser: 'src/index.ts' }, format: ['esm'], esbuildOptions: browser },
  { ...shared, entry: { workerd: 'src/index.ts' }, format: ['esm'], esbuildOptions: workerd },
  {
    ...shared,
    ...commonjs,
    entry: { browser: 'src/index.ts' },
    esbuildOptions(options, context) {
      commonjs.esbuildOptions?.(options, context);
      browser(options, context);
    },
  },
  { ...subpath, entry: { cassette: 'src/cassette/index.ts', vitest: 'src/vitest.ts' }, format: ['esm'], dts: true },
  {
    ...subpath,
    ...commonjs,
    external: subpath.external,
    entry: { cassette: 'src/cassette/index.ts', vitest: 'src/vitest.ts' },
    dts: true,
  },
  { ...subpath, entry: { 'cassette.browser': 'src/cassette/index.ts' }, format: ['esm'], esbuildOptions: browser },
  {
    ...subpath,
    ...commonjs,
    external: subpath.external,
    entry: { 'cassette.browser': 'src/cassette/index.ts' },
    esbuildOptions(options, context) {
      commonjs.esbuildOptions?.(options, context);
      browser(options, context);
    },
  },
]);
