/**
 * psf/requests tests/test_requests.py, class TestRequests: proxies (explicit, from the environment, their
 * credentials) and TLS (`verify`, `cert`, CA bundles from the environment) — API.md's `proxies`, `trustEnv`,
 * `verify`, `cert`.
 *
 * Requests inspects `Session.rebuild_proxies()`, `merge_environment_settings()` and `HTTPAdapter.proxy_headers()`;
 * here the same rules are checked by what a proxy twin on loopback receives (proxy-twin.ts) and what a call does.
 * `httpbin_secure` is Debian's httpbin over TLS with a CA made for the run (global-setup.ts). Requests' example.com
 * targets are loopback ports nothing listens on: a proxied request never reaches them, an unproxied one fails
 * here instead of going out.
 */
import { afterAll, describe, expect } from 'vitest';
import requests, { InvalidProxyURL, ProxyError, Session, SSLError, type Response } from '../../src/index';
import { httpbin, httpbinSecure, INVALID_PROXY, overrideEnviron, port, portEach, servers } from './helpers';
import { startProxyTwin } from './proxy-twin';

const proxy = await startProxyTwin();
afterAll(() => proxy.close());

const HTTP_TARGET = `${INVALID_PROXY}/`;
const HTTPS_TARGET = `${INVALID_PROXY.replace('http:', 'https:')}/`;
const proxyWith = (userinfo: string): string => proxy.origin.replace('//', `//${userinfo}@`);

/** What a call resolved or rejected with. */
function settle(call: Promise<Response>): Promise<Response | Error> {
  return call.catch((error: Error) => error);
}

describe('TestRequests: proxies', () => {
  port('test_proxy_error', async () => {
    // any proxy related error (address resolution, no route to host, etc) should result in a ProxyError
    await expect(requests.get(INVALID_PROXY, { proxies: { http: 'non-resolvable-address' } })).rejects.toBeInstanceOf(
      ProxyError,
    );
  });

  port('test_proxy_error_on_bad_url', async () => {
    await expect(
      requests.get(httpbinSecure(), { proxies: { https: 'http:/badproxyurl:3128' } }),
    ).rejects.toBeInstanceOf(InvalidProxyURL);
    await expect(requests.get(httpbin(), { proxies: { http: 'http://:8080' } })).rejects.toBeInstanceOf(
      InvalidProxyURL,
    );
    await expect(requests.get(httpbinSecure(), { proxies: { https: 'https://' } })).rejects.toBeInstanceOf(
      InvalidProxyURL,
    );
    await expect(requests.get(httpbin(), { proxies: { http: 'http:///example.com:8080' } })).rejects.toBeInstanceOf(
      InvalidProxyURL,
    );
  });

  port('test_respect_proxy_env_on_send_self_prepared_request', async () => {
    await overrideEnviron({ http_proxy: INVALID_PROXY }, async () => {
      const session = new Session();
      const request = await new Session().prepareRequest('GET', httpbin());
      await expect(session.send(request)).rejects.toBeInstanceOf(ProxyError);
    });
  });

  port('test_respect_proxy_env_on_send_session_prepared_request', async () => {
    await overrideEnviron({ http_proxy: INVALID_PROXY }, async () => {
      const session = new Session();
      const prepared = await session.prepareRequest('GET', httpbin());
      await expect(session.send(prepared)).rejects.toBeInstanceOf(ProxyError);
    });
  });

  port('test_respect_proxy_env_on_send_with_redirects', async () => {
    await overrideEnviron({ http_proxy: INVALID_PROXY }, async () => {
      const session = new Session();
      const request = await new Session().prepareRequest('GET', httpbin('redirect/1'));
      await expect(session.send(request)).rejects.toBeInstanceOf(ProxyError);
    });
  });

  port('test_respect_proxy_env_on_get', async () => {
    await overrideEnviron({ http_proxy: INVALID_PROXY }, async () => {
      const session = new Session();
      await expect(session.get(httpbin())).rejects.toBeInstanceOf(ProxyError);
    });
  });

  port('test_respect_proxy_env_on_request', async () => {
    await overrideEnviron({ http_proxy: INVALID_PROXY }, async () => {
      const session = new Session();
      await expect(session.request('GET', httpbin())).rejects.toBeInstanceOf(ProxyError);
    });
  });

  portEach(
    'test_proxy_authorization_not_appended_to_https_request',
    [
      ['http://example.com-True', HTTP_TARGET, true],
      ['https://example.com-False', HTTPS_TARGET, false],
    ] as const,
    async (url, hasProxyAuth) => {
      const session = new Session();
      const proxies = { http: proxyWith('test:pass'), https: proxyWith('test:pass') };
      // req = requests.Request("GET", url); prep = req.prepare(); session.rebuild_proxies(prep, proxies)
      const prep = await new Session().prepareRequest('GET', url);
      session.rebuildProxies(prep, proxies);
      expect(prep.headers.has('Proxy-Authorization')).toBe(hasProxyAuth);

      // And what the proxy got: the credentials on the request itself (http) or on the CONNECT only (https).
      proxy.seen.length = 0;
      await settle(requests.get(url, { proxies }));
      expect(proxy.seen).toHaveLength(1);
      expect(proxy.seen[0]!.headers['proxy-authorization']).toBe('Basic dGVzdDpwYXNz');
    },
  );

  port('test_proxy_auth', async () => {
    proxy.seen.length = 0;
    await requests.get(HTTP_TARGET, { proxies: { http: proxyWith('user:pass') } });
    expect(proxy.seen.map((p) => p.headers['proxy-authorization'])).toEqual(['Basic dXNlcjpwYXNz']);
  });

  port('test_proxy_auth_empty_pass', async () => {
    proxy.seen.length = 0;
    await requests.get(HTTP_TARGET, { proxies: { http: proxyWith('user:') } });
    expect(proxy.seen.map((p) => p.headers['proxy-authorization'])).toEqual(['Basic dXNlcjo=']);
  });
});

describe('TestRequests: TLS', () => {
  port('test_pyopenssl_redirect', async () => {
    await requests.get(httpbinSecure('status', '301'), { verify: servers.caBundle });
  });

  port('test_invalid_ca_certificate_path', async () => {
    const INVALID_PATH = '/garbage';
    const error = await settle(requests.get(httpbinSecure(), { verify: INVALID_PATH }));
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe(
      `Could not find a suitable TLS CA certificate bundle, invalid path: ${INVALID_PATH}`,
    );
  });

  port('test_invalid_ssl_certificate_files', async () => {
    const INVALID_PATH = '/garbage';
    let error = await settle(requests.get(httpbinSecure(), { cert: INVALID_PATH }));
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe(`Could not find the TLS certificate file, invalid path: ${INVALID_PATH}`);

    error = await settle(requests.get(httpbinSecure(), { cert: ['.', INVALID_PATH] }));
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe(`Could not find the TLS key file, invalid path: ${INVALID_PATH}`);
  });

  portEach(
    'test_env_cert_bundles',
    [
      ['env0-True', {}, true],
      ['env1-/some/path', { REQUESTS_CA_BUNDLE: '/some/path' }, '/some/path'],
      ['env2-True', { REQUESTS_CA_BUNDLE: '' }, true],
      ['env3-/some/path', { CURL_CA_BUNDLE: '/some/path' }, '/some/path'],
      ['env4-True', { CURL_CA_BUNDLE: '' }, true],
      ['env5-True', { REQUESTS_CA_BUNDLE: '', CURL_CA_BUNDLE: '' }, true],
      ['env6-/some/path', { REQUESTS_CA_BUNDLE: '/some/path', CURL_CA_BUNDLE: '/curl/path' }, '/some/path'],
      ['env7-/curl/path', { REQUESTS_CA_BUNDLE: '', CURL_CA_BUNDLE: '/curl/path' }, '/curl/path'],
    ] as const,
    async (env, expected) => {
      // mock.patch('os.environ', env): these two are exactly as the case sets them.
      const environ = { REQUESTS_CA_BUNDLE: undefined, CURL_CA_BUNDLE: undefined, ...env };
      const outcome = await overrideEnviron(environ, () => settle(new Session().get(httpbinSecure('get'))));
      if (expected === true) {
        // verify=True: the default trust, which does not know the suite's CA.
        expect(outcome).toBeInstanceOf(SSLError);
      } else {
        // verify=<path>: that bundle, which does not exist.
        expect((outcome as Error).message).toBe(
          `Could not find a suitable TLS CA certificate bundle, invalid path: ${expected}`,
        );
      }
    },
  );

  port('test_http_with_certificate', async () => {
    const r = await requests.get(httpbin(), { cert: '.' });
    expect(r.statusCode).toBe(200);
  });

  port('test_certificate_failure', async () => {
    // When underlying SSL problems occur, an SSLError is raised (the suite's CA is not trusted by default).
    await expect(requests.get(httpbinSecure('status', '200'))).rejects.toBeInstanceOf(SSLError);
  });

  port('test_auth_is_stripped_on_http_downgrade', async () => {
    const r = await requests.get(httpbinSecure('redirect-to'), {
      params: { url: httpbin('get') },
      auth: ['user', 'pass'],
      verify: servers.caBundle,
    });
    expect(r.history[0]!.request.headers.get('Authorization')).toBeTruthy();
    expect(r.request.headers.has('Authorization')).toBe(false);
  });
});
