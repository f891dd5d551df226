/**
 * Runs the whole table through driver.py with Debian's Python Requests, in one process, and returns its outcomes.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { DEBIAN_PYTHON } from '../helpers/httpbin';
import type { Outcome, Scenario } from './scenario';

const DRIVER = fileURLToPath(new URL('./driver.py', import.meta.url));

export interface PythonRun {
  /** Requests' version, as the driver imported it. */
  requests: string;
  results: Record<string, Outcome>;
}

export function runPython(scenarios: readonly Scenario[]): Promise<PythonRun> {
  return new Promise((resolve, reject) => {
    // No proxy from the environment may stand between Requests and loopback (the library's fetch uses none).
    const env: NodeJS.ProcessEnv = { ...process.env, NO_PROXY: '*', no_proxy: '*', PYTHONIOENCODING: 'utf-8' };
    for (const key of ['HTTP_PROXY', 'HTTPS_PROXY', 'ALL_PROXY', 'http_proxy', 'https_proxy', 'all_proxy'])
      delete env[key];
    const child = spawn(DEBIAN_PYTHON, [DRIVER], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code) => {
      if (code !== 0) {
        reject(new Error(`${DEBIAN_PYTHON} ${DRIVER} exited with ${code}:\n${stderr}`));
        return;
      }
      try {
        resolve(JSON.parse(stdout) as PythonRun);
      } catch (error) {
        reject(
          new Error(`driver.py printed no JSON (${(error as Error).message}):\n${stdout.slice(0, 2000)}\n${stderr}`),
        );
      }
    });
    child.stdin.end(JSON.stringify({ scenarios }));
  });
}
