/**
 * fetch-requests/vitest: `useCassette()` names the cassette after the running test, next to the test file, and
 * saves it when the test passes (not when it fails).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cassettePath, useCassette } from 'fetch-requests/vitest';
import { Session } from '../../../src/index';
import { startServerForFile } from '../../helpers/server';

const srv = await startServerForFile((_req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain' });
  res.end(`served ${Date.now()}`);
});
const dir = mkdtempSync(join(tmpdir(), 'use-cassette-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let recorded = '';

describe('useCassette', () => {
  it('puts a test’s cassette in __cassettes__/<file>/<describe--test>.har next to the test file', () => {
    expect(cassettePath('/repo/test/api.test.ts', 'users > reads a user (by id)')).toBe(
      '/repo/test/__cassettes__/api.test.ts/users--reads-a-user-by-id.har',
    );
    expect(cassettePath('/repo/test/api.test.ts', 'x', { dir: 'fixtures', name: 'y' })).toBe(
      '/repo/test/fixtures/y.har',
    );
    expect(cassettePath('/repo/test/api.test.ts', 'x', { dir: '/tmp/c' })).toBe('/tmp/c/x.har');
  });

  it('records the first time', async () => {
    const cassette = await useCassette({ dir, mode: 'once' });
    expect(cassette.path).toBe(join(dir, 'useCassette--records-the-first-time.har'));
    recorded = (await new Session({ cassette }).get(`${srv.origin}/now`)).text;
  });

  it('was saved when the test passed, and replays', async () => {
    const path = join(dir, 'useCassette--records-the-first-time.har');
    expect(JSON.parse(readFileSync(path, 'utf8')).log.entries).toHaveLength(1);
    const cassette = await useCassette({ dir, name: 'useCassette--records-the-first-time', mode: 'replay' });
    expect((await new Session({ cassette }).get(`${srv.origin}/now`)).text).toBe(recorded);
  });

  it.concurrent('takes the test’s context, for concurrent tests', async (context) => {
    const cassette = await useCassette({ dir, mode: 'record', context });
    expect(cassette.path).toBe(join(dir, 'useCassette--takes-the-test-s-context-for-concurrent-tests.har'));
  });

  it.fails('is not saved when the test fails', async () => {
    const cassette = await useCassette({ dir, mode: 'record' });
    await new Session({ cassette }).get(`${srv.origin}/now`);
    throw new Error('the test fails');
  });

  it('left no cassette for the failed test', () => {
    expect(existsSync(join(dir, 'useCassette--is-not-saved-when-the-test-fails.har'))).toBe(false);
  });
});
