// ConnectTimeout on the wire: a loopback port whose accept queue is full, so the TCP handshake never completes
// (test/helpers/full-backlog.ts). The connect timeout ends the wait, long before the read timeout would.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import requests, { ConnectionError, ConnectTimeout, ReadTimeout, Session, Timeout } from '../../../src/index';
import { startFullBacklog, type FullBacklog } from '../../helpers/full-backlog';

let backlog: FullBacklog;
beforeAll(async () => {
  backlog = await startFullBacklog();
});
afterAll(() => backlog.close());

/** The error a call raised, and how long it took (ms). */
async function failure(call: () => Promise<unknown>): Promise<{ error: unknown; ms: number }> {
  const started = performance.now();
  try {
    await call();
  } catch (error) {
    return { error, ms: performance.now() - started };
  }
  throw new Error('the call succeeded');
}

describe('a connect that never completes', () => {
  it.each([
    ['(connect, read)', { connect: 200, read: 5000 }],
    ['one number', 200],
  ] as const)('with a %s timeout: ConnectTimeout at the connect timeout', async (_name, timeout) => {
    const { error, ms } = await failure(() => requests.get(`${backlog.origin}/get`, { timeout }));
    expect(error).toBeInstanceOf(ConnectTimeout);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toBeInstanceOf(Timeout);
    expect(error).not.toBeInstanceOf(ReadTimeout);
    expect((error as Error).message).toContain(`connect timeout=200 ms`);
    expect(ms).toBeGreaterThanOrEqual(190);
    expect(ms).toBeLessThan(2000);
  });

  it('with retries: ConnectTimeout once each attempt has timed out', async () => {
    const s = new Session({ retry: 1 });
    const { error, ms } = await failure(() =>
      s.get(`${backlog.origin}/get`, { timeout: { connect: 200, read: 5000 } }),
    );
    expect(error).toBeInstanceOf(ConnectTimeout);
    expect(ms).toBeGreaterThanOrEqual(390);
    expect(ms).toBeLessThan(3000);
  });
});
