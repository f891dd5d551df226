/**
 * psf/requests tests/test_requests.py, class TestRequests: request headers — the Session's header dict, merging
 * with a request's headers (case-insensitive, `None` removing, order kept) and header validation.
 *
 * Where a test is about the header dict itself, it is written with the dict as API.md describes it (bracket reads
 * and writes, `null` or `undefined` removing, names keeping their case); `headers.update(d)` is `headers.set(k, v)`.
 */
import { describe, expect } from 'vitest';
import requests, { InvalidHeader, Session } from '../../src/index';
import { httpbin, port, portEach } from './helpers';

describe('TestRequests: headers', () => {
  port('test_headers_on_session_with_None_are_not_sent', async () => {
    // Do not send headers in Session.headers with None values. Requests sets its default Accept-Encoding to None;
    // here fetch owns Accept-Encoding, and the Session's own default is Accept.
    const ses = new Session();
    // ses.headers['Accept'] = None (a bracket write is typed string | undefined; null removes too, as API.md says).
    ses.headers.Accept = undefined;
    const prep = await ses.prepareRequest('GET', httpbin('get'));
    expect(prep.headers.has('Accept')).toBe(false);
  });

  port('test_headers_preserve_order', async () => {
    // Preserve order when headers provided as OrderedDict (a record keeps its insertion order).
    const ses = new Session();
    ses.headers = {};
    const sessionHeaders = ses.headers;
    sessionHeaders['Accept-Encoding'] = 'identity';
    sessionHeaders.First = '1';
    sessionHeaders.Second = '2';
    const headers: Record<string, string> = { Third: '3', Fourth: '4' };
    headers.Fifth = '5';
    headers.Second = '222';
    const prep = await ses.prepareRequest('GET', httpbin('get'), { headers });
    const items = [...prep.headers];
    expect(items[0]).toEqual(['Accept-Encoding', 'identity']);
    expect(items[1]).toEqual(['First', '1']);
    expect(items[2]).toEqual(['Second', '222']);
    expect(items[3]).toEqual(['Third', '3']);
    expect(items[4]).toEqual(['Fourth', '4']);
    expect(items[5]).toEqual(['Fifth', '5']);
  });

  port('test_fixes_1329', async () => {
    // Ensure that header updates are done case-insensitively.
    const s = new Session();
    s.headers.set('ACCEPT', 'BOGUS');
    s.headers.set('accept', 'application/json');
    const r = await s.get(httpbin('get'));
    const headers = r.request.headers;
    expect(headers.accept).toBe('application/json');
    expect(headers.Accept).toBe('application/json');
    expect(headers.ACCEPT).toBe('application/json');
  });

  port('test_header_remove_is_case_insensitive', async () => {
    // From issue #1321
    const s = new Session();
    s.headers.set('foo', 'bar');
    const r = await s.get(httpbin('get'), { headers: { FOO: null } });
    expect(r.request.headers.has('foo')).toBe(false);
  });

  port('test_header_validation', async () => {
    // Ensure prepare_headers regex isn't flagging valid header contents (b"fbbq": a string here).
    const validHeaders: Record<string, string> = { foo: 'bar baz qux', bar: 'fbbq', baz: '', qux: '1' };
    const r = await requests.get(httpbin('get'), { headers: validHeaders });
    for (const key of Object.keys(validHeaders)) expect(r.request.headers.get(key)).toBe(validHeaders[key]);
  });

  portEach(
    'test_header_value_not_str',
    [
      ['invalid_header0-foo', { foo: 3 }, 'foo'],
      ['invalid_header1-bar', { bar: { foo: 'bar' } }, 'bar'],
      ['invalid_header2-baz', { baz: ['foo', 'bar'] }, 'baz'],
    ] as const,
    async (invalidHeader, key) => {
      // Ensure the header value is of type string (GH issue #3386).
      const error = await requests.get(httpbin('get'), { headers: invalidHeader as never }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidHeader);
      expect((error as Error).message).toContain(key);
    },
  );

  portEach(
    'test_header_no_return_chars',
    [
      ['invalid_header0', { foo: 'bar\r\nbaz: qux' }],
      ['invalid_header1', { foo: 'bar\n\rbaz: qux' }],
      ['invalid_header2', { foo: 'bar\nbaz: qux' }],
      ['invalid_header3', { foo: 'bar\rbaz: qux' }],
      ['invalid_header4', { 'fo\ro': 'bar' }],
      ['invalid_header5', { 'fo\r\no': 'bar' }],
      ['invalid_header6', { 'fo\n\ro': 'bar' }],
      ['invalid_header7', { 'fo\no': 'bar' }],
    ],
    async (invalidHeader) => {
      // A header with return characters must raise: otherwise one string becomes several headers.
      await expect(requests.get(httpbin('get'), { headers: invalidHeader })).rejects.toBeInstanceOf(InvalidHeader);
    },
  );

  portEach(
    'test_header_no_leading_space',
    [
      ['invalid_header0', { ' foo': 'bar' }],
      ['invalid_header1', { '\tfoo': 'bar' }],
      ['invalid_header2', { '    foo': 'bar' }],
      ['invalid_header3', { foo: ' bar' }],
      ['invalid_header4', { foo: '    bar' }],
      ['invalid_header5', { foo: '\tbar' }],
      ['invalid_header6', { ' ': 'bar' }],
    ],
    async (invalidHeader) => {
      // Headers with leading whitespace raise InvalidHeader before sending.
      await expect(requests.get(httpbin('get'), { headers: invalidHeader })).rejects.toBeInstanceOf(InvalidHeader);
    },
  );

  port('test_proxy_authorization_preserved_on_request', async () => {
    const proxyAuthValue = 'Bearer XXX';
    const session = new Session();
    session.headers.set('Proxy-Authorization', proxyAuthValue);
    const resp = await session.request('GET', httpbin('get'));
    const sentHeaders = resp.json<{ headers?: Record<string, string> }>().headers ?? {};
    expect(sentHeaders['Proxy-Authorization']).toBe(proxyAuthValue);
  });
});
