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

type Listener = (message: unknown) => void;
interface Channels {
  subscribe?: (name: string, listener: Listener) => void;
  unsubscribe?: (name: string, listener: Listener) => void;
}
type GetBuiltinModule = (id: string) => unknown;

interface Watcher {
  local: Store;
  /** Subscribed only while a watch runs: requests without a timeout pay nothing for the channels. */
  acquire(): void;
  release(): void;
}

let watcher: Watcher | null | undefined;

function install(): Watcher | null {
  const getBuiltinModule = (globalThis as { process?: { getBuiltinModule?: GetBuiltinModule } }).process?.getBuiltinModule;
  if (typeof getBuiltinModule !== 'function') return null;
  const channels = getBuiltinModule('diagnostics_channel') as Channels | undefined;
  const hooks = getBuiltinModule('async_hooks') as { AsyncLocalStorage?: new () => Store } | undefined;
  const { subscribe, unsubscribe } = channels ?? {};
  if (typeof subscribe !== 'function' || typeof unsubscribe !== 'function' || typeof hooks?.AsyncLocalStorage !== 'function') return null;
  const local = new hooks.AsyncLocalStorage();
  const owners = new WeakMap<object, Phase>();
  const requestOf = (message: unknown): object | undefined => {
    const request = (message as { request?: unknown } | null)?.request;
    return typeof request === 'object' && request !== null ? request : undefined;
  };
  const onCreate: Listener = (message) => {
    const phase = local.getStore();
    const request = requestOf(message);
    if (!phase || !request) return;
    // The latest attempt counts (a retry that cannot connect is a connect timeout).
    phase.seen = true;
    phase.sent = false;
    owners.set(request, phase);
  };
  const onSendHeaders: Listener = (message) => {
    const request = requestOf(message);
    const phase = request && owners.get(request);
    if (phase) phase.sent = true;
  };
  let active = 0;
  return {
    local,
    acquire() {
      if (active++ > 0) return;
      subscribe.call(channels, 'undici:request:create', onCreate);
      subscribe.call(channels, 'undici:client:sendHeaders', onSendHeaders);
    },
    release() {
      if (--active > 0) return;
      unsubscribe.call(channels, 'undici:request:create', onCreate);
      unsubscribe.call(channels, 'undici:client:sendHeaders', onSendHeaders);
    },
  };
}

export interface ConnectionWatch {
  /** Runs the fetch so that its undici requests are attributed to this watch. */
  run<T>(send: () => Promise<T>): Promise<T>;
  /** true: the request went out on a connection; false: it never reached one; null: cannot tell. */
  sent(): boolean | null;
}

export function watchConnection(): ConnectionWatch {
  if (watcher === undefined) watcher = install();
  const w = watcher;
  const phase: Phase = { seen: false, sent: false };
  return {
    run: async (send) => {
      if (!w) return send();
      w.acquire();
      try {
        return await w.local.run(phase, send);
      } finally {
        w.release();
      }
    },
    sent: () => (phase.seen ? phase.sent : null),
  };
}
