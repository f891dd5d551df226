/**
 * Starts the real servers both clients talk to: Debian's httpbin under gunicorn on a free loopback port, and the
 * suite's node:http fixture (fixture.ts). Fails loudly when httpbin cannot start — the suite never skips.
 */
import type { TestProject } from 'vitest/node';
import { startHttpbin } from '../helpers/httpbin';
import { closedPort } from '../helpers/server';
import { startFixture } from './fixture';
import { startFullBacklog } from '../helpers/full-backlog';

export interface ParityServers {
  /** Debian's httpbin: `http://127.0.0.1:PORT` */
  httpbin: string;
  /** The same httpbin under another host name (`http://localhost:PORT`), for cross-host rules. */
  httpbinAlt: string;
  /** The node:http fixture. */
  fixture: string;
  /** A loopback port nothing listens on. */
  refused: string;
  /** A loopback port whose connects never complete (test/helpers/full-backlog.ts). */
  unconnectable: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    parity: ParityServers;
  }
}

/** Starts httpbin, the fixture and a full backlog, and picks a refused port. */
export async function startServers(): Promise<{ servers: ParityServers; stop: () => Promise<void> }> {
  // 16 threads: Python and the library are served at the same time, and /delay or /drip blocks no one.
  const httpbin = await startHttpbin({ threads: 16 }).catch((error: Error) => {
    throw new Error(`The parity suite needs Debian's httpbin under gunicorn, but ${error.message}`);
  });
  const fixture = await startFixture().catch(async (error: unknown) => {
    await httpbin.stop();
    throw error;
  });
  const backlog = await startFullBacklog().catch(async (error: unknown) => {
    await Promise.all([httpbin.stop(), fixture.close()]);
    throw error;
  });
  const refusedPort = await closedPort();
  return {
    servers: {
      httpbin: httpbin.origin,
      httpbinAlt: httpbin.origin.replace('127.0.0.1', 'localhost'),
      fixture: fixture.origin,
      refused: `http://127.0.0.1:${refusedPort}`,
      unconnectable: backlog.origin,
    },
    stop: async () => {
      await Promise.all([httpbin.stop(), fixture.close(), backlog.close()]);
    },
  };
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const { servers, stop } = await startServers();
  project.provide('parity', servers);
  return stop;
}
