/**
 * Content codings and text encodings: /gzip, /deflate and /brotli (the echo, compressed, with Content-Encoding
 * gzip, deflate, br) and /encoding/utf8 (a UTF-8 page).
 *
 * Compression uses CompressionStream ('gzip'; 'deflate' is zlib-wrapped, as Python's zlib.compressobj() writes;
 * 'brotli', which Node has from 24).
 * Under setupServer the bytes go through a real HTTP parser, which decodes them as it would httpbin's. A page
 * controlled by msw's service worker is different: a browser never decodes a body a service worker made up, so
 * there the body goes out already decoded, with the Content-Encoding header kept, which is what a page sees from
 * the real server.
 */
import { HTML, jsonify, reply } from './responses';
import { GET, route, type Route } from './router';

function deliveredByServiceWorker(): boolean {
  return (
    typeof navigator !== 'undefined' &&
    !!(navigator as { serviceWorker?: { controller?: unknown } }).serviceWorker?.controller
  );
}

type Format = 'gzip' | 'deflate' | 'brotli';

async function compress(bytes: Uint8Array, format: Format): Promise<Uint8Array> {
  // TypeScript's DOM types do not list 'brotli' yet.
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream(format as CompressionFormat));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function encoded(format: Format, flag: 'gzipped' | 'deflated' | 'brotli', coding: string = format): Route {
  return route(`/${format}`, GET, async (req) => {
    const plain = jsonify(await req.dict(['origin', 'headers'], { method: req.method, [flag]: true }));
    const bytes = new Uint8Array(await plain.arrayBuffer());
    const header: [string, string] = ['Content-Encoding', coding];
    if (deliveredByServiceWorker()) return reply(bytes, { contentType: 'application/json', headers: [header] });
    return reply(await compress(bytes, format), { contentType: 'application/json', headers: [header] });
  });
}

/**
 * httpbin.org serves Markus Kuhn's UTF-8 demo here; Debian strips that file (its licence), so this is a page of our
 * own in the same spirit: many scripts, symbols and astral characters, all UTF-8.
 */
const UTF8_SAMPLE = `<h1>Unicode Demo</h1>

<h2>UTF-8 encoded sample plain-text file</h2>

<pre>
Mathematics:   ∮ E⋅da = Q,  n → ∞, ∑ f(i) = ∏ g(i), ∀x∈ℝ: ⌈x⌉ = −⌊−x⌋, α ∧ ¬β = ¬(¬α ∨ β)
Linguistics:   ði ıntəˈnæʃənəl fəˈnɛtık əsoʊsiˈeıʃn
Greek:         Σὲ γνωρίζω ἀπὸ τὴν κόψη τοῦ σπαθιοῦ τὴν τρομερή
Russian:       Зарегистрируйтесь сейчас на Десятую Международную Конференцию
Georgian:      გთხოვთ ახლავე გაიაროთ რეგისტრაცია
Thai:          ๏ แผ่นดินฮั่นเสื่อมโทรมแสนสังเวช
Amharic:       ሰማይ አይታረስ ንጉሥ አይከሰስ።
Runes:         ᚻᛖ ᚳᚹᚫᚦ ᚦᚫᛏ ᚻᛖ ᛒᚢᛞᛖ ᚩᚾ ᚦᚫᛗ
Braille:       ⡌⠁⠧⠑ ⠼⠁⠒  ⡍⠜⠇⠑⠹⠰⠎ ⡣⠕⠌
Japanese:      いろはにほへとちりぬるを
Chinese:       我能吞下玻璃而不伤身体。
Emoji:         😀 🚀 🌍 (outside the Basic Multilingual Plane)
Quotes:        ‘single’ “double” „German“ «French» ‹angle›
Boxes:         ╔══╦══╗  ┌──┬──┐  ╭──┬──╮
</pre>
`;

export const encodingRoutes: Route[] = [
  encoded('gzip', 'gzipped'),
  encoded('deflate', 'deflated'),
  encoded('brotli', 'brotli', 'br'),
  route('/encoding/utf8', GET, () => reply(UTF8_SAMPLE, { contentType: HTML })),
];
