// One agent process of a runtime suite: spawned with its cases, killed past `limit` ms, and read for the results it
// prints as one line after `mark`. Whatever keeps that line from coming (it could not start, it crashed, it hung)
// fails every case it was given, with the reason and the end of its output. Shared by test/runtimes/run.mjs and
// test/proxies-tls/bun-deno/run.mjs.
import { spawn } from 'node:child_process';

export const everyCaseFailed = (names, message) => names.map((name) => ({ name, ok: false, message, ms: 0 }));

/**
 * @param {{ runtime: string, command: string, args: string[], cwd: string, env: Record<string, string | undefined>,
 *   limit: number, names: string[], mark: string, children?: Set<import('node:child_process').ChildProcess> }} options
 */
export function runAgentProcess({ runtime, command, args, cwd, env, limit, names, mark, children }) {
  return new Promise((done) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env });
    children?.add(child);
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), limit);
    const finish = (why) => {
      clearTimeout(timer);
      children?.delete(child);
      const line = out.split('\n').find((l) => l.startsWith(mark));
      if (line) done(JSON.parse(line.slice(mark.length)));
      else done(everyCaseFailed(names, `${runtime} ${why}: ${(err || out).trim().slice(-1500)}`));
    };
    child.once('error', (error) => finish(`could not start (${error.message})`));
    // 'close', not 'exit': the output is read to its end.
    child.once('close', (code, signal) => finish(`exited with ${code ?? signal}`));
  });
}
