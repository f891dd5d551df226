/**
 * fetch-requests/vitest: a cassette named after the current test, kept next to the test file, and saved when the
 * test passes.
 *
 *   import { useCassette } from 'fetch-requests/vitest';
 *   it('reads a user', async () => {
 *     const s = new Session({ cassette: await useCassette() });
 *     // test/api.test.ts › "reads a user" → test/__cassettes__/api.test.ts/reads-a-user.har
 *   });
 *
 * The mode is, in this order: the option, the FETCH_REQUESTS_CASSETTE environment variable (`record`, `replay`,
 * `once`), then `replay` when CI is set (CI never reaches the network) and `once` elsewhere (a new test records
 * on its first run). A failed test's recordings are not saved, so that a broken run never replaces a good cassette.
 */
import { Cassette, type CassetteMode, type CassetteOptions } from 'fetch-requests/cassette';
import { expect, onTestFinished, type TestContext } from 'vitest';

export interface UseCassetteOptions extends CassetteOptions {
  /** The file's name without `.har` (default: the test's name, with its describe blocks, made file-safe). */
  name?: string;
  /** The folder: relative to the test file's, or absolute (default `__cassettes__/<test file name>`). */
  dir?: string;
  /**
   * The test's context (`it('…', async (context) => …)`), for concurrent tests: the global `expect` cannot tell
   * which of them is running.
   */
  context?: TestContext;
}

const MODES: readonly CassetteMode[] = ['record', 'replay', 'once'];

export async function useCassette(options: UseCassetteOptions = {}): Promise<Cassette> {
  const { context, ...rest } = options;
  const { testPath, currentTestName } = (context?.expect ?? expect).getState();
  if (!testPath || !currentTestName) throw new Error('useCassette() is called from inside a running test');
  const path = cassettePath(testPath, currentTestName, rest);
  const cassette = await Cassette.open(path, { ...rest, mode: rest.mode ?? defaultMode() });
  (context?.onTestFinished ?? onTestFinished)(async ({ task }) => {
    if (task.result?.state !== 'fail') await cassette.save();
  });
  return cassette;
}

/** Where a test's cassette is: `<test folder>/__cassettes__/<test file name>/<test name>.har`. */
export function cassettePath(
  testPath: string,
  testName: string,
  options: { name?: string; dir?: string } = {},
): string {
  const slash = Math.max(testPath.lastIndexOf('/'), testPath.lastIndexOf('\\'));
  const folder = testPath.slice(0, slash);
  const file = testPath.slice(slash + 1);
  const dir = options.dir ?? `__cassettes__/${file}`;
  const base = /^([/\\]|[A-Za-z]:)/.test(dir) ? dir : `${folder}/${dir}`;
  return `${base}/${options.name ?? fileSafe(testName)}.har`;
}

/** `describe > it name` → `describe--it-name`: letters, digits, `.`, `_` and `-` only. */
function fileSafe(name: string): string {
  return (
    name
      .split(' > ')
      .map((part) =>
        part
          .trim()
          .replace(/[^A-Za-z0-9._-]+/g, '-')
          .replace(/^-+|-+$/g, ''),
      )
      .filter(Boolean)
      .join('--')
      .slice(0, 150) || 'test'
  );
}

function defaultMode(): CassetteMode {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env ?? {};
  const forced = env.FETCH_REQUESTS_CASSETTE;
  if (forced) {
    if (!(MODES as readonly string[]).includes(forced)) {
      throw new Error(`FETCH_REQUESTS_CASSETTE=${forced}: expected one of ${MODES.join(', ')}`);
    }
    return forced as CassetteMode;
  }
  return env.CI && env.CI !== 'false' && env.CI !== '0' ? 'replay' : 'once';
}
