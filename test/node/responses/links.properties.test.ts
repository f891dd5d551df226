/**
 * The Link header parser (Requests' parse_header_links) meets whatever a server sends: it never throws, always
 * gives links whose url and params are strings, and `Response.links` keys each by rel (or url) as an own
 * property — `__proto__` and `constructor` included. A well-formed header round-trips. Pure, no network.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PreparedRequest, Response } from '../../../src/index';
import { linksByRel, parseLinkHeader, type Link } from '../../../src/links';

const RUNS = { numRuns: 1000 };

/** Characters the parser splits and strips on, mixed with ordinary ones. */
const linkish = fc
  .array(
    fc.constantFrom(
      '<',
      '>',
      ';',
      ',',
      ', <',
      '=',
      '"',
      "'",
      ' ',
      'rel',
      'next',
      'http://a/',
      '__proto__',
      'constructor',
      'x',
      '\t',
      'é',
    ),
    { maxLength: 30 },
  )
  .map((parts) => parts.join(''));
const anyHeader = fc.oneof(fc.string({ unit: 'binary', maxLength: 120 }), linkish);

function wellFormed(links: Link[]): void {
  for (const link of links) {
    expect(typeof link.url).toBe('string');
    for (const [key, value] of Object.entries(link)) {
      expect(typeof key).toBe('string');
      expect(typeof value).toBe('string');
    }
  }
}

describe('parseLinkHeader and Response.links on any header', () => {
  it('never throw, and give string urls and params (1,000 runs)', () => {
    fc.assert(
      fc.property(anyHeader, (header) => {
        wellFormed(parseLinkHeader(header));
        const byRel = linksByRel(header);
        wellFormed(Object.values(byRel));
      }),
      RUNS,
    );
  });

  it('key every link by its rel, or its url without one, as own properties; the last of a key wins (1,000 runs)', () => {
    fc.assert(
      fc.property(anyHeader, (header) => {
        const links = parseLinkHeader(header);
        const byRel = linksByRel(header);
        const expected = new Map<string, Link>();
        for (const link of links) expected.set(link.rel || link.url, link);
        expect(Object.keys(byRel).sort()).toEqual([...expected.keys()].sort());
        for (const [key, link] of expected) {
          expect(Object.hasOwn(byRel, key)).toBe(true);
          expect(byRel[key]).toEqual(link);
        }
        // Nothing inherited from a link: a rel of `__proto__` must not turn the map into a link.
        expect(Object.getPrototypeOf(byRel)).toBe(Object.prototype);
      }),
      RUNS,
    );
  });

  it('Response.links gives the same as linksByRel for the Link header it received (1,000 runs)', () => {
    fc.assert(
      fc.property(
        anyHeader.filter((h) => /^[\t\x20-\x7e\x80-\xff]*$/.test(h) && !/^[\t ]|[\t ]$/.test(h)),
        (header) => {
          const raw = new globalThis.Response(null, { headers: { link: header } });
          const r = new Response(raw, { request: new PreparedRequest({ url: 'http://h.test/' }), elapsed: 0 });
          expect(r.links).toEqual(linksByRel(header));
        },
      ),
      RUNS,
    );
  });
});

describe('a well-formed header round-trips', () => {
  /** URLs and values without the characters the format reserves (`<>;,` quotes, spaces). */
  const url = fc.stringMatching(/^https?:\/\/[a-z0-9.-]{1,10}\/[a-zA-Z0-9/?=&%._~-]{0,20}$/);
  const token = fc.oneof(
    fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9_-]{0,8}$/),
    fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty'),
  );
  const param = fc.tuple(token, fc.stringMatching(/^[a-zA-Z0-9/._:+-]{1,12}$/));
  const link = fc.record({ url, params: fc.uniqueArray(param, { selector: ([name]) => name, maxLength: 3 }) });

  it('format, parse: the same urls and params, in order (1,000 runs)', () => {
    fc.assert(
      fc.property(
        fc.array(link, { minLength: 1, maxLength: 4 }),
        fc.constantFrom(', ', ',', ',  '),
        fc.boolean(),
        (links, separator, quoted) => {
          const header = links
            .map((l) =>
              [`<${l.url}>`, ...l.params.map(([name, value]) => `${name}=${quoted ? `"${value}"` : value}`)].join('; '),
            )
            .join(separator);
          const parsed = parseLinkHeader(header);
          expect(parsed).toHaveLength(links.length);
          parsed.forEach((got, i) => {
            expect(got.url).toBe(links[i]!.url);
            expect(Object.entries(got)).toEqual([['url', links[i]!.url], ...links[i]!.params]);
          });
        },
      ),
      RUNS,
    );
  });
});
