/**
 * examples/lib/textwrap.ts wraps as Python's textwrap does. Each expected value below is what CPython 3.11's
 * `textwrap.wrap(text, width)` returned for the same input.
 */
import { describe, expect, it } from 'vitest';
import { fill, wrap } from '../../../examples/lib/textwrap';

describe('textwrap.wrap, as CPython', () => {
  it('wraps the second definition of dog at 50 as the tutorial shows it', () => {
    const text =
      'any carnivore of the dog family Canidae, having prominent canine teeth and, in the wild state, a long and slender muzzle, a deep-chested muscular body, a bushy tail, and large, erect ears.';
    expect(fill(text, 50)).toBe(
      'any carnivore of the dog family Canidae, having\nprominent canine teeth and, in the wild state, a\nlong and slender muzzle, a deep-chested muscular\nbody, a bushy tail, and large, erect ears.',
    );
  });

  it('breaks after the hyphen of a compound word, and keeps an em-dash (--) whole', () => {
    expect(wrap('Hello there -- you goof-ball, use the -b option!', 10)).toEqual([
      'Hello',
      'there --',
      'you goof-',
      'ball, use',
      'the -b',
      'option!',
    ]);
  });

  it('expands tabs to 8-column stops and turns newlines into spaces, keeping inner runs of spaces', () => {
    expect(wrap('a\tb\tc  d\n\ne   f', 6)).toEqual(['a', 'b', 'c  d', 'e   f']);
  });

  it('breaks a word longer than the width, at a hyphen when one is in reach', () => {
    expect(wrap('supercalifragilisticexpialidocious-and-more words', 12)).toEqual([
      'supercalifra',
      'gilisticexpi',
      'alidocious-',
      'and-more',
      'words',
    ]);
  });

  it('keeps leading whitespace on the first line only and drops it at line ends', () => {
    expect(wrap('  leading and  double  spaces  ', 10)).toEqual(['  leading', 'and', 'double', 'spaces']);
  });

  it('counts non-ASCII letters as one character each and as letters for hyphenation', () => {
    expect(wrap('café naïve résumé über-cool', 8)).toEqual(['café', 'naïve', 'résumé', 'über-', 'cool']);
  });

  it('returns no lines for blank text and refuses a width below 1', () => {
    expect(wrap('   ', 10)).toEqual([]);
    expect(fill('', 10)).toBe('');
    expect(() => wrap('x', 0)).toThrow(RangeError);
  });
});
