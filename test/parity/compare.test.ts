/**
 * The comparison machinery itself: what normalisation removes (and only that), and how the allow-list explains
 * differences — so that a parity pass means what it says.
 */
import { describe, expect, it } from 'vitest';
import { ABSENT, diffOutcomes } from './compare';
import { explain } from './deviations';
import type { Outcome } from './scenario';

const echo = (headers: Record<string, string>, body = '', length = '10'): Outcome => ({
  calls: [
    {
      status: 200,
      bodySha256: `hash of ${length} bytes`,
      headers: { 'content-length': length },
      echo: { headers, body },
    },
  ],
});

describe('diffOutcomes', () => {
  it('ignores User-Agent, header-name case, the multipart boundary, and the hash and length of an echoed body', () => {
    const python = echo(
      { 'User-Agent': 'python-requests/2.28.1', 'Content-Type': 'multipart/form-data; boundary=aaaa' },
      '--aaaa\r\nx\r\n--aaaa--',
      '300',
    );
    const library = echo(
      { 'user-agent': 'fetch-requests/0.1.0', 'content-type': 'multipart/form-data; boundary=bbbb' },
      '--bbbb\r\nx\r\n--bbbb--',
      '299',
    );
    expect(diffOutcomes(python, library)).toEqual([]);
  });

  it("masks only the random parts of a Digest challenge: nonce, opaque and httpbin's last_nonce cookie", () => {
    const challenge = (nonce: string, realm: string): Outcome => ({
      calls: [
        {
          headers: {
            'www-authenticate': `Digest realm="${realm}", nonce="${nonce}", opaque="${nonce}o"`,
            'set-cookie': `last_nonce=${nonce}; Path=/`,
          },
          cookies: { last_nonce: nonce },
        },
      ],
    });
    expect(diffOutcomes(challenge('n1', 'r'), challenge('n2', 'r'))).toEqual([]);
    expect(diffOutcomes(challenge('n1', 'r'), challenge('n2', 'other')).map((d) => d.field)).toEqual([
      'headers.www-authenticate',
    ]);
  });

  it('reports every other header, value and missing field, by path', () => {
    const python = echo({ Accept: '*/*', 'X-Only-Python': '1' });
    const library = echo({ accept: 'application/json' });
    library.calls[0]!.status = 201;
    expect(diffOutcomes(python, library).map((d) => [d.field, d.python, d.library])).toEqual([
      ['echo.headers.accept', '*/*', 'application/json'],
      ['echo.headers.x-only-python', '1', ABSENT],
      ['status', 200, 201],
    ]);
  });

  it('compares the body hash and length when the body is not an echo', () => {
    const diffs = diffOutcomes(
      { calls: [{ bodySha256: 'a', headers: { 'content-length': '1' } }] },
      { calls: [{ bodySha256: 'b', headers: { 'content-length': '2' } }] },
    );
    expect(diffs.map((d) => d.field)).toEqual(['bodySha256', 'headers.content-length']);
  });

  it("compares the Session's cookie jar", () => {
    const diffs = diffOutcomes({ calls: [{}], sessionCookies: { a: '1' } }, { calls: [{}], sessionCookies: {} });
    expect(diffs.map((d) => [d.field, d.python, d.library])).toEqual([['sessionCookies.a', '1', ABSENT]]);
  });
});

describe('explain', () => {
  it('explains only the listed scenario, field and values', () => {
    const diffs = diffOutcomes({ calls: [{ error: 'ConnectionError' }] }, { calls: [{ error: 'ReadTimeout' }] });
    expect(explain('timeout-mid-body', diffs).unexplained).toEqual([]);
    expect(explain('err-refused', diffs).unexplained).toHaveLength(1);
    const other = diffOutcomes(
      { calls: [{ error: 'ConnectionError' }] },
      { calls: [{ error: 'ChunkedEncodingError' }] },
    );
    expect(explain('timeout-mid-body', other).unexplained).toHaveLength(1);
  });

  it('lets an explained exception cover only what the raising side could not observe', () => {
    const python: Outcome = { calls: [{ status: 200, url: 'http://h/truncated-length', bodySha256: 'x' }] };
    const library: Outcome = { calls: [{ error: 'ChunkedEncodingError', errorAt: 'send' }] };
    expect(explain('err-truncated-length', diffOutcomes(python, library)).unexplained).toEqual([]);
    // A field both sides observed but disagree on is still a difference.
    const both: Outcome = { calls: [{ status: 500, error: 'ChunkedEncodingError', errorAt: 'read' }] };
    expect(explain('err-truncated-length', diffOutcomes(python, both)).unexplained.map((d) => d.field)).toEqual([
      'status',
    ]);
  });
});
