/** The proxies-and-TLS suite's world (start-world.ts), provided to the tests as `inject('world')`. */
import type { TestProject } from 'vitest/node';
import { startWorld } from './start-world';
import type { World } from './world';

declare module 'vitest' {
  export interface ProvidedContext {
    world: World;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const { world, stop } = await startWorld();
  project.provide('world', world);
  return stop;
}
