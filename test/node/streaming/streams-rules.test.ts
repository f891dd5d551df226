import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PreparedRequest, ReadTimeout, Response } from '../../../src/index';
import { createDecoder } from '../../../src/encoding';
import { decodeStream, readBody, rechunk, splitLines, splitOn } from '../../../src/streams';
import { trackLibraryTimers, type TimerTracker } from '../../helpers/timers';
import { collect, from } from '../../helpers/iterables';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const dec = (b: Uint8Array): string => new TextDecoder().decode(b);

/** A ReadableStream fed by the test, with a record of whether and why it was cancelled. */
function controlledStream(): {
  stream: ReadableStream<Uint8Array>;
  push: (s: string) => void;
  end: () => void;
  cancelled: () => unknown;
} {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let cancelReason: unknown = 'not cancelled';
  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
    cancel(reason) {
      cancelReason = reason;
    },
  });
  return {
    stream,
    push: (s) => controller.enqueue(enc(s)),
    end: () => controller.close(),
    cancelled: () => cancelReason,
  };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

const readOptions = { onTimeout: () => new ReadTimeout('idle'), onError: (e: unknown) => e };

describe('rechunk', () => {
  it('gives exact chunkSize pieces across irregular chunks, only the last shorter', async () => {
    const pieces = await collect(rechunk(from([enc('ab'), enc('cdefg'), enc(''), enc('h'), enc('ijklmno')]), 3));
    expect(pieces.map(dec)).toEqual(['abc', 'def', 'ghi', 'jkl', 'mno']);
    const uneven = await collect(rechunk(from([enc('abcd')]), 3));
    expect(uneven.map(dec)).toEqual(['abc', 'd']);
  });
  it('passes chunks through untouched with null, and refuses a chunkSize that is not a positive integer', async () => {
    const chunks = [enc('a'), enc('bcd')];
    const out = await collect(rechunk(from(chunks), null));
    expect(out[0]).toBe(chunks[0]);
    expect(out[1]).toBe(chunks[1]);
    await expect(collect(rechunk(from(chunks), 0))).rejects.toThrow(TypeError);
    await expect(collect(rechunk(from(chunks), 1.5))).rejects.toThrow(TypeError);
  });
  it('cuts whole pieces out of a large chunk as views, without copying it', async () => {
    const big = new Uint8Array(12).map((_, i) => i);
    const out = await collect(rechunk(from([big]), 4));
    expect(out).toHaveLength(3);
    for (const piece of out) expect(piece.buffer).toBe(big.buffer);
  });
  it("builds a straddling piece in the owned chunk's own buffer, and earlier pieces stay intact", async () => {
    const body = new Uint8Array(40).map((_, i) => i);
    // A 5-byte head, then 8-byte chunks: with pieces of 8, every piece straddles two chunks.
    const chunks = [
      body.slice(0, 5),
      body.slice(5, 13),
      body.slice(13, 21),
      body.slice(21, 29),
      body.slice(29, 37),
      body.slice(37),
    ];
    const buffers = chunks.map((c) => c.buffer);
    const pieces = await collect(rechunk(from(chunks), 8, true));
    expect(pieces.map((p) => [...p])).toEqual([0, 8, 16, 24, 32].map((start) => [...body.subarray(start, start + 8)]));
    // No fresh allocation: the pieces are the chunks' buffers, nothing more (the short first chunk grew to 8).
    for (let i = 1; i < 5; i++) expect(pieces[i]!.buffer).toBe(buffers[i]);
    for (const piece of pieces) expect(piece.buffer.byteLength).toBe(8);
  });
});

describe('splitLines', () => {
  it('treats \\r\\n straddling two chunks as one line end (Requests #3980 yields a spurious empty line)', async () => {
    expect(await collect(splitLines(from(['one\r', '\ntwo\r\n', 'three'])))).toEqual(['one', 'two', 'three']);
  });
  it("keeps a real empty line after a straddling \\r\\n (Lukasa's case in Requests #3984)", async () => {
    expect(await collect(splitLines(from(['this is a string\r', '\n', '\nso is this'])))).toEqual([
      'this is a string',
      '',
      'so is this',
    ]);
  });
  it('splits on \\n, \\r\\n and lone \\r; a last line without terminator is yielded; no trailing empty line', async () => {
    expect(await collect(splitLines(from(['a\nb\r\nc\rd'])))).toEqual(['a', 'b', 'c', 'd']);
    expect(await collect(splitLines(from(['a\n\n'])))).toEqual(['a', '']);
    expect(await collect(splitLines(from(['\r', '\r'])))).toEqual(['', '']);
    expect(await collect(splitLines(from([''])))).toEqual([]);
  });
  it('splits bytes the same way and joins a line that spans many chunks', async () => {
    const lines = await collect(splitLines(from([enc('lo'), enc('ng '), enc('li'), enc('ne\r'), enc('\nx')])));
    expect(lines.map(dec)).toEqual(['long line', 'x']);
  });
});

describe('splitOn', () => {
  it('splits exactly on a delimiter, even one spread over three chunks', async () => {
    expect(await collect(splitOn(from(['a<', '-', '>b<->c']), '<->'))).toEqual(['a', 'b', 'c']);
    expect(await collect(splitOn(from([enc('a|'), enc('b|')]), enc('|'))).then((x) => x.map(dec))).toEqual([
      'a',
      'b',
      '',
    ]);
  });
  it('matches leftmost first for a self-overlapping delimiter, as String.split does', async () => {
    expect(await collect(splitOn(from(['a', 'aa', 'b']), 'aa'))).toEqual('aaab'.split('aa'));
  });
  it('yields nothing for an empty body and refuses an empty delimiter', async () => {
    expect(await collect(splitOn(from<string>([]), ','))).toEqual([]);
    await expect(collect(splitOn(from(['a']), ''))).rejects.toThrow(TypeError);
  });
});

describe('decodeStream', () => {
  it('decodes a UTF-8 character whose bytes arrive in separate chunks as one character', async () => {
    const bytes = enc('żółw 😀');
    const chunks = Array.from(bytes, (b) => new Uint8Array([b]));
    expect((await collect(decodeStream(from(chunks), createDecoder('utf-8')))).join('')).toBe('żółw 😀');
  });
  it('replaces a truncated character at the end with U+FFFD (Python errors="replace")', async () => {
    expect(
      (await collect(decodeStream(from([new Uint8Array([0x61, 0xe2, 0x82])]), createDecoder('utf-8')))).join(''),
    ).toBe('a\ufffd');
  });
});

describe('readBody', () => {
  // No timer outlives a read.
  let timers: TimerTracker;
  beforeEach(() => {
    timers = trackLibraryTimers();
  });
  afterEach(() => {
    timers.restore();
    expect(timers.pending()).toBe(0);
  });

  it('reads through getReader() alone, so it works where streams are not async-iterable (Safari)', async () => {
    const { stream, push, end } = controlledStream();
    Object.defineProperty(stream, Symbol.asyncIterator, { value: undefined });
    push('ab');
    push('c');
    end();
    const chunks = await collect(readBody(stream, readOptions));
    expect(chunks.map(dec)).toEqual(['ab', 'c']);
  });

  it('works end to end through Response.iterContent with ReadableStream async iteration removed', async () => {
    const proto = ReadableStream.prototype as unknown as Record<symbol, unknown>;
    const saved = Object.getOwnPropertyDescriptor(proto, Symbol.asyncIterator);
    delete proto[Symbol.asyncIterator];
    try {
      const body = new ReadableStream<Uint8Array>({
        start(c) {
          c.enqueue(enc('line one\r'));
          c.enqueue(enc('\nline two'));
          c.close();
        },
      });
      expect(Symbol.asyncIterator in body).toBe(false);
      const r = new Response(new globalThis.Response(body), {
        request: new PreparedRequest({ url: 'http://h/' }),
        elapsed: 0,
      });
      expect(await collect(r.iterLines())).toEqual(['line one', 'line two']);
    } finally {
      if (saved) Object.defineProperty(proto, Symbol.asyncIterator, saved);
    }
  });

  it('throws the timeout error when a read waits longer than readTimeout, and cancels the stream', async () => {
    const { stream, push, cancelled } = controlledStream();
    push('first');
    const seen: string[] = [];
    const error = await (async () => {
      try {
        for await (const chunk of readBody(stream, { ...readOptions, readTimeout: 60 })) seen.push(dec(chunk));
      } catch (e) {
        return e;
      }
    })();
    expect(seen).toEqual(['first']);
    expect(error).toBeInstanceOf(ReadTimeout);
    expect(cancelled()).toBeInstanceOf(ReadTimeout);
  });

  it('never times out a slow but steady body whose total time exceeds readTimeout', async () => {
    const { stream, push, end } = controlledStream();
    const feeding = (async () => {
      for (let i = 0; i < 6; i++) {
        await sleep(25);
        push(String(i));
      }
      end();
    })();
    const chunks = await collect(readBody(stream, { ...readOptions, readTimeout: 100 }));
    await feeding;
    expect(chunks.map(dec).join('')).toBe('012345');
  });

  it('does not count the time the consumer spends between reads as silence', async () => {
    const { stream, push, end } = controlledStream();
    push('a');
    push('b');
    end();
    const out: string[] = [];
    for await (const chunk of readBody(stream, { ...readOptions, readTimeout: 30 })) {
      out.push(dec(chunk));
      await sleep(80);
    }
    expect(out).toEqual(['a', 'b']);
  });

  it('cancels the stream when the loop is left early, and reports onEnd only for a body read to its end', async () => {
    const early = controlledStream();
    early.push('a');
    let ended = 0;
    for await (const chunk of readBody(early.stream, { ...readOptions, readTimeout: 1000, onEnd: () => ended++ })) {
      expect(dec(chunk)).toBe('a');
      break;
    }
    expect(early.cancelled()).toBeUndefined();
    expect(ended).toBe(0);

    const whole = controlledStream();
    whole.push('a');
    whole.end();
    await collect(readBody(whole.stream, { ...readOptions, onEnd: () => ended++ }));
    expect(ended).toBe(1);
  });

  it('maps a failed read through onError', async () => {
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        c.error(new Error('boom'));
      },
    });
    await expect(
      collect(readBody(stream, { ...readOptions, onError: (e) => new Error(`mapped ${(e as Error).message}`) })),
    ).rejects.toThrow('mapped boom');
  });
});
