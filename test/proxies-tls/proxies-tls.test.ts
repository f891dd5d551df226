/**
 * Proxies, TLS verification and client certificates against real components (global-setup.ts): Debian's tinyproxy
 * forwarding plain http and tunnelling https by CONNECT, with and without Basic credentials; TLS origins whose
 * certificates openssl made at the start (valid, expired, for another host, one that requires a client certificate).
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import requests, {
  ConnectionError,
  InvalidProxyURL,
  ProxyError,
  type Response,
  Session,
  SSLError,
} from '../../src/index';
import type { Seen } from './world';

const world = inject('world');
const file = (name: string): string => join(world.dir, name);
const ca = file('ca.pem');
const withCredentials = (proxy: string, credentials = 'proxyuser:s3cret'): string =>
  proxy.replace('http://', `http://${credentials}@`);
const seen = (r: Response): Seen => r.json<Seen>();
/** The origin as localhost: another host than 127.0.0.1 for the same server. */
const viaLocalhost = (url: string): string => url.replace('127.0.0.1', 'localhost');

const PROXY_VARIABLES = [
  'http_proxy',
  'HTTP_PROXY',
  'https_proxy',
  'HTTPS_PROXY',
  'all_proxy',
  'ALL_PROXY',
  'no_proxy',
  'NO_PROXY',
  'REQUESTS_CA_BUNDLE',
  'CURL_CA_BUNDLE',
];
let saved: Record<string, string | undefined>;
beforeEach(() => {
  saved = Object.fromEntries(PROXY_VARIABLES.map((name) => [name, process.env[name]]));
  for (const name of PROXY_VARIABLES) delete process.env[name];
});
afterEach(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

describe('plain http through a forward proxy', () => {
  it('goes through the proxy (its Via header reaches the origin)', async () => {
    const r = await requests.get(`${world.http}/get`, { proxies: { http: world.proxy } });
    expect(r.statusCode).toBe(200);
    expect(seen(r).headers.via).toMatch(/tinyproxy/);
    expect(seen(r).url).toBe('/get');
  });

  it('sends the credentials of the proxy URL as Proxy-Authorization to the proxy, never to the origin', async () => {
    const r = await requests.get(`${world.http}/get`, { proxies: { http: withCredentials(world.authProxy) } });
    expect(r.statusCode).toBe(200);
    expect(seen(r).headers.via).toMatch(/tinyproxy/);
    expect(seen(r).headers['proxy-authorization']).toBeUndefined();
    expect(r.request.headers.has('Proxy-Authorization')).toBe(false);
  });

  it('a 407 from the proxy is ProxyError saying so', async () => {
    const error = await requests.get(`${world.http}/get`, { proxies: { http: world.authProxy } }).catch((e) => e);
    expect(error).toBeInstanceOf(ProxyError);
    expect((error as Error).message).toMatch(/407 .*credentials/);
  });

  it("any other answer of the proxy's is the response, as in Requests (tinyproxy: 401 for wrong credentials)", async () => {
    const proxy = withCredentials(world.authProxy, 'proxyuser:wrong');
    const r = await requests.get(`${world.http}/get`, { proxies: { http: proxy } });
    expect(r.statusCode).toBe(401);
    expect(r.headers.get('server')).toMatch(/tinyproxy/);
  });

  it('an unreachable proxy is ProxyError naming it', async () => {
    const error = await requests.get(`${world.http}/get`, { proxies: { all: world.deadProxy } }).catch((e) => e);
    expect(error).toBeInstanceOf(ProxyError);
    expect((error as Error).message).toContain(`Unable to connect to proxy ${world.deadProxy}`);
  });

  it('a proxy URL without a scheme is http; one without a host is InvalidProxyURL', async () => {
    const r = await requests.get(`${world.http}/get`, { proxies: { http: world.proxy.replace('http://', '') } });
    expect(seen(r).headers.via).toMatch(/tinyproxy/);
    await expect(requests.get(`${world.http}/get`, { proxies: { http: 'http://' } })).rejects.toBeInstanceOf(
      InvalidProxyURL,
    );
  });

  it('the most specific key wins, and no_proxy sends its hosts direct', async () => {
    const proxies = { all: world.deadProxy, 'http://127.0.0.1': world.proxy };
    expect(seen(await requests.get(`${world.http}/get`, { proxies })).headers.via).toMatch(/tinyproxy/);
    const direct = await requests.get(`${world.http}/get`, {
      proxies: { http: world.deadProxy, no_proxy: '127.0.0.0/8' },
    });
    expect(seen(direct).headers.via).toBeUndefined();
    const empty = await requests.get(`${world.http}/get`, { proxies: { all: world.deadProxy, http: '' } });
    expect(seen(empty).headers.via).toBeUndefined();
  });
});

describe('https through a proxy: CONNECT', () => {
  it('tunnels to the TLS origin, the proxy credentials in the CONNECT only', async () => {
    const r = await requests.get(`${world.https}/secure`, {
      proxies: { https: withCredentials(world.authProxy) },
      verify: ca,
    });
    expect(r.statusCode).toBe(200);
    const origin = seen(r);
    expect(origin.headers['proxy-authorization']).toBeUndefined();
    expect(origin.headers.via).toBeUndefined(); // a tunnel: the proxy never saw the request
  });

  it('a CONNECT the proxy answers with 407 is ProxyError (the request did go to the proxy)', async () => {
    const error = await requests
      .get(`${world.https}/secure`, { proxies: { https: world.authProxy }, verify: ca })
      .catch((e) => e);
    expect(error).toBeInstanceOf(ProxyError);
    expect((error as Error).message).toMatch(/407 .*credentials/);
  });

  it('a CONNECT refused for wrong credentials is ProxyError, the credentials masked in its message', async () => {
    const proxy = withCredentials(world.authProxy, 'proxyuser:wrong');
    const error = await requests
      .get(`${world.https}/secure`, { proxies: { https: proxy }, verify: ca })
      .catch((e) => e);
    expect(error).toBeInstanceOf(ProxyError);
    expect((error as Error).message).toContain('http://***@127.0.0.1');
    expect((error as Error).message).not.toContain('wrong');
  });

  it('a CONNECT the proxy refuses (a port it does not tunnel to) is ProxyError', async () => {
    const target = world.http.replace('http://', 'https://');
    const error = await requests.get(`${target}/x`, { proxies: { https: world.proxy } }).catch((e) => e);
    expect(error).toBeInstanceOf(ProxyError);
    expect((error as Error).message).toMatch(/403 .*refused the tunnel \(CONNECT\)/);
  });

  it('verifies the origin through the tunnel: an unknown CA is SSLError', async () => {
    const error = await requests.get(`${world.https}/secure`, { proxies: { https: world.proxy } }).catch((e) => e);
    expect(error).toBeInstanceOf(SSLError);
    expect((error as Error).message).toMatch(/unable to get local issuer certificate/);
  });
});

describe('TLS verification', () => {
  it('the default trusts only the runtime CAs: the test CA is SSLError saying the CA is unknown', async () => {
    const error = await requests.get(`${world.https}/`).catch((e) => e);
    expect(error).toBeInstanceOf(SSLError);
    expect((error as Error).message).toMatch(/certificate verify failed: unable to get local issuer certificate/);
  });

  it('verify: a CA bundle path, PEM text, or a directory of PEM files', async () => {
    const { readFileSync } = await import('node:fs');
    for (const verify of [ca, readFileSync(ca, 'utf8'), world.dir]) {
      const r = await requests.get(`${world.https}/`, { verify });
      expect(r.statusCode).toBe(200);
    }
  });

  it('an expired certificate and one for another host are SSLErrors that say which', async () => {
    const expired = await requests.get(`${world.expired}/`, { verify: ca }).catch((e) => e);
    expect(expired).toBeInstanceOf(SSLError);
    expect((expired as Error).message).toMatch(/certificate has expired/);
    const elsewhere = await requests.get(`${world.elsewhere}/`, { verify: ca }).catch((e) => e);
    expect(elsewhere).toBeInstanceOf(SSLError);
    expect((elsewhere as Error).message).toMatch(/Hostname mismatch/);
  });

  it('a CA bundle path that does not exist is SSLError before anything is sent', async () => {
    const error = await requests.get(`${world.https}/`, { verify: file('missing.pem') }).catch((e) => e);
    expect(error).toBeInstanceOf(SSLError);
    expect((error as Error).message).toContain('Could not find a suitable TLS CA certificate bundle, invalid path');
  });

  it('verify: false connects anyway and warns once per process (InsecureRequestWarning)', async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error): void => {
      if (warning.name === 'InsecureRequestWarning') warnings.push(warning);
    };
    process.on('warning', onWarning);
    try {
      for (const url of [world.expired, world.elsewhere, world.https]) {
        expect((await requests.get(`${url}/`, { verify: false })).statusCode).toBe(200);
      }
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]!.message).toMatch(/Unverified HTTPS request is being made to host 'localhost'/);
    } finally {
      process.off('warning', onWarning);
    }
  });
});

describe('client certificates', () => {
  it('cert: [certPath, keyPath] or one PEM holding both is presented to a server that requires it', async () => {
    for (const cert of [[file('client.pem'), file('client.key')] as const, file('client-combined.pem')]) {
      const r = await requests.get(`${world.mtls}/`, { verify: ca, cert });
      expect(seen(r).client).toBe('test-client');
    }
  });

  it('without it the server refuses the connection: a ConnectionError', async () => {
    // SSLError ("the server requires a client certificate") when the TLS 1.3 alert reaches the client first; when
    // the server's close does, undici reports "other side closed": both are ConnectionErrors, never a response.
    const error = await requests.get(`${world.mtls}/`, { verify: ca }).catch((e) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    if (error instanceof SSLError) expect((error as Error).message).toMatch(/client certificate/);
  });

  it('through a CONNECT tunnel too', async () => {
    const r = await requests.get(`${world.mtls}/`, {
      verify: ca,
      cert: [file('client.pem'), file('client.key')],
      proxies: { https: world.proxy },
    });
    expect(seen(r).client).toBe('test-client');
  });
});

describe('Session settings', () => {
  it('s.proxies, s.verify and s.cert apply to every request; a call overrides them key by key', async () => {
    const s = new Session();
    s.proxies = { http: world.proxy };
    s.verify = ca;
    s.cert = [file('client.pem'), file('client.key')];
    try {
      expect(seen(await s.get(`${world.http}/`)).headers.via).toMatch(/tinyproxy/);
      expect(seen(await s.get(`${world.mtls}/`)).client).toBe('test-client');
      expect(seen(await s.get(`${world.http}/`, { proxies: { http: null } })).headers.via).toBeUndefined();
      await expect(s.get(`${world.https}/`, { verify: true })).rejects.toBeInstanceOf(SSLError);
    } finally {
      s.close();
    }
  });

  it('reuses one connection per (proxy, TLS settings), and close() ends it', async () => {
    for (const proxies of [{}, { https: world.proxy }]) {
      const s = new Session({ verify: ca, proxies });
      const ports = new Set<number>();
      for (let i = 0; i < 6; i++) ports.add(seen(await s.get(`${world.https}/${i}`)).peerPort);
      // Kept alive (through one CONNECT tunnel when proxied): undici may open a second connection while the first
      // is being released, never one per request.
      expect(ports.size, JSON.stringify(proxies)).toBeLessThanOrEqual(2);
      s.close();
      // A closed Session's adapters open a new pool on demand: a new connection.
      expect(ports.has(seen(await s.get(`${world.https}/again`)).peerPort)).toBe(false);
      s.close();
    }
  });
});

describe('redirects: rebuildProxies', () => {
  it('re-chooses the proxy for each hop and rebuilds Proxy-Authorization for plain http', async () => {
    const target = `${viaLocalhost(world.http)}/landed`;
    const s = new Session({ proxies: { http: withCredentials(world.authProxy) } });
    const r = await s.get(`${world.http}/redirect?to=${encodeURIComponent(target)}`);
    expect(r.history.map((h) => h.statusCode)).toEqual([302]);
    expect(seen(r).url).toBe('/landed');
    expect(seen(r).headers.via).toMatch(/tinyproxy/);
    expect(seen(r).headers['proxy-authorization']).toBeUndefined();
    // As Requests shows it: the hop's request carries the proxy's credentials, which went to the proxy only.
    expect(r.request.headers.get('Proxy-Authorization')).toBe(`Basic ${btoa('proxyuser:s3cret')}`);
  });

  it('a hop to a host in no_proxy goes direct, without Proxy-Authorization', async () => {
    const target = `${viaLocalhost(world.http)}/landed`;
    const r = await requests.get(`${world.http}/redirect?to=${encodeURIComponent(target)}`, {
      proxies: { http: withCredentials(world.authProxy), no_proxy: 'localhost' },
    });
    expect(r.history).toHaveLength(1);
    expect(seen(r).url).toBe('/landed');
    expect(seen(r).headers.via).toBeUndefined();
    expect(r.request.headers.has('Proxy-Authorization')).toBe(false);
  });

  it('a subclass may override rebuildProxies', async () => {
    const calls: string[] = [];
    class Routed extends Session {
      override rebuildProxies(...args: Parameters<Session['rebuildProxies']>) {
        calls.push(args[0].url);
        return { http: world.proxy };
      }
    }
    const target = `${world.http}/landed`;
    const r = await new Routed().get(`${world.http}/redirect?to=${encodeURIComponent(target)}`);
    expect(calls).toEqual([target]);
    expect(seen(r).headers.via).toMatch(/tinyproxy/);
  });
});

describe('the environment (trustEnv)', () => {
  it('HTTP_PROXY is used when trustEnv is true (the default), not when false', async () => {
    process.env.HTTP_PROXY = world.proxy;
    expect(seen(await new Session().get(`${world.http}/`)).headers.via).toMatch(/tinyproxy/);
    expect(seen(await requests.get(`${world.http}/`)).headers.via).toMatch(/tinyproxy/);
    expect(seen(await new Session({ trustEnv: false }).get(`${world.http}/`)).headers.via).toBeUndefined();
  });

  it('lower case wins; NO_PROXY (hosts, CIDR, ports, *) sends matching hosts direct', async () => {
    process.env.http_proxy = world.proxy;
    process.env.HTTP_PROXY = world.deadProxy;
    const port = new URL(world.http).port;
    for (const noProxy of ['127.0.0.1', '127.0.0.0/8', `127.0.0.1:${port}`, '*']) {
      process.env.NO_PROXY = noProxy;
      expect(seen(await requests.get(`${world.http}/`)).headers.via, noProxy).toBeUndefined();
    }
    for (const noProxy of ['127.0.0.2', '10.0.0.0/8', '127.0.0.1:1', 'example.com']) {
      process.env.NO_PROXY = noProxy;
      expect(seen(await requests.get(`${world.http}/`)).headers.via, noProxy).toMatch(/tinyproxy/);
    }
  });

  it('explicit proxies beat the environment; an explicit no_proxy also covers the environment', async () => {
    process.env.HTTP_PROXY = world.deadProxy;
    const s = new Session({ proxies: { http: world.proxy } });
    expect(seen(await s.get(`${world.http}/`)).headers.via).toMatch(/tinyproxy/);
    const r = await requests.get(`${world.http}/`, { proxies: { no_proxy: '127.0.0.1' } });
    expect(seen(r).headers.via).toBeUndefined();
  });

  it('HTTPS_PROXY and REQUESTS_CA_BUNDLE (or CURL_CA_BUNDLE) when trustEnv; neither when not', async () => {
    process.env.HTTPS_PROXY = withCredentials(world.authProxy);
    process.env.REQUESTS_CA_BUNDLE = ca;
    expect((await requests.get(`${world.https}/`)).statusCode).toBe(200);
    delete process.env.REQUESTS_CA_BUNDLE;
    process.env.CURL_CA_BUNDLE = ca;
    expect((await requests.get(`${world.https}/`)).statusCode).toBe(200);
    // Not trusted: no CA bundle, so the test CA is unknown (and no proxy either).
    await expect(new Session({ trustEnv: false }).get(`${world.https}/`)).rejects.toBeInstanceOf(SSLError);
    // The environment's proxy was really used: without its credentials the CONNECT gets a 407.
    process.env.HTTPS_PROXY = world.authProxy;
    await expect(requests.get(`${world.https}/`)).rejects.toBeInstanceOf(ProxyError);
  });
});
