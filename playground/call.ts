/**
 * Sends the form's request through the library and feeds the response panel: the head as soon as it arrives,
 * then the body — buffered (Requests' default) or streamed with iterContent / iterLines, piece by piece.
 */
import requests, { type Response } from 'fetch-requests';
import { toCall, type RequestSpec } from './spec';
import type { ResponseView, ShownBody } from './view';

export async function perform(spec: RequestSpec, view: ResponseView, signal: AbortSignal): Promise<Response> {
  view.start();
  const { method, url, options } = toCall(spec);
  const started = performance.now();
  const r = await requests.request(method, url, { ...options, signal, onDownloadProgress: (p) => view.progress(p) });
  view.head(r, spec.stream !== null);
  const shown = spec.stream ? await readStream(r, spec.stream, view) : buffered(r);
  view.body(shown, r.request.method);
  if (spec.raiseForStatus) r.raiseForStatus();
  view.done(performance.now() - started);
  return r;
}

function buffered(r: Response): ShownBody {
  return {
    bytes: r.content,
    contentType: r.headers.get('content-type') ?? '',
    text: () => r.text,
    json: () => r.json(),
  };
}

async function readStream(
  r: Response,
  stream: NonNullable<RequestSpec['stream']>,
  view: ResponseView,
): Promise<ShownBody> {
  const contentType = r.headers.get('content-type') ?? '';
  if (stream.mode === 'lines') {
    const lines: string[] = [];
    for await (const line of r.iterLines({ chunkSize: stream.chunkSize })) {
      lines.push(line);
      view.chunk(line);
    }
    const text = lines.join('\n');
    return { bytes: new TextEncoder().encode(text), contentType, text: () => text, json: () => JSON.parse(text) };
  }
  const pieces: Uint8Array[] = [];
  for await (const chunk of r.iterContent(stream.chunkSize)) {
    pieces.push(chunk);
    view.chunk(chunk);
  }
  const bytes = concat(pieces);
  const text = (): string => decoder(r.encoding).decode(bytes);
  return { bytes, contentType, text, json: () => JSON.parse(text()) };
}

function decoder(encoding: string | null): TextDecoder {
  try {
    return new TextDecoder(encoding ?? 'utf-8');
  } catch {
    return new TextDecoder('utf-8');
  }
}

function concat(pieces: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(pieces.reduce((n, p) => n + p.byteLength, 0));
  let offset = 0;
  for (const piece of pieces) {
    out.set(piece, offset);
    offset += piece.byteLength;
  }
  return out;
}
