import { describe, expect, it } from 'vitest';
import { decodeBytes, detectEncoding, encodingFromContentType, guessJsonUtf } from '../../../src/encoding';

const bytes = (...b: number[]) => new Uint8Array(b);

describe("encodingFromContentType (Requests' get_encoding_from_headers)", () => {
  it.each([
    ['text/html; charset=UTF-8', 'UTF-8'],
    ['text/html; charset="koi8-r"', 'koi8-r'],
    ["application/xml; charset='utf-16'", 'utf-16'],
    ['text/plain', 'ISO-8859-1'],
    ['text/html', 'ISO-8859-1'],
    ['application/json', 'utf-8'],
    ['application/json; charset=latin1', 'latin1'],
    ['application/octet-stream', null],
    [null, null],
  ])('%s → %s', (header, expected) => {
    expect(encodingFromContentType(header)).toBe(expected);
  });
});

describe('decodeBytes', () => {
  it('decodes ISO-8859-1 as true Latin-1, not windows-1252', () => {
    expect(decodeBytes(bytes(0x80, 0xe9), 'ISO-8859-1')).toBe('\u0080é');
  });
  it('replaces non-ASCII bytes under ascii', () => {
    expect(decodeBytes(bytes(0x61, 0xe9), 'ascii')).toBe('a\ufffd');
  });
  it('replaces invalid UTF-8 rather than throwing', () => {
    expect(decodeBytes(bytes(0x61, 0xff, 0x62), 'utf-8')).toBe('a\ufffdb');
  });
  it('falls back to utf-8 for an unknown codec, as Requests does on LookupError', () => {
    expect(decodeBytes(new TextEncoder().encode('é'), 'no-such-codec')).toBe('é');
  });
  it('accepts Python spellings such as utf_8 and windows-1251', () => {
    expect(decodeBytes(new TextEncoder().encode('ж'), 'utf_8')).toBe('ж');
    expect(decodeBytes(bytes(0xe6), 'windows-1251')).toBe('ж');
  });
  it('decodes large Latin-1 bodies without stack overflow', () => {
    expect(decodeBytes(new Uint8Array(200_000).fill(0x41), 'latin-1')).toHaveLength(200_000);
  });
});

describe('detectEncoding (apparentEncoding)', () => {
  it('prefers a BOM, then ascii, then utf-8, else windows-1252', () => {
    expect(detectEncoding(bytes(0xff, 0xfe, 0x61, 0))).toBe('utf-16le');
    expect(detectEncoding(new TextEncoder().encode('plain'))).toBe('ascii');
    expect(detectEncoding(new TextEncoder().encode('héllo'))).toBe('utf-8');
    expect(detectEncoding(bytes(0x68, 0xe9, 0x6c))).toBe('windows-1252');
  });
});

describe('guessJsonUtf', () => {
  it('tells UTF-16 from NUL patterns', () => {
    expect(guessJsonUtf(bytes(0x7b, 0, 0x7d, 0))).toBe('utf-16le');
    expect(guessJsonUtf(bytes(0, 0x7b, 0, 0x7d))).toBe('utf-16be');
    expect(guessJsonUtf(new TextEncoder().encode('{"a"'))).toBe('utf-8');
  });
});
