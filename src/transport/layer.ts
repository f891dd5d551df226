/**
 * The shape every transport layer has. A layer wraps the next one as a fetch-like function — wretch's
 * middlewares have this shape, `next => (url, opts) => …` — and may change what it hands on (a signal, a
 * dispatcher), answer itself (a recording), try again (retries), or map what comes back (errors).
 *
 *   const logged: Layer = (next) => async (exchange) => {
 *     console.log(exchange.request.method, exchange.request.url);
 *     return next(exchange);
 *   };
 */
import type { SendOptions } from '../merge';
import type { PreparedRequest } from '../request';

/** What fetch is given besides the URL (`duplex` for a streamed body; `dispatcher` for undici). */
export type FetchInit = RequestInit & { duplex?: 'half'; dispatcher?: unknown };

/** One request on its way down the layers. */
export interface Exchange {
  /** What is sent (method, url, headers, body), as the Session prepared it. Layers do not change it. */
  readonly request: PreparedRequest;
  /** The call's send options, resolved once (timeouts, signal, stream, …). */
  readonly options: SendOptions;
  /** fetch's init for this request; a layer that changes it hands its next layer a copy. */
  readonly init: FetchInit;
  /** The fetch to call instead of `options.fetch` (the dispatcher layer's: undici's own, with its dispatcher). */
  readonly fetch?: typeof globalThis.fetch;
}

/** Sends an exchange; resolves at the response headers. */
export type Send = (exchange: Exchange) => Promise<globalThis.Response>;

export type Layer = (next: Send) => Send;

/** `layers[0]` outermost, `innermost` last: compose([a, b], f) is a(b(f)). */
export function compose(layers: readonly Layer[], innermost: Send): Send {
  let send = innermost;
  for (let i = layers.length - 1; i >= 0; i--) send = layers[i]!(send);
  return send;
}
