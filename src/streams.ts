/**
 * The byte work behind `iterContent`/`iterLines`, pure over async iterables: reading a body with an idle
 * timeout, re-chunking to exact sizes, incremental decoding and line splitting that does not depend on where
 * the chunks happen to break. Nothing here holds more than the current chunk and one unfinished line.
 */
import type { Decoder } from './encoding';

export interface ReadOptions {
  /** Longest silence (ms) allowed while a read is pending; not a total deadline. */
  readTimeout?: number | null;
  /** Called once, before the first read. */
  onStart?: () => void;
  /** Called with each chunk's size as it arrives. */
  onChunk?: (size: number) => void;
  /** Called once when the body has been read to its end (not when it failed or was cancelled). */
  onEnd?: () => void;
  /** Builds the error thrown when the idle timeout fires. */
  onTimeout: () => Error;
  /** Maps a failed read to the error to throw. */
  onError: (error: unknown) => unknown;
  /** Receives a function that cancels the body (Response.close() while it is being read). */
  registerCancel?: (cancel: () => void) => void;
  /** When the transport last received the body's bytes: silence is measured there, not in the decoded chunks. */
  byteClock?: ByteClock | null | undefined;
}

/** The transport's view of a body's raw (still content-encoded) bytes. */
export interface ByteClock {
  /** Starts watching; called before the first read. */
  hold(): void;
  /** performance.now() when raw bytes last arrived; null: none seen. */
  last(): number | null;
  /** Stops watching for good (idempotent). */
  release(): void;
}

const now = (): number => performance.now();

/** A buffered body as a stream of one chunk (none when it is empty). */
export async function* singleChunk(content: Uint8Array): AsyncGenerator<Uint8Array> {
  if (content.byteLength > 0) yield content;
}

/**
 * Reads a ReadableStream through `getReader()` (async iteration of streams is missing in Safari). One timer
 * guards the reads: it only runs while a read is pending, re-arms itself lazily instead of being reset on
 * every chunk, and is gone when reading stops. Leaving the loop early cancels the body, freeing the connection.
 */
export async function* readBody(body: ReadableStream<Uint8Array>, options: ReadOptions): AsyncGenerator<Uint8Array> {
  options.onStart?.();
  const reader = body.getReader();
  const { readTimeout, onChunk } = options;
  const clock = readTimeout != null ? options.byteClock : null;
  clock?.hold();
  let pendingSince = 0;
  let reading = false;
  let timedOut = false;
  let cancelled = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let finished = false;
  options.registerCancel?.(() => {
    cancelled = true;
    clock?.release(); // the loop may never resume to its finally
    reader.cancel().catch(() => {});
  });

  const check = (): void => {
    timer = undefined;
    if (!reading || readTimeout == null) return;
    const idle = now() - Math.max(pendingSince, clock?.last() ?? 0);
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
        if (!cancelled) options.onEnd?.();
        return;
      }
      onChunk?.(result.value.byteLength);
      yield result.value;
    }
  } finally {
    if (timer !== undefined) clearTimeout(timer);
    clock?.release();
    if (!finished) reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}

/**
 * A fresh, independent `Uint8Array` of `size` bytes whose contents are about to be overwritten in full. In Node,
 * `Buffer.allocUnsafeSlow` skips the zero-fill (most of the cost of a 64 KiB allocation); the result is still a
 * plain Uint8Array owning its own ArrayBuffer. Elsewhere, an ordinary (zeroed) allocation.
 */
const unsafeAlloc = (globalThis as { Buffer?: { allocUnsafeSlow?: (size: number) => Uint8Array } }).Buffer
  ?.allocUnsafeSlow;
function allocPiece(size: number): Uint8Array {
  // Small pieces: the zero-fill costs nothing and an ordinary allocation is cheaper.
  if (unsafeAlloc && size >= 4096) {
    const raw = unsafeAlloc(size);
    // Only a buffer of its own (a polyfill might hand out a pooled slice): the piece's `.buffer` is the piece.
    if (raw.byteOffset === 0 && raw.buffer.byteLength === size)
      return new Uint8Array(raw.buffer as ArrayBuffer, 0, size);
  }
  return new Uint8Array(size);
}

/**
 * Whether `body` is a byte stream (`type: 'bytes'`, as fetch bodies are in Node and current browsers): its chunks'
 * buffers were transferred on enqueue, so a chunk read from it is the only view of its ArrayBuffer and may itself
 * be transferred. Probed with a BYOB reader that is released at once (nothing is read).
 */
export function ownsChunks(body: ReadableStream<Uint8Array> | null): boolean {
  if (body === null || body.locked || typeof ArrayBuffer.prototype.transfer !== 'function') return false;
  try {
    body.getReader({ mode: 'byob' }).releaseLock();
    return true;
  } catch {
    return false;
  }
}

/**
 * Re-chunks to exact `size` pieces (only the last may be shorter); `null` passes chunks through as received.
 * With `owned` (chunks nobody else can see, see `ownsChunks`), a piece that starts in the tail of a chunk is built
 * in that chunk's own buffer (the tail moved to its front, then the next chunk's head copied after it) instead of
 * a fresh allocation: the pieces are the transport's own buffers, as in a raw reader loop.
 */
export async function* rechunk(
  source: AsyncIterable<Uint8Array>,
  size: number | null,
  owned = false,
): AsyncGenerator<Uint8Array> {
  if (size === null) {
    yield* source;
    return;
  }
  if (!Number.isInteger(size) || size <= 0)
    throw new TypeError(`chunkSize must be a positive integer or null, got ${size}`);
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
    const before = offset;
    while (chunk.byteLength - offset >= size) {
      yield chunk.subarray(offset, offset + size);
      offset += size;
    }
    if (offset < chunk.byteLength) {
      const rest = chunk.byteLength - offset;
      // Only a chunk no piece views (it is overwritten, or detached by transfer) and owning its whole buffer. No
      // whole piece was cut from it, so it is shorter than 2 × size: that is all a piece can keep alive.
      if (owned && offset === before && chunk.byteOffset === 0 && chunk.buffer.byteLength === chunk.byteLength) {
        // Built in the chunk's own buffer: its unread tail moved to the front (a memmove in cache); a chunk
        // shorter than a piece grows first (transfer: a realloc, the old buffer freed at once).
        const length = chunk.byteLength;
        const own = length >= size ? chunk : new Uint8Array((chunk.buffer as ArrayBuffer).transfer(size));
        if (offset > 0) own.copyWithin(0, offset, length);
        buffer = own.byteLength === size ? own : own.subarray(0, size);
      } else {
        buffer = allocPiece(size);
        buffer.set(chunk.subarray(offset));
      }
      filled = rest;
    }
  }
  // The short last piece: no uninitialised bytes may stay reachable through its `.buffer`.
  if (buffer !== null && filled > 0) yield buffer.fill(0, filled).subarray(0, filled);
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

const LF = 10;
const CR = 13;

function codeAt(piece: Piece, i: number): number {
  return typeof piece === 'string' ? piece.charCodeAt(i) : piece[i]!;
}

function slice<T extends Piece>(piece: T, start: number, end?: number): T {
  return (typeof piece === 'string' ? piece.slice(start, end) : (piece as Uint8Array).subarray(start, end)) as T;
}

function join<T extends Piece>(parts: T[], length: number): T {
  if (parts.length === 1) return parts[0]!;
  if (typeof parts[0] === 'string') return (parts as string[]).join('') as T;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts as Uint8Array[]) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out as T;
}

/** The unfinished line (or field) that spans chunks, kept as parts and joined once, so long lines stay linear. */
class Carry<T extends Piece> {
  #parts: T[] = [];
  length = 0;

  push(part: T): void {
    if (part.length === 0) return;
    this.#parts.push(part);
    this.length += part.length;
  }

  /** The carried parts followed by `last`, as one piece; the carry is emptied. */
  take(last: T): T {
    if (this.#parts.length === 0) return last;
    this.push(last);
    const out = join(this.#parts, this.length);
    this.#parts = [];
    this.length = 0;
    return out;
  }

  /** The carried parts without their last `drop` units; the carry is emptied. */
  takeDropping(drop: number): T {
    const whole = join(this.#parts, this.length);
    this.#parts = [];
    this.length = 0;
    return slice(whole, 0, whole.length - drop);
  }

  /** The last `n` units (fewer if the carry is shorter). */
  tail(n: number): T {
    const parts: T[] = [];
    let have = 0;
    for (let i = this.#parts.length - 1; i >= 0 && have < n; i--) {
      const part = this.#parts[i]!;
      const take = Math.min(n - have, part.length);
      parts.unshift(slice(part, part.length - take));
      have += take;
    }
    return join(parts, have);
  }
}

/**
 * Finds `\n` and `\r` from increasing offsets, each searched at most once over the piece: looking for the
 * nearer of the two must not rescan to the end for the other on every line (quadratic on long chunks).
 */
function lineEndFinder(piece: Piece): (from: number) => number {
  const find =
    typeof piece === 'string'
      ? (code: number, from: number) => piece.indexOf(code === LF ? '\n' : '\r', from)
      : (code: number, from: number) => piece.indexOf(code, from);
  let lf = -2;
  let cr = -2;
  return (from) => {
    if (lf !== -1 && lf < from) lf = find(LF, from);
    if (cr !== -1 && cr < from) cr = find(CR, from);
    if (lf === -1) return cr;
    if (cr === -1) return lf;
    return Math.min(lf, cr);
  };
}

/**
 * Splits on `\n`, `\r\n` and `\r`, whatever the chunking: a `\r` at the end of a chunk remembers to swallow a
 * `\n` that opens the next one, so a straddling `\r\n` is one line end (no spurious empty line, unlike
 * Requests #3980). A last line without a terminator is yielded; a final terminator does not produce an empty
 * line (Python's `splitlines`).
 */
export async function* splitLines<T extends Piece>(source: AsyncIterable<T>): AsyncGenerator<T> {
  const carry = new Carry<T>();
  let pendingCR = false;
  for await (const chunk of source) {
    if (chunk.length === 0) continue;
    let start = 0;
    if (pendingCR) {
      pendingCR = false;
      if (codeAt(chunk, 0) === LF) start = 1;
    }
    const nextLineEnd = lineEndFinder(chunk);
    for (;;) {
      const end = nextLineEnd(start);
      if (end === -1) break;
      yield carry.take(slice(chunk, start, end));
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
    if (start < chunk.length) carry.push(slice(chunk, start));
  }
  if (carry.length > 0) yield carry.takeDropping(0);
}

function indexOfPiece(piece: Piece, delimiter: Piece, from: number): number {
  if (typeof piece === 'string') return piece.indexOf(delimiter as string, from);
  const d = delimiter as Uint8Array;
  const first = d[0]!;
  for (let i = piece.indexOf(first, from); i !== -1 && i <= piece.length - d.length; i = piece.indexOf(first, i + 1)) {
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

function concat<T extends Piece>(a: T, b: T): T {
  return join([a, b], a.length + b.length);
}

/**
 * Splits exactly on `delimiter`, whatever the chunking: the same pieces as `wholeText.split(delimiter)`
 * (a trailing delimiter gives a trailing empty piece, as in Requests); an empty body gives nothing.
 */
export async function* splitOn<T extends Piece>(source: AsyncIterable<T>, delimiter: T): AsyncGenerator<T> {
  const d = delimiter.length;
  if (d === 0) throw new TypeError('delimiter must not be empty');
  const carry = new Carry<T>();
  let seenAny = false;
  for await (const chunk of source) {
    if (chunk.length === 0) continue;
    seenAny = true;
    let start = 0;
    // A delimiter that straddles the carry and this chunk starts within the carry's last d-1 units.
    if (carry.length > 0 && d > 1) {
      const tail = carry.tail(d - 1);
      const at = indexOfPiece(concat(tail, slice(chunk, 0, d - 1)), delimiter, 0);
      if (at !== -1) {
        yield carry.takeDropping(tail.length - at);
        start = at + d - tail.length;
      }
    }
    for (;;) {
      const at = indexOfPiece(chunk, delimiter, start);
      if (at === -1) break;
      yield carry.take(slice(chunk, start, at));
      start = at + d;
    }
    carry.push(slice(chunk, start));
  }
  if (seenAny) yield carry.take(slice(delimiter, 0, 0));
}
