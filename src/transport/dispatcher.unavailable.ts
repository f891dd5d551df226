/**
 * The proxy/TLS layer where the runtime's fetch takes no such options: a page cannot choose a proxy, trust another
 * CA, skip verification or present a client certificate — the browser owns all of them — and neither can a
 * Cloudflare Worker. A request that asks for one is refused before anything is sent, never sent without it. Chosen
 * by the `browser` and `workerd` conditions of package.json's `#platform/dispatcher` import, which keeps undici out
 * of those bundles.
 *
 * The refusal is InvalidSchema, Requests' own exception for a transport that cannot carry a request as asked
 * ("Missing dependencies for SOCKS support", "No connection adapters were found"): a RequestException, but not a
 * ConnectionError — nothing was attempted, and no retry or fallback for a network failure can help.
 */
import { InvalidSchema } from '../exceptions';
import { isBrowserRuntime } from '../runtime';
import { connectionFor } from './connection';
import type { Layer } from './layer';

export class DispatcherPool {
  close(): void {}
}

export function dispatcher(_pool: DispatcherPool): Layer {
  return () => async (exchange) => {
    const connection = connectionFor(exchange.request, exchange.options);
    const asked: string[] = [];
    if (connection.proxy !== null) asked.push('proxies');
    if (connection.verify !== true) asked.push(`verify: ${JSON.stringify(connection.verify)}`);
    if (connection.cert !== null) asked.push('cert');
    const where = isBrowserRuntime()
      ? 'in a browser: the browser owns proxies and TLS (its own settings apply)'
      : 'in this runtime: its fetch takes no proxy or TLS options';
    throw new InvalidSchema(`${asked.join(', ')} cannot be used ${where}`, { request: exchange.request });
  };
}
