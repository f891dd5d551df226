import { describe, expect, it } from 'vitest';
import { encodeParams, quotePlus } from '../../../src/params';
import { prepareUrl } from '../../../src/url';

describe('encodeParams (Requests: urlencode(doseq=True))', () => {
  it('encodes a record in insertion order, space as +', () => {
    expect(encodeParams({ name: 'Peter', age: 23, q: 'a b' })).toBe('name=Peter&age=23&q=a+b');
  });
  it('repeats keys for list values and drops null/undefined', () => {
    expect(encodeParams({ a: ['1', '2'], b: null, c: undefined, d: [null as never, 'x'] })).toBe('a=1&a=2&d=x');
  });
  it('accepts pairs, URLSearchParams and a pre-encoded string as is', () => {
    expect(
      encodeParams([
        ['a', 1],
        ['a', 2],
        ['b', 'x'],
      ]),
    ).toBe('a=1&a=2&b=x');
    expect(encodeParams(new URLSearchParams([['k', 'v w']]))).toBe('k=v+w');
    expect(encodeParams('already=%20encoded')).toBe('already=%20encoded');
  });
  it("percent-encodes everything but A-Za-z0-9_.-~, like Python's quote_plus", () => {
    expect(quotePlus("!'()*~_.-")).toBe('%21%27%28%29%2A~_.-');
    expect(quotePlus('é/&=+')).toBe('%C3%A9%2F%26%3D%2B');
  });
  it('replaces lone surrogates instead of throwing', () => {
    expect(quotePlus('\ud800')).toBe('%EF%BF%BD');
  });
});

describe('prepareUrl', () => {
  it("appends params to the URL's own query and keeps the fragment", () => {
    expect(prepareUrl('http://h/p?x=1#frag', { y: '2' }).url).toBe('http://h/p?x=1&y=2#frag');
  });
  it('adds the root path and drops an empty query', () => {
    expect(prepareUrl('https://httpbin.org').url).toBe('https://httpbin.org/');
    expect(prepareUrl('http://h/?', {}).url).toBe('http://h/');
  });
  it('lifts credentials out of the URL', () => {
    const { url, credentials } = prepareUrl('http://us%40r:p%3Ass@h/x');
    expect(url).toBe('http://h/x');
    expect(credentials).toEqual(['us@r', 'p:ss']);
  });
  it('requotes like requote_uri: unreserved escapes decoded, unsafe characters encoded', () => {
    expect(prepareUrl('http://h/%7Euser/a%41?q=a|b{c}').url).toBe('http://h/~user/aA?q=a%7Cb%7Bc%7D');
    expect(prepareUrl('http://h/a b').url).toBe('http://h/a%20b');
    expect(prepareUrl('http://h/é').url).toBe('http://h/%C3%A9');
  });
  it('raises MissingSchema and InvalidURL with Requests messages', () => {
    expect(() => prepareUrl('httpbin.org/get')).toThrow(
      /No scheme supplied\. Perhaps you meant https:\/\/httpbin\.org\/get\?/,
    );
    expect(() => prepareUrl('httpbin.org/get')).toThrowError(expect.objectContaining({ name: 'MissingSchema' }));
    expect(() => prepareUrl('http://')).toThrowError(
      expect.objectContaining({ name: 'InvalidURL', message: expect.stringContaining('No host supplied') }),
    );
    expect(() => prepareUrl('http://*.example.com/')).toThrowError(expect.objectContaining({ name: 'InvalidURL' }));
    expect(() => prepareUrl('http://[::1/')).toThrowError(expect.objectContaining({ name: 'InvalidURL' }));
  });
  it('leaves a URL whose scheme does not begin with http as it is, without params (Requests refuses it at send)', () => {
    expect(prepareUrl('ftp://h/x', { a: '1' })).toEqual({ url: 'ftp://h/x', credentials: null });
    expect(prepareUrl('mailto:user@example.org', { a: '1' }).url).toBe('mailto:user@example.org');
    expect(prepareUrl('localhost:3128').url).toBe('localhost:3128');
    // An http* scheme is prepared: requoted, given params.
    expect(prepareUrl('http+unix://%2Fvar%2Frun%2Fsocket/path%7E', { a: '1' }).url).toBe(
      'http+unix://%2Fvar%2Frun%2Fsocket/path~?a=1',
    );
  });
  it('converts IDN hosts to punycode', () => {
    expect(prepareUrl('http://bücher.example/').url).toBe('http://xn--bcher-kva.example/');
  });
});
