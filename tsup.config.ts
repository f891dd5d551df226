import { defineConfig, type Options } from 'tsup';

/**
 * Four builds: ESM and CommonJS, each for servers and for browsers. The browser builds resolve package.json's
 * `#platform/*` imports under the `browser` condition, which keeps Node-only code out (the cookie engine, undici's
 * diagnostics channels, Node's error codes).
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

export default defineConfig([
  { ...shared, entry: { index: 'src/index.ts' }, format: ['esm'], dts: true, clean: true },
  { ...shared, ...commonjs, entry: { index: 'src/index.ts' }, dts: true },
  { ...shared, entry: { browser: 'src/index.ts' }, format: ['esm'], esbuildOptions: browser },
  {
    ...shared,
    ...commonjs,
    entry: { browser: 'src/index.ts' },
    esbuildOptions(options, context) {
      commonjs.esbuildOptions?.(options, context);
      browser(options, context);
    },
  },
]);
