/**
 * Query encoding round-trips: whatever the keys and values (any Unicode, lone surrogates, `&`, `=`, `+`, `%`,
 * spaces, line breaks), decoding what encodeParams wrote gives back the same pairs in the same order; the
 * output uses Python's quote_plus alphabet; and prepareUrl puts the params after the URL's own query, before
 * its fragment, without touching either. Pure, no network.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeParams, quotePlus, type ParamValue, type Scalar } from '../../../src/params';
import { prepareUrl } from '../../../src/url';

const RUNS = { numRuns: 1000 };

/** Any string, lone surrogates included (they go out as U+FFFD, as Python's encode would refuse them). */
const anyText = fc.string({ unit: 'binary', maxLength: 24 });
/** Text dense in the characters query encoding gets wrong. */
const trickyText = fc
  .array(
    fc.constantFrom(
      'a',
      'Z',
      '0',
      ' ',
      '+',
      '%',
      '&',
      '=',
      '?',
      '#',
      '/',
      ';',
      '~',
      '-',
      '_',
      '.',
      '*',
      "'",
      '\r\n',
      '\t',
      'é',
      '€',
      '😀',
      '\ud800',
      '%20',
      '%zz',
    ),
    {
      maxLength: 12,
    },
  )
  .map((parts) => parts.join(''));
const text = fc.oneof(anyText, trickyText);
const scalar: fc.Arbitrary<Scalar> = fc.oneof(
  text,
  fc.integer(),
  fc.double({ noNaN: false }),
  fc.boolean(),
  fc.bigInt(),
);
const value: fc.Arbitrary<ParamValue> = fc.oneof(
  { weight: 4, arbitrary: scalar },
  { weight: 2, arbitrary: fc.array(scalar, { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.constantFrom(null, undefined) },
);

/** The pairs a server should decode, by the documented rules: lists spread, null/undefined dropped, String(). */
function expectedPairs(entries: [string, ParamValue][]): [string, string][] {
  const out: [string, string][] = [];
  for (const [key, v] of entries) {
    if (v === null || v === undefined) continue;
    for (const item of Array.isArray(v) ? v : [v]) out.push([key.toWellFormed(), String(item).toWellFormed()]);
  }
  return out;
}

/** An independent quote_plus: UTF-8 bytes, `A-Za-z0-9_.-~` literal, space → `+`, the rest `%XX` upper-case. */
function referenceQuotePlus(s: string): string {
  let out = '';
  for (const byte of new TextEncoder().encode(s.toWellFormed())) {
    const c = String.fromCharCode(byte);
    if (/[A-Za-z0-9_.~-]/.test(c)) out += c;
    else if (byte === 0x20) out += '+';
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

describe('encodeParams round-trips through URLSearchParams', () => {
  it('pairs: the same keys and values, in order (1,000 runs)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(text, value), { maxLength: 8 }), (entries) => {
        const decoded = [...new URLSearchParams(encodeParams(entries))];
        expect(decoded).toEqual(expectedPairs(entries));
      }),
      RUNS,
    );
  });

  it('records: the same pairs, in the record’s own key order, lists repeated (1,000 runs)', () => {
    fc.assert(
      fc.property(fc.dictionary(text, value, { maxKeys: 8 }), (record) => {
        const decoded = [...new URLSearchParams(encodeParams(record))];
        expect(decoded).toEqual(expectedPairs(Object.entries(record)));
      }),
      RUNS,
    );
  });

  it('URLSearchParams in, the same pairs out (1,000 runs)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(text, text), { maxLength: 8 }), (pairs) => {
        const input = new URLSearchParams(pairs);
        expect([...new URLSearchParams(encodeParams(input))]).toEqual([...input]);
      }),
      RUNS,
    );
  });
});

describe('the encoding itself', () => {
  it("is Python's quote_plus, byte for byte, and uses only its alphabet (1,000 runs)", () => {
    fc.assert(
      fc.property(text, (s) => {
        const encoded = quotePlus(s);
        expect(encoded).toBe(referenceQuotePlus(s));
        expect(encoded).toMatch(/^(?:[A-Za-z0-9_.~+-]|%[0-9A-F]{2})*$/);
      }),
      RUNS,
    );
  });

  it('joins key=value with & and nothing else: one & fewer than pairs, one = per pair (1,000 runs)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(text, text), { minLength: 1, maxLength: 8 }), (pairs) => {
        const encoded = encodeParams(pairs);
        expect(encoded.split('&')).toHaveLength(pairs.length);
        for (const part of encoded.split('&')) expect(part.split('=')).toHaveLength(2);
      }),
      RUNS,
    );
  });
});

describe('prepareUrl with params', () => {
  /** A URL's own query, canonically encoded (requote_uri would decode an escaped unreserved character): kept byte for byte. */
  const ownValue = fc
    .array(fc.constantFrom('a', '1', '-', '+', '%2C', '%26', '%E2%82%AC'), { maxLength: 3 })
    .map((parts) => parts.join(''));
  const ownQuery = fc.array(fc.tuple(fc.stringMatching(/^[a-z0-9]{1,4}$/), ownValue), { maxLength: 3 });

  it("appends them after the URL's own query, before its fragment, both untouched (1,000 runs)", () => {
    fc.assert(
      fc.property(
        ownQuery,
        fc.array(fc.tuple(text, scalar), { maxLength: 6 }),
        fc.constantFrom('', '#frag', '#a=b&c'),
        (own, params, fragment) => {
          const query = own.map(([k, v]) => `${k}=${v}`).join('&');
          const { url } = prepareUrl(`http://h.test/p${query ? `?${query}` : ''}${fragment}`, params);
          const parsed = new URL(url);
          expect(parsed.hash).toBe(fragment);
          const encoded = encodeParams(params);
          expect(parsed.search.slice(1)).toBe([query, encoded].filter(Boolean).join('&'));
          const decoded = [...parsed.searchParams].slice(own.length);
          expect(decoded).toEqual(expectedPairs(params));
        },
      ),
      RUNS,
    );
  });
});
