/**
 * Starts Debian's httpbin (python3-httpbin) under gunicorn on a free loopback port for the fidelity suite, waits
 * until it answers, and stops it afterwards. When it cannot be started the whole run fails with a message saying
 * what is missing: this suite never skips, so CI cannot pass without the real comparison.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import type { TestProject } from 'vitest/node';

/** Debian's interpreter, the one with httpbin and gunicorn (`python3` on PATH may be another). */
const DEBIAN_PYTHON = '/usr/bin/python3';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The real httpbin: `http://127.0.0.1:PORT` */
    realHttpbin: string;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
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

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  // gthread: /delay and /drip do not hold up other requests, and keep-alive works as behind a real front end.
  const child: ChildProcess = spawn(
    DEBIAN_PYTHON,
    ['-m', 'gunicorn', '-b', `127.0.0.1:${port}`, '-k', 'gthread', '--threads', '8', '--log-level', 'warning', 'httpbin:app'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  let exited: string | null = null;
  child.once('exit', (code, signal) => (exited = `exited with ${code ?? signal}`));
  child.once('error', (error) => (exited = `could not be spawned (${error.message})`));

  const stop = async (): Promise<void> => {
    if (exited !== null || child.exitCode !== null) return;
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await gone;
    clearTimeout(timer);
  };

  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline && exited === null) {
    if (await answers(`${origin}/get`)) {
      project.provide('realHttpbin', origin);
      return stop;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error(
    [
      '',
      '=== FIDELITY TEST CANNOT RUN: the real httpbin did not start ===',
      `\`${DEBIAN_PYTHON} -m gunicorn -b 127.0.0.1:${port} httpbin:app\` ${exited ?? 'did not answer within 20 s'}.`,
      'Install Debian\'s packages: apt-get install python3-httpbin gunicorn  (.ci/run does this).',
      'The mocks are only trusted once this comparison has run; it is never skipped.',
      output.trim(),
      '',
    ].join('\n'),
  );
}
