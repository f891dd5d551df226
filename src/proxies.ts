/**
 * Requests' proxy rules (utils.py), as pure functions: which proxy a URL goes through (`select_proxy`), which hosts
 * go direct (`should_bypass_proxies`, NO_PROXY), what the environment says (`get_environ_proxies`), and the
 * `Proxy-Authorization` that credentials in a proxy URL become. No I/O: environment.ts reads the variables.
 *
 *   selectProxy('https://api.example.com/x', { https: 'http://p:3128', 'https://api.example.com': 'http://q:3128' })
 *   // 'http://q:3128': the most specific key wins (scheme://host, scheme, all://host, all)
 *   shouldBypassProxies('http://10.1.2.3/', '10.0.0.0/8, .internal')   // true
 */
import { basicAuthHeader } from './auth';
import { InvalidProxyURL, InvalidSchema } from './exceptions';

/**
 * Requests' proxy map: `{ http, https, all, 'https://host', 'all://host', no_proxy }` → a proxy URL. `null` (in a
 * call) removes a Session's key; an empty string means "no proxy" for that key, the environment's included.
 */
export type ProxiesInput = Readonly<Record<string, string | null | undefined>> | ReadonlyMap<string, string | null>;

/** A proxy map with its null keys dropped. */
export type Proxies = Readonly<Record<string, string>>;

/** The proxy variables the environment sets, lower-cased scheme → URL (`no` is NO_PROXY), as urllib's `getproxies`. */
export type EnvironProxies = Readonly<Record<string, string>>;

/** The proxy one request goes through. */
export interface ProxyServer {
  /** `scheme://host:port`, without credentials. */
  readonly url: string;
  readonly protocol: 'http:' | 'https:';
  /** From `user:pass@` in the proxy URL, percent-decoded; null: none. */
  readonly username: string | null;
  readonly password: string | null;
  /** `Basic …` from those credentials (UTF-8), or null. */
  readonly authorization: string | null;
}

/** Requests' `select_proxy`: the most specific key of `proxies` that names this URL, or undefined. */
export function selectProxy(url: string, proxies: Proxies): string | undefined {
  const { protocol, hostname } = new URL(url);
  const scheme = protocol.slice(0, -1);
  if (!hostname) return proxies[scheme] ?? proxies.all;
  for (const key of [`${scheme}://${hostname}`, scheme, `all://${hostname}`, 'all']) {
    if (Object.hasOwn(proxies, key)) return proxies[key];
  }
  return undefined;
}

/**
 * Requests' `should_bypass_proxies`: whether `url` goes direct under a NO_PROXY list — comma-separated hosts
 * (`example.com` also covers its subdomains; a leading `.` or `*.` is the same), `host:port`, IPv4 CIDR ranges
 * (`10.0.0.0/8`), IP addresses (`[::1]` or `::1`), and `*` for everything. A URL without a host goes direct.
 *
 * Unlike Requests, a name matches on a label boundary: `example.com` does not cover `notexample.com`.
 */
export function shouldBypassProxies(url: string, noProxy: string | null | undefined): boolean {
  const parsed = new URL(url);
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (!host) return true;
  if (!noProxy) return false;
  const port = parsed.port || (parsed.protocol === 'https:' ? '443' : '80');
  const ipv4 = IPV4.test(host) ? ipv4Number(host) : null;
  for (const raw of noProxy.replace(/\s+/g, '').split(',')) {
    if (!raw) continue;
    if (raw === '*') return true;
    let entry = raw.toLowerCase();
    let entryPort: string | null = null;
    const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
    if (bracketed) {
      entry = bracketed[1]!;
      entryPort = bracketed[2] ?? null;
    } else if (/^[^:]+:\d+$/.test(entry)) {
      [entry, entryPort] = entry.split(':') as [string, string];
    }
    if (entryPort !== null && entryPort !== port) continue;
    if (ipv4 !== null && entry.includes('/')) {
      if (inIpv4Network(ipv4, entry)) return true;
      continue;
    }
    if (entry.includes(':')) {
      if (host.includes(':') && sameIpv6(host, entry)) return true;
      continue;
    }
    const name = entry.replace(/^\*?\./, '');
    if (host === name || (ipv4 === null && host.endsWith(`.${name}`))) return true;
  }
  return false;
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

function ipv4Number(address: string): number {
  return address.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
}

/** Requests' `address_in_network` for a `a.b.c.d/n` entry; an entry that is no valid range matches nothing. */
function inIpv4Network(address: number, cidr: string): boolean {
  const [network, bits] = cidr.split('/') as [string, string];
  const size = Number(bits);
  if (!IPV4.test(network) || !/^\d{1,2}$/.test(bits) || size > 32) return false;
  const span = 2 ** (32 - size);
  return Math.floor(address / span) === Math.floor(ipv4Number(network) / span);
}

function sameIpv6(host: string, entry: string): boolean {
  try {
    return new URL(`http://[${entry}]/`).hostname === `[${host}]`;
  } catch {
    return false;
  }
}

/**
 * The proxy variables of an environment, as urllib's `getproxies_environment` reads them: `<scheme>_proxy` in
 * lower case wins over upper case; `HTTP_PROXY` is ignored in a CGI request (`REQUEST_METHOD` set: httpoxy).
 * Returns null when none is set.
 */
export function environProxies(get: (name: string) => string | undefined): EnvironProxies | null {
  let proxies: Record<string, string> | null = null;
  for (const scheme of ['http', 'https', 'all', 'no']) {
    const upper = scheme === 'http' && get('REQUEST_METHOD') ? undefined : get(`${scheme.toUpperCase()}_PROXY`);
    const value = get(`${scheme}_proxy`) || upper;
    if (value) (proxies ??= {})[scheme] = value;
  }
  return proxies;
}

/**
 * The proxy URL for one request, or null for a direct connection: the explicit map's most specific key (the
 * call's over the Session's); when it names none, the environment's proxy for the scheme (or `all`), unless the
 * host is in the NO_PROXY list — `no_proxy` of the map, else the environment's. A `no_proxy` key in the map also
 * exempts its hosts from the map's own proxies.
 */
export function proxyUrlFor(url: string, proxies: Proxies, environ: EnvironProxies | null): string | null {
  if (environ === null && isEmpty(proxies)) return null; // the usual case, without parsing the URL
  const noProxy = proxies.no_proxy;
  if (noProxy && shouldBypassProxies(url, noProxy)) return null;
  const explicit = selectProxy(url, proxies);
  if (explicit !== undefined) return explicit || null;
  if (!environ || shouldBypassProxies(url, noProxy ?? environ.no)) return null;
  const scheme = new URL(url).protocol.slice(0, -1);
  return environ[scheme] || environ.all || null;
}

/**
 * Requests' `resolve_proxies`: the map a redirect hop is sent with — the explicit map, plus the environment's proxy
 * for the hop's scheme when the map names none for its URL.
 */
export function resolveProxies(url: string, proxies: Proxies, environ: EnvironProxies | null): Proxies {
  if (!environ || selectProxy(url, proxies) !== undefined) return proxies;
  const proxy = proxyUrlFor(url, proxies, environ);
  if (proxy === null) return proxies;
  return { ...proxies, [new URL(url).protocol.slice(0, -1)]: proxy };
}

/**
 * A proxy URL as a ProxyServer: `http://` prepended when it has no scheme (Requests' `prepend_scheme_if_needed`),
 * `user:pass@` (percent-decoded) turned into Basic credentials. InvalidProxyURL when it has no host;
 * InvalidSchema for a scheme other than http and https.
 */
export function parseProxy(proxyUrl: string): ProxyServer {
  // A scheme and a slash but no `//host` (`http:/proxy:3128`, `http:///proxy:3128`): WHATWG parsing would find a host
  // there for http(s); Requests (urllib3's parse_url) finds none.
  if (/^[a-z][a-z0-9+.-]*:[/\\]/i.test(proxyUrl) && !/^[a-z][a-z0-9+.-]*:\/\/[^/\\?#]/i.test(proxyUrl)) {
    throw new InvalidProxyURL('Please check proxy URL. It is malformed and could be missing the host.');
  }
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(proxyUrl) ? proxyUrl : `http://${proxyUrl}`;
  let parsed: URL;
  try {
    parsed = new URL(withScheme);
  } catch {
    parsed = new URL('invalid://');
  }
  if (!parsed.hostname) {
    throw new InvalidProxyURL('Please check proxy URL. It is malformed and could be missing the host.');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new InvalidSchema(
      `Unsupported proxy scheme ${JSON.stringify(parsed.protocol.slice(0, -1))}: http:// and https:// proxies only`,
    );
  }
  const hasCredentials = parsed.username !== '' || parsed.password !== '';
  const username = hasCredentials ? decodeURIComponent(parsed.username) : null;
  const password = hasCredentials ? decodeURIComponent(parsed.password) : null;
  return {
    url: `${parsed.protocol}//${parsed.host}`,
    protocol: parsed.protocol,
    username,
    password,
    authorization: hasCredentials ? basicAuthHeader(username!, password!) : null,
  };
}

/** Requests' `merge_setting` result for `proxies`, as a record without null keys. */
export function proxiesRecord(proxies: ProxiesInput | null | undefined): Proxies {
  if (!proxies) return NO_PROXIES;
  const entries = proxies instanceof Map ? [...proxies] : Object.entries(proxies);
  const record: Record<string, string> = {};
  for (const [key, value] of entries) if (value !== null && value !== undefined) record[key] = String(value);
  return record;
}

export const NO_PROXIES: Proxies = Object.freeze({});

function isEmpty(proxies: Proxies): boolean {
  if (proxies === NO_PROXIES) return true;
  for (const _ in proxies) return false;
  return true;
}
