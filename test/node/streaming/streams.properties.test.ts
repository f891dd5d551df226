/**
 * Whatever the network does to the chunk boundaries, the pieces must come out the same: any chunking of any
 * byte string gives the bytes back (in exact chunkSize pieces) and the same lines as splitting the whole text.
 * Pure async iterables and in-memory Responses: no network.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PreparedRequest, Response } from '../../../src/index';
import { rechunk, splitLines, splitOn } from '../../../src/streams';
import { collect, from } from '../../helpers/iterables';

const RUNS = { numRuns: 1000 };
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Cuts `whole` at the given offsets (taken modulo its length): any chunking, empty chunks included. */
function chunkAt<T extends Uint8Array | string>(whole: T, cuts: number[]): T[] {
  const points = [...new Set(cuts.map((c) => (whole.length === 0 ? 0 : c % (whole.length + 1))))].sort((a, b) => a - b);
  const out: T[] = [];
  let prev = 0;
  for (const p of [...points, whole.length]) {
    out.push(whole.slice(prev, Math.max(prev, p)) as T);
    prev = Math.max(prev, p);
  }
  return out;
}

function joinBytes(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/** A streamed Response whose body arrives in exactly these chunks. */
function streamedResponse(chunks: Uint8Array[], contentType = 'text/plain; charset=utf-8'): Response {
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      for (const chunk of chunks) if (chunk.length > 0) c.enqueue(chunk);
      c.close();
    },
  });
  const raw = new globalThis.Response(body, { headers: { 'content-type': contentType } });
  return new Response(raw, { request: new PreparedRequest({ url: 'http://h/' }), elapsed: 0 });
}

/** Python's `str.splitlines()` restricted to \n, \r\n and \r: the reference for iterLines. */
function referenceLines(text: string): string[] {
  const lines = text.split(/\r\n|\r|\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Text made mostly of line ends and multi-byte characters, where the chunk boundaries hurt. */
const lineText = fc
  .array(fc.constantFrom('a', 'b', ' ', '\n', '\r', '\r\n', 'é', '€', '😀', ',', '--'), { maxLength: 60 })
  .map((parts) => parts.join(''));
const cuts = fc.array(fc.nat({ max: 400 }), { maxLength: 12 });
const chunkSize = fc.oneof(fc.constant(null), fc.integer({ min: 1, max: 70 }));

describe('iterContent under any chunking', () => {
  it('gives back the same bytes, in exact chunkSize pieces (only the last shorter), for any chunkSize', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), cuts, chunkSize, async (bytes, at, size) => {
        const chunks = chunkAt(bytes, at);
        const pieces = await collect(streamedResponse(chunks).iterContent(size));
        expect(joinBytes(pieces)).toEqual(bytes);
        if (size === null) {
          expect(pieces).toEqual(chunks.filter((c) => c.length > 0));
        } else {
          for (const [i, piece] of pieces.entries()) {
            if (i < pieces.length - 1) expect(piece.length).toBe(size);
            else expect(piece.length).toBeGreaterThan(0);
          }
          expect(pieces.length).toBe(Math.ceil(bytes.length / size));
        }
      }),
      RUNS,
    );
  });

  it('rechunk alone keeps the bytes and the exact sizes over chunks that include empty ones', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 200 }),
        cuts,
        fc.integer({ min: 1, max: 50 }),
        async (bytes, at, size) => {
          const pieces = await collect(rechunk(from(chunkAt(bytes, at)), size));
          expect(joinBytes(pieces)).toEqual(bytes);
          expect(pieces.slice(0, -1).every((p) => p.length === size)).toBe(true);
        },
      ),
      RUNS,
    );
  });
});

describe('iterContent over a byte stream (chunks it owns, pieces built in their buffers)', () => {
  it('gives back the same bytes in exact pieces, each still intact once the whole body has been read', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 300 }),
        cuts,
        fc.integer({ min: 1, max: 70 }),
        async (bytes, at, size) => {
          const chunks = chunkAt(bytes, at);
          const body = new ReadableStream<Uint8Array>({
            type: 'bytes',
            start(c) {
              for (const chunk of chunks) if (chunk.length > 0) c.enqueue(chunk.slice());
              c.close();
            },
          });
          const r = new Response(new globalThis.Response(body), {
            request: new PreparedRequest({ url: 'http://h/' }),
            elapsed: 0,
          });
          const pieces = await collect(r.iterContent(size));
          expect(joinBytes(pieces)).toEqual(bytes);
          for (const [i, piece] of pieces.entries()) {
            if (i < pieces.length - 1) expect(piece.length).toBe(size);
            else expect(piece.length).toBeGreaterThan(0);
          }
          // A piece keeps alive no more than a chunk it views, or under two pieces' worth.
          const longest = Math.max(0, ...chunks.map((c) => c.length));
          for (const piece of pieces)
            expect(piece.buffer.byteLength).toBeLessThanOrEqual(Math.max(2 * size - 1, longest));
        },
      ),
      RUNS,
    );
  });
});

describe('iterLines under any chunking', () => {
  it('decoded: the same lines as splitting the whole text on \\n, \\r\\n and \\r, for any chunkSize', async () => {
    await fc.assert(
      fc.asyncProperty(lineText, cuts, chunkSize, async (text, at, size) => {
        const lines = await collect(streamedResponse(chunkAt(enc(text), at)).iterLines({ chunkSize: size }));
        expect(lines).toEqual(referenceLines(text));
      }),
      RUNS,
    );
  });

  it('bytes (decodeUnicode: false): the same lines, as bytes', async () => {
    await fc.assert(
      fc.asyncProperty(lineText, cuts, async (text, at) => {
        const lines = await collect(streamedResponse(chunkAt(enc(text), at)).iterLines({ decodeUnicode: false }));
        expect(lines).toEqual(referenceLines(text).map(enc));
      }),
      RUNS,
    );
  });

  it('splitLines over string chunks matches the reference (strings cut anywhere, even inside \\r\\n)', async () => {
    await fc.assert(
      fc.asyncProperty(lineText, cuts, async (text, at) => {
        expect(await collect(splitLines(from(chunkAt(text, at))))).toEqual(referenceLines(text));
      }),
      RUNS,
    );
  });

  const delimiter = fc.constantFrom(',', '\n', '\r\n', '--', 'a', 'aa', 'ab', 'aba', 'é', '😀');

  it('with a delimiter: the same pieces as whole.split(delimiter), strings and bytes alike', async () => {
    await fc.assert(
      fc.asyncProperty(lineText, cuts, delimiter, fc.boolean(), async (text, at, delim, decode) => {
        const expected = text.length === 0 ? [] : text.split(delim);
        const r = streamedResponse(chunkAt(enc(text), at));
        if (decode) {
          expect(await collect(r.iterLines({ delimiter: delim }))).toEqual(expected);
        } else {
          const lines = await collect(r.iterLines({ delimiter: enc(delim), decodeUnicode: false }));
          expect(lines).toEqual(expected.map(enc));
        }
      }),
      RUNS,
    );
  });

  it('splitOn over string chunks matches String.split for any delimiter drawn from the text alphabet', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom('a', 'b', ','), { maxLength: 40 }).map((p) => p.join('')),
        fc.array(fc.constantFrom('a', 'b', ','), { minLength: 1, maxLength: 4 }).map((p) => p.join('')),
        cuts,
        async (text, delim, at) => {
          expect(await collect(splitOn(from(chunkAt(text, at)), delim))).toEqual(
            text.length === 0 ? [] : text.split(delim),
          );
        },
      ),
      RUNS,
    );
  });
});
