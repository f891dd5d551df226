/**
 * Debian's httpbin (python3-httpbin) under gunicorn on a free loopback port, for the suites that compare against
 * the real server (fidelity, parity). It resolves once httpbin answers; when it cannot be started it rejects
 * with what went wrong and gunicorn's output — those suites never skip, so CI cannot pass without them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { get as httpsGet } from 'node:https';
import { closedPort } from './server';

/** Debian's interpreter: the one with python3-httpbin, gunicorn and python3-requests (`python3` on PATH may be another). */
export const DEBIAN_PYTHON = '/usr/bin/python3';

export interface Httpbin {
  /** `http://127.0.0.1:PORT`, or `https://` when started with `tls` */
  origin: string;
  /** Stops gunicorn: SIGTERM, then SIGKILL after 5 s. */
  stop: () => Promise<void>;
}

/** Whether `url` answers 200: through fetch, or over TLS trusting `ca` (a PEM file). */
async function answers(url: string, ca?: string): Promise<boolean> {
  if (ca !== undefined) return answersOverTls(url, ca);
  try {
    const r = await fetch(url, { signal: AbortSignal.timeout(1000) });
    await r.arrayBuffer();
    return r.status === 200;
  } catch {
    return false;
  }
}

function answersOverTls(url: string, ca: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = httpsGet(url, { ca: readFileSync(ca, 'utf8'), timeout: 1000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode === 200));
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => req.destroy());
  });
}

/**
 * Starts httpbin with `threads` gthread workers' threads: /delay and /drip then hold up no other request, and
 * keep-alive works as behind a real front end. With `tls`, it serves https with that certificate and key (gunicorn's
 * `--certfile`/`--keyfile`, as pytest-httpbin's `httpbin_secure`), `ca` being what signed them. Waits up to 20 s
 * for `/get` to answer.
 */
export async function startHttpbin({
  threads,
  tls,
}: {
  threads: number;
  tls?: { ca: string; cert: string; key: string };
}): Promise<Httpbin> {
  const port = await closedPort();
  const origin = `${tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  const args = [
    '-m',
    'gunicorn',
    '-b',
    `127.0.0.1:${port}`,
    '-k',
    'gthread',
    '--threads',
    String(threads),
    '--log-level',
    'warning',
    ...(tls ? ['--certfile', tls.cert, '--keyfile', tls.key] : []),
    'httpbin:app',
  ];
  const child: ChildProcess = spawn(DEBIAN_PYTHON, args, { stdio: ['ignore', 'pipe', 'pipe'] });
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
    if (await answers(`${origin}/get`, tls?.ca)) return { origin, stop };
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error(
    [
      `\`${DEBIAN_PYTHON} ${args.join(' ')}\` ${exited ?? 'did not answer within 20 s'}.`,
      "Install Debian's packages: apt-get install python3-httpbin gunicorn python3-requests  (.ci/run does this).",
      output.trim(),
    ].join('\n'),
  );
}
