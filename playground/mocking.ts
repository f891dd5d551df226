/**
 * Offline by default: MSW's service worker answers for httpbin and the tutorial's servers. The toggle reloads
 * the page with `?mocks=off`, and then nothing is intercepted: requests go to the real URLs, under CORS.
 */
import type { HttpHandler } from 'msw';

export interface Mocking {
  enabled: boolean;
  /** The last request no mock answered (it failed instead of reaching the network). */
  lastUnhandled: string | null;
  /** Puts handlers in front of the running worker's (a HAR's recordings); absent when the page runs without mocks. */
  use?: (...handlers: HttpHandler[]) => void;
}

export function mocksWanted(): boolean {
  return new URLSearchParams(location.search).get('mocks') !== 'off';
}

export function switchMocks(on: boolean): void {
  const url = new URL(location.href);
  if (on) url.searchParams.delete('mocks');
  else url.searchParams.set('mocks', 'off');
  location.assign(url);
}

export async function startMocking(): Promise<Mocking> {
  const state: Mocking = { enabled: mocksWanted(), lastUnhandled: null };
  if (!state.enabled) {
    // A worker left from an offline visit would still see our requests: remove it.
    const registrations = (await navigator.serviceWorker?.getRegistrations()) ?? [];
    await Promise.all(registrations.map((registration) => registration.unregister()));
    return state;
  }
  if (!('serviceWorker' in navigator)) {
    throw new Error(
      'This browser gives the page no service worker (private mode, or not a secure context), so the offline mocks cannot run. Use ?mocks=off.',
    );
  }
  const { startWorker, worker } = await import('../mocks/browser');
  state.use = (...handlers) => worker.use(...handlers);
  await startWorker({
    url: new URL('./mockServiceWorker.js', document.baseURI).pathname,
    onUnhandled: (request) => {
      state.lastUnhandled = `${request.method} ${request.url}`;
    },
  });
  return state;
}
