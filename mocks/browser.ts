/**
 * The mocks in a browser: MSW's service worker answers for httpbin and the tutorial's servers, so the playground
 * works offline. Requests to the page's own origin (its scripts, images) pass through; any other request without
 * a handler fails, rather than silently reaching the real network.
 *
 *   import { startWorker } from '../mocks/browser';
 *   await startWorker({ url: './mockServiceWorker.js' });
 */
import { setupWorker } from 'msw/browser';
import { handlers } from './handlers';

export const worker = setupWorker(...handlers);

export interface StartWorkerOptions {
  /** Where the worker script is served (default `/mockServiceWorker.js`). */
  url?: string;
  /** Told about each request that no handler answered (before it fails). */
  onUnhandled?: (request: Request) => void;
}

export async function startWorker(options: StartWorkerOptions = {}): Promise<void> {
  await worker.start({
    serviceWorker: { url: options.url ?? '/mockServiceWorker.js' },
    quiet: true,
    onUnhandledFrame({ frame, defaults }) {
      const request = (frame as { data?: { request?: unknown } }).data?.request;
      if (!(request instanceof Request)) return;
      if (new URL(request.url).origin === location.origin) return;
      options.onUnhandled?.(request);
      defaults.error();
      // Rejecting with a network error makes the page's fetch fail as it would offline (a TypeError, which the
      // library reports as ConnectionError); any other rejection would become a 500 response from MSW.
      throw Response.error();
    },
  });
}
