/**
 * psf/requests tests/test_requests.py, the module-level tests (outside any class): PreparedRequest bodies and
 * copies, the redirect loop's calls to `send`, proxies from the environment, and urllib3's Retry on a mounted
 * HTTPAdapter.
 *
 * Requests' `RedirectSession` is a SessionRedirectMixin whose `send` records its calls and answers with built
 * responses; here a Session subclass overriding `send` (API.md: `resolveRedirects` is a Session method).
 */
import { afterAll, describe, expect } from 'vitest';
import requests, {
  HTTPAdapter,
  PreparedRequest,
  type RequestOptions,
  Retry,
  RetryError,
  type SendOptions,
  Session,
  Response,
} from '../../src/index';
import { bodyText, httpbin, INVALID_PROXY, overrideEnviron, port, portEach } from './helpers';
import { startProxyTwin } from './proxy-twin';

const proxy = await startProxyTwin();
afterAll(() => proxy.close());

describe('module-level tests', () => {
  port('test_json_encodes_as_bytes', async () => {
    // urllib3 expects bodies as bytes-like objects
    const body = { key: 'value' };
    const p = await new Session().prepareRequest('GET', 'https://www.example.com/', { json: body });
    expect(p.body).toBeInstanceOf(Uint8Array);
  });

  port('test_requests_are_updated_each_time', async () => {
    class RedirectSession extends Session {
      redirects: number[];
      calls: [PreparedRequest, RequestOptions | SendOptions | undefined][] = [];
      constructor(orderOfRedirects: number[]) {
        super();
        this.redirects = orderOfRedirects;
        this.maxRedirects = 30;
      }

      override send(request: PreparedRequest, options?: RequestOptions | SendOptions): Promise<Response> {
        this.calls.push([request, options]);
        return Promise.resolve(this.buildResponse());
      }

      buildResponse(): Response {
        const request = this.calls.at(-1)![0];
        const status = this.redirects.shift() ?? 200;
        return new Response(new globalThis.Response('', { status, headers: { Location: '/' } }), {
          request,
          elapsed: 0,
        });
      }
    }

    const session = new RedirectSession([303, 307]);
    const prep = await new Session().prepareRequest('POST', httpbin('post'));
    const r0 = await session.send(prep);
    expect(r0.request.method).toBe('POST');
    expect(session.calls.at(-1)![0]).toBe(r0.request);
    expect(session.calls.at(-1)![1]).toBeUndefined();
    const redirectGenerator = session.resolveRedirects(r0, prep);
    const defaultKeywordArgs = {
      stream: false,
      verify: true,
      cert: null,
      // timeout=None: SendOptions holds the (connect, read) pair, each null for no limit.
      timeout: { connect: null, read: null },
      allowRedirects: false,
      proxies: {},
    };
    let followed = 0;
    // resolve_redirects' own defaults (verify=True): with no CA bundle in the environment, which the Session would
    // take for verify (trustEnv).
    await overrideEnviron({ REQUESTS_CA_BUNDLE: undefined, CURL_CA_BUNDLE: undefined }, async () => {
      for await (const response of redirectGenerator) {
        followed++;
        expect(response.request.method).toBe('GET');
        const [request, options] = session.calls.at(-1)!;
        expect(request).toBe(response.request);
        expect(options).toMatchObject(defaultKeywordArgs);
      }
    });
    expect(followed).toBe(2);
  });

  portEach(
    'test_proxy_env_vars_override_default',
    [
      ['http_proxy-http://example.com-socks5://proxy.com:9876', 'http_proxy', 'http'],
      ['https_proxy-https://example.com-socks5://proxy.com:9876', 'https_proxy', 'https'],
      ['all_proxy-http://example.com-socks5://proxy.com:9876', 'all_proxy', 'http'],
      ['all_proxy-https://example.com-socks5://proxy.com:9876', 'all_proxy', 'https'],
    ] as const,
    async (variable, scheme) => {
      // The proxy is the loopback twin (socks5 is not in the contract); the target a loopback port nothing listens
      // on, which only the proxy is asked about.
      const url = `${INVALID_PROXY.replace('http:', `${scheme}:`)}/`;
      proxy.seen.length = 0;
      await overrideEnviron({ [variable]: proxy.origin }, () => requests.get(url).catch(() => undefined));
      const authority = new URL(url).host;
      expect(proxy.seen.map((p) => [p.method, p.target])).toEqual([
        scheme === 'http' ? ['GET', url] : ['CONNECT', authority],
      ]);
    },
  );

  portEach(
    'test_data_argument_accepts_tuples',
    [
      [
        'data0',
        [
          ['a', 'b'],
          ['c', 'd'],
        ],
      ],
      [
        'data1',
        [
          ['c', 'd'],
          ['a', 'b'],
        ],
      ],
      [
        'data2',
        [
          ['a', 'b'],
          ['c', 'd'],
          ['e', 'f'],
        ],
      ],
    ] as [string, [string, string][]][],
    async (data) => {
      // The data argument accepts tuples of strings and encodes them.
      const p = await new Session().prepareRequest('GET', 'http://www.example.com', { data, hooks: { response: [] } });
      expect(await bodyText(p.body)).toBe(new URLSearchParams(data).toString());
    },
  );

  portEach(
    'test_prepared_copy',
    [
      ['None', null],
      ['kwargs1', { method: 'GET', url: 'http://www.example.com', data: 'foo=bar', hooks: { response: [] } }],
      [
        'kwargs2',
        {
          method: 'GET',
          url: 'http://www.example.com',
          data: 'foo=bar',
          hooks: { response: [] },
          cookies: { foo: 'bar' },
        },
      ],
      ['kwargs3', { method: 'GET', url: 'http://www.example.com/üniçø∂é' }],
    ] as const,
    async (kwargs) => {
      const p = kwargs
        ? await new Session().prepareRequest(kwargs.method, kwargs.url, kwargs as RequestOptions)
        : new PreparedRequest();
      const copy = p.copy();
      // `_cookies` is private; the rest compared attribute by attribute.
      expect(copy.method).toBe(p.method);
      expect(copy.url).toBe(p.url);
      expect([...copy.headers]).toEqual([...p.headers]);
      expect(copy.body).toEqual(p.body);
      expect(copy.hooks).toEqual(p.hooks);
    },
  );

  port('test_urllib3_retries', async () => {
    const s = new Session();
    s.mount('http://', new HTTPAdapter({ maxRetries: new Retry({ total: 2, statusForcelist: [500] }) }));
    await expect(s.get(httpbin('status/500'))).rejects.toBeInstanceOf(RetryError);
  });
});
