/**
 * Puts the servers' addresses into the table: every placeholder, plain or percent-encoded (inside a redirect
 * target), in every string of every scenario.
 */
import type { ParityServers } from './global-setup';
import type { PLACEHOLDERS, Scenario } from './scenario';

export function resolveTable(table: readonly Scenario[], servers: ParityServers): Scenario[] {
  const values: Record<(typeof PLACEHOLDERS)[number], string> = {
    '{httpbin}': servers.httpbin,
    '{httpbinAlt}': servers.httpbinAlt,
    '{fixture}': servers.fixture,
    '{refused}': servers.refused,
    '{unconnectable}': servers.unconnectable,
    '{httpbinHost}': new URL(servers.httpbin).host,
    '{httpbinAltHost}': new URL(servers.httpbinAlt).host,
  };
  let text = JSON.stringify(table);
  for (const [name, value] of Object.entries(values)) {
    text = text.split(name).join(value).split(encodeURIComponent(name)).join(encodeURIComponent(value));
  }
  return JSON.parse(text) as Scenario[];
}
