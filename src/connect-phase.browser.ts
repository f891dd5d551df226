/**
 * The browser build's connect-phase watch: a page has no diagnostics channels, so whether a timed-out request
 * reached a connection is always unknown (`sent() === null`, hence ReadTimeout), as connect-phase.ts answers
 * outside Node. Swapped in by the same build plugins as cookies.browser.ts.
 */
import type { ConnectionWatch } from './connect-phase';

export type { ConnectionWatch };

const watch: ConnectionWatch = { run: (send) => send(), sent: () => null };

export function watchConnection(): ConnectionWatch {
  return watch;
}
