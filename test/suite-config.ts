/**
 * The vitest config of a suite that runs against real servers started by its own global setup (fidelity,
 * parity): `test/<name>/**\/*.test.ts` from the project root, in Node, with `test/<name>/global-setup.ts`.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type ViteUserConfig } from 'vitest/config';

const root = fileURLToPath(new URL('..', import.meta.url));
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

export function realServerSuite(name: string, testTimeout: number): ViteUserConfig {
  return defineConfig({
    root,
    define: { __VERSION__: JSON.stringify(version) },
    test: {
      name,
      environment: 'node',
      include: [`test/${name}/**/*.test.ts`],
      globalSetup: [`test/${name}/global-setup.ts`],
      testTimeout,
      hookTimeout: 60_000,
    },
  });
}
