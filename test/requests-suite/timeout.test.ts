/**
 * psf/requests tests/test_requests.py, class TestTimeout. Times are milliseconds; Requests' `(connect, read)` tuple
 * is `{ connect, read }`, which is also the only form urllib3's `Timeout(connect=…, read=…)` takes here (its cases
 * are in the ledger). TARPIT is a loopback port whose connects never complete.
 */
import { describe, expect } from 'vitest';
import requests, { ConnectionError, ConnectTimeout, ReadTimeout, Timeout, type TimeoutInput } from '../../src/index';
import { httpbin, port, portEach, TARPIT } from './helpers';

/** What a call rejected with; fails the test when it resolves. */
async function failure(call: Promise<unknown>, message: string): Promise<unknown> {
  return call.then(
    () => expect.fail(message),
    (error: unknown) => error,
  );
}

describe('TestTimeout', () => {
  port(
    'test_stream_timeout',
    async () => {
      const e = await failure(requests.get(httpbin('delay/10'), { timeout: 2000 }), 'delay/10 should time out');
      expect(e).toBeInstanceOf(Timeout);
      expect((e as Error).message).toContain('Read timed out');
    },
    15_000,
  );

  portEach(
    'test_invalid_timeout',
    [
      ['timeout0-(connect, read)', [3, 4, 5], /connect.*read/],
      ['foo-must be an int, float or None', 'foo', /number/],
    ] as const,
    async (timeout, errorText) => {
      const e = await failure(
        requests.get(httpbin('get'), { timeout: timeout as unknown as TimeoutInput }),
        'an invalid timeout should be refused',
      );
      expect(e).toBeInstanceOf(TypeError);
      expect((e as Error).message).toMatch(errorText);
    },
  );

  portEach(
    'test_none_timeout',
    [
      ['None', null],
      ['timeout1', { connect: null, read: null }],
    ] as const,
    async (timeout) => {
      // A null timeout is valid: the request is not prevented from succeeding.
      const r = await requests.get(httpbin('get'), { timeout });
      expect(r.statusCode).toBe(200);
    },
  );

  port('test_read_timeout[timeout0]', async () => {
    const e = await failure(
      requests.get(httpbin('delay/10'), { timeout: { connect: null, read: 100 } }),
      'The recv() request should time out.',
    );
    expect(e).toBeInstanceOf(ReadTimeout);
  });

  port('test_connect_timeout[timeout0]', async () => {
    const e = await failure(
      requests.get(TARPIT, { timeout: { connect: 100, read: null } }),
      'The connect() request should time out.',
    );
    expect(e).toBeInstanceOf(ConnectTimeout);
    expect(e).toBeInstanceOf(ConnectionError);
    expect(e).toBeInstanceOf(Timeout);
  });

  port('test_total_timeout_connect[timeout0]', async () => {
    const e = await failure(
      requests.get(TARPIT, { timeout: { connect: 100, read: 100 } }),
      'The connect() request should time out.',
    );
    expect(e).toBeInstanceOf(ConnectTimeout);
  });
});
