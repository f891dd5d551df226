/**
 * Counts the timers the library itself has running, with real timers (no fakes): while installed, every
 * setTimeout called from a file under src/ is recorded until it fires or is cleared. The test runner's timers,
 * the test's own and Node's socket timers are not counted, so "none left" means none of ours outlived its
 * request.
 */
import { fileURLToPath } from 'node:url';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

export interface TimerTracker {
  /** Timers started by src/ that have neither fired nor been cleared. */
  pending(): number;
  restore(): void;
}

export function trackLibraryTimers(): TimerTracker {
  const realSet = globalThis.setTimeout;
  const realClear = globalThis.clearTimeout;
  const live = new Set<unknown>();
  globalThis.setTimeout = ((callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    // Frames below this wrapper: was the caller in src/?
    const callers = (new Error().stack ?? '').split('\n')[2] ?? '';
    if (!callers.includes(SRC)) return realSet(callback, ms, ...args);
    const handle = realSet(
      (...a: unknown[]) => {
        live.delete(handle);
        callback(...a);
      },
      ms,
      ...args,
    );
    live.add(handle);
    return handle;
  }) as typeof setTimeout;
  globalThis.clearTimeout = ((handle: Parameters<typeof clearTimeout>[0]) => {
    live.delete(handle);
    realClear(handle);
  }) as typeof clearTimeout;
  return {
    pending: () => live.size,
    restore: () => {
      globalThis.setTimeout = realSet;
      globalThis.clearTimeout = realClear;
    },
  };
}
