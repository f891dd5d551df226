/**
 * psf/requests tests/test_requests.py, class TestRequests: entry points, URLs, preparing a request, plain calls.
 *
 * Spellings: Requests' `requests.Request(method, url, **kw).prepare()` is `new Session().prepareRequest(method, url,
 * kw)` here (the library's one way to prepare without sending); `prep.headers['X']` used only to read a header is
 * `prep.headers.get('X')`, and `'X' in prep.headers` is `prep.headers.has('X')` — bracket access is kept where the
 * header dict itself is what a test is about (requests-headers.test.ts, case-insensitive-dict.test.ts).
 */
import { describe, expect } from 'vitest';
import requests, {
  HTTPError,
  InvalidSchema,
  InvalidURL,
  MissingSchema,
  ConnectionError,
  Session,
  type ParamsInput,
} from '../../src/index';
import { bodyText, httpbin, INVALID_PROXY, port, portEach, responseOf } from './helpers';

const prepare = (method: string, url: string | URL, options?: Parameters<Session['prepareRequest']>[2]) =>
  new Session().prepareRequest(method, url, options);

describe('TestRequests: entry points and URLs', () => {
  port('test_entry_points', () => {
    expect(typeof requests.session).toBe('function');
    expect(typeof requests.session().get).toBe('function');
    expect(typeof requests.session().head).toBe('function');
    expect(typeof requests.get).toBe('function');
    expect(typeof requests.head).toBe('function');
    expect(typeof requests.put).toBe('function');
    expect(typeof requests.patch).toBe('function');
    expect(typeof requests.post).toBe('function');
    // The test's last line imports urllib3's PoolManager through requests.packages: urllib3's, no counterpart here.
  });

  portEach(
    'test_invalid_url',
    [
      ['MissingSchema-hiwpefhipowhefopw', MissingSchema, 'hiwpefhipowhefopw'],
      ['InvalidSchema-localhost:3128', InvalidSchema, 'localhost:3128'],
      ['InvalidSchema-localhost.localdomain:3128/', InvalidSchema, 'localhost.localdomain:3128/'],
      ['InvalidSchema-10.122.1.1:3128/', InvalidSchema, '10.122.1.1:3128/'],
      ['InvalidURL-http://', InvalidURL, 'http://'],
      ['InvalidURL-http://*example.com', InvalidURL, 'http://*example.com'],
      ['InvalidURL-http://.example.com', InvalidURL, 'http://.example.com'],
    ] as const,
    async (exception, url) => {
      await expect(requests.get(url)).rejects.toBeInstanceOf(exception);
    },
  );

  port('test_basic_building', async () => {
    // Requests' bare Request() has no method; a fetch request always has one, and GET may not carry the form.
    const pr = await prepare('POST', 'http://kennethreitz.org/', { data: { life: '42' } });
    expect(pr.url).toBe('http://kennethreitz.org/');
    expect(await bodyText(pr.body)).toBe('life=42');
  });

  portEach(
    'test_no_content_length',
    [
      ['GET', 'GET'],
      ['HEAD', 'HEAD'],
    ],
    async (method) => {
      const req = await prepare(method, httpbin(method.toLowerCase()));
      expect(req.headers.has('Content-Length')).toBe(false);
    },
  );

  const bodyMethods = [
    ['POST', 'POST'],
    ['PUT', 'PUT'],
    ['PATCH', 'PATCH'],
    ['OPTIONS', 'OPTIONS'],
  ] as const;

  portEach('test_no_body_content_length', bodyMethods, async (method) => {
    const req = await prepare(method, httpbin(method.toLowerCase()));
    expect(req.headers.get('Content-Length')).toBe('0');
  });

  portEach('test_empty_content_length', bodyMethods, async (method) => {
    const req = await prepare(method, httpbin(method.toLowerCase()), { data: '' });
    expect(req.headers.get('Content-Length')).toBe('0');
  });

  port('test_override_content_length', async () => {
    const r = await prepare('POST', httpbin('post'), { headers: { 'Content-Length': 'not zero' } });
    expect(r.headers.has('Content-Length')).toBe(true);
    expect(r.headers.get('Content-Length')).toBe('not zero');
  });

  port('test_path_is_not_double_encoded', async () => {
    const request = await prepare('GET', 'http://0.0.0.0/get/test case');
    expect(request.pathUrl).toBe('/get/test%20case');
  });

  portEach(
    'test_params_are_added_before_fragment',
    [
      [
        'http://example.com/path#fragment-http://example.com/path?a=b#fragment',
        'http://example.com/path#fragment',
        'http://example.com/path?a=b#fragment',
      ],
      [
        'http://example.com/path?key=value#fragment-http://example.com/path?key=value&a=b#fragment',
        'http://example.com/path?key=value#fragment',
        'http://example.com/path?key=value&a=b#fragment',
      ],
    ],
    async (url, expected) => {
      const request = await prepare('GET', url, { params: { a: 'b' } });
      expect(request.url).toBe(expected);
    },
  );

  port('test_params_original_order_is_preserved_by_default', async () => {
    // Python's OrderedDict: a Map, the mapping that is not a plain object.
    const paramOrderedDict = new Map([
      ['z', 1],
      ['a', 1],
      ['k', 1],
      ['d', 1],
    ]);
    const session = new Session();
    const prep = await session.prepareRequest('GET', 'http://example.com/', { params: paramOrderedDict });
    expect(prep.url).toBe('http://example.com/?z=1&a=1&k=1&d=1');
  });

  port('test_params_bytes_are_encoded', async () => {
    // b'test=foo': an already-encoded query given whole (a string here; there are no bytes params).
    const request = await prepare('GET', 'http://example.com', { params: 'test=foo' });
    expect(request.url).toBe('http://example.com/?test=foo');
  });

  port('test_binary_put', async () => {
    const request = await prepare('PUT', 'http://example.com', { data: new TextEncoder().encode('ööö') });
    expect(request.body).toBeInstanceOf(Uint8Array);
  });

  port('test_whitespaces_are_removed_from_url', async () => {
    const request = await prepare('GET', ' http://example.com');
    expect(request.url).toBe('http://example.com/');
  });

  portEach(
    'test_mixed_case_scheme_acceptable',
    [
      ['http://', 'http://'],
      ['HTTP://', 'HTTP://'],
      ['hTTp://', 'hTTp://'],
      ['HttP://', 'HttP://'],
    ],
    async (scheme) => {
      // `s.proxies = getproxies()`: the environment's proxies; none are set here.
      const s = new Session();
      const parts = new URL(httpbin('get'));
      const url = `${scheme}${parts.host}${parts.pathname}`;
      const r = await s.send(await s.prepareRequest('GET', url));
      expect(r.statusCode, `failed for scheme ${scheme}`).toBe(200);
    },
  );

  port('test_HTTP_200_OK_GET_ALTERNATIVE', async () => {
    const s = new Session();
    const r = await s.send(await s.prepareRequest('GET', httpbin('get')));
    expect(r.statusCode).toBe(200);
  });

  port('test_HTTP_200_OK_GET_WITH_PARAMS', async () => {
    const heads = { 'User-agent': 'Mozilla/5.0' };
    const r = await requests.get(httpbin('user-agent'), { headers: heads });
    expect(r.text).toContain(heads['User-agent']);
    expect(r.statusCode).toBe(200);
  });

  port('test_HTTP_200_OK_GET_WITH_MIXED_PARAMS', async () => {
    const heads = { 'User-agent': 'Mozilla/5.0' };
    const r = await requests.get(`${httpbin('get')}?test=true`, { params: { q: 'test' }, headers: heads });
    expect(r.statusCode).toBe(200);
  });

  portEach(
    'test_user_agent_transfers',
    [
      ['User-agent', 'User-agent'],
      ['user-agent', 'user-agent'],
    ],
    async (key) => {
      const heads = { [key]: 'Mozilla/5.0 (github.com/psf/requests)' };
      const r = await requests.get(httpbin('user-agent'), { headers: heads });
      expect(r.text).toContain(heads[key]);
    },
  );

  port('test_HTTP_200_OK_HEAD', async () => {
    const r = await requests.head(httpbin('get'));
    expect(r.statusCode).toBe(200);
  });

  port('test_HTTP_200_OK_PUT', async () => {
    const r = await requests.put(httpbin('put'));
    expect(r.statusCode).toBe(200);
  });

  portEach(
    'test_errors',
    [
      // An unknown domain: `.invalid` (RFC 6761) never resolves, and no query leaves the machine for an answer.
      ['http://doesnotexist.google.com-ConnectionError', 'http://doesnotexist.invalid', ConnectionError],
      // An invalid port: a loopback port nothing listens on.
      ['http://localhost:1-ConnectionError', INVALID_PROXY, ConnectionError],
      // A URL that cannot be parsed.
      ['http://fe80::5054:ff:fe5a:fc0-InvalidURL', 'http://fe80::5054:ff:fe5a:fc0', InvalidURL],
    ] as const,
    async (url, exception) => {
      await expect(requests.get(url, { timeout: 1000 })).rejects.toBeInstanceOf(exception);
    },
  );

  port('test_request_ok_set', async () => {
    const r = await requests.get(httpbin('status', '404'));
    expect(r.ok).toBe(false);
  });

  port('test_status_raising', async () => {
    let r = await requests.get(httpbin('status', '404'));
    expect(() => r.raiseForStatus()).toThrow(HTTPError);
    r = await requests.get(httpbin('status', '500'));
    expect(r.ok).toBe(false);
  });

  port('test_decompress_gzip', async () => {
    const r = await requests.get(httpbin('gzip'));
    // r.content.decode('ascii') raises on any byte past ASCII.
    expect(r.content.every((b) => b < 0x80)).toBe(true);
    expect(r.content.byteLength).toBeGreaterThan(0);
  });

  portEach(
    'test_unicode_get',
    [
      ['/get-params0', '/get', { foo: 'føø' }],
      ['/get-params1', '/get', { føø: 'føø' }],
      ['/get-params2', '/get', { føø: 'føø' }],
      ['/get-params3', '/get', { foo: 'foo' }],
      ['\\xf8-params4', 'ø', { foo: 'foo' }],
    ] as const,
    async (url, params) => {
      await requests.get(httpbin(url), { params: params as ParamsInput });
    },
  );

  port('test_unicode_header_name', async () => {
    await requests.put(httpbin('put'), { headers: { 'Content-Type': 'application/octet-stream' }, data: '\xff' });
  });

  port('test_urlencoded_get_query_multivalued_param', async () => {
    const r = await requests.get(httpbin('get'), { params: { test: ['foo', 'baz'] } });
    expect(r.statusCode).toBe(200);
    expect(r.url).toBe(httpbin('get?test=foo&test=baz'));
  });

  port('test_form_encoded_post_query_multivalued_element', async () => {
    const prep = await prepare('POST', httpbin('post'), { data: { test: ['foo', 'baz'] } });
    expect(await bodyText(prep.body)).toBe('test=foo&test=baz');
  });

  port('test_prepare_request_with_bytestring_url', async () => {
    // A URL given as bytes in Python; here the other type a URL comes in, a URL object.
    const s = new Session();
    const prep = await s.prepareRequest('GET', new URL('https://httpbin.org/'));
    expect(prep.url).toBe('https://httpbin.org/');
  });

  port('test_request_with_bytestring_host', async () => {
    const s = new Session();
    const resp = await s.request('GET', httpbin('cookies/set?cookie=value'), {
      allowRedirects: false,
      headers: { Host: 'httpbin.org' },
    });
    expect(resp.cookies.cookie).toBe('value');
  });

  port('test_time_elapsed_blank', async () => {
    const r = await requests.get(httpbin('get'));
    expect(r.elapsed).toBeGreaterThan(0);
  });

  port('test_http_error', () => {
    let error = new HTTPError();
    expect(error.response).toBeFalsy();
    const response = responseOf(new globalThis.Response(null));
    error = new HTTPError(undefined, { response });
    expect(error.response).toBe(response);
    error = new HTTPError('message', { response });
    expect(error.message).toBe('message');
    expect(error.response).toBe(response);
  });

  port('test_params_are_merged_case_sensitive', async () => {
    const s = new Session();
    (s.params as Record<string, string>).foo = 'bar';
    const r = await s.get(httpbin('get'), { params: { FOO: 'bar' } });
    expect(r.json<{ args: unknown }>().args).toEqual({ foo: 'bar', FOO: 'bar' });
  });

  port('test_long_authinfo_in_url', async () => {
    const url = `http://${'E8A3BE87-9E3F-4620-8858-95478E385B5B'}:${'EA770032-DA4D-4D84-8CE9-29C6D910BF1E'}@${'exactly-------------sixty-----------three------------characters'}:9000/path?query#frag`;
    const r = await prepare('GET', url);
    expect(r.url).toBe(url);
  });

  port('test_nonhttp_schemes_dont_check_URLs', async () => {
    const testUrls = [
      'data:image/gif;base64,R0lGODlhAQABAHAAACH5BAUAAAAALAAAAAABAAEAAAICRAEAOw==',
      'file:///etc/passwd',
      'magnet:?xt=urn:btih:be08f00302bc2d1d3cfa3af02024fa647a271431',
    ];
    for (const testUrl of testUrls) {
      const preq = await prepare('GET', testUrl);
      expect(preq.url).toBe(testUrl);
    }
  });

  port('test_json_param_post_content_type_works', async () => {
    const r = await requests.post(httpbin('post'), { json: { life: 42 } });
    expect(r.statusCode).toBe(200);
    expect(r.request.headers.get('Content-Type')).toContain('application/json');
    expect(r.json<{ json: unknown }>().json).toEqual({ life: 42 });
  });

  port('test_json_param_post_should_not_override_data_param', async () => {
    const prep = await prepare('POST', httpbin('post'), { data: { stuff: 'elixr' }, json: { music: 'flute' } });
    expect(await bodyText(prep.body)).toBe('stuff=elixr');
  });

  port('test_autoset_header_values_are_native', async () => {
    const data = 'this is a string';
    const length = '16';
    const p = await prepare('POST', httpbin('post'), { data });
    expect(p.headers.get('Content-Length')).toBe(length);
  });
});
