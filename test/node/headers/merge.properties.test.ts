/**
 * Header merge laws (Requests' merge_setting over a CaseInsensitiveDict): the request's layer overrides the
 * Session's key by key, whatever the case of the names; each name shows the case it was last set with, in the
 * order names were first set; `null`/`undefined` removes; the layers fold left (defaults, then Session, then
 * request), and without removals the grouping does not matter. Any input either merges or is refused with
 * InvalidHeader — never a bare TypeError, never a CR/LF in what comes out.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidHeader, Session } from '../../../src/index';
import type { HeaderValue } from '../../../src/headers';
import { mergeHeaders } from '../../../src/merge';

const RUNS = { numRuns: 1000 };

/** A few names in random case, so that layers collide case-insensitively. */
const name = fc
  .tuple(
    fc.constantFrom('accept', 'user-agent', 'x-token', 'authorization', 'content-type', 'x-a', 'x-b'),
    fc.array(fc.boolean(), { minLength: 13, maxLength: 13 }),
  )
  .map(([n, upper]) => [...n].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join(''));
/**
 * Valid values: printable Latin-1, not starting with whitespace (NBSP included, as Python's `\S` sees it);
 * fetch trims trailing spaces and tabs.
 */
const goodValue = fc.oneof(fc.constant(''), fc.stringMatching(/^[!-~\u00a1-\u00ff][ -~\u00a0-\u00ff\t]{0,10}$/));
const layer = (withRemovals: boolean): fc.Arbitrary<[string, HeaderValue][]> =>
  fc.array(
    fc.tuple(
      name,
      withRemovals
        ? fc.oneof({ weight: 3, arbitrary: goodValue }, { weight: 1, arbitrary: fc.constantFrom(null, undefined) })
        : goodValue,
    ),
    {
      maxLength: 6,
    },
  );

/**
 * The reference, Requests' CaseInsensitiveDict: a Map keyed by lower-case name (so a name set again keeps its
 * place) holding the name as last set and its value, layer over layer; null removes; values as fetch trims them.
 */
function model(...layers: [string, HeaderValue][][]): [string, string][] {
  const merged = new Map<string, [string, string]>();
  for (const entries of layers) {
    for (const [key, value] of entries) {
      if (value === null || value === undefined) merged.delete(key.toLowerCase());
      else merged.set(key.toLowerCase(), [key, value.replace(/[\t ]+$/, '')]);
    }
  }
  return [...merged.values()];
}

const entriesOf = (headers: Headers): [string, string][] => [...headers.entries()];
const lowered = (entries: [string, string][]): [string, string][] => entries.map(([k, v]) => [k.toLowerCase(), v]);

describe('merge laws', () => {
  it('request over session, key by key, case-insensitively; null and undefined remove (1,000 runs)', () => {
    fc.assert(
      fc.property(layer(false), layer(true), (session, request) => {
        expect(entriesOf(mergeHeaders(session, request))).toEqual(model(session, request));
      }),
      RUNS,
    );
  });

  it('the same through a Session: defaults, then Session headers, then the request’s (1,000 runs)', async () => {
    await fc.assert(
      fc.asyncProperty(layer(true), layer(true), async (sessionLayer, requestLayer) => {
        const s = new Session({ headers: sessionLayer });
        const prepared = await s.prepareRequest('GET', 'http://h.test/', { headers: requestLayer });
        const defaults: [string, string][] = [...new Session().headers.entries()];
        expect(entriesOf(prepared.headers)).toEqual(model(defaults, sessionLayer, requestLayer));
        // The Session's own headers are not changed by a request's.
        expect(entriesOf(s.headers)).toEqual(model(defaults, sessionLayer));
      }),
      RUNS,
    );
  });

  it('layers fold left: merging all at once is merging the first two, then the third (1,000 runs)', () => {
    fc.assert(
      fc.property(layer(true), layer(true), layer(true), (a, b, c) => {
        expect(entriesOf(mergeHeaders(a, b, c))).toEqual(entriesOf(mergeHeaders(mergeHeaders(a, b), c)));
      }),
      RUNS,
    );
  });

  it('without removals the grouping does not matter: (a ⊕ b) ⊕ c = a ⊕ (b ⊕ c) (1,000 runs)', () => {
    fc.assert(
      fc.property(layer(false), layer(false), layer(false), (a, b, c) => {
        expect(entriesOf(mergeHeaders(mergeHeaders(a, b), c))).toEqual(entriesOf(mergeHeaders(a, mergeHeaders(b, c))));
      }),
      RUNS,
    );
  });

  it('an empty layer changes nothing, merging a layer onto itself changes nothing, and the case of names only changes how they show (1,000 runs)', () => {
    fc.assert(
      fc.property(layer(false), layer(true), (a, b) => {
        const once = entriesOf(mergeHeaders(a));
        expect(entriesOf(mergeHeaders(a, {}))).toEqual(once);
        expect(entriesOf(mergeHeaders({}, a))).toEqual(once);
        expect(entriesOf(mergeHeaders(a, a))).toEqual(once);
        const shouted = b.map(([k, v]): [string, HeaderValue] => [k.toUpperCase(), v]);
        expect(lowered(entriesOf(mergeHeaders(a, shouted)))).toEqual(lowered(entriesOf(mergeHeaders(a, b))));
      }),
      RUNS,
    );
  });
});

describe('any input', () => {
  const anyName = fc.oneof(
    name,
    fc.string({ unit: 'binary', maxLength: 12 }),
    fc.constantFrom('X-A\r\nX-B', 'X A', ' X', 'X:', '', 'é'),
  );
  const anyValue = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 12 }),
    fc.constantFrom('v\r\nX-Injected: 1', 'v\n', '\rv', ' lead', 'trail ', '\u0000', '☃', null, undefined),
  );

  it('merges, or is refused with InvalidHeader — never another error; nothing merged holds CR, LF or NUL (1,000 runs)', () => {
    fc.assert(
      fc.property(layer(false), fc.array(fc.tuple(anyName, anyValue), { maxLength: 4 }), (base, wild) => {
        let merged: Headers;
        try {
          merged = mergeHeaders(base, wild);
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidHeader);
          return;
        }
        for (const [key, value] of merged) expect(`${key}: ${value}`).not.toMatch(/[\r\n\0]/);
      }),
      RUNS,
    );
  });
});
