/**
 * The upload-progress layer, added when a call has `onUploadProgress`: the request body goes to fetch as a stream
 * that counts its bytes as fetch takes them, and reports `{ transferred, total, percent }` — 0 at the start, each
 * chunk, 1 at the end. Made again for every attempt, so a retried or redirected Blob or bytes body counts afresh.
 *
 * Where the runtime cannot stream a request body (browsers: Chromium only over HTTP/2, the others not at all), the
 * body goes as it is and progress is reported once, complete, when the response arrives.
 */
import type { DownloadProgress } from '../response';
import { isBrowserRuntime } from '../runtime';
import type { FetchInit, Layer } from './layer';

type Report = (progress: DownloadProgress) => void;

/** The largest piece counted at once: 64 KiB. */
const PIECE = 64 * 1024;

export const uploadProgress: Layer = (next) => async (exchange) => {
  const report = exchange.options.onUploadProgress!;
  const body = exchange.init.body;
  if (body === null || body === undefined) return next(exchange);
  if (isBrowserRuntime()) {
    const response = await next(exchange);
    const size = knownSize(body) ?? 0;
    report({ transferred: size, total: size, percent: 1 });
    return response;
  }
  // A stream's size is known when the body said it (a file on disk keeps its Content-Length for fetch).
  const declared = Number(new Headers(exchange.init.headers).get('content-length')) || null;
  const { stream, contentType } = counted(body, knownSize(body) ?? declared ?? 0, report);
  const init: FetchInit = { ...exchange.init, body: stream, duplex: 'half' };
  if (contentType !== null) {
    // The Content-Type fetch would have derived from the body (a FormData's boundary), now that it gets a stream.
    const headers = new Headers(init.headers);
    if (!headers.has('content-type')) headers.set('Content-Type', contentType);
    init.headers = headers;
  }
  return next({ ...exchange, init });
};

/** The body as a stream that reports what fetch has taken of it, and the Content-Type fetch would have set. */
function counted(
  body: BodyInit,
  total: number,
  report: Report,
): { stream: ReadableStream<Uint8Array>; contentType: string | null } {
  let source: ReadableStream<Uint8Array>;
  let contentType: string | null = null;
  if (body instanceof ReadableStream) source = body;
  else if (body instanceof Blob) source = body.stream();
  else {
    // FormData, URLSearchParams, strings and bytes: serialised as fetch would, Content-Type included.
    const request = new Request('http://body.invalid/', { method: 'POST', body });
    source = request.body!;
    contentType = request.headers.get('content-type');
  }
  let transferred = 0;
  const progress = (): DownloadProgress => ({
    transferred,
    total,
    percent: total ? Math.min(transferred / total, 1) : 0,
  });
  report(progress());
  const counting = new TransformStream<Uint8Array, Uint8Array>(
    {
      // In pieces, so that progress follows fetch taking the bytes (a Blob in memory is one chunk), no copies.
      async transform(chunk, controller) {
        for (let at = 0; at < chunk.byteLength; at += PIECE) {
          const piece = chunk.subarray(at, at + PIECE);
          controller.enqueue(piece);
          transferred += piece.byteLength;
          report(progress());
        }
      },
      // One event says done: with the total known now when it was not (the last piece already said so otherwise).
      flush() {
        if (!(total && transferred >= total)) report({ transferred, total: transferred, percent: 1 });
      },
    },
    undefined,
    { highWaterMark: 1 },
  );
  return { stream: source.pipeThrough(counting), contentType };
}

/** The bytes of a body when they can be known without reading it. */
function knownSize(body: BodyInit): number | null {
  if (body instanceof Blob) return body.size;
  if (ArrayBuffer.isView(body) || body instanceof ArrayBuffer) return body.byteLength;
  if (typeof body === 'string') return new TextEncoder().encode(body).byteLength;
  return null;
}
