/**
 * The innermost layer: the runtime's fetch (or the one given as the `fetch` option), called unbound — a browser's
 * fetch throws "Illegal invocation" when `this` is another object — and made to behave the same everywhere:
 *
 *   - a redirect the runtime hides from `redirect: 'manual'` is followed by fetch when that is safe;
 *   - a ReadableStream body goes as bytes where the runtime cannot stream a request body (Firefox);
 *   - a deflate body the runtime left encoded (Deno, workerd) is decoded, as every other runtime does.
 */
import type { PreparedRequest } from '../request';
import { canStreamRequestBodies, leavesDeflateEncoded } from '../runtime';
import type { FetchInit, Send } from './layer';

const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE']);

export const callFetch: Send = async ({ request, options, init, fetch }) => {
  // The dispatcher layer's fetch (undici's own, for a Node whose fetch refuses its dispatcher) over the option's.
  const fetchImpl = fetch ?? options.fetch;
  if (init.body instanceof ReadableStream && !canStreamRequestBodies()) init = await withBufferedBody(init);
  let response = await fetchImpl(request.url, init);
  // A runtime that hides redirects from `redirect: 'manual'` (an opaque response: status 0, no Location) where no
  // browser was detected: only a request that is safe to send twice is sent again, with fetch following.
  if (response.type === 'opaqueredirect' && options.allowRedirects && safeToResend(request)) {
    await response.body?.cancel();
    response = await fetchImpl(request.url, { ...init, redirect: 'follow' });
  }
  if (response.body && leavesDeflateEncoded() && response.headers.get('content-encoding') === 'deflate') {
    return withDeflateDecoded(response);
  }
  return response;
};

function safeToResend(request: PreparedRequest): boolean {
  return IDEMPOTENT.has(request.method) && !(request.body instanceof ReadableStream);
}

/** The stream read into bytes: what a runtime that cannot stream a request body can send. */
async function withBufferedBody(init: FetchInit): Promise<FetchInit> {
  const { duplex: _streaming, ...rest } = init;
  return { ...rest, body: await new Response(init.body).arrayBuffer() };
}

/**
 * The response with its zlib body inflated (DecompressionStream's 'deflate' is RFC 1950, which HTTP's deflate is),
 * its headers as the server sent them, as the runtimes that decode it themselves keep them.
 */
function withDeflateDecoded(response: globalThis.Response): globalThis.Response {
  return new Response(response.body!.pipeThrough(new DecompressionStream('deflate')), {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}
