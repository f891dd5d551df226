import { defineConfig } from 'vitest/config';
import { packageAliases } from './test/aliases.ts';

// One project per environment: the core suite runs in Node; a focused suite runs in happy-dom, with src/'s
// `#platform/*` imports resolved under the `browser` condition as a bundler does for a page.
// Suites that need Debian packages (fidelity, parity, browser) have their own npm scripts.
export default defineConfig({
  resolve: { alias: packageAliases },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/node/**/*.test.ts'],
          testTimeout: 15_000,
        },
      },
      {
        extends: true,
        resolve: { conditions: ['browser', 'module', 'import', 'default'] },
        test: {
          name: 'dom',
          environment: 'happy-dom',
          include: ['test/dom/**/*.test.ts'],
          testTimeout: 15_000,
        },
      },
    ],
  },
});
