/**
 * The innermost layer: the runtime's fetch (or the one given as the `fetch` option), called unbound — a browser's
 * fetch throws "Illegal invocation" when `this` is another object.
 */
import type { PreparedRequest } from '../request';
import type { Send } from './layer';

const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE']);

export const callFetch: Send = async ({ request, options, init, fetch }) => {
  const fetchImpl = fetch ?? options.fetch;
  const response = await fetchImpl(request.url, init);
  // A runtime that hides redirects from `redirect: 'manual'` (an opaque response: status 0, no Location) where no
  // browser was detected: only a request that is safe to send twice is sent again, with fetch following.
  if (response.type === 'opaqueredirect' && options.allowRedirects && safeToResend(request)) {
    await response.body?.cancel();
    return fetchImpl(request.url, { ...init, redirect: 'follow' });
  }
  return response;
};

function safeToResend(request: PreparedRequest): boolean {
  return IDEMPOTENT.has(request.method) && !(request.body instanceof ReadableStream);
}
