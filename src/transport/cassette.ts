/**
 * The cassette layer: records what goes through fetch, or answers from a recording without reaching the network.
 * It sits innermost, right above fetch, so every attempt, redirect hop and auth round-trip (Digest's 401, then
 * its answer) is its own recording, as each is its own call of the adapter.
 *
 *   const cassette = await Cassette.open('test/cassettes/api.har', { mode: 'once' });
 *   const s = new Session({ cassette });          // the Session's adapters add `cassette.layer`
 *
 * Recording: the request body is captured as bytes (a stream is teed, a FormData serialised once so that what is
 * recorded is what was sent); the response body is teed, so the caller reads its branch at the network's pace
 * while the other branch is recorded whole, chunk by chunk with each chunk's arrival time. Replaying: the recorded
 * body comes back as a stream in the recorded chunks, optionally at the recorded pace.
 *
 * This file holds the mechanics only; what is kept (HAR, redaction) and what matches lives in src/cassette/, which
 * implements `Tape`. It is part of the `fetch-requests/cassette` bundle, not of the core's: the core knows the
 * cassette only as `options.cassette.layer`.
 */
// By name, as its users import it: this file is bundled into fetch-requests/cassette, which shares the library's classes.
import { type FetchInit, type Layer, NoRecordingError, type PreparedRequest } from 'fetch-requests';

/** A request as it was (or would have been) sent, its body as bytes. */
export interface TapedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Headers;
  readonly body: Uint8Array | null;
}

/** One exchange as it happened, for the cassette to keep. */
export interface Interaction {
  readonly request: TapedRequest;
  readonly response: {
    readonly status: number;
    readonly statusText: string;
    readonly headers: Headers;
    /** fetch's final URL (differs from the request's only when the runtime followed redirects: browsers). */
    readonly url: string;
    readonly redirected: boolean;
    /** The body as the caller got it (decoded: fetch undoes gzip, deflate and br). */
    readonly body: Uint8Array;
    /** [bytes, ms after the headers] for each chunk as it arrived. */
    readonly chunks: readonly (readonly [number, number])[];
    /** The body failed after these bytes (a connection cut short), or null. */
    readonly error: string | null;
  };
  readonly startedDateTime: string;
  /** ms from sending to the response headers. */
  readonly wait: number;
  /** ms from the headers to the body's end. */
  readonly receive: number;
}

/** A recorded answer, ready to be played. */
export interface Playback {
  readonly status: number;
  readonly statusText: string;
  readonly headers: readonly (readonly [string, string])[];
  readonly body: Uint8Array;
  readonly chunks: readonly (readonly [number, number])[] | null;
  /** The response's own URL when it differs from the request's (a redirect the runtime followed). */
  readonly url: string | null;
  readonly redirected: boolean;
  /** status 0: the request failed (a HAR from a browser keeps those); else the body fails after its bytes. */
  readonly error: string | null;
  readonly wait: number;
  readonly receive: number;
}

/** What the cassette says of a request: play this, there is no recording (and why), or send it and record it. */
export type Lookup = { readonly playback: Playback } | { readonly miss: string } | null;

/** The cassette, as the layer sees it (implemented by src/cassette/cassette.ts). */
export interface Tape {
  /** Replay at the recorded pace: the wait for the headers, then each chunk at its time. */
  readonly replayDelays: boolean;
  /** false in record mode: nothing is looked up, so a stream body is sent while it is recorded. */
  readonly replays: boolean;
  lookup(request: TapedRequest): Lookup;
  /** Called before the request is sent, so recordings keep the order requests were made in. */
  record(interaction: Promise<Interaction | null>): void;
}

/** Statuses whose responses have no body (fetch refuses one). */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

export function cassetteLayer(tape: Tape): Layer {
  return (next) => async (exchange) => {
    const { request } = exchange;
    const sent = await captureBody(exchange.init, tape.replays);
    const taped: TapedRequest = { method: request.method, url: request.url, headers: sent.headers, body: sent.body };
    const found = tape.replays ? tape.lookup(taped) : null;
    if (found !== null) {
      // Replayed: a stream body that will not be sent is released.
      if (sent.init.body instanceof ReadableStream) await sent.init.body.cancel().catch(() => {});
      if ('miss' in found) throw new NoRecordingError(found.miss, { request });
      return replay(found.playback, request, exchange.init.signal ?? undefined, tape.replayDelays);
    }
    let settle!: (interaction: Interaction | null) => void;
    tape.record(new Promise((resolve) => (settle = resolve)));
    const startedDateTime = new Date().toISOString();
    const started = performance.now();
    let raw: globalThis.Response;
    try {
      raw = await next({ ...exchange, init: sent.init });
    } catch (error) {
      settle(null); // failures before a response are not recorded
      throw error;
    }
    const headersAt = performance.now();
    const head = {
      status: raw.status,
      statusText: raw.statusText,
      headers: raw.headers,
      url: raw.url,
      redirected: raw.redirected,
    };
    const finish = async (body: Uint8Array, chunks: [number, number][], error: string | null): Promise<void> => {
      const receive = performance.now() - headersAt;
      // readWhole never rejects: a stream that failed is recorded as far as it came.
      const requestBody = sent.later ? await sent.later : taped.body;
      settle({
        request: { ...taped, body: requestBody },
        response: { ...head, body, chunks, error },
        startedDateTime,
        wait: headersAt - started,
        receive,
      });
    };
    if (raw.body === null || raw.status === 0) {
      void finish(new Uint8Array(0), [], null);
      return raw;
    }
    const [mine, theirs] = raw.body.tee();
    void readWhole(theirs, headersAt).then(({ body, chunks, error }) => finish(body, chunks, error));
    return withBody(raw, mine, raw);
  };
}

/** A response over `body` with `head`'s status and headers, and the url and redirected that buildResponse reads. */
function withBody(head: ResponseInit, body: ReadableStream<Uint8Array> | null, like: ResponseFacts): Response {
  const response = new Response(body, { status: head.status, statusText: head.statusText, headers: head.headers });
  Object.defineProperties(response, {
    url: { value: like.url, configurable: true },
    redirected: { value: like.redirected, configurable: true },
  });
  return response;
}

interface ResponseFacts {
  readonly url: string;
  readonly redirected: boolean;
}

/** The recording branch, read to its end at the network's pace (the caller's branch is never held back). */
async function readWhole(
  stream: ReadableStream<Uint8Array>,
  headersAt: number,
): Promise<{ body: Uint8Array; chunks: [number, number][]; error: string | null }> {
  const reader = stream.getReader();
  const pieces: Uint8Array[] = [];
  const chunks: [number, number][] = [];
  let error: string | null = null;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      pieces.push(value);
      chunks.push([value.byteLength, Math.round(performance.now() - headersAt)]);
    }
  } catch (failure) {
    error = String((failure as Error)?.message ?? failure);
  }
  return { body: concat(pieces), chunks, error };
}

interface SentBody {
  body: Uint8Array | null;
  /** A stream's bytes, still being read while it is sent (record mode). */
  later?: Promise<Uint8Array>;
  headers: Headers;
  init: FetchInit;
}

/**
 * The request body as bytes, and the init to send: a stream is teed (one branch read here, the other sent); a
 * FormData or URLSearchParams is serialised once and sent as those bytes, with the Content-Type (and multipart
 * boundary) that came with them, so the recording is exactly what went out. A stream is read whole before it is
 * sent when a recording may answer it (`now`), else while it is sent.
 */
async function captureBody(init: FetchInit, now: boolean): Promise<SentBody> {
  const headers = new Headers(init.headers);
  const body = init.body ?? null;
  if (body === null) return { body: null, headers, init };
  if (body instanceof Uint8Array) return { body, headers, init };
  if (typeof body === 'string') return { body: new TextEncoder().encode(body), headers, init };
  if (body instanceof ArrayBuffer) return { body: new Uint8Array(body), headers, init };
  if (ArrayBuffer.isView(body))
    return { body: new Uint8Array(body.buffer, body.byteOffset, body.byteLength), headers, init };
  if (body instanceof ReadableStream) {
    const [send, keep] = (body as ReadableStream<Uint8Array>).tee();
    const bytes = readWhole(keep, performance.now()).then((read) => read.body);
    if (!now) return { body: null, later: bytes, headers, init: { ...init, body: send } };
    return { body: await bytes, headers, init: { ...init, body: send } };
  }
  if (typeof Blob !== 'undefined' && body instanceof Blob) {
    if (body.type && !headers.has('content-type')) headers.set('Content-Type', body.type);
    return { body: new Uint8Array(await body.arrayBuffer()), headers, init };
  }
  // FormData, URLSearchParams: serialised as fetch would, then sent as those very bytes.
  const serialised = new Response(body as BodyInit);
  const bytes = new Uint8Array(await serialised.arrayBuffer());
  const type = serialised.headers.get('content-type');
  if (type && !headers.has('content-type')) headers.set('Content-Type', type);
  return { body: bytes, headers, init: { ...init, body: bytes, headers } };
}

/** A recorded answer as fetch's Response: the body a stream in the recorded chunks, at their pace if asked. */
async function replay(
  playback: Playback,
  request: PreparedRequest,
  signal: AbortSignal | undefined,
  delays: boolean,
): Promise<globalThis.Response> {
  if (delays) await sleep(playback.wait, signal);
  signal?.throwIfAborted();
  if (playback.status === 0) {
    // A request the recording saw fail: fetch's network error, which the error layer maps to ConnectionError.
    throw new TypeError(`fetch failed (recorded as failed: ${playback.error ?? 'no response'})`);
  }
  const noBody = NULL_BODY.has(playback.status) || request.method === 'HEAD';
  const body = noBody ? null : replayStream(playback, delays, signal);
  return responseOf(playback, body, request.url);
}

/** fetch's Response for a recorded answer, as both the layer and MSW's handlers give it. */
export function responseOf(
  playback: Playback,
  body: ReadableStream<Uint8Array> | null,
  requestUrl: string,
  skipHeaders: ReadonlySet<string> = new Set(),
): globalThis.Response {
  const headers = new Headers();
  for (const [name, value] of playback.headers) {
    if (name.startsWith(':') || skipHeaders.has(name.toLowerCase())) continue; // HTTP/2 pseudo-headers
    try {
      headers.append(name, value);
    } catch {
      // A name or value fetch refuses (a browser's HAR can hold one): left out.
    }
  }
  const status = playback.status >= 200 && playback.status <= 599 ? playback.status : 200;
  const statusText = /^[\t\x20-\x7e\x80-\xff]*$/.test(playback.statusText) ? playback.statusText : '';
  const url = playback.url ?? requestUrl.replace(/#.*$/, '');
  return withBody({ status, statusText, headers }, body, { url, redirected: playback.redirected });
}

/** The recorded body as a stream, chunk by chunk as recorded (one chunk when the recording has no chunks). */
export function replayStream(
  playback: Playback,
  delays: boolean,
  signal: AbortSignal | undefined,
): ReadableStream<Uint8Array> {
  const plan = chunkPlan(playback);
  const { body } = playback;
  let next = 0;
  let offset = 0;
  const started = performance.now();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (next < plan.length) {
          const [size, at] = plan[next++]!;
          if (delays) {
            try {
              await sleep(started + at - performance.now(), signal);
            } catch (reason) {
              controller.error(reason);
              return;
            }
          }
          controller.enqueue(body.slice(offset, (offset += size)));
        }
        if (next < plan.length) return;
        if (playback.error) controller.error(new TypeError(`terminated (recorded: ${playback.error})`));
        else controller.close();
      },
    },
    { highWaterMark: 0 },
  );
}

/** Chunk sizes and times that cover the body exactly (redaction may have changed its length since). */
function chunkPlan(playback: Playback): [number, number][] {
  const length = playback.body.byteLength;
  const recorded = playback.chunks ?? [];
  const plan: [number, number][] = [];
  let covered = 0;
  for (const [size, at] of recorded) {
    if (covered >= length) break;
    const take = Math.min(size, length - covered);
    plan.push([take, at]);
    covered += take;
  }
  if (covered < length) {
    if (plan.length > 0) plan[plan.length - 1]![0] += length - covered;
    else plan.push([length, playback.receive]);
  }
  return plan;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  if (!(ms > 0)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const done = (): void => {
      signal?.removeEventListener('abort', abort);
      resolve();
    };
    const timer = setTimeout(done, ms);
    const abort = (): void => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', abort, { once: true });
  });
}

export function concat(pieces: readonly Uint8Array[]): Uint8Array {
  if (pieces.length === 1) return pieces[0]!;
  const out = new Uint8Array(pieces.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const piece of pieces) {
    out.set(piece, at);
    at += piece.byteLength;
  }
  return out;
}
