/**
 * prepareUrl is a function of its input (and, for a relative URL, of the document's base): the same answers
 * with or without params, every time, never a credential lost, never a relative URL resolved against a base
 * that has since changed.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { InvalidURL } from '../../../src/exceptions';
import { prepareUrl } from '../../../src/url';

/** The answer with params given (even empty ones). */
const fresh = (url: string) => prepareUrl(url, {});

function outcome(run: () => unknown): unknown {
  try {
    return { ok: run() };
  } catch (error) {
    return { error: (error as Error).name, message: (error as Error).message };
  }
}

describe('prepareUrl: one answer per URL', () => {
  afterEach(() => {
    delete (globalThis as { document?: unknown }).document;
  });

  it('gives the same answer as a fresh preparation, first time and every time after, for any URL (1,000 runs)', () => {
    const part = fc.string({
      unit: fc.constantFrom(
        'a',
        'Z',
        '0',
        '/',
        '?',
        '#',
        '%',
        '%41',
        '%7e',
        ' ',
        'é',
        '|',
        '{',
        '@',
        ':',
        '&',
        '=',
        '.',
        '\t',
      ),
    });
    const url = fc
      .tuple(
        fc.constantFrom('http://', 'https://', 'HTTP://', 'http:', 'ftp://', ' http://', ''),
        fc.constantFrom('h', 'u:p@h', 'h:8080', '[::1]', '', 'ex.com'),
        part,
      )
      .map(([scheme, host, rest]) => `${scheme}${host}${rest}`);
    fc.assert(
      fc.property(url, (u) => {
        const expected = outcome(() => fresh(u));
        expect(outcome(() => prepareUrl(u))).toEqual(expected);
        expect(outcome(() => prepareUrl(u))).toEqual(expected);
      }),
      { numRuns: 1000 },
    );
  });

  it('never remembers credentials away: a URL with userinfo yields them on every call', () => {
    for (let i = 0; i < 3; i++) {
      expect(prepareUrl('http://user:pass@h.example/private')).toEqual({
        url: 'http://h.example/private',
        credentials: ['user', 'pass'],
      });
    }
  });

  it('a URL object and its string share the answer', () => {
    const first = prepareUrl('http://h.example/a b');
    expect(prepareUrl(new URL('http://h.example/a b'))).toEqual(first);
    expect(first.url).toBe('http://h.example/a%20b');
  });

  it('resolves a relative URL against the document base of the moment, not a remembered one', () => {
    (globalThis as { document?: unknown }).document = { baseURI: 'http://one.example/app/' };
    expect(prepareUrl('/api/items').url).toBe('http://one.example/api/items');
    (globalThis as { document?: unknown }).document = { baseURI: 'http://two.example/app/' };
    expect(prepareUrl('/api/items').url).toBe('http://two.example/api/items');
  });

  it('params bypass it and still merge with the URL’s own query', () => {
    expect(prepareUrl('http://h.example/p?x=1').url).toBe('http://h.example/p?x=1');
    expect(prepareUrl('http://h.example/p?x=1', { y: 2 }).url).toBe('http://h.example/p?x=1&y=2');
    expect(prepareUrl('http://h.example/p?x=1').url).toBe('http://h.example/p?x=1');
  });

  it('an invalid URL is refused every time (errors are not remembered as answers)', () => {
    for (let i = 0; i < 2; i++) expect(() => prepareUrl('http://*.example/')).toThrow(InvalidURL);
  });

  it('stays right past its size bound (it is cleared, not grown without limit)', () => {
    const urls = Array.from({ length: 1200 }, (_, i) => `http://h${i}.example/p/${i}?q=${i} x`);
    for (const u of urls) prepareUrl(u);
    for (const u of [urls[0]!, urls[599]!, urls[1199]!]) expect(prepareUrl(u)).toEqual(fresh(u));
  });
});
