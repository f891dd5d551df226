/**
 * The byte work behind `iterContent`/`iterLines`, pure over async iterables: reading a body with an idle
 * timeout, re-chunking to exact sizes, incremental decoding and line splitting that does not depend on where
 * the chunks happen to break.
 */
import type { Decoder } from './encoding';

export interface ReadOptions {
  /** Longest silence (ms) allowed while a read is pending; not a total deadline. */
  readTimeout?: number | null;
  /** Called with each chunk's size as it arrives. */
  onChunk?: (size: number) => void;
  /** Builds the error thrown when the idle timeout fires. */
  onTimeout: () => Error;
  /** Maps a failed read to the error to throw. */
  onError: (error: unknown) => unknown;
  /** Receives a function that cancels the body (Response.close() while it is being read). */
  registerCancel?: (cancel: () => void) => void;
}

const now = (): number => performance.now();

/**
 * Reads a ReadableStream through `getReader()` (async iteration of streams is missing in Safari). One timer
 * guards the reads: it only runs while a read is pending, re-arms itself lazily instead of being reset on
 * every chunk, and is gone when reading stops. Leaving the loop early cancels the body, freeing the connection.
 */
export async function* readBody(body: ReadableStream<Uint8Array>, options: ReadOptions): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  const { readTimeout, onChunk } = options;
  let pendingSince = 0;
  let reading = false;
  let timedOut = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let finished = false;
  options.registerCancel?.(() => {
    reader.cancel().catch(() => {});
  });

  const check = (): void => {
    timer = undefined;
    if (!reading || readTimeout == null) return;
    const idle = now() - pendingSince;
    if (idle >= readTimeout) {
      timedOut = true;
      reader.cancel(options.onTimeout()).catch(() => {});
    } else {
      timer = setTimeout(check, readTimeout - idle);
    }
  };

  try {
    for (;;) {
      reading = true;
      if (readTimeout != null) {
        pendingSince = now();
        timer ??= setTimeout(check, readTimeout);
      }
      let result: ReadableStreamReadResult<Uint8Array>;
      try {
        result = await reader.read();
      } catch (error) {
        if (timedOut) throw options.onTimeout();
        throw options.onError(error);
      } finally {
        reading = false;
      }
      if (timedOut) throw options.onTimeout();
      if (result.done) {
        finished = true;
        return;
      }
      onChunk?.(result.value.byteLength);
      yield result.value;
    }
  } finally {
    if (timer !== undefined) clearTimeout(timer);
    if (!finished) reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}

/** Re-chunks to exact `size` pieces (only the last may be shorter); `null` passes chunks through as received. */
export async function* rechunk(source: AsyncIterable<Uint8Array>, size: number | null): AsyncGenerator<Uint8Array> {
  if (size === null) {
    yield* source;
    return;
  }
  if (!Number.isInteger(size) || size <= 0) throw new TypeError(`chunkSize must be a positive integer or null, got ${size}`);
  let buffer: Uint8Array | null = null;
  let filled = 0;
  for await (const chunk of source) {
    let offset = 0;
    if (buffer !== null) {
      const take = Math.min(size - filled, chunk.byteLength);
      buffer.set(chunk.subarray(0, take), filled);
      filled += take;
      offset = take;
      if (filled < size) continue;
      yield buffer;
      buffer = null;
    }
    // Whole pieces straight out of the chunk: no copy.
    while (chunk.byteLength - offset >= size) {
      yield chunk.subarray(offset, offset + size);
      offset += size;
    }
    if (offset < chunk.byteLength) {
      buffer = new Uint8Array(size);
      buffer.set(chunk.subarray(offset));
      filled = chunk.byteLength - offset;
    }
  }
  if (buffer !== null && filled > 0) yield buffer.subarray(0, filled);
}

/** Decodes incrementally, so a character split across two chunks comes out whole. */
export async function* decodeStream(source: AsyncIterable<Uint8Array>, decoder: Decoder): AsyncGenerator<string> {
  for await (const chunk of source) {
    const text = decoder.decode(chunk, true);
    if (text) yield text;
  }
  const rest = decoder.decode(new Uint8Array(0), false);
  if (rest) yield rest;
}

type Piece = string | Uint8Array;

function concat<T extends Piece>(a: T, b: T): T {
  if (typeof a === 'string') return (a + (b as string)) as T;
  const out = new Uint8Array(a.byteLength + (b as Uint8Array).byteLength);
  out.set(a as Uint8Array);
  out.set(b as Uint8Array, a.byteLength);
  return out as T;
}

const LF = 10;
const CR = 13;

/** Index of the first `\n` or `\r` at or after `from`, or -1. */
function findLineEnd(piece: Piece, from: number): number {
  if (typeof piece === 'string') {
    for (let i = from; i < piece.length; i++) {
      const c = piece.charCodeAt(i);
      if (c === LF || c === CR) return i;
    }
    return -1;
  }
  const lf = piece.indexOf(LF, from);
  const cr = piece.indexOf(CR, from);
  if (lf === -1) return cr;
  if (cr === -1) return lf;
  return Math.min(lf, cr);
}

function codeAt(piece: Piece, i: number): number {
  return typeof piece === 'string' ? piece.charCodeAt(i) : piece[i]!;
}

function slice<T extends Piece>(piece: T, start: number, end?: number): T {
  return (typeof piece === 'string' ? piece.slice(start, end) : (piece as Uint8Array).subarray(start, end)) as T;
}

/**
 * Splits on `\n`, `\r\n` and `\r`, whatever the chunking: a `\r` at the end of a chunk waits for the next one
 * so a straddling `\r\n` is one line end (no spurious empty line, unlike Requests #3980). A last line without a
 * terminator is yielded; a final terminator does not produce an empty line (Python's `splitlines`).
 */
export async function* splitLines<T extends Piece>(source: AsyncIterable<T>): AsyncGenerator<T> {
  let carry: T | null = null;
  let pendingCR = false;
  for await (let chunk of source) {
    if (chunk.length === 0) continue;
    if (pendingCR) {
      pendingCR = false;
      if (codeAt(chunk, 0) === LF) chunk = slice(chunk, 1);
    }
    let start = 0;
    for (;;) {
      const end = findLineEnd(chunk, start);
      if (end === -1) break;
      const line = slice(chunk, start, end);
      yield (carry === null ? line : concat(carry, line));
      carry = null;
      if (codeAt(chunk, end) === CR) {
        if (end + 1 === chunk.length) {
          pendingCR = true;
          start = end + 1;
          break;
        }
        start = codeAt(chunk, end + 1) === LF ? end + 2 : end + 1;
      } else {
        start = end + 1;
      }
    }
    if (start < chunk.length) {
      const rest = slice(chunk, start);
      carry = carry === null ? rest : concat(carry, rest);
    }
  }
  if (carry !== null && carry.length > 0) yield carry;
}

function indexOfDelimiter(piece: Piece, delimiter: Piece, from: number): number {
  if (typeof piece === 'string') return piece.indexOf(delimiter as string, from);
  const d = delimiter as Uint8Array;
  if (d.length === 0) return -1;
  for (let i = piece.indexOf(d[0]!, from); i !== -1 && i <= piece.length - d.length; i = piece.indexOf(d[0]!, i + 1)) {
    let match = true;
    for (let j = 1; j < d.length; j++) {
      if (piece[i + j] !== d[j]) {
        match = false;
        break;
      }
    }
    if (match) return i;
  }
  return -1;
}

/**
 * Splits exactly on `delimiter`, whatever the chunking: the same pieces as `wholeText.split(delimiter)`
 * (a trailing delimiter gives a trailing empty piece, as in Requests); an empty body gives nothing.
 */
export async function* splitOn<T extends Piece>(source: AsyncIterable<T>, delimiter: T): AsyncGenerator<T> {
  if (delimiter.length === 0) throw new TypeError('delimiter must not be empty');
  let carry: T | null = null;
  for await (const chunk of source) {
    if (chunk.length === 0) continue;
    // Search from where a delimiter straddling the carry and this chunk could start.
    const piece: T = carry === null ? chunk : concat(carry, chunk);
    let start = 0;
    let from = carry === null ? 0 : Math.max(0, carry.length - delimiter.length + 1);
    for (;;) {
      const at = indexOfDelimiter(piece, delimiter, from);
      if (at === -1) break;
      yield slice(piece, start, at);
      start = at + delimiter.length;
      from = start;
    }
    carry = slice(piece, start);
  }
  if (carry !== null) yield carry;
}
