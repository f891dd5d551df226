/**
 * Starts the real servers both clients talk to: Debian's httpbin under gunicorn on a free loopback port, and the
 * suite's node:http fixture (fixture.ts). Fails loudly when httpbin cannot start — the suite never skips.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import type { TestProject } from 'vitest/node';
import { startFixture } from './fixture';

/** Debian's interpreter: the one with python3-requests, python3-httpbin and gunicorn (not pyenv's `python3`). */
export const DEBIAN_PYTHON = '/usr/bin/python3';

export interface ParityServers {
  /** Debian's httpbin: `http://127.0.0.1:PORT` */
  httpbin: string;
  /** The same httpbin under another host name (`http://localhost:PORT`), for cross-host rules. */
  httpbinAlt: string;
  /** The node:http fixture. */
  fixture: string;
  /** A loopback port nothing listens on. */
  refused: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    parity: ParityServers;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

async function answers(url: string): Promise<boolean> {
  try {
    const r = await fetch(url, { signal: AbortSignal.timeout(1000) });
    await r.arrayBuffer();
    return r.status === 200;
  } catch {
    return false;
  }
}

async function startHttpbin(): Promise<{ origin: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  // Threads, so that Python and the library can be served at the same time and /delay or /drip blocks no one.
  const child: ChildProcess = spawn(
    DEBIAN_PYTHON,
    ['-m', 'gunicorn', '-b', `127.0.0.1:${port}`, '-k', 'gthread', '--threads', '16', '--log-level', 'warning', 'httpbin:app'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  let exited: string | null = null;
  child.once('exit', (code, signal) => (exited = `exited with ${code ?? signal}`));
  child.once('error', (error) => (exited = `could not be spawned: ${error.message}`));

  const stop = async (): Promise<void> => {
    if (exited !== null || child.exitCode !== null) return;
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await gone;
    clearTimeout(timer);
  };

  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (exited !== null) break;
    if (await answers(`${origin}/get`)) return { origin, stop };
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error(
    `The parity suite needs Debian's httpbin under gunicorn (apt: python3-httpbin gunicorn python3-requests), ` +
      `but \`${DEBIAN_PYTHON} -m gunicorn … httpbin:app\` on ${origin} ${exited ?? 'did not answer within 20 s'}.\n${output}`,
  );
}

/** Starts httpbin and the fixture, and picks a refused port. */
export async function startServers(): Promise<{ servers: ParityServers; stop: () => Promise<void> }> {
  const httpbin = await startHttpbin();
  const fixture = await startFixture().catch(async (error: unknown) => {
    await httpbin.stop();
    throw error;
  });
  const refusedPort = await freePort();
  return {
    servers: {
      httpbin: httpbin.origin,
      httpbinAlt: httpbin.origin.replace('127.0.0.1', 'localhost'),
      fixture: fixture.origin,
      refused: `http://127.0.0.1:${refusedPort}`,
    },
    stop: async () => {
      await Promise.all([httpbin.stop(), fixture.close()]);
    },
  };
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const { servers, stop } = await startServers();
  project.provide('parity', servers);
  return stop;
}
