import { describe, expect, it } from 'vitest';
import { dumpsJson, encodeBody } from '../../../src/body';
import { InvalidJSONError } from '../../../src/exceptions';
import { type RequestOptions, Session } from '../../../src/index';
import { encodeMultipart } from '../../../src/multipart';

const text = (b: unknown) => new TextDecoder().decode(b as Uint8Array);

describe('encodeBody', () => {
  it('encodes a record as a form, repeating list values', () => {
    const { body, contentType } = encodeBody({ data: { name: 'Peter', tag: ['a b', 'c'] } });
    expect(text(body)).toBe('name=Peter&tag=a+b&tag=c');
    expect(contentType).toBe('application/x-www-form-urlencoded');
  });
  it('sends a string as UTF-8 bytes with no content type (fetch would add text/plain)', () => {
    const { body, contentType } = encodeBody({ data: 'héllo' });
    expect(body).toBeInstanceOf(Uint8Array);
    expect(text(body)).toBe('héllo');
    expect(contentType).toBeNull();
  });
  it('passes bytes, Blob, FormData and URLSearchParams through untouched', () => {
    for (const data of [new Uint8Array([1]), new Blob(['x']), new FormData(), new URLSearchParams('a=1')]) {
      expect(encodeBody({ data }).body).toBe(data);
    }
  });
  it('uses json only when data is empty, as Requests does', () => {
    expect(text(encodeBody({ json: { a: 1 } }).body)).toBe('{"a": 1}');
    expect(encodeBody({ json: { a: 1 } }).contentType).toBe('application/json');
    expect(text(encodeBody({ data: {}, json: [1] }).body)).toBe('[1]');
    expect(text(encodeBody({ data: { x: '1' }, json: { a: 1 } }).body)).toBe('x=1');
  });
  it('sends no body for nothing', () => {
    expect(encodeBody({})).toEqual({ body: null, contentType: null });
  });
});

describe("dumpsJson (Python's json.dumps)", () => {
  it('uses ", " and ": " separators outside strings only', () => {
    expect(dumpsJson({ a: [1, 2], 'b:c': 'x,y' })).toBe('{"a": [1, 2], "b:c": "x,y"}');
  });
  it('escapes non-ASCII as lowercase \\uXXXX (ensure_ascii)', () => {
    expect(dumpsJson({ name: 'Jané 😀' })).toBe('{"name": "Jan\\u00e9 \\ud83d\\ude00"}');
  });
  it('keeps escaped quotes inside strings intact', () => {
    expect(dumpsJson(['a"b:c,d'])).toBe('["a\\"b:c,d"]');
    expect(JSON.parse(dumpsJson({ s: 'a\\",:' }))).toEqual({ s: 'a\\",:' });
  });
  it('refuses NaN, Infinity, BigInt, cycles and undefined with InvalidJSONError', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    for (const bad of [NaN, { x: Infinity }, 1n, cyclic, undefined, () => 1]) {
      expect(() => dumpsJson(bad)).toThrow(InvalidJSONError);
    }
  });
});

describe('encodeMultipart (urllib3 encode_multipart_formdata)', () => {
  it('writes data fields first, then files, with exact bytes', async () => {
    const { body, contentType } = encodeMultipart(
      {
        image: ['sid.jpg', new Uint8Array([0xff, 0xd8]), 'image/jpeg'],
        note: 'plain',
        extra: ['x.txt', 'hi', null, { 'X-Custom': '1' }],
      },
      { a: ['1', '2'] },
      'BOUNDARY',
    );
    expect(contentType).toBe('multipart/form-data; boundary=BOUNDARY');
    const bytes = new Uint8Array(await body.arrayBuffer());
    expect(new TextDecoder('latin1').decode(bytes)).toBe(
      '--BOUNDARY\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n' +
        '--BOUNDARY\r\nContent-Disposition: form-data; name="a"\r\n\r\n2\r\n' +
        '--BOUNDARY\r\nContent-Disposition: form-data; name="image"; filename="sid.jpg"\r\nContent-Type: image/jpeg\r\n\r\n\xff\xd8\r\n' +
        '--BOUNDARY\r\nContent-Disposition: form-data; name="note"; filename="note"\r\n\r\nplain\r\n' +
        '--BOUNDARY\r\nContent-Disposition: form-data; name="extra"; filename="x.txt"\r\nX-Custom: 1\r\n\r\nhi\r\n' +
        '--BOUNDARY--\r\n',
    );
  });
  it('takes a File name as the filename and escapes quotes and newlines', async () => {
    const { body } = encodeMultipart({ 'f"\n': new File(['x'], 'my "file".txt') }, undefined, 'B');
    expect(await body.text()).toContain('name="f%22%0A"; filename="my %22file%22.txt"');
  });
  it('uses a random 32-hex-digit boundary', () => {
    expect(encodeMultipart({ a: 'x' }).contentType).toMatch(/boundary=[0-9a-f]{32}$/);
  });
});

describe('Content-Length and Transfer-Encoding on PreparedRequest.headers (prepare_content_length)', () => {
  const prepared = async (method: string, options: RequestOptions = {}) =>
    (await new Session().prepareRequest(method, 'http://h.test/', options)).headers;

  it('shows Content-Length for a body of known size, as Requests does', async () => {
    expect((await prepared('POST', { data: 'héllo' }))['Content-Length']).toBe('6');
    expect((await prepared('POST', { data: { a: '1', b: '2' } }))['content-length']).toBe('7');
    expect((await prepared('PUT', { data: new Uint8Array(5) }))['content-length']).toBe('5');
    expect((await prepared('POST', { data: new Blob(['abc']) }))['content-length']).toBe('3');
    const multipart = await prepared('POST', { files: { f: ['a.txt', 'x'] } });
    expect(Number(multipart['content-length'])).toBeGreaterThan(100);
  });

  it('shows Transfer-Encoding: chunked for a stream, Content-Length: 0 for a bodiless POST, nothing for GET', async () => {
    const stream = new ReadableStream({ start: (c) => c.close() });
    const chunked = await prepared('POST', { data: stream });
    expect([chunked['transfer-encoding'], chunked['content-length']]).toEqual(['chunked', undefined]);
    expect((await prepared('POST'))['content-length']).toBe('0');
    expect((await prepared('DELETE'))['content-length']).toBe('0');
    expect((await prepared('GET')).has('content-length')).toBe(false);
    expect((await prepared('POST', { data: '' }))['content-length']).toBe('0');
  });

  it('leaves both to the runtime on the wire: fetch is never handed them', async () => {
    let sent: Headers | undefined;
    const fetch = (async (_: RequestInfo | URL, init?: RequestInit) => {
      sent = new Headers(init?.headers);
      return new globalThis.Response('ok');
    }) as typeof globalThis.fetch;
    await new Session({ fetch }).post('http://h.test/', { data: 'abc', headers: { 'X-Kept': '1' } });
    expect([sent?.has('content-length'), sent?.has('transfer-encoding'), sent?.get('x-kept')]).toEqual([
      false,
      false,
      '1',
    ]);
  });
});
