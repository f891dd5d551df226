// The proxies-and-TLS cases for Bun and Deno (npm run test:proxies:bun-deno): proxies-tls.test.ts's, each asserting
// what Requests does, run inside the runtime on the packed library against the world of start-world.ts (tinyproxy
// with and without Basic auth, TLS origins with openssl-made certificates, one requiring a client certificate).
//
// A case is `{ name, run(fr, world), env?, alone?, limits? }`:
// - `env(world)`: proxy variables for the runtime's environment. Bun and Deno read them themselves, Deno once per
//   process, so such a case runs in a process of its own, started with them (every other process starts without).
// - `alone`: a process of its own for another reason (a once-per-process warning).
// - `limits[runtime]`: what that runtime cannot do, declared: `reason`, the `failure` the case must then fail with,
//   and `witness(world)`, which shows it with the runtime's own API and returns its own words. The runner counts a
//   case as a limit only when it fails with that failure and the witness still sees the runtime behave so; a case
//   that passes, fails otherwise, or whose witness sees the runtime fixed, is a failure.
//
// Plain JavaScript on the web platform and node:fs/node:path (Bun and Deno both have them), like test/runtimes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// ── Assertions ───────────────────────────────────────────────────────────────────────────────────────────────────
function check(ok, message) {
  if (!ok) throw new Error(message);
}
const show = (value) => (typeof value === 'string' ? JSON.stringify(value) : String(value));
const equal = (actual, expected, what) =>
  check(actual === expected, `${what}: expected ${show(expected)}, got ${show(actual)}`);
const matches = (text, pattern, what) => check(pattern.test(String(text)), `${what}: ${show(text)} !~ ${pattern}`);

/** The error the promise rejects with; fails when it resolves. */
async function rejection(promise, what) {
  try {
    const r = await promise;
    throw new Error(`${what}: expected an error, got a response ${r?.statusCode ?? r?.status}`);
  } catch (error) {
    if (error?.message?.startsWith(`${what}: expected an error`)) throw error;
    return error;
  }
}
function isA(error, Class, what) {
  if (!(error instanceof Class)) {
    throw new Error(`${what}: expected ${Class.name}, got ${error?.constructor?.name}: ${error?.message ?? error}`);
  }
}

// ── The world ────────────────────────────────────────────────────────────────────────────────────────────────────
const file = (world, name) => join(world.dir, name);
const ca = (world) => file(world, 'ca.pem');
const clientPair = (world) => [file(world, 'client.pem'), file(world, 'client.key')];
const withCredentials = (proxy, credentials = 'proxyuser:s3cret') => proxy.replace('http://', `http://${credentials}@`);
const viaLocalhost = (url) => url.replace('127.0.0.1', 'localhost');
/** What the origin saw (method, url, headers, client certificate CN, peer port). */
const seen = (r) => r.json();
const proxied = (r) => seen(r).headers.via;
const TINYPROXY = /tinyproxy/;
const isDeno = () => globalThis.Deno !== undefined;

/** The origin's answer to a plain fetch, as the runtime's own API makes it. */
async function rawSeen(url, init) {
  const response = await fetch(url, init);
  return JSON.parse(await response.text());
}

/** The runtime's own words for a failure. */
const words = (error) =>
  `${error?.name ?? 'Error'}: ${error?.message ?? error}${error?.cause ? ` (${words(error.cause)})` : ''}`;

// ── Deno's limits ────────────────────────────────────────────────────────────────────────────────────────────────
/** Deno's client applies HTTP_PROXY, HTTPS_PROXY and NO_PROXY itself, a client of createHttpClient included. */
const DENO_APPLIES_ENV =
  "Deno's HTTP client applies the proxy variables of its environment itself, a Deno.createHttpClient client " +
  'included, and has no setting to turn them off (denoland/deno#28385): the library cannot send a request direct ' +
  'that Deno would proxy';
/** A witness: with the proxy variables of the case, a client made without any proxy still went through tinyproxy. */
const denoProxiesByItself = async (world) => {
  const client = Deno.createHttpClient({});
  try {
    const origin = await rawSeen(`${world.http}/raw`, { client });
    check(origin.headers.via, 'Deno went direct: its client no longer applies the environment by itself');
    return `Deno.createHttpClient({}) with this environment: the origin saw Via: ${origin.headers.via}`;
  } finally {
    client.close();
  }
};
const DENO_CONNECT_CREDENTIALS =
  "Deno's HTTP client (2.x) sends a proxy's credentials to the origin too: Client::send adds the proxy's " +
  'Proxy-Authorization to every request through an http:// proxy, an https one included, which then goes through ' +
  'the CONNECT tunnel to the origin. The library refuses such a request (InvalidSchema) rather than leak them';
const DENO_CREDENTIALS_REFUSED = /InvalidSchema: proxy credentials for an https URL cannot be honoured in Deno/;
const denoLeaksCredentials = async (world) => {
  const client = Deno.createHttpClient({
    caCerts: [readFileSync(ca(world), 'utf8')],
    proxy: { url: world.authProxy, basicAuth: { username: 'proxyuser', password: 's3cret' } },
  });
  try {
    const origin = await rawSeen(`${world.https}/raw`, { client });
    const leaked = origin.headers['proxy-authorization'];
    check(leaked, 'Deno no longer sends Proxy-Authorization through the tunnel: lift the refusal in dispatcher.ts');
    return `through Deno.createHttpClient({ proxy: { basicAuth } }) the https origin received Proxy-Authorization: ${leaked}`;
  } finally {
    client.close();
  }
};
const DENO_TUNNEL_STATUS =
  'Deno\'s HTTP client does not say which status refused a CONNECT: only an `HTTP/1.1 407` is "proxy ' +
  'authentication required"; anything else (tinyproxy answers HTTP/1.0) is "unsuccessful tunnel"';
const denoTunnelWords = async (world) => {
  const client = Deno.createHttpClient({ caCerts: [readFileSync(ca(world), 'utf8')], proxy: { url: world.authProxy } });
  try {
    await fetch(`${world.https}/raw`, { client }).then((r) => r.body?.cancel());
    throw new Error('the CONNECT without credentials succeeded');
  } catch (error) {
    const said = words(error);
    check(/unsuccessful tunnel/.test(said) && !/407/.test(said), `Deno now says more: ${said}`);
    return said;
  } finally {
    client.close();
  }
};

// ── The cases ────────────────────────────────────────────────────────────────────────────────────────────────────
export const CASES = [
  // Plain http through a forward proxy.
  {
    name: 'http through the proxy: the origin sees its Via header',
    async run(fr, world) {
      const r = await fr.get(`${world.http}/get`, { proxies: { http: world.proxy } });
      equal(r.statusCode, 200, 'status');
      matches(proxied(r), TINYPROXY, 'Via');
      equal(seen(r).url, '/get', 'the origin saw the path');
    },
  },
  {
    name: "http through the auth proxy: the URL's credentials reach the proxy, never the origin",
    async run(fr, world) {
      const r = await fr.get(`${world.http}/get`, { proxies: { http: withCredentials(world.authProxy) } });
      equal(r.statusCode, 200, 'status');
      matches(proxied(r), TINYPROXY, 'Via');
      equal(seen(r).headers['proxy-authorization'], undefined, 'Proxy-Authorization at the origin');
      equal(r.request.headers.has('Proxy-Authorization'), false, 'Proxy-Authorization on the request');
    },
  },
  {
    name: 'http: a 407 from the proxy is ProxyError saying so',
    async run(fr, world) {
      const error = await rejection(fr.get(`${world.http}/get`, { proxies: { http: world.authProxy } }), '407');
      isA(error, fr.ProxyError, '407');
      matches(error.message, /407 .*credentials/, 'message');
    },
  },
  {
    name: "http: any other answer of the proxy's is the response (tinyproxy: 401 for wrong credentials)",
    async run(fr, world) {
      const proxy = withCredentials(world.authProxy, 'proxyuser:wrong');
      const r = await fr.get(`${world.http}/get`, { proxies: { http: proxy } });
      equal(r.statusCode, 401, 'status');
      matches(r.headers.get('server'), TINYPROXY, 'Server');
    },
  },
  {
    name: 'an unreachable proxy is ProxyError naming it',
    async run(fr, world) {
      const error = await rejection(fr.get(`${world.http}/get`, { proxies: { all: world.deadProxy } }), 'dead proxy');
      isA(error, fr.ProxyError, 'dead proxy');
      matches(error.message, new RegExp(`Unable to connect to proxy ${world.deadProxy}`), 'message');
    },
  },
  {
    name: 'a proxy URL without a scheme is http; one without a host is InvalidProxyURL',
    async run(fr, world) {
      const r = await fr.get(`${world.http}/get`, { proxies: { http: world.proxy.replace('http://', '') } });
      matches(proxied(r), TINYPROXY, 'Via');
      const error = await rejection(fr.get(`${world.http}/get`, { proxies: { http: 'http://' } }), 'no host');
      isA(error, fr.InvalidProxyURL, 'no host');
    },
  },
  {
    name: 'the most specific key wins; a no_proxy key and an empty proxy send the request direct',
    async run(fr, world) {
      const proxies = { all: world.deadProxy, 'http://127.0.0.1': world.proxy };
      matches(proxied(await fr.get(`${world.http}/get`, { proxies })), TINYPROXY, 'the host key');
      const direct = await fr.get(`${world.http}/get`, { proxies: { http: world.deadProxy, no_proxy: '127.0.0.0/8' } });
      equal(proxied(direct), undefined, 'Via with no_proxy');
      const empty = await fr.get(`${world.http}/get`, { proxies: { all: world.deadProxy, http: '' } });
      equal(proxied(empty), undefined, "Via with http: ''");
    },
  },

  // https through a proxy: CONNECT.
  {
    name: 'https through the proxy (CONNECT), verify: ca.pem: a tunnel the proxy never reads',
    async run(fr, world) {
      const r = await fr.get(`${world.https}/secure`, { proxies: { https: world.proxy }, verify: ca(world) });
      equal(r.statusCode, 200, 'status');
      equal(proxied(r), undefined, 'Via (a tunnel: the proxy never saw the request)');
      equal(seen(r).url, '/secure', 'the origin saw the path');
    },
  },
  {
    name: 'https through the auth proxy (CONNECT): its credentials in the CONNECT only, never at the origin',
    async run(fr, world) {
      const r = await fr.get(`${world.https}/secure`, {
        proxies: { https: withCredentials(world.authProxy) },
        verify: ca(world),
      });
      equal(r.statusCode, 200, 'status');
      equal(seen(r).headers['proxy-authorization'], undefined, 'Proxy-Authorization at the origin');
      equal(proxied(r), undefined, 'Via');
    },
    limits: {
      deno: { reason: DENO_CONNECT_CREDENTIALS, failure: DENO_CREDENTIALS_REFUSED, witness: denoLeaksCredentials },
    },
  },
  {
    name: 'a CONNECT refused (407, a port the proxy does not tunnel to) is ProxyError',
    async run(fr, world) {
      const noCredentials = await rejection(
        fr.get(`${world.https}/secure`, { proxies: { https: world.authProxy }, verify: ca(world) }),
        'CONNECT without credentials',
      );
      isA(noCredentials, fr.ProxyError, 'CONNECT without credentials');
      const target = world.http.replace('http://', 'https://');
      const refused = await rejection(fr.get(`${target}/x`, { proxies: { https: world.proxy } }), 'CONNECT refused');
      isA(refused, fr.ProxyError, 'CONNECT refused');
      matches(refused.message, /refused the tunnel \(CONNECT\)/, 'message');
    },
  },
  {
    name: 'a refused CONNECT says its status: 407 asks for credentials, 403 refused the tunnel',
    async run(fr, world) {
      const noCredentials = await rejection(
        fr.get(`${world.https}/secure`, { proxies: { https: world.authProxy }, verify: ca(world) }),
        'CONNECT without credentials',
      );
      matches(noCredentials.message, /407 .*credentials/, 'message');
      const target = world.http.replace('http://', 'https://');
      const refused = await rejection(fr.get(`${target}/x`, { proxies: { https: world.proxy } }), 'CONNECT refused');
      matches(refused.message, /403 .*refused the tunnel \(CONNECT\)/, 'message');
    },
    limits: {
      deno: { reason: DENO_TUNNEL_STATUS, failure: /unsuccessful tunnel/, witness: denoTunnelWords },
    },
  },
  {
    name: 'a CONNECT refused for wrong credentials is ProxyError, the credentials masked in its message',
    async run(fr, world) {
      const proxy = withCredentials(world.authProxy, 'proxyuser:wrong');
      const error = await rejection(
        fr.get(`${world.https}/secure`, { proxies: { https: proxy }, verify: ca(world) }),
        'wrong credentials',
      );
      isA(error, fr.ProxyError, 'wrong credentials');
      matches(error.message, /http:\/\/\*\*\*@127\.0\.0\.1/, 'masked proxy');
      check(!error.message.includes('wrong'), `the message shows the credentials: ${error.message}`);
    },
    limits: {
      deno: { reason: DENO_CONNECT_CREDENTIALS, failure: DENO_CREDENTIALS_REFUSED, witness: denoLeaksCredentials },
    },
  },
  {
    name: 'through the tunnel the origin is verified: an unknown CA is SSLError',
    async run(fr, world) {
      const error = await rejection(fr.get(`${world.https}/secure`, { proxies: { https: world.proxy } }), 'unknown CA');
      isA(error, fr.SSLError, 'unknown CA');
      matches(error.message, /unable to get local issuer certificate/, 'message');
    },
  },

  // TLS verification.
  {
    name: 'default verify: the test CA is unknown, SSLError',
    async run(fr, world) {
      const error = await rejection(fr.get(`${world.https}/`), 'default verify');
      isA(error, fr.SSLError, 'default verify');
      matches(error.message, /certificate verify failed: unable to get local issuer certificate/, 'message');
    },
  },
  {
    name: 'verify: a CA bundle path, PEM text, or a directory of PEM files',
    async run(fr, world) {
      for (const verify of [ca(world), readFileSync(ca(world), 'utf8'), world.dir]) {
        const r = await fr.get(`${world.https}/`, { verify });
        equal(r.statusCode, 200, `status with verify ${verify.slice(0, 30)}`);
      }
    },
  },
  {
    name: 'an expired certificate and one for another host are SSLErrors that say which',
    async run(fr, world) {
      const expired = await rejection(fr.get(`${world.expired}/`, { verify: ca(world) }), 'expired');
      isA(expired, fr.SSLError, 'expired');
      matches(expired.message, /certificate has expired/, 'expired message');
      const elsewhere = await rejection(fr.get(`${world.elsewhere}/`, { verify: ca(world) }), 'wrong host');
      isA(elsewhere, fr.SSLError, 'wrong host');
      matches(elsewhere.message, /Hostname mismatch/, 'wrong host message');
    },
  },
  {
    name: 'a CA bundle path that does not exist is SSLError before anything is sent',
    async run(fr, world) {
      const error = await rejection(fr.get(`${world.https}/`, { verify: file(world, 'missing.pem') }), 'missing CA');
      isA(error, fr.SSLError, 'missing CA');
      matches(error.message, /Could not find a suitable TLS CA certificate bundle, invalid path/, 'message');
    },
  },
  {
    name: 'verify: false connects anyway and warns once (InsecureRequestWarning)',
    alone: true,
    async run(fr, world) {
      const warnings = [];
      const onWarning = (warning) => warning.name === 'InsecureRequestWarning' && warnings.push(warning);
      process.on('warning', onWarning);
      try {
        for (const url of [world.expired, world.elsewhere, world.https]) {
          equal((await fr.get(`${url}/`, { verify: false })).statusCode, 200, `status of ${url}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
        equal(warnings.length, 1, 'InsecureRequestWarnings');
        matches(warnings[0].message, /Unverified HTTPS request is being made to host 'localhost'/, 'warning');
      } finally {
        process.off('warning', onWarning);
      }
    },
    limits: {
      deno: {
        reason:
          'Deno.createHttpClient has no setting to skip certificate verification (only the process-wide ' +
          '--unsafely-ignore-certificate-errors flag has): the library refuses verify: false there with its ' +
          'documented InvalidSchema',
        failure:
          /^InvalidSchema: verify: false cannot be honoured per request in Deno: its fetch has no such setting \(run Deno with --unsafely-ignore-certificate-errors=<host> instead\)$/,
        async witness(world) {
          // Unknown settings are ignored: a client asked to skip verification still verifies.
          const client = Deno.createHttpClient({ unsafelyIgnoreCertificateErrors: ['localhost'] });
          try {
            await fetch(`${world.expired}/raw`, { client }).then((r) => r.body?.cancel());
            throw new Error('Deno connected to the expired certificate: createHttpClient can skip verification now');
          } catch (error) {
            const said = words(error);
            check(/invalid peer certificate/.test(said), `Deno failed otherwise: ${said}`);
            return `Deno.createHttpClient({ unsafelyIgnoreCertificateErrors }) still verifies: ${said}`;
          } finally {
            client.close();
          }
        },
      },
    },
  },

  // Client certificates.
  {
    name: 'cert: [certPath, keyPath] or one PEM holding both is presented to a server that requires it',
    async run(fr, world) {
      for (const cert of [clientPair(world), file(world, 'client-combined.pem')]) {
        const r = await fr.get(`${world.mtls}/`, { verify: ca(world), cert });
        equal(seen(r).client, 'test-client', `client CN with cert ${JSON.stringify(cert).slice(-40)}`);
      }
    },
  },
  {
    name: 'without a client certificate the server refuses: ConnectionError (SSLError says why)',
    async run(fr, world) {
      const error = await rejection(fr.get(`${world.mtls}/`, { verify: ca(world) }), 'no client certificate');
      isA(error, fr.ConnectionError, 'no client certificate');
      if (error instanceof fr.SSLError) matches(error.message, /client certificate/, 'message');
    },
  },
  {
    name: 'a client certificate through a CONNECT tunnel',
    async run(fr, world) {
      const r = await fr.get(`${world.mtls}/`, {
        verify: ca(world),
        cert: clientPair(world),
        proxies: { https: world.proxy },
      });
      equal(seen(r).client, 'test-client', 'client CN');
    },
  },

  // Session settings.
  {
    name: 's.proxies, s.verify and s.cert apply to every request; a call overrides them key by key',
    async run(fr, world) {
      const s = new fr.Session();
      s.proxies = { http: world.proxy };
      s.verify = ca(world);
      s.cert = clientPair(world);
      try {
        matches(proxied(await s.get(`${world.http}/`)), TINYPROXY, 'Via with s.proxies');
        equal(seen(await s.get(`${world.mtls}/`)).client, 'test-client', 'client CN with s.cert');
        equal(proxied(await s.get(`${world.http}/`, { proxies: { http: null } })), undefined, 'Via with http: null');
        isA(await rejection(s.get(`${world.https}/`, { verify: true }), 'verify: true'), fr.SSLError, 'verify: true');
      } finally {
        s.close();
      }
    },
  },
  {
    name: 'a Session reuses one connection per (proxy, TLS settings), and close() ends it',
    async run(fr, world) {
      for (const proxies of [{}, { https: world.proxy }]) {
        const s = new fr.Session({ verify: ca(world), proxies });
        const ports = new Set();
        for (let i = 0; i < 6; i++) ports.add(seen(await s.get(`${world.https}/${i}`)).peerPort);
        // Kept alive, through one CONNECT tunnel when proxied, never one connection per request: a pool may open
        // another while one is being released (undici a second, Deno's hyper pool a second and a third).
        check(ports.size <= 3, `${JSON.stringify(proxies)}: ${ports.size} connections for 6 requests`);
        s.close();
        // A closed Session's adapters open a new pool on demand: a new connection.
        const again = seen(await s.get(`${world.https}/again`)).peerPort;
        check(!ports.has(again), `${JSON.stringify(proxies)}: after close() a request went on an old connection`);
        s.close();
      }
    },
  },

  // Redirects: rebuildProxies.
  {
    name: 'a redirect re-chooses the proxy and rebuilds Proxy-Authorization for plain http',
    async run(fr, world) {
      const target = `${viaLocalhost(world.http)}/landed`;
      const s = new fr.Session({ proxies: { http: withCredentials(world.authProxy) } });
      const r = await s.get(`${world.http}/redirect?to=${encodeURIComponent(target)}`);
      equal(JSON.stringify(r.history.map((h) => h.statusCode)), '[302]', 'history');
      equal(seen(r).url, '/landed', 'the origin saw the path');
      matches(proxied(r), TINYPROXY, 'Via');
      equal(seen(r).headers['proxy-authorization'], undefined, 'Proxy-Authorization at the origin');
      equal(r.request.headers.get('Proxy-Authorization'), `Basic ${btoa('proxyuser:s3cret')}`, 'the hop request');
    },
  },
  {
    name: 'a hop to a host in no_proxy goes direct, without Proxy-Authorization',
    async run(fr, world) {
      const target = `${viaLocalhost(world.http)}/landed`;
      const r = await fr.get(`${world.http}/redirect?to=${encodeURIComponent(target)}`, {
        proxies: { http: withCredentials(world.authProxy), no_proxy: 'localhost' },
      });
      equal(r.history.length, 1, 'history');
      equal(seen(r).url, '/landed', 'the origin saw the path');
      equal(proxied(r), undefined, 'Via');
      equal(r.request.headers.has('Proxy-Authorization'), false, 'Proxy-Authorization on the hop');
    },
  },
  {
    name: 'a subclass may override rebuildProxies',
    async run(fr, world) {
      const calls = [];
      class Routed extends fr.Session {
        rebuildProxies(request) {
          calls.push(request.url);
          return { http: world.proxy };
        }
      }
      const target = `${world.http}/landed`;
      const r = await new Routed().get(`${world.http}/redirect?to=${encodeURIComponent(target)}`);
      equal(JSON.stringify(calls), JSON.stringify([target]), 'rebuildProxies calls');
      matches(proxied(r), TINYPROXY, 'Via');
    },
  },

  // The environment (trustEnv): each in a process started with these variables.
  {
    name: 'HTTP_PROXY is used when trustEnv is true (the default), not when false',
    env: (world) => ({ HTTP_PROXY: world.proxy }),
    async run(fr, world) {
      matches(proxied(await new fr.Session().get(`${world.http}/`)), TINYPROXY, 'Via with a Session');
      matches(proxied(await fr.get(`${world.http}/`)), TINYPROXY, 'Via with requests.get');
      equal(proxied(await new fr.Session({ trustEnv: false }).get(`${world.http}/`)), undefined, 'Via, trustEnv false');
    },
    limits: {
      deno: {
        reason: DENO_APPLIES_ENV,
        failure: /Via, trustEnv false: expected undefined/,
        witness: denoProxiesByItself,
      },
    },
  },
  {
    name: 'http_proxy (lower case) wins over HTTP_PROXY',
    env: (world) => ({ http_proxy: world.proxy, HTTP_PROXY: world.deadProxy }),
    async run(fr, world) {
      matches(proxied(await fr.get(`${world.http}/`)), TINYPROXY, 'Via');
    },
  },
  ...['127.0.0.1', '127.0.0.0/8', '127.0.0.1:<port>', '*'].map((noProxy) => ({
    name: `NO_PROXY=${noProxy} sends the origin direct`,
    env: (world) => ({
      http_proxy: world.proxy,
      NO_PROXY: noProxy.replace('<port>', new URL(world.http).port),
    }),
    async run(fr, world) {
      equal(proxied(await fr.get(`${world.http}/`)), undefined, 'Via');
    },
    ...((noProxy === '*' || noProxy.includes(':')) && {
      limits: {
        deno: {
          reason: `${DENO_APPLIES_ENV}; and Deno's own NO_PROXY matching ${
            noProxy === '*' ? 'applies `*` to host names only, not to IP addresses' : 'knows no ports'
          }`,
          failure: /Via: expected undefined, got "1\.1 .*tinyproxy/,
          witness: denoProxiesByItself,
        },
      },
    }),
  })),
  ...['127.0.0.2', '10.0.0.0/8', '127.0.0.1:1', 'example.com'].map((noProxy) => ({
    name: `NO_PROXY=${noProxy} leaves the origin proxied`,
    env: (world) => ({ http_proxy: world.proxy, NO_PROXY: noProxy }),
    async run(fr, world) {
      matches(proxied(await fr.get(`${world.http}/`)), TINYPROXY, 'Via');
    },
  })),
  {
    name: 'explicit proxies beat HTTP_PROXY; an explicit no_proxy also covers it',
    env: (world) => ({ HTTP_PROXY: world.deadProxy }),
    async run(fr, world) {
      const s = new fr.Session({ proxies: { http: world.proxy } });
      matches(proxied(await s.get(`${world.http}/`)), TINYPROXY, 'Via with an explicit proxy');
      const r = await fr.get(`${world.http}/`, { proxies: { no_proxy: '127.0.0.1' } });
      equal(proxied(r), undefined, 'Via with an explicit no_proxy');
    },
    limits: {
      deno: {
        reason: DENO_APPLIES_ENV,
        failure: /^ConnectionError: Connection failed: .*tcp connect error: Connection refused/,
        async witness(world) {
          const client = Deno.createHttpClient({});
          try {
            await fetch(`${world.http}/raw`, { client }).then((r) => r.body?.cancel());
            throw new Error('Deno connected: it no longer applies HTTP_PROXY by itself');
          } catch (error) {
            const said = words(error);
            check(/Connection refused/.test(said), `Deno failed otherwise: ${said}`);
            return `Deno.createHttpClient({}) tried the dead HTTP_PROXY: ${said}`;
          } finally {
            client.close();
          }
        },
      },
    },
  },
  {
    name: 'an explicit proxy is used whatever NO_PROXY says',
    env: () => ({ NO_PROXY: '127.0.0.1' }),
    async run(fr, world) {
      matches(proxied(await fr.get(`${world.http}/`, { proxies: { http: world.proxy } })), TINYPROXY, 'Via');
    },
    limits: {
      deno: {
        reason:
          "Deno's HTTP client applies NO_PROXY of its environment to a Deno.createHttpClient client's own proxy " +
          'too (its Proxies::intercept checks NO_PROXY first), and has no setting against it',
        failure: /Via: .*undefined/,
        async witness(world) {
          const client = Deno.createHttpClient({ proxy: { url: world.proxy } });
          try {
            const origin = await rawSeen(`${world.http}/raw`, { client });
            check(!origin.headers.via, `Deno used the proxy: ${origin.headers.via}`);
            return 'Deno.createHttpClient({ proxy }) under NO_PROXY=127.0.0.1: the origin saw no Via (direct)';
          } finally {
            client.close();
          }
        },
      },
    },
  },
  {
    name: 'HTTPS_PROXY and REQUESTS_CA_BUNDLE when trustEnv; neither when not',
    env: (world) => ({ HTTPS_PROXY: withCredentials(world.authProxy), REQUESTS_CA_BUNDLE: ca(world) }),
    async run(fr, world) {
      equal((await fr.get(`${world.https}/`)).statusCode, 200, 'status with REQUESTS_CA_BUNDLE');
      delete process.env.REQUESTS_CA_BUNDLE;
      process.env.CURL_CA_BUNDLE = ca(world);
      equal((await fr.get(`${world.https}/`)).statusCode, 200, 'status with CURL_CA_BUNDLE');
      const untrusted = await rejection(new fr.Session({ trustEnv: false }).get(`${world.https}/`), 'trustEnv false');
      isA(untrusted, fr.SSLError, 'trustEnv false');
    },
    limits: {
      deno: { reason: DENO_CONNECT_CREDENTIALS, failure: DENO_CREDENTIALS_REFUSED, witness: denoLeaksCredentials },
    },
  },
  {
    name: 'HTTPS_PROXY is really used: without its credentials the CONNECT is ProxyError',
    env: (world) => ({ HTTPS_PROXY: world.authProxy, REQUESTS_CA_BUNDLE: ca(world) }),
    async run(fr, world) {
      isA(await rejection(fr.get(`${world.https}/`), 'HTTPS_PROXY'), fr.ProxyError, 'HTTPS_PROXY');
    },
  },
];

export const CASE_NAMES = CASES.map((c) => c.name);

/** A case that has not settled after this long fails. */
export const CASE_TIMEOUT_MS = 10_000;

/** What the runner needs of a case in Node: its process, its limits. */
export function caseNamed(name) {
  return CASES.find((c) => c.name === name);
}

/** Which runtime this is. */
export const runtimeName = () => (isDeno() ? 'deno' : globalThis.Bun ? 'bun' : 'node');
