/**
 * The proxy/TLS layer, added only for a request that asks for a proxy, `verify` other than true, or a `cert`
 * (connection.ts). It hands the request to the runtime's own means for them:
 *
 * - Node: an undici dispatcher — `ProxyAgent` (plain http forwarded to the proxy, https tunnelled by CONNECT with
 *   the proxy's credentials in the CONNECT only) or `Agent` — with `ca`, `cert`, `key`, `rejectUnauthorized`,
 *   handed to the request's fetch as `init.dispatcher`. undici is imported on first use. Versions matter: the
 *   dispatchers of npm undici 7 (the version depended on) work in the fetch of Node 22 (undici 6) and Node 24
 *   (undici 7), so the runtime's fetch — or an MSW-patched or caller's fetch — keeps sending; undici 8's fail in
 *   both ("invalid onRequestStart method"). Should a Node's fetch refuse the dispatcher, the request (nothing was
 *   sent) goes through undici's own fetch with it, which works everywhere, and so do the later ones.
 * - Bun: a `Bun.FetchSession` (Bun 1.4; before it, fetch's own options) with `proxy` and `tls`. Bun's fetch would
 *   apply HTTP_PROXY, HTTPS_PROXY and NO_PROXY by itself, over `trustEnv: false`, a `no_proxy` key or an explicit
 *   proxy: every request there goes through this layer (connection.ts), which says `proxy: false` for a request the
 *   library sends direct and `respectNoProxy: false` for a proxy it chose.
 * - Deno: an HTTP client from `Deno.createHttpClient` (`proxy`, `caCerts`, `cert`, `key`). Refused, before anything
 *   is sent: `verify: false` (no such client setting) and proxy credentials for an https URL (Deno 2's client also
 *   sends them, as Proxy-Authorization, to the origin through the CONNECT tunnel). Deno's client applies the proxy
 *   variables of its environment itself and cannot be told not to: docs/proxies-tls.md lists what that changes.
 *
 * Dispatchers and clients are kept per (proxy, TLS settings) in the adapter's DispatcherPool, so connections are
 * reused; `HTTPAdapter.close()` (and `Session.close()`) closes them. dispatcher.unavailable.ts is the twin for browsers and workerd:
 * a page cannot choose its proxy or TLS, and says so.
 */
import { InvalidSchema, SSLError } from '../exceptions';
import { loadOnce } from '../lazy';
import type { ProxyServer } from '../proxies';
import { type Connection, connectionFor } from './connection';
import type { Exchange, FetchInit, Layer, Send } from './layer';

type Undici = typeof import('undici');

const loadUndici = loadOnce((): Promise<Undici> => import('undici'));

/** What the layer gives fetch for one connection: a dispatcher (Node), a client (Deno), a session or options (Bun). */
interface Transport {
  /** Added to fetch's init. */
  readonly init: Record<string, unknown>;
  /** Node: undici's own fetch, for a Node whose fetch refuses the dispatcher. */
  readonly ownFetch: typeof globalThis.fetch | null;
  close(): Promise<void> | void;
}

/** An adapter's dispatchers (or clients), one per (proxy, TLS settings): reused across requests, closed together. */
export class DispatcherPool {
  #transports = new Map<string, Promise<Transport>>();

  /** The transport for this connection, made on first use. */
  transport(connection: Connection, proxyAuthorization: string | null): Promise<Transport> {
    const key = JSON.stringify([connection.proxy?.url ?? null, proxyAuthorization, connection.verify, connection.cert]);
    let transport = this.#transports.get(key);
    if (!transport) {
      transport = makeTransport(connection, proxyAuthorization);
      transport.catch(() => this.#transports.delete(key)); // a CA file that was missing may be there next time
      this.#transports.set(key, transport);
    }
    return transport;
  }

  /** Closes every dispatcher: each finishes the requests it is serving (a body being read included), then closes. */
  close(): void {
    for (const transport of this.#transports.values()) {
      transport.then((t) => t.close()).catch(() => {});
    }
    this.#transports.clear();
  }
}

export function dispatcher(pool: DispatcherPool): Layer {
  return (next) => async (exchange) => {
    const { request, options } = exchange;
    const connection = connectionFor(request, options);
    const where = runtime();
    let init: FetchInit = exchange.init;
    // The proxy's credentials: from its URL, else a Proxy-Authorization the request carries (HTTPProxyAuth, or one
    // rebuilt on a redirect). Node's dispatcher and Bun's fetch send them to the proxy itself, never to the origin.
    let proxyAuthorization = connection.proxy?.authorization ?? null;
    if (connection.proxy && where === 'deno' && request.url.startsWith('https:')) {
      if (proxyAuthorization !== null || request.headers.has('Proxy-Authorization')) {
        throw new InvalidSchema(
          "proxy credentials for an https URL cannot be honoured in Deno: Deno's HTTP client sends them to the " +
            'origin too, as Proxy-Authorization through the CONNECT tunnel (use a proxy without credentials, or ' +
            'Node or Bun)',
        );
      }
    }
    if (connection.proxy && (where === 'node' || where === 'bun') && request.headers.has('Proxy-Authorization')) {
      proxyAuthorization ??= request.headers.get('Proxy-Authorization');
      const headers = new Headers(request.headers);
      headers.delete('Proxy-Authorization');
      init = { ...init, headers };
    }
    const transport = await pool.transport(connection, proxyAuthorization);
    if (connection.verify === false && request.url.startsWith('https:')) warnUnverified(request.url);
    init = { ...init, ...transport.init };
    const fetch = exchange.fetch ?? options.fetch;
    if (transport.ownFetch && fetch === globalThis.fetch && runtimeFetchRefusesDispatchers) {
      return viaOwnFetch(next, { ...exchange, init }, transport.ownFetch);
    }
    try {
      const response = await next({ ...exchange, init });
      if (response.status === 407 && connection.proxy !== null && where !== 'node' && request.url.startsWith('http:')) {
        // A forwarded request the proxy refused for credentials: ProxyError, as undici's ProxyAgent makes it in
        // Node (whose words errors.ts reads).
        await response.body?.cancel().catch(() => {});
        throw new Error('Proxy Authentication Required (407)');
      }
      return response;
    } catch (error) {
      if (!transport.ownFetch || fetch !== globalThis.fetch || !refusesDispatcher(error)) throw error;
      // This Node's fetch and the npm undici disagree on the dispatcher interface (nothing was sent): from now on
      // undici's own fetch takes its own dispatcher.
      runtimeFetchRefusesDispatchers = true;
      if (exchange.init.body instanceof ReadableStream) throw error; // already handed to the first fetch
      return viaOwnFetch(next, { ...exchange, init }, transport.ownFetch);
    }
  };
}

/**
 * Whether Node's fetch refused an npm undici dispatcher: undici 8's handlers in Node 22's or 24's fetch fail with
 * "invalid onRequestStart method" before connecting. undici 7 (the version depended on) is accepted by both.
 */
let runtimeFetchRefusesDispatchers = false;

function refusesDispatcher(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (code === 'UND_ERR_INVALID_ARG' && typeof message === 'string' && /^invalid on\w+ method$/.test(message)) {
      return true;
    }
  }
  return false;
}

async function viaOwnFetch(
  next: Send,
  exchange: Exchange,
  fetch: typeof globalThis.fetch,
): Promise<globalThis.Response> {
  // undici's fetch recognises only its own FormData: Node's is sent as the encoded body it stands for.
  const init = exchange.init.body instanceof FormData ? encodedFormData(exchange.init) : exchange.init;
  return asRuntimeResponse(await next({ ...exchange, init, fetch }));
}

type Runtime = 'node' | 'bun' | 'deno' | 'other';

function runtime(): Runtime {
  const g = globalThis as { Bun?: unknown; Deno?: unknown; process?: { versions?: { node?: string } } };
  if (g.Bun !== undefined) return 'bun';
  if (g.Deno !== undefined) return 'deno';
  return g.process?.versions?.node ? 'node' : 'other';
}

async function makeTransport(connection: Connection, proxyAuthorization: string | null): Promise<Transport> {
  const tls = tlsSettings(connection);
  switch (runtime()) {
    case 'node':
      return undiciTransport(await loadUndici(), connection.proxy, proxyAuthorization, tls);
    case 'bun':
      return bunTransport(connection, proxyAuthorization, tls);
    case 'deno':
      return denoTransport(connection.proxy, tls);
    default:
      throw new InvalidSchema(
        `${describe(connection)} cannot be honoured here: this runtime's fetch has no proxy or TLS settings ` +
          '(Node, Bun and Deno have them)',
      );
  }
}

/** The TLS settings of a connection, with the CA bundle and the client certificate read from their files. */
interface TlsSettings {
  readonly rejectUnauthorized: boolean;
  readonly ca?: string;
  readonly cert?: string;
  readonly key?: string;
}

function tlsSettings({ verify, cert }: Connection): TlsSettings {
  const settings: { -readonly [K in keyof TlsSettings]: TlsSettings[K] } = { rejectUnauthorized: verify !== false };
  if (typeof verify === 'string') settings.ca = caBundle(verify);
  if (cert !== null) {
    const [certPath, keyPath] = typeof cert === 'string' ? [cert, cert] : cert;
    // Requests (HTTPAdapter.cert_verify) checks that both paths exist, the certificate's first, before loading either.
    mustExist(certPath, 'Could not find the TLS certificate file, invalid path');
    mustExist(keyPath, 'Could not find the TLS key file, invalid path');
    settings.cert = pem(certPath, 'Could not find the TLS certificate file, invalid path');
    settings.key = pem(keyPath, 'Could not find the TLS key file, invalid path');
  }
  return settings;
}

function undiciTransport(
  undici: Undici,
  proxy: ProxyServer | null,
  proxyAuthorization: string | null,
  tls: TlsSettings,
): Transport {
  let dispatcher: InstanceType<Undici['Agent']> | InstanceType<Undici['ProxyAgent']>;
  if (proxy === null) {
    dispatcher = new undici.Agent({ connect: tls });
  } else {
    dispatcher = new undici.ProxyAgent({
      uri: proxy.url,
      ...(proxyAuthorization !== null && { token: proxyAuthorization }),
      // Plain http is forwarded to the proxy, as Requests does; https is tunnelled by CONNECT.
      proxyTunnel: false,
      requestTls: tls,
      // An https proxy is verified as the origin is (urllib3), without the client certificate.
      ...(proxy.protocol === 'https:' && {
        proxyTls: { rejectUnauthorized: tls.rejectUnauthorized, ...(tls.ca !== undefined && { ca: tls.ca }) },
      }),
    });
  }
  return {
    init: { dispatcher },
    ownFetch: undici.fetch as unknown as typeof globalThis.fetch,
    close: () => dispatcher.close(),
  };
}

interface BunFetchSession {
  close(): void;
}
type FetchSessionClass = new (init: Record<string, unknown>) => BunFetchSession;

function bunTransport(connection: Connection, proxyAuthorization: string | null, tls: TlsSettings): Transport {
  const { proxy } = connection;
  // Direct with the default TLS: only Bun's own reading of HTTP_PROXY is overruled, its shared pool kept (as Node's
  // fetch keeps its own for such a request).
  if (proxy === null && connection.verify === true && connection.cert === null) {
    return { init: { proxy: false }, ownFetch: null, close() {} };
  }
  // `false`: direct, whatever HTTP_PROXY says; a proxy chosen here is used whatever NO_PROXY says (Requests: the
  // explicit map wins). The credentials go as the proxy's own header, to the proxy only (the CONNECT for https).
  const settings: Record<string, unknown> = {
    proxy:
      proxy === null
        ? false
        : {
            url: proxy.url,
            respectNoProxy: false,
            ...(proxyAuthorization !== null && { headers: { 'Proxy-Authorization': proxyAuthorization } }),
          },
  };
  if (connection.verify !== true || connection.cert !== null) settings.tls = tls;
  // Bun 1.4's FetchSession: a keep-alive pool of its own for these settings, as undici's dispatchers are in Node,
  // which close() ends. An older Bun takes the settings on each request, its connections in its process-wide pool.
  const FetchSession = (globalThis as { Bun?: { FetchSession?: FetchSessionClass } }).Bun?.FetchSession;
  if (typeof FetchSession === 'function') {
    const session = new FetchSession(settings);
    return { init: { session }, ownFetch: null, close: () => session.close() };
  }
  return { init: settings, ownFetch: null, close() {} };
}

interface DenoHttpClient {
  close(): void;
}
type CreateHttpClient = (options: Record<string, unknown>) => DenoHttpClient;

function denoTransport(proxy: ProxyServer | null, tls: TlsSettings): Transport {
  const createHttpClient = (globalThis as { Deno?: { createHttpClient?: CreateHttpClient } }).Deno?.createHttpClient;
  if (typeof createHttpClient !== 'function') {
    throw new InvalidSchema(
      'proxies, verify and cert need Deno.createHttpClient, which this Deno does not have (Deno 2 has it)',
    );
  }
  if (!tls.rejectUnauthorized) {
    throw new InvalidSchema(
      'verify: false cannot be honoured per request in Deno: its fetch has no such setting (run Deno with --unsafely-ignore-certificate-errors=<host> instead)',
    );
  }
  const options: Record<string, unknown> = {};
  if (tls.ca !== undefined) options.caCerts = [tls.ca];
  if (tls.cert !== undefined) Object.assign(options, { cert: tls.cert, key: tls.key });
  if (proxy !== null) {
    options.proxy = {
      url: proxy.url,
      ...(proxy.username !== null && { basicAuth: { username: proxy.username, password: proxy.password ?? '' } }),
    };
  }
  const client = createHttpClient(options);
  return { init: { client }, ownFetch: null, close: () => client.close() };
}

/** `verify` as PEM text: given as such, or read from a file, or from every PEM file of a directory. */
function caBundle(verify: string): string {
  if (isPem(verify)) return verify;
  const fs = fileSystem();
  try {
    if (fs.statSync(verify).isDirectory()) {
      return fs
        .readdirSync(verify)
        .map((name) => readIfPem(fs, `${verify}/${name}`))
        .join('\n');
    }
    return fs.readFileSync(verify, 'utf8');
  } catch (error) {
    throw new SSLError(`Could not find a suitable TLS CA certificate bundle, invalid path: ${verify}`, {
      cause: error,
    });
  }
}

function readIfPem(fs: FileSystem, path: string): string {
  try {
    const text = fs.readFileSync(path, 'utf8');
    return isPem(text) ? text : '';
  } catch {
    return ''; // a subdirectory, or unreadable: not a certificate
  }
}

function mustExist(pathOrPem: string, missing: string): void {
  if (!isPem(pathOrPem) && !fileSystem().existsSync(pathOrPem)) throw new SSLError(`${missing}: ${pathOrPem}`);
}

function pem(pathOrPem: string, missing: string): string {
  if (isPem(pathOrPem)) return pathOrPem;
  try {
    return fileSystem().readFileSync(pathOrPem, 'utf8');
  } catch (error) {
    throw new SSLError(`${missing}: ${pathOrPem}`, { cause: error });
  }
}

function isPem(text: string): boolean {
  return text.includes('-----BEGIN ');
}

interface FileSystem {
  existsSync(path: string): boolean;
  readFileSync(path: string, encoding: 'utf8'): string;
  readdirSync(path: string): string[];
  statSync(path: string): { isDirectory(): boolean };
}

/** node:fs, through `process.getBuiltinModule` so that no bundle sees an import of it (Node, Bun, Deno 2). */
function fileSystem(): FileSystem {
  const g = globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } };
  const fs = g.process?.getBuiltinModule?.('fs') as FileSystem | undefined;
  if (!fs) throw new SSLError('Cannot read certificate files in this runtime: pass the PEM text instead of a path');
  return fs;
}

/** Node's FormData body as the multipart bytes it encodes to (undici's fetch knows only its own FormData). */
function encodedFormData(init: FetchInit): FetchInit {
  const encoded = new globalThis.Response(init.body as FormData);
  const headers = new Headers(init.headers);
  if (!headers.has('content-type')) headers.set('content-type', encoded.headers.get('content-type')!);
  return { ...init, headers, body: encoded.body, duplex: 'half' };
}

const NULL_BODY = new Set([101, 103, 204, 205, 304]);

/** undici's Response as the runtime's own (its Headers class too), the body stream handed over, not copied. */
function asRuntimeResponse(raw: globalThis.Response): globalThis.Response {
  const response = new globalThis.Response(NULL_BODY.has(raw.status) ? null : raw.body, {
    status: raw.status,
    statusText: raw.statusText,
    headers: raw.headers,
  });
  Object.defineProperty(response, 'url', { value: raw.url });
  if (raw.redirected) Object.defineProperty(response, 'redirected', { value: true });
  return response;
}

/** The settings named in a runtime's refusal. */
export function describe(connection: Connection): string {
  const asked: string[] = [];
  if (connection.proxy !== null) asked.push('a proxy');
  if (connection.verify !== true) asked.push(connection.verify === false ? 'verify: false' : 'a CA bundle (verify)');
  if (connection.cert !== null) asked.push('a client certificate (cert)');
  return asked.join(', ');
}

let warned = false;

/**
 * urllib3's InsecureRequestWarning, once per process (Python's default filter shows it once per place; a request
 * loop would otherwise print it per request). In Node it is a process warning — `--no-warnings` and
 * `process.on('warning')` apply, as Python's warning filters do to urllib3's — elsewhere `console.warn`.
 */
function warnUnverified(url: string): void {
  if (warned) return;
  warned = true;
  const message =
    `Unverified HTTPS request is being made to host '${new URL(url).hostname}' (verify: false). ` +
    'Adding certificate verification is strongly advised.';
  const process = (globalThis as { process?: { emitWarning?: (m: string, type: string) => void } }).process;
  if (typeof process?.emitWarning === 'function') process.emitWarning(message, 'InsecureRequestWarning');
  else console.warn(`InsecureRequestWarning: ${message}`);
}
