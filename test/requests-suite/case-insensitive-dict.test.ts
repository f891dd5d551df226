/**
 * psf/requests tests/test_requests.py, class TestCaseInsensitiveDict. Requests' CaseInsensitiveDict is, in API.md,
 * the headers of a Session, a PreparedRequest and a Response: a `Headers` that also reads and writes by bracket,
 * case-insensitively, names keeping their last-set case. The library exports it by that name.
 *
 * Spellings: `cid[k]` and `cid[k] = v` are brackets; `k in cid` is `cid.has(k)`; `del cid[k]` is `cid.delete(k)`;
 * `len(cid)` is the number of `cid.keys()`; `cid.update(d)` is `Object.assign(cid, d)`; `cid.setdefault(k, v)` is
 * `cid[k] ??= v`; iterating the dict is iterating its names.
 */
import { describe, expect } from 'vitest';
import { CaseInsensitiveDict } from '../../src/index';
import { port, portEach } from './helpers';

const len = (cid: CaseInsensitiveDict): number => [...cid.keys()].length;
const names = (cid: Iterable<[string, string]>): string[] => Array.from(cid, ([name]) => name);

describe('TestCaseInsensitiveDict', () => {
  portEach(
    'test_init',
    [
      ['cid0', { Foo: 'foo', BAr: 'bar' }],
      [
        'cid1',
        [
          ['Foo', 'foo'],
          ['BAr', 'bar'],
        ] as [string, string][],
      ],
      // CaseInsensitiveDict(FOO="foo", BAr="bar"): keyword arguments; here the third input form, a Headers.
      ['cid2', new Headers({ FOO: 'foo', BAr: 'bar' })],
    ] as const,
    (init) => {
      const cid = new CaseInsensitiveDict(init);
      expect(len(cid)).toBe(2);
      expect(cid.has('foo')).toBe(true);
      expect(cid.has('bar')).toBe(true);
    },
  );

  port('test_docstring_example', () => {
    const cid = new CaseInsensitiveDict();
    cid.Accept = 'application/json';
    expect(cid.aCCEPT).toBe('application/json');
    expect([...cid.keys()]).toEqual(['Accept']);
  });

  port('test_len', () => {
    const cid = new CaseInsensitiveDict({ a: 'a', b: 'b' });
    cid.A = 'a';
    expect(len(cid)).toBe(2);
  });

  port('test_getitem', () => {
    const cid = new CaseInsensitiveDict({ Spam: 'blueval' });
    expect(cid.spam).toBe('blueval');
    expect(cid.SPAM).toBe('blueval');
  });

  port('test_fixes_649', () => {
    // __setitem__ should behave case-insensitively.
    const cid = new CaseInsensitiveDict();
    cid.spam = 'oneval';
    cid.Spam = 'twoval';
    cid.sPAM = 'redval';
    cid.SPAM = 'blueval';
    expect(cid.spam).toBe('blueval');
    expect(cid.SPAM).toBe('blueval');
    expect([...cid.keys()]).toEqual(['SPAM']);
  });

  port('test_delitem', () => {
    const cid = new CaseInsensitiveDict();
    cid.Spam = 'someval';
    cid.delete('sPam');
    expect(cid.has('spam')).toBe(false);
    expect(len(cid)).toBe(0);
  });

  port('test_contains', () => {
    const cid = new CaseInsensitiveDict();
    cid.Spam = 'someval';
    expect(cid.has('Spam')).toBe(true);
    expect(cid.has('spam')).toBe(true);
    expect(cid.has('SPAM')).toBe(true);
    expect(cid.has('sPam')).toBe(true);
    expect(cid.has('notspam')).toBe(false);
  });

  port('test_get', () => {
    const cid = new CaseInsensitiveDict();
    cid.spam = 'oneval';
    cid.SPAM = 'blueval';
    expect(cid.get('spam')).toBe('blueval');
    expect(cid.get('SPAM')).toBe('blueval');
    expect(cid.get('sPam')).toBe('blueval');
    expect(cid.get('notspam') ?? 'default').toBe('default');
  });

  port('test_update', () => {
    let cid = new CaseInsensitiveDict();
    cid.spam = 'blueval';
    Object.assign(cid, { sPam: 'notblueval' });
    expect(cid.spam).toBe('notblueval');
    cid = new CaseInsensitiveDict({ Foo: 'foo', BAr: 'bar' });
    Object.assign(cid, { fOO: 'anotherfoo', bAR: 'anotherbar' });
    expect(len(cid)).toBe(2);
    expect(cid.foo).toBe('anotherfoo');
    expect(cid.bar).toBe('anotherbar');
  });

  port('test_update_retains_unchanged', () => {
    const cid = new CaseInsensitiveDict({ foo: 'foo', bar: 'bar' });
    Object.assign(cid, { foo: 'newfoo' });
    expect(cid.bar).toBe('bar');
  });

  port('test_iter', () => {
    const cid = new CaseInsensitiveDict({ Spam: 'spam', Eggs: 'eggs' });
    const keys = new Set(['Spam', 'Eggs']);
    expect(new Set(names(cid))).toEqual(keys);
  });

  port('test_setdefault', () => {
    const cid = new CaseInsensitiveDict({ Spam: 'blueval' });
    expect((cid.spam ??= 'notblueval')).toBe('blueval');
    expect((cid.notspam ??= 'notblueval')).toBe('notblueval');
  });

  port('test_preserve_key_case', () => {
    const cid = new CaseInsensitiveDict({ Accept: 'application/json', 'user-Agent': 'requests' });
    const keyset = new Set(['Accept', 'user-Agent']);
    expect(new Set(names(cid.entries()))).toEqual(keyset);
    expect(new Set(cid.keys())).toEqual(keyset);
    expect(new Set(names(cid))).toEqual(keyset);
  });

  port('test_preserve_last_key_case', () => {
    const cid = new CaseInsensitiveDict({ Accept: 'application/json', 'user-Agent': 'requests' });
    Object.assign(cid, { ACCEPT: 'application/json' });
    cid['USER-AGENT'] = 'requests';
    const keyset = new Set(['ACCEPT', 'USER-AGENT']);
    expect(new Set(names(cid.entries()))).toEqual(keyset);
    expect(new Set(cid.keys())).toEqual(keyset);
    expect(new Set(names(cid))).toEqual(keyset);
  });
});
