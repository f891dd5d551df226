/**
 * When a request reached a connection. Requests' connect timeout runs until the TCP connection is made and its
 * read timeout from then on; fetch hides the moment, but Node's fetch (undici) announces each request and the
 * moment its headers go out on a socket through diagnostics channels. Elsewhere (browsers, a fetch that is not
 * undici) the answer is "unknown".
 *
 *   const watch = watchConnection();
 *   await watch.run(() => fetch(url, { signal }));   // meanwhile: watch.sentAt() === false → still connecting
 *
 * The same attribution tells when the body's raw bytes last arrived (`undici:request:bodyChunkReceived`, before
 * decompression): Requests' read timeout measures socket silence, and a gzip header can take long to decode to
 * anything. `bodyClock()` keeps the channels subscribed while the body is read.
 *
 * Loaded lazily through `process.getBuiltinModule`, so no bundle ever sees an import of a Node module.
 */
import type { ByteClock } from '../streams';

interface Phase {
  /** An undici request was created for this call. */
  seen: boolean;
  /** performance.now() when its headers were written to a connected socket; null: not yet. */
  sentAt: number | null;
  /** performance.now() when its last raw body bytes arrived. */
  bytesAt: number | null;
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
  const getBuiltinModule = (globalThis as { process?: { getBuiltinModule?: GetBuiltinModule } }).process
    ?.getBuiltinModule;
  if (typeof getBuiltinModule !== 'function') return null;
  const channels = getBuiltinModule('diagnostics_channel') as Channels | undefined;
  const hooks = getBuiltinModule('async_hooks') as { AsyncLocalStorage?: new () => Store } | undefined;
  const { subscribe, unsubscribe } = channels ?? {};
  if (
    typeof subscribe !== 'function' ||
    typeof unsubscribe !== 'function' ||
    typeof hooks?.AsyncLocalStorage !== 'function'
  )
    return null;
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
    phase.sentAt = null;
    phase.bytesAt = null;
    owners.set(request, phase);
  };
  const onSendHeaders: Listener = (message) => {
    const request = requestOf(message);
    const phase = request && owners.get(request);
    if (phase) phase.sentAt = performance.now();
  };
  const onBodyChunk: Listener = (message) => {
    const request = requestOf(message);
    const phase = request && owners.get(request);
    if (phase) phase.bytesAt = performance.now();
  };
  let active = 0;
  return {
    local,
    acquire() {
      if (active++ > 0) return;
      subscribe.call(channels, 'undici:request:create', onCreate);
      subscribe.call(channels, 'undici:client:sendHeaders', onSendHeaders);
      subscribe.call(channels, 'undici:request:bodyChunkReceived', onBodyChunk);
    },
    release() {
      if (--active > 0) return;
      unsubscribe.call(channels, 'undici:request:create', onCreate);
      unsubscribe.call(channels, 'undici:client:sendHeaders', onSendHeaders);
      unsubscribe.call(channels, 'undici:request:bodyChunkReceived', onBodyChunk);
    },
  };
}

export interface ConnectionWatch {
  /** Runs the fetch so that its undici requests are attributed to this watch. */
  run<T>(send: () => Promise<T>): Promise<T>;
  /**
   * When the request went out on a connection (performance.now()); false: it has not (yet) reached one; null:
   * cannot tell (not undici, or a browser).
   */
  sentAt(): number | false | null;
}

/** The phase of each response a watch's run resolved to: its body's clock. */
const phases = new WeakMap<object, Phase>();

/**
 * When the raw body bytes of a response from a watched request arrive, for a body read with an idle timeout;
 * null: cannot tell. If the reader never releases it, the hold ends when `response` is garbage-collected.
 */
export function bodyClock(response: object): ByteClock | null {
  const phase = phases.get(response);
  if (!watcher || !phase?.seen) return null;
  const clock = clockOf(watcher, phase);
  (dropped ??= new FinalizationRegistry((forgotten) => forgotten())).register(response, clock.release, clock);
  return clock;
}

/** Holds a reader forgot (a half-iterated body dropped without close()): only the subscription is at stake. */
let dropped: FinalizationRegistry<() => void> | undefined;

/** Built apart from the owner: a closure that saw it would keep it alive from the registry. */
function clockOf(w: Watcher, phase: Phase): ByteClock {
  let state: 'idle' | 'held' | 'done' = 'idle';
  const clock: ByteClock = {
    hold() {
      if (state !== 'idle') return;
      state = 'held';
      w.acquire();
    },
    last: () => phase.bytesAt,
    release() {
      if (state === 'done') return;
      if (state === 'held') w.release();
      state = 'done';
      dropped?.unregister(clock);
    },
  };
  return clock;
}

export function watchConnection(): ConnectionWatch {
  if (watcher === undefined) watcher = install();
  const w = watcher;
  const phase: Phase = { seen: false, sentAt: null, bytesAt: null };
  return {
    run: async (send) => {
      if (!w) return send();
      w.acquire();
      try {
        const response = await w.local.run(phase, send);
        // A custom fetch may resolve to anything: only objects can key the map.
        if (typeof response === 'object' && response !== null) phases.set(response, phase);
        return response;
      } finally {
        w.release();
      }
    },
    sentAt: () => (phase.seen ? (phase.sentAt ?? false) : null),
  };
}
