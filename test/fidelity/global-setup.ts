/**
 * Starts Debian's httpbin (python3-httpbin) under gunicorn for the fidelity suite and stops it afterwards. When
 * it cannot be started the whole run fails with a message saying what is missing: this suite never skips, so CI
 * cannot pass without the real comparison.
 */
import type { TestProject } from 'vitest/node';
import { startHttpbin } from '../helpers/httpbin';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The real httpbin: `http://127.0.0.1:PORT` */
    realHttpbin: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const httpbin = await startHttpbin({ threads: 8 }).catch((error: Error) => {
    throw new Error(
      [
        '',
        '=== FIDELITY TEST CANNOT RUN: the real httpbin did not start ===',
        error.message,
        'The mocks are only trusted once this comparison has run; it is never skipped.',
        '',
      ].join('\n'),
    );
  });
  project.provide('realHttpbin', httpbin.origin);
  return httpbin.stop;
}
