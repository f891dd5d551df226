import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('../..', import.meta.url));
const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

// The fidelity suite (`npm run test:live`): one request table sent to the MSW httpbin and to Debian's real httpbin
// (started under gunicorn by the global setup, which fails loudly when it cannot). Needs python3-httpbin + gunicorn.
export default defineConfig({
  root,
  define: { __VERSION__: JSON.stringify(version) },
  test: {
    name: 'fidelity',
    environment: 'node',
    include: ['test/fidelity/**/*.test.ts'],
    globalSetup: ['test/fidelity/global-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
