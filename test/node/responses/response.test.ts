import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { HTTPError, JSONDecodeError, PreparedRequest, RequestException, Response, Session } from '../../../src/index';

async function make(body: BodyInit | null, init: ResponseInit = {}, url = 'http://h/x'): Promise<Response> {
  const r = new Response(new globalThis.Response(body, init), { request: new PreparedRequest({ url }), elapsed: 1 });
  return r.read();
}

describe('Response (buffered)', () => {
  it('ok is statusCode < 400 (Requests), so a 3xx is ok', async () => {
    expect((await make(null, { status: 302 })).ok).toBe(true);
    expect((await make(null, { status: 399 })).ok).toBe(true);
    expect((await make(null, { status: 400 })).ok).toBe(false);
  });
  it('reason is the server phrase, or the standard phrase when there is none', async () => {
    expect((await make(null, { status: 404, statusText: 'NOT FOUND' })).reason).toBe('NOT FOUND');
    expect((await make(null, { status: 404 })).reason).toBe('Not Found');
  });
  it('text uses the charset, ISO-8859-1 for text/* without one, and can be re-decoded by setting encoding', async () => {
    const utf8 = new TextEncoder().encode('héllo');
    const r = await make(utf8, { headers: { 'content-type': 'text/plain' } });
    expect(r.encoding).toBe('ISO-8859-1');
    expect(r.text).toBe('hÃ©llo');
    r.encoding = 'utf-8';
    expect(r.text).toBe('héllo');
    expect((await make(utf8, { headers: { 'content-type': 'text/plain; charset=utf-8' } })).text).toBe('héllo');
  });
  it('guesses the encoding when the headers give none', async () => {
    const r = await make(new TextEncoder().encode('żółw'), { headers: { 'content-type': 'application/octet-stream' } });
    expect(r.encoding).toBeNull();
    expect(r.apparentEncoding).toBe('utf-8');
    expect(r.text).toBe('żółw');
  });
  it('content is bytes; text of an empty body is empty', async () => {
    const r = await make(new Uint8Array([1, 2, 3]));
    expect(r.content).toEqual(new Uint8Array([1, 2, 3]));
    expect((await make(null)).text).toBe('');
  });
  it('json() parses, and raises JSONDecodeError with a position on bad input', async () => {
    expect(
      (await make('{"name": "Jane", "age": 17}', { headers: { 'content-type': 'application/json' } })).json(),
    ).toEqual({ name: 'Jane', age: 17 });
    const bad = await make('{"a": 1,}', { headers: { 'content-type': 'application/json' } });
    expect(() => bad.json()).toThrow(JSONDecodeError);
    const empty = await make('');
    try {
      empty.json();
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(JSONDecodeError);
      expect((error as JSONDecodeError).message).toMatch(/^Expecting value: line 1 column 1 \(char 0\)/);
    }
  });
  it('json() reads UTF-16 bodies without a charset', async () => {
    const body = new Uint8Array([0x7b, 0, 0x7d, 0]);
    expect((await make(body)).json()).toEqual({});
  });
  it('raiseForStatus uses Requests message format', async () => {
    const r = await make('x', { status: 500, statusText: 'INTERNAL SERVER ERROR' }, 'http://h/status/500');
    expect(() => r.raiseForStatus()).toThrow(HTTPError);
    expect(() => r.raiseForStatus()).toThrow('500 Server Error: INTERNAL SERVER ERROR for url: http://h/status/500');
    const e = (() => {
      try {
        r.raiseForStatus();
      } catch (error) {
        return error as HTTPError;
      }
    })();
    expect(e?.response).toBe(r);
    const ok = await make('x', { status: 302 });
    expect(() => ok.raiseForStatus()).not.toThrow();
  });
  it("links come from the headers, cookies from the adapter that built the response (Requests' build_response)", async () => {
    const headers = new Headers({ link: '<http://h/2>; rel="next"' });
    headers.append('set-cookie', 'a=1; Path=/');
    headers.append('set-cookie', 'b=two=2; HttpOnly');
    const r = await new Session({ fetch: async () => new globalThis.Response(null, { headers }) }).get('http://h/x');
    expect(r.links.next?.url).toBe('http://h/2');
    expect(r.cookies).toEqual({ a: '1', b: 'two=2' });
    // Built by hand, as `requests.Response()`: no adapter extracted them.
    expect((await make(null, { headers })).cookies).toEqual({});
  });
  it('prints like Requests: <Response [200]>', async () => {
    const r = await make(null, { status: 302 });
    expect(String(r)).toBe('<Response [302]>');
    expect(inspect([r])).toBe('[ <Response [302]> ]');
  });
  it('an unread streamed body cannot be read synchronously', () => {
    const r = new Response(new globalThis.Response('x'), {
      request: new PreparedRequest({ url: 'http://h/' }),
      elapsed: 0,
    });
    expect(() => r.text).toThrow(RequestException);
    expect(() => r.text).toThrow(/await response.read\(\)/);
  });
});
