import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vitest/config';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

// One project per environment: the core suite runs in Node; a focused suite runs in happy-dom.
// Suites that need Debian packages (fidelity, parity, browser) have their own npm scripts.
/**
 * In the browser-like project, src/ gets the browser build's inert cookie jar, no-op connect-phase watch and
 * code-less fetch-error mapping, as tsup's browser build does.
 */
const browserCookies: Plugin = {
  name: 'browser-cookies',
  enforce: 'pre',
  resolveId(source, importer) {
    if (
      (source === './cookies' || source === './connect-phase' || source === './fetch-errors') &&
      importer?.includes('/src/')
    ) {
      return fileURLToPath(new URL(`./src/${source.slice(2)}.browser.ts`, import.meta.url));
    }
    return null;
  },
};

export default defineConfig({
  define: { __VERSION__: JSON.stringify(version) },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/{unit,integration,live,property,faults,examples}/**/*.test.ts'],
          testTimeout: 15_000,
        },
      },
      {
        extends: true,
        plugins: [browserCookies],
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
