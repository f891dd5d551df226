import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('../..', import.meta.url));
const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

// The parity suite: Python Requests and this library against the same real servers (Debian's httpbin under
// gunicorn, started by the global setup, and a node:http fixture). Run with `npm run test:parity`.
export default defineConfig({
  root,
  define: { __VERSION__: JSON.stringify(version) },
  test: {
    name: 'parity',
    environment: 'node',
    include: ['test/parity/**/*.test.ts'],
    globalSetup: ['test/parity/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
