/**
 * The vitest config of a suite that runs against real servers started by its own global setup (fidelity,
 * parity): `test/<name>/**\/*.test.ts` from the project root, in Node, with `test/<name>/global-setup.ts`.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig, type ViteUserConfig } from 'vitest/config';

const root = fileURLToPath(new URL('..', import.meta.url));

export function realServerSuite(name: string, testTimeout: number): ViteUserConfig {
  return defineConfig({
    root,
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
