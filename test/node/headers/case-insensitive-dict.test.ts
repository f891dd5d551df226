// Headers as Requests' CaseInsensitiveDict and as axios users write them: a Headers that reads and writes by
// bracket, case-insensitively; null/undefined remove; request header names keep their case and order.
import { describe, expect, it } from 'vitest';
import { CaseInsensitiveDict, InvalidHeader, PreparedRequest, Response, Session } from '../../../src/index';
import { unwrapHeaders } from '../../../src/structures';

function stubFetch(reply = () => new globalThis.Response('ok', { headers: { 'Content-Type': 'text/plain' } })) {
  const sent: Headers[] = [];
  const fetch = (async (_input: RequestInfo | URL, init?: RequestInit) => {
    sent.push(new Headers(init?.headers));
    return reply();
  }) as typeof globalThis.fetch;
  return { fetch, sent };
}

describe('CaseInsensitiveDict', () => {
  it('is a Headers that reads and writes by bracket, whatever the case', () => {
    const h = new CaseInsensitiveDict({ 'Content-Type': 'text/html' });
    expect(h).toBeInstanceOf(Headers);
    expect([h['content-type'], h['CONTENT-TYPE'], h.get('Content-type')]).toEqual([
      'text/html',
      'text/html',
      'text/html',
    ]);
    h['X-Token'] = 't';
    expect(h.get('x-token')).toBe('t');
    expect('x-token' in h).toBe(true);
    expect(h['x-missing']).toBeUndefined();
  });

  it('removes a name set to null or undefined, however it is set, or deleted', () => {
    const h = new CaseInsensitiveDict({ A: '1', B: '2', C: '3', D: '4' });
    h.a = undefined;
    (h as unknown as Record<string, null>).b = null;
    h.set('C', undefined);
    delete h.d;
    expect([...h.keys()]).toEqual([]);
  });

  it('keeps the case a name was last set with and the order names were first set in, as Requests does', () => {
    const h = new CaseInsensitiveDict();
    h['User-Agent'] = 'a';
    h.Accept = '*/*';
    h['X-Custom'] = 'x';
    h['user-agent'] = 'b'; // set again: keeps its place, takes the new case
    expect([...h]).toEqual([
      ['user-agent', 'b'],
      ['Accept', '*/*'],
      ['X-Custom', 'x'],
    ]);
    expect(String(h)).toBe("{'user-agent': 'b', 'Accept': '*/*', 'X-Custom': 'x'}");
    expect(JSON.stringify(h)).toBe('{"user-agent":"b","Accept":"*/*","X-Custom":"x"}');
    expect(Object.keys(h)).toEqual(['user-agent', 'Accept', 'X-Custom']);
    expect({ ...h }).toEqual({ 'user-agent': 'b', Accept: '*/*', 'X-Custom': 'x' });
  });

  it('refuses what HTTP cannot carry with InvalidHeader, by bracket too', () => {
    const h = new CaseInsensitiveDict();
    expect(() => {
      h['X-A'] = 'v\r\nX-Injected: 1';
    }).toThrow(InvalidHeader);
    expect(() => {
      h['X-B'] = ' leading';
    }).toThrow(InvalidHeader);
    expect(() => h.set('X-C', '☃')).toThrow(InvalidHeader);
    expect(() => h.set('X D', 'v')).toThrow(InvalidHeader);
    expect([...h]).toEqual([]);
  });

  it('goes anywhere fetch takes headers', () => {
    const h = new CaseInsensitiveDict({ 'X-A': '1' });
    expect(new Request('http://h.test/', { headers: h }).headers.get('x-a')).toBe('1');
    expect(new Headers(h).get('x-a')).toBe('1');
  });
});

describe('headers on a Session, a PreparedRequest and a Response', () => {
  it('s.headers[name] = value is sent; = null removes a default for good', async () => {
    const { fetch, sent } = stubFetch();
    const s = new Session({ fetch });
    s.headers['X-CSRFToken'] = 'tok';
    s.headers['User-Agent'] = null as unknown as string;
    await s.get('http://h.test/');
    expect(sent[0]!.get('x-csrftoken')).toBe('tok');
    expect(sent[0]!.has('user-agent')).toBe(false);
  });

  it('a request header set to undefined is not sent (never as the text "undefined")', async () => {
    const { fetch, sent } = stubFetch();
    await new Session({ fetch }).get('http://h.test/', { headers: { 'X-Maybe': undefined, Accept: undefined } });
    expect([sent[0]!.has('x-maybe'), sent[0]!.has('accept')]).toEqual([false, false]);
  });

  it('PreparedRequest.headers show Requests’ names in the order set', async () => {
    const prep = await new Session().prepareRequest('POST', 'http://h.test/', {
      headers: { 'X-First': '1' },
      json: { a: 1 },
    });
    expect([...prep.headers.keys()]).toEqual(['User-Agent', 'Accept', 'X-First', 'Content-Length', 'Content-Type']);
    expect(prep.headers['content-length']).toBe('8'); // {"a": 1}
    expect(prep.headers['content-type']).toBe('application/json');
    expect(new PreparedRequest({ headers: { B: '1', A: '2' } }).headers.copy().a).toBe('2');
  });

  it('r.headers reads by bracket, case-insensitively, as the server sent them', async () => {
    const { fetch } = stubFetch();
    const r = await new Session({ fetch }).get('http://h.test/');
    expect([r.headers['Content-Type'], r.headers['content-type']]).toEqual(['text/plain', 'text/plain']);
    expect(r.headers.get('CONTENT-TYPE')).toBe('text/plain');
    expect(r.headers).toBeInstanceOf(Headers);
    const built = new Response(new globalThis.Response('', { headers: { ETag: '"x"' } }), {
      request: new PreparedRequest(),
    });
    expect(built.headers.etag).toBe('"x"');
  });

  it('r.headers can be written, as Requests’ CaseInsensitiveDict (fetch’s own response headers are immutable)', async () => {
    const { fetch } = stubFetch();
    const r = await new Session({ fetch }).get('http://h.test/');
    r.headers.location = '/elsewhere';
    delete r.headers['content-type'];
    expect([r.headers.Location, r.headers.has('content-type')]).toEqual(['/elsewhere', false]);
  });

  it('a key that cannot be a header name reads as absent rather than throwing (printers probe such keys)', () => {
    const h = new CaseInsensitiveDict({ A: '1' });
    expect(h['@@__IMMUTABLE_ITERABLE__@@']).toBeUndefined();
    expect('not a name' in h).toBe(false);
    expect(Object.getOwnPropertyDescriptor(h, 'not a name')).toBeUndefined();
  });
});

describe('CaseInsensitiveDict is a real Headers', () => {
  it('made by Headers’ own constructor: fetch copies it the native way, and a subclass of it works', async () => {
    class Named extends CaseInsensitiveDict {}
    const h = new Named({ 'X-B': '2', 'X-A': '1' });
    expect(h).toBeInstanceOf(Headers);
    expect(h).toBeInstanceOf(Named);
    expect([...h.keys()]).toEqual(['X-B', 'X-A']);
    expect(Headers.prototype.get.call(unwrapHeaders(h), 'x-a')).toBe('1'); // Headers' internal slots are there
    const request = new Request('http://h.test/', { headers: unwrapHeaders(h) });
    expect(request.headers.get('x-b')).toBe('2');
  });
});
