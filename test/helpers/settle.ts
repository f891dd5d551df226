/**
 * What every fault case asserts besides its outcome: the call settles within a deadline (a hang fails the case
 * with a clear message instead of the runner's timeout), and nothing is rejected without a handler.
 */
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { Response } from '../../src/index';

export type Settled<T> = { status: 'fulfilled'; value: T } | { status: 'rejected'; reason: unknown };

/** Waits for `promise`, failing with "<what> did not settle within <ms> ms" if it takes longer. */
export async function settleWithin<T>(promise: Promise<T>, ms: number, what = 'the call'): Promise<Settled<T>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = Symbol('late');
  const deadline = new Promise<typeof late>((resolve) => {
    timer = setTimeout(() => resolve(late), ms);
  });
  try {
    const outcome = await Promise.race([
      promise.then(
        (value): Settled<T> => ({ status: 'fulfilled', value }),
        (reason: unknown): Settled<T> => ({ status: 'rejected', reason }),
      ),
      deadline,
    ]);
    if (outcome === late) throw new Error(`${what} did not settle within ${ms} ms`);
    return outcome;
  } finally {
    clearTimeout(timer);
  }
}

/** The error a settled call failed with; fails the test when it succeeded instead. */
export function rejection<T>(settled: Settled<T>): Error {
  if (settled.status === 'fulfilled') throw new Error(`expected a failure, got ${String(settled.value)}`);
  return settled.reason as Error;
}

export function fulfilment<T>(settled: Settled<T>): T {
  if (settled.status === 'rejected') throw settled.reason;
  return settled.value;
}

export interface UnhandledWatch {
  /** Rejections nobody handled and exceptions nobody caught since the watch started. */
  events: unknown[];
  /** Lets pending rejections surface (they are reported a tick after the fact), then returns the events. */
  drain: () => Promise<unknown[]>;
  stop: () => void;
}

/** Records `unhandledRejection` and `uncaughtException` while installed. */
export function watchUnhandled(): UnhandledWatch {
  const events: unknown[] = [];
  const record = (reason: unknown): void => {
    events.push(reason);
  };
  process.on('unhandledRejection', record);
  process.on('uncaughtException', record);
  return {
    events,
    drain: async () => {
      await new Promise((r) => setTimeout(r, 10));
      await new Promise((r) => setImmediate(r));
      return events.splice(0);
    },
    stop: () => {
      process.off('unhandledRejection', record);
      process.off('uncaughtException', record);
    },
  };
}

/**
 * `watchUnhandled` for a whole test file: installed before the first test, removed after the last, and checked
 * after each test, which fails if anything went unhandled during it. `drain` is for a test that checks sooner.
 */
export function failOnUnhandled(): Pick<UnhandledWatch, 'drain'> {
  let watch: UnhandledWatch | undefined;
  beforeAll(() => {
    watch = watchUnhandled();
  });
  afterAll(() => watch?.stop());
  afterEach(async () => {
    expect(await watch!.drain()).toEqual([]);
  });
  return { drain: () => watch!.drain() };
}

export type Mode = 'buffered' | 'streamed';

/**
 * Sends with `stream` set for the mode and reads the whole body: buffered through the call itself, streamed
 * through `iterContent` (bytes) — the two ways a body reaches a user.
 */
export async function sendAndRead(
  mode: Mode,
  send: (stream: boolean) => Promise<Response>,
): Promise<{ response: Response; content: Uint8Array }> {
  const response = await send(mode === 'streamed');
  if (mode === 'buffered') return { response, content: response.content };
  const parts: Uint8Array[] = [];
  for await (const chunk of response.iterContent(null)) parts.push(chunk);
  const content = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    content.set(part, offset);
    offset += part.byteLength;
  }
  return { response, content };
}

/** As `sendAndRead`, decoding: `text` when buffered, `iterContent(null, true)` when streamed. */
export async function sendAndReadText(
  mode: Mode,
  send: (stream: boolean) => Promise<Response>,
): Promise<{ response: Response; text: string }> {
  const response = await send(mode === 'streamed');
  if (mode === 'buffered') return { response, text: response.text };
  let text = '';
  for await (const piece of response.iterContent(null, true)) text += piece;
  return { response, text };
}
