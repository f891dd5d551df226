// URL userinfo (`user:pass@`) never shows in an exception: not its message, not String(err), not a cause's
// message, stack or `input` (Node's URL error repeats the input). Each row is one way credentials reach an
// error: the URL given (scheme-less, unparseable, no host, CR/LF, another scheme) or a server's Location.
import { describe, expect, it } from 'vitest';
import requests, { RequestException } from '../../../src/index';

const SECRET = /alice|s3cr3t|cr3t|YWxpY2U6/; // the username, the password (or its tail), `alice:` in base64

/** A fetch that answers every request with a redirect to `location`. */
const redirectTo =
  (location: string): typeof globalThis.fetch =>
  async () =>
    new globalThis.Response(null, { status: 302, headers: { location } });

const unreachable: typeof globalThis.fetch = async () => {
  throw new Error('nothing should be sent');
};

const cases: [name: string, expected: string, call: () => Promise<unknown>][] = [
  [
    'scheme-less user:pass@host',
    'InvalidSchema',
    () => requests.get('alice:s3cr3t@127.0.0.1/', { fetch: unreachable }),
  ],
  ['scheme-less user@host', 'MissingSchema', () => requests.get('alice@127.0.0.1/', { fetch: unreachable })],
  ['unparseable host', 'InvalidURL', () => requests.get('http://alice:s3cr3t@[bad/', { fetch: unreachable })],
  ['a password holding @', 'InvalidURL', () => requests.get('http://alice:s3@cr3t@[bad/', { fetch: unreachable })],
  ['backslashes for slashes', 'InvalidURL', () => requests.get('http:\\\\alice:s3cr3t@[bad/', { fetch: unreachable })],
  ['http: without slashes', 'InvalidURL', () => requests.get('http:alice:s3cr3t@127.0.0.1/', { fetch: unreachable })],
  ['http: with one slash', 'InvalidURL', () => requests.get('HTTP:/alice:s3cr3t@127.0.0.1/', { fetch: unreachable })],
  ['no host', 'InvalidURL', () => requests.get('http://alice:s3cr3t@/x', { fetch: unreachable })],
  ['CR/LF', 'InvalidURL', () => requests.get('http://alice:s3cr3t@127.0.0.1/a\r\nb', { fetch: unreachable })],
  ['another scheme', 'InvalidSchema', () => requests.get('ftp://alice:s3cr3t@127.0.0.1/', { fetch: unreachable })],
  [
    'a URL object',
    'InvalidSchema',
    () => requests.get(new URL('ftp://alice:s3cr3t@127.0.0.1/'), { fetch: unreachable }),
  ],
  [
    'Location: unparseable',
    'InvalidURL',
    () => requests.get('http://h.test/', { fetch: redirectTo('http://alice:s3cr3t@[bad/') }),
  ],
  [
    'Location: scheme-relative, unparseable',
    'InvalidURL',
    () => requests.get('http://h.test/', { fetch: redirectTo('//alice:s3cr3t@[bad/') }),
  ],
  [
    'Location: another scheme',
    'InvalidSchema',
    () => requests.get('http://h.test/', { fetch: redirectTo('ftp://alice:s3cr3t@h.test/') }),
  ],
  [
    'Location: scheme-less',
    'InvalidSchema',
    () => requests.get('http://h.test/', { fetch: redirectTo('alice:s3cr3t@h.test/') }),
  ],
  [
    'Location: no host',
    'InvalidURL',
    () => requests.get('http://h.test/', { fetch: redirectTo('http://alice:s3cr3t@/x') }),
  ],
  // Real fetch refuses a URL with userinfo, quoting it in its TypeError.
  [
    'a hand-built request holding userinfo',
    'ConnectionError',
    () => new requests.Session().send(new requests.PreparedRequest({ url: 'http://alice:s3cr3t@127.0.0.1:9/' })),
  ],
];

/** Everything an exception says or carries as text, down its cause chain. */
function carried(error: unknown): string[] {
  const err = error as Error & { cause?: { input?: unknown } };
  const messages: unknown[] = [];
  for (let e: unknown = error, depth = 0; e && depth < 6; e = (e as { cause?: unknown }).cause, depth++) {
    messages.push({
      message: (e as Error).message,
      stack: (e as Error).stack,
      input: (e as { input?: unknown }).input,
    });
  }
  return [String(err), err.message, JSON.stringify(messages), String(err.cause?.input)];
}

describe('URL credentials in exceptions', () => {
  it.each(cases)('%s → %s, without the credentials', async (_name, expected, call) => {
    let error: unknown;
    try {
      await call();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RequestException);
    expect((error as Error).name).toBe(expected);
    for (const text of carried(error)) expect(text).not.toMatch(SECRET);
  });

  it('masks only the credentials: the rest of the URL stays in the message', async () => {
    const messageOf = (call: () => Promise<unknown>) =>
      call().then(
        () => '',
        (e: Error) => e.message,
      );
    expect(await messageOf(() => requests.get('alice:s3cr3t@127.0.0.1/x'))).toBe(
      'No connection adapters were found for "***@127.0.0.1/x"',
    );
    expect(await messageOf(() => requests.get('http://alice:s3cr3t@[bad/'))).toBe(
      'Invalid URL "http://***@[bad/": No host supplied',
    );
    expect(
      await messageOf(() => requests.get('http://h.test/', { fetch: redirectTo('ftp://alice:s3cr3t@h.test/f') })),
    ).toBe('No connection adapters were found for "ftp://***@h.test/f"');
  });
});
