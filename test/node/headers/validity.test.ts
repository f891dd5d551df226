import { describe, expect, it } from 'vitest';
import { InvalidHeader } from '../../../src/exceptions';
import { validateHeader } from '../../../src/headers';
import { mergeHeaders } from '../../../src/merge';

describe('headers', () => {
  it('merge case-insensitively, later layers winning', () => {
    const h = mergeHeaders({ 'User-Agent': 'a', Accept: '*/*' }, { 'user-agent': 'Python script' });
    expect(h.get('USER-AGENT')).toBe('Python script');
    expect(h.get('accept')).toBe('*/*');
  });
  it('null or undefined in a later layer removes the header', () => {
    const h = mergeHeaders({ Accept: '*/*', 'X-A': '1' }, { accept: null, 'x-a': undefined });
    expect([...h.keys()]).toEqual([]);
  });
  it('accept Headers and pairs', () => {
    const h = mergeHeaders(new Headers({ a: '1' }), [['b', '2']]);
    expect(Object.fromEntries(h)).toEqual({ a: '1', b: '2' });
  });
  it.each([
    ['X-A', 'a\r\nInjected: 1'],
    ['X-A', 'a\nb'],
    ['X-A', 'a\rb'],
    ['X-A', ' leading'],
    ['X\r\nA', 'v'],
    ['X:A', 'v'],
    [' X', 'v'],
  ])('refuse %j: %j with InvalidHeader', (name, value) => {
    expect(() => validateHeader(name, value)).toThrow(InvalidHeader);
    expect(() => mergeHeaders({ [name]: value })).toThrow(InvalidHeader);
  });
  it('refuse non-string values, as Requests does', () => {
    expect(() => mergeHeaders({ 'X-N': 1 as unknown as string })).toThrow(/must be of type string/);
  });
  it('refuse characters HTTP cannot carry (non-Latin-1) as InvalidHeader, not TypeError', () => {
    expect(() => mergeHeaders({ 'X-A': 'snowman ☃' })).toThrow(InvalidHeader);
  });
  it('allow an empty value', () => {
    expect(mergeHeaders({ 'X-Empty': '' }).get('x-empty')).toBe('');
  });
});
