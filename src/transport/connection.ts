/**
 * What a request asks of its connection beyond what the runtime's fetch does by itself: a proxy (the call's or
 * the Session's `proxies`, or the environment's), TLS settings other than the default (`verify`, `cert`). The
 * adapter adds the dispatcher layer (`#platform/dispatcher`) only when there is such a thing: a request with none
 * costs one look at its options. In Bun every request has one: its fetch must be told to go direct.
 */
import type { SendOptions } from '../merge';
import type { CertInput } from '../options';
import { parseProxy, type ProxyServer, proxyUrlFor } from '../proxies';
import type { PreparedRequest } from '../request';
import { fetchAppliesProxyVariables } from '../runtime';

export interface Connection {
  /** The proxy, or null: direct. */
  readonly proxy: ProxyServer | null;
  readonly verify: boolean | string;
  readonly cert: CertInput | null;
}

/**
 * Whether the request needs more than the runtime's default connection: a proxy, or TLS settings for an https URL
 * (a plain-http request without a proxy has no TLS to set).
 */
export function asksForConnection(request: PreparedRequest, options: SendOptions): boolean {
  // Bun's fetch would choose a proxy by itself from the environment: it is told the library's choice, even none.
  if (fetchAppliesProxyVariables()) return true;
  if (proxyUrlOf(request, options) !== null) return true;
  return (options.verify !== true || options.cert !== null) && request.url.startsWith('https:');
}

/** The connection the request asks for; InvalidProxyURL or InvalidSchema for a proxy URL that cannot be used. */
export function connectionFor(request: PreparedRequest, options: SendOptions): Connection {
  const proxyUrl = proxyUrlOf(request, options);
  return { proxy: proxyUrl === null ? null : parseProxy(proxyUrl), verify: options.verify, cert: options.cert };
}

/** The proxy URL the request goes through, as given (credentials included), or null. */
export function proxyUrlOf(request: PreparedRequest, options: SendOptions): string | null {
  return proxyUrlFor(request.url, options.proxies, options.environProxies);
}
