/**
 * Request bodies that are streams, as Requests sends a generator or a file: an async iterable of bytes (a generator,
 * a Node `Readable`, an `fs.ReadStream`) becomes the ReadableStream fetch takes, pulled one chunk at a time as fetch
 * asks for the next, so that nothing is read ahead of the connection and nothing is held whole.
 *
 *   byteStream((async function* () { yield 'a'; yield new Uint8Array([98]); })())   // a stream of 'ab'
 */
import { utf8 } from './encoding';

/** An object with `Symbol.asyncIterator`: a generator, a Node Readable (a ReadableStream is one too). */
export function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function'
  );
}

/** One chunk as bytes: bytes as they are, a string as UTF-8 (as Requests encodes a str chunk); else a TypeError. */
function asBytes(chunk: unknown): Uint8Array {
  if (chunk instanceof Uint8Array) return chunk;
  if (typeof chunk === 'string') return utf8.encode(chunk);
  if (chunk instanceof ArrayBuffer) return new Uint8Array(chunk);
  if (ArrayBuffer.isView(chunk)) return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  const what = chunk === null ? 'null' : typeof chunk === 'object' ? 'an object' : typeof chunk;
  throw new TypeError(`A streamed request body yields bytes or strings, not ${what}`);
}

/**
 * The chunks of `source` as a byte stream. `limit`: the size announced for it (Content-Length), never exceeded — a
 * file that grows while it is sent is cut there. Cancelling the stream (fetch gave up) returns the iterator, which
 * closes a Node stream.
 */
export function byteStream(source: AsyncIterable<unknown>, limit: number | null = null): ReadableStream<Uint8Array> {
  let iterator: AsyncIterator<unknown> | null = null;
  let sent = 0;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        iterator ??= source[Symbol.asyncIterator]();
        for (;;) {
          const { done, value } = await iterator.next();
          if (done) {
            controller.close();
            return;
          }
          let bytes = asBytes(value);
          if (limit !== null && sent + bytes.byteLength > limit) bytes = bytes.subarray(0, limit - sent);
          sent += bytes.byteLength;
          if (bytes.byteLength > 0) controller.enqueue(bytes);
          if (limit !== null && sent >= limit) {
            controller.close();
            await iterator.return?.();
            return;
          }
          if (bytes.byteLength > 0) return;
        }
      },
      async cancel(reason) {
        await iterator?.return?.(reason);
      },
    },
    { highWaterMark: 0 },
  );
}
