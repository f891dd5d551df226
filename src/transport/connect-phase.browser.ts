/**
 * The browser build's connect-phase watch: a page has no diagnostics channels, so whether a timed-out request
 * reached a connection is always unknown (`sentAt() === null`, hence ReadTimeout), and so is when body bytes arrive
 * (`bodyClock() === null`: the read timeout measures decoded chunks), as connect-phase.ts answers
 * outside Node. Chosen by the `browser` condition of package.json's `#platform/connect-phase` import.
 */
import type { ConnectionWatch } from './connect-phase';

export type { ConnectionWatch };

const watch: ConnectionWatch = { run: (send) => send(), sentAt: () => null };

export function watchConnection(): ConnectionWatch {
  return watch;
}

export function bodyClock(_response: object): null {
  return null;
}
