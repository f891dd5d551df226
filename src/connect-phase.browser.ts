/**
 * The browser build's connect-phase watch: a page has no diagnostics channels, so whether a timed-out request
 * reached a connection is always unknown (`sent() === null`, hence ReadTimeout), and so is when body bytes arrive
 * (`bodyClock() === null`: the read timeout measures decoded chunks), as connect-phase.ts answers
 * outside Node. Swapped in by the same build plugins as cookies.browser.ts.
 */
import type { ConnectionWatch } from './connect-phase';

export type { ConnectionWatch };

const watch: ConnectionWatch = { run: (send) => send(), sent: () => null };

export function watchConnection(): ConnectionWatch {
  return watch;
}

export function bodyClock(_response: object): null {
  return null;
}
