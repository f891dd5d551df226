/**
 * The package's own names inside the repository, for vitest (tsc reads tsconfig's `paths`, tsx too): the cassette
 * and vitest modules import the library as its users do, by name, so that their builds share its classes.
 */
import { fileURLToPath } from 'node:url';

const src = (path: string): string => fileURLToPath(new URL(`../src/${path}`, import.meta.url));

export const packageAliases = [
  { find: /^fetch-requests$/, replacement: src('index.ts') },
  { find: /^fetch-requests\/cassette$/, replacement: src('cassette/index.ts') },
  { find: /^fetch-requests\/vitest$/, replacement: src('vitest.ts') },
];
