/**
 * Whether a request that ran out of time had reached a connection. Requests raises ConnectTimeout when the
 * TCP connection was not made in time and ReadTimeout when the server then kept quiet; fetch hides the
 * difference, but Node's fetch (undici) announces each request and the moment its headers go out on a socket
 * through diagnostics channels. Elsewhere (browsers, a fetch that is not undici) the answer is "unknown".
 *
 *   const watch = watchConnection();
 *   await watch.run(() => fetch(url, { signal }));   // on timeout: watch.sent() === false → ConnectTimeout
 *
 * Loaded lazily through `process.getBuiltinModule`, so no bundle ever sees an import of a Node module.
 */

interface Phase {
  /** An undici request was created for this call. */
  seen: boolean;
  /** Its headers were written to a connected socket. */
  sent: boolean;
}

interface Store {
  run<R>(store: Phase, fn: () => R): R;
  getStore(): Phase | undefined;
}

type Subscribe = (name: string, listener: (message: unknown) => void) => void;
type GetBuiltinModule = (id: string) => unknown;

let store: Store | null | undefined;

function install(): Store | null {
  const getBuiltinModule = (globalThis as { process?: { getBuiltinModule?: GetBuiltinModule } }).process?.getBuiltinModule;
  if (typeof getBuiltinModule !== 'function') return null;
  const channels = getBuiltinModule('diagnostics_channel') as { subscribe?: Subscribe } | undefined;
  const hooks = getBuiltinModule('async_hooks') as { AsyncLocalStorage?: new () => Store } | undefined;
  if (typeof channels?.subscribe !== 'function' || typeof hooks?.AsyncLocalStorage !== 'function') return null;
  const local = new hooks.AsyncLocalStorage();
  const owners = new WeakMap<object, Phase>();
  const requestOf = (message: unknown): object | undefined => {
    const request = (message as { request?: unknown } | null)?.request;
    return typeof request === 'object' && request !== null ? request : undefined;
  };
  channels.subscribe('undici:request:create', (message) => {
    const phase = local.getStore();
    const request = requestOf(message);
    if (!phase || !request) return;
    // The latest attempt counts (a retry that cannot connect is a connect timeout).
    phase.seen = true;
    phase.sent = false;
    owners.set(request, phase);
  });
  channels.subscribe('undici:client:sendHeaders', (message) => {
    const request = requestOf(message);
    const phase = request && owners.get(request);
    if (phase) phase.sent = true;
  });
  return local;
}

export interface ConnectionWatch {
  /** Runs the fetch so that its undici requests are attributed to this watch. */
  run<T>(send: () => Promise<T>): Promise<T>;
  /** true: the request went out on a connection; false: it never reached one; null: cannot tell. */
  sent(): boolean | null;
}

export function watchConnection(): ConnectionWatch {
  if (store === undefined) store = install();
  const local = store;
  const phase: Phase = { seen: false, sent: false };
  return {
    run: (send) => (local ? local.run(phase, send) : send()),
    sent: () => (phase.seen ? phase.sent : null),
  };
}
