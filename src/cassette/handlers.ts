/**
 * A cassette's recordings as MSW request handlers, for `setupServer` (Node) and `setupWorker` (browsers): the same
 * file then answers any HTTP client, not only this library. The rules are the cassette's own (match.ts): method and
 * URL, the body when `matchBody` is on, identical requests in recorded order. A request no recording answers is left
 * unhandled, so MSW's `onUnhandledRequest` decides (`'error'` keeps tests off the network).
 *
 * Written here rather than taken from @mswjs/source's `fromTraffic`, which (0.5.0) does not load with msw 3, sends
 * a recorded gzip body with its Content-Encoding (the client fails to decode it), corrupts binary and non-ASCII
 * base64 bodies, ignores bodies, lets a request whose query differs through to the network, and always replays
 * the recorded delays (docs/record-replay.md has the details).
 */
import { HttpHandler } from 'msw';
import { replayStream, responseOf } from '../transport/cassette';
import { type HarEntry, playbackOf } from './har';
import { type Incoming, keyMatcher, type MatchOptions, Playlist, requestKey } from './match';
import type { Redactor } from './redact';

/** The body of a recording is kept decoded: the headers that describe an encoded one would mislead a client. */
const ENCODING_HEADERS = new Set(['content-encoding', 'content-length', 'transfer-encoding']);

export interface HandlerOptions extends MatchOptions {
  replayDelays: boolean;
  redactor: Redactor;
}

export function cassetteHandlers(entries: readonly HarEntry[], options: HandlerOptions): HttpHandler[] {
  const playlist = new Playlist(entries, options);
  const incoming = async (request: Request): Promise<Incoming> => {
    const contentType = request.headers.get('content-type') ?? '';
    const body = options.matchBody ? new Uint8Array(await request.clone().arrayBuffer()) : null;
    return {
      method: request.method,
      url: options.redactor.url(request.url),
      body: body && options.redactor.body(body, contentType),
      contentType,
    };
  };
  const firsts = new Map<string, HarEntry>();
  for (const entry of entries) {
    const key = requestKey(entry.request.method, entry.request.url);
    if (!firsts.has(key)) firsts.set(key, entry);
  }
  return [...firsts].map(([key, entry]) => {
    const matches = keyMatcher(key);
    return new HttpHandler(
      entry.request.method.toUpperCase(),
      async ({ request }) =>
        matches(requestKey(request.method, options.redactor.url(request.url))) &&
        playlist.find(await incoming(request), false) !== null,
      async ({ request }) => {
        const found = playlist.find(await incoming(request), true);
        // Taken by a concurrent twin since the predicate looked: fail like a network, never pass through.
        if (!found) return Response.error();
        const playback = playbackOf(found);
        if (options.replayDelays) await new Promise((resolve) => setTimeout(resolve, playback.wait));
        if (playback.status === 0) return Response.error();
        const noBody = [101, 103, 204, 205, 304].includes(playback.status) || request.method === 'HEAD';
        const body = noBody ? null : replayStream(playback, options.replayDelays, request.signal);
        return responseOf(playback, body, request.url, ENCODING_HEADERS);
      },
    );
  });
}
