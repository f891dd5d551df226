/**
 * decodeUnicode decodes incrementally: a character whose bytes are split across chunks, anywhere, comes out
 * whole, and the streamed text always equals the text of the whole body decoded at once. In-memory bodies.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PreparedRequest, Response } from '../../../src/index';

const RUNS = { numRuns: 1000 };

function chunkAt(whole: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (whole.length + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let prev = 0;
  for (const p of [...points, whole.length]) {
    out.push(whole.slice(prev, p));
    prev = p;
  }
  return out;
}

function response(chunks: Uint8Array[], contentType: string): Response {
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      for (const chunk of chunks) if (chunk.length > 0) c.enqueue(chunk);
      c.close();
    },
  });
  return new Response(new globalThis.Response(body, { headers: { 'content-type': contentType } }), {
    request: new PreparedRequest({ url: 'http://h/' }),
    elapsed: 0,
  });
}

async function streamedText(r: Response, chunkSize: number | null): Promise<string> {
  let text = '';
  for await (const piece of r.iterContent(chunkSize, true)) {
    expect(typeof piece).toBe('string');
    text += piece;
  }
  return text;
}

function utf16(text: string, bigEndian: boolean): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  const view = new DataView(out.buffer);
  for (let i = 0; i < text.length; i++) view.setUint16(i * 2, text.charCodeAt(i), !bigEndian);
  return out;
}

/** Any Unicode text (astral characters included), without lone surrogates, which no UTF can carry. */
const unicodeText = fc.string({ unit: 'grapheme', maxLength: 40 });
const cuts = fc.array(fc.nat({ max: 300 }), { maxLength: 12 });
const chunkSize = fc.oneof(fc.constant(null), fc.integer({ min: 1, max: 9 }));

describe('iterContent(chunkSize, decodeUnicode=true) under any chunking', () => {
  it('UTF-8: multi-byte characters split anywhere come out whole', async () => {
    await fc.assert(
      fc.asyncProperty(unicodeText, cuts, chunkSize, async (text, at, size) => {
        const r = response(chunkAt(new TextEncoder().encode(text), at), 'text/plain; charset=utf-8');
        expect(await streamedText(r, size)).toBe(text);
      }),
      RUNS,
    );
  });

  it('UTF-16LE and UTF-16BE: code units and surrogate pairs split anywhere come out whole', async () => {
    await fc.assert(
      fc.asyncProperty(unicodeText, cuts, chunkSize, fc.boolean(), async (text, at, size, bigEndian) => {
        const r = response(chunkAt(utf16(text, bigEndian), at), `text/plain; charset=utf-16${bigEndian ? 'be' : 'le'}`);
        expect(await streamedText(r, size)).toBe(text);
      }),
      RUNS,
    );
  });

  it('any bytes, valid UTF-8 or not: the streamed text equals the whole body decoded at once (same U+FFFD)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 120 }), cuts, chunkSize, async (bytes, at, size) => {
        const streamed = await streamedText(response(chunkAt(bytes, at), 'text/plain; charset=utf-8'), size);
        const buffered = await response([bytes], 'text/plain; charset=utf-8').read();
        expect(streamed).toBe(buffered.text);
      }),
      RUNS,
    );
  });

  it('ISO-8859-1 (text/* without charset): every byte is its own character, as in Python (not windows-1252)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 120 }), cuts, chunkSize, async (bytes, at, size) => {
        const r = response(chunkAt(bytes, at), 'text/plain');
        expect(r.encoding).toBe('ISO-8859-1');
        expect(await streamedText(r, size)).toBe(String.fromCharCode(...bytes));
      }),
      RUNS,
    );
  });

  it('a buffered response re-slices its content and decodes it to the same text, for any chunkSize', async () => {
    await fc.assert(
      fc.asyncProperty(unicodeText, chunkSize, async (text, size) => {
        const r = await response([new TextEncoder().encode(text)], 'application/json').read();
        expect(await streamedText(r, size)).toBe(r.text);
        expect(await streamedText(r, size)).toBe(text);
      }),
      RUNS,
    );
  });
});
