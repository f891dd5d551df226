/**
 * psf/requests tests/test_requests.py, class TestPreparingURLs: IDNA hosts, requoting, bad URLs, non-HTTP schemes,
 * and (in the same class) JSON bodies and JSONDecodeError. Python's bytes URLs are in the ledger (not applicable:
 * a URL is a string or a URL object here); each has a str twin ported below.
 */
import { describe, expect } from 'vitest';
import requests, {
  InvalidJSONError,
  InvalidURL,
  JSONDecodeError,
  type ParamsInput,
  RequestException,
  Session,
} from '../../src/index';
import { httpbin, port, portEach } from './helpers';

const prepare = (url: string, params?: ParamsInput) => new Session().prepareRequest('GET', url, { params });

/** Requests' `normalize_percent_encode`: equivalent percent-escapes compared in upper case. */
function normalizePercentEncode(x: string): string {
  return x.replace(/%[a-fA-F0-9]{2}/g, (c) => c.toUpperCase());
}

/** What `r.json()` threw. */
function jsonError(r: { json(): unknown }): unknown {
  try {
    r.json();
  } catch (error) {
    return error;
  }
  return expect.fail('r.json() should raise');
}

describe('TestPreparingURLs', () => {
  portEach(
    'test_preparing_url',
    [
      ['http://google.com-http://google.com/', 'http://google.com', 'http://google.com/'],
      [
        'http://\\u30b8\\u30a7\\u30fc\\u30d4\\u30fc\\u30cb\\u30c3\\u30af.jp-http://xn--hckqz9bzb1cyrb.jp/',
        'http://ジェーピーニック.jp',
        'http://xn--hckqz9bzb1cyrb.jp/',
      ],
      ['http://xn--n3h.net/-http://xn--n3h.net/0', 'http://xn--n3h.net/', 'http://xn--n3h.net/'],
      [
        'http://stra\\xdfe.de/stra\\xdfe-http://xn--strae-oqa.de/stra%C3%9Fe',
        'http://straße.de/straße',
        'http://xn--strae-oqa.de/stra%C3%9Fe',
      ],
      [
        'http://K\\xf6nigsg\\xe4\\xdfchen.de/stra\\xdfe-http://xn--knigsgchen-b4a3dun.de/stra%C3%9Fe',
        'http://Königsgäßchen.de/straße',
        'http://xn--knigsgchen-b4a3dun.de/stra%C3%9Fe',
      ],
      [
        'http://[1200:0000:ab00:1234:0000:2552:7777:1313]:12345/-http://[1200:0000:ab00:1234:0000:2552:7777:1313]:12345/1',
        'http://[1200:0000:ab00:1234:0000:2552:7777:1313]:12345/',
        'http://[1200:0000:ab00:1234:0000:2552:7777:1313]:12345/',
      ],
    ],
    async (url, expected) => {
      const p = await prepare(url);
      expect(normalizePercentEncode(p.url)).toBe(expected);
    },
  );

  portEach(
    'test_preparing_bad_url',
    [
      ['http://*.google.com1', 'http://*.google.com'],
      ['http://*1', 'http://*'],
      ['http://\\u2603.net/', 'http://☃.net/'],
    ],
    async (url) => {
      await expect(prepare(url)).rejects.toBeInstanceOf(InvalidURL);
    },
  );

  portEach(
    'test_redirecting_to_bad_url',
    [['http://localhost:-1-InvalidURL', 'http://localhost:-1', InvalidURL]] as const,
    async (url, exception) => {
      await expect(requests.get(httpbin('redirect-to'), { params: { url } })).rejects.toBeInstanceOf(exception);
    },
  );

  portEach(
    'test_url_mutation',
    [
      [
        'http+unix://%2Fvar%2Frun%2Fsocket/path%7E-http+unix://%2Fvar%2Frun%2Fsocket/path~1',
        'http+unix://%2Fvar%2Frun%2Fsocket/path%7E',
        'http+unix://%2Fvar%2Frun%2Fsocket/path~',
      ],
      ['mailto:user@example.org-mailto:user@example.org1', 'mailto:user@example.org', 'mailto:user@example.org'],
    ],
    async (input, expected) => {
      // URLs whose scheme does not begin with "http" are left alone; those whose scheme does are prepared.
      const p = await prepare(input);
      expect(p.url).toBe(expected);
    },
  );

  portEach(
    'test_parameters_for_nonstandard_schemes',
    [
      [
        'http+unix://%2Fvar%2Frun%2Fsocket/path-params1-http+unix://%2Fvar%2Frun%2Fsocket/path?key=value',
        'http+unix://%2Fvar%2Frun%2Fsocket/path',
        { key: 'value' },
        'http+unix://%2Fvar%2Frun%2Fsocket/path?key=value',
      ],
      [
        'mailto:user@example.org-params3-mailto:user@example.org',
        'mailto:user@example.org',
        { key: 'value' },
        'mailto:user@example.org',
      ],
    ],
    async (input, params, expected) => {
      // Parameters are set for nonstandard schemes that begin with "http", and not for others.
      const p = await prepare(input, params);
      expect(p.url).toBe(expected);
    },
  );

  port('test_post_json_nan', async () => {
    const data = { foo: Number.NaN };
    await expect(requests.post(httpbin('post'), { json: data })).rejects.toBeInstanceOf(InvalidJSONError);
  });

  // httpbin's /bytes/20 is 20 random bytes; `seed` only makes them the same every run.
  port('test_json_decode_compatibility', async () => {
    const r = await requests.get(httpbin('bytes/20?seed=0'));
    const error = jsonError(r);
    expect(error).toBeInstanceOf(JSONDecodeError);
    expect(error).toBeInstanceOf(RequestException);
    expect((error as Error).message).not.toContain(r.text);
  });

  port('test_json_decode_persists_doc_attr', async () => {
    const r = await requests.get(httpbin('bytes/20?seed=0'));
    const error = jsonError(r) as JSONDecodeError;
    expect(error).toBeInstanceOf(JSONDecodeError);
    expect(error.doc).toBe(r.text);
  });
});
