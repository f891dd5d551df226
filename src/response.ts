/**
 * Requests' Response over a fetch Response: status, headers, history, buffered `text`/`content`/`json()`
 * (synchronous once the body is read), `encoding`, `raiseForStatus()`, `links`, and the stream iterators.
 */
import { createDecoder, decodeBytes, detectEncoding, encodingFromContentType, guessJsonUtf } from './encoding';
import { HTTPError, JSONDecodeError, ReadTimeout, RequestException, StreamConsumedError } from './exceptions';
import { loadOnce } from './lazy';
import { linksByRel, type Link } from './links';
import type { PreparedRequest } from './request';
import { REDIRECT_STATI } from './redirects';
import { reasonPhrase } from './status-codes';
import type { ByteClock } from './streams';
import { type HeadersDict, withBracketAccess } from './structures';

export interface DownloadProgress {
  /** Bytes received so far (after content decoding). */
  transferred: number;
  /** Content-Length when known (and the body is not content-encoded), else 0. */
  total: number;
  /** 0..1; 0 while the total is unknown, 1 at the end. */
  percent: number;
}

export interface ResponseOptions {
  request: PreparedRequest;
  /** Milliseconds from sending to the headers (the Session measures it). */
  elapsed?: number;
  /** Longest silence (ms) between body chunks; null for none. */
  readTimeout?: number | null;
  /** When the transport last received the body's raw bytes: the read timeout measures silence there. */
  byteClock?: ByteClock | null;
  /** Maps a failure while reading the body to Requests' exception (the transport's knowledge). */
  readError?: (error: unknown) => unknown;
  onDownloadProgress?: ((progress: DownloadProgress) => void) | undefined;
}

export interface IterLinesOptions {
  chunkSize?: number | null;
  decodeUnicode?: boolean;
  delimiter?: string | Uint8Array | null;
}

type BodyState = 'unread' | 'streaming' | 'read' | 'consumed';

type Streams = typeof import('./streams');

/**
 * streams.ts (the reader with its idle timer, re-chunking, decoding, line splitting), loaded on the first streamed
 * read: a body that fetch collects natively never needs it.
 */
const loadStreams = loadOnce((): Promise<Streams> => import('./streams'));

/**
 * The iterator of what `build` makes from streams.ts: only the first `next()` waits for the module, every later
 * call goes straight to the pipeline (no extra promise per chunk).
 */
function whenLoaded<T>(build: (streams: Streams) => AsyncIterable<T>): AsyncIterableIterator<T> {
  let inner: AsyncIterator<T> | undefined;
  return {
    next: () =>
      inner?.next() ?? loadStreams().then((streams) => (inner ??= build(streams)[Symbol.asyncIterator]()).next()),
    // Leaving a loop early: the pipeline's own return cancels the body.
    return: (value?: unknown) => inner?.return?.(value) ?? Promise.resolve({ done: true, value: value as T }),
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

const inspect = Symbol.for('nodejs.util.inspect.custom');

export class Response {
  /** The underlying fetch Response. */
  readonly raw: globalThis.Response;
  statusCode: number;
  /** The server's reason phrase, or the standard one when the transport has none (HTTP/2). */
  reason: string;
  /** The runtime's headers, read also by bracket, case-insensitively: `r.headers['content-type']`. */
  get headers(): HeadersDict {
    return this.#headers;
  }

  set headers(value: Headers) {
    this.#headers = withBracketAccess(value);
  }
  /** Final URL of this response (with the request's fragment, never with credentials). */
  url: string;
  /** The redirect responses that led here, oldest first. Prints as Python prints the list: `[<Response [302]>]`. */
  get history(): Response[] {
    // Made on first use: most responses never have their history read or set.
    return (this.#history ??= new ResponseHistory());
  }

  set history(value: Response[]) {
    this.#history = value instanceof ResponseHistory ? value : ResponseHistory.from(value);
  }

  /** The PreparedRequest that got this response. */
  request: PreparedRequest;
  /** Milliseconds from sending the request to receiving the headers. */
  elapsed: number;
  /** With `allowRedirects: false`: the request that following this redirect would send. */
  next: PreparedRequest | null = null;
  /**
   * True when the browser followed redirects itself (fetch gives a page no way to see them): `url` is the final
   * URL but `history` cannot list the hops.
   */
  redirected = false;
  /** True for a redirect a browser would not let us see (`redirect: 'manual'` → opaque, status 0, no Location). */
  readonly opaqueRedirect: boolean;

  #history: Response[] | null = null;
  #headers: HeadersDict;
  #state: BodyState = 'unread';
  #content: Uint8Array | null = null;
  #encoding: string | null | undefined;
  #readTimeout: number | null;
  #byteClock: ByteClock | null;
  #readError: (error: unknown) => unknown;
  #onProgress: ResponseOptions['onDownloadProgress'];
  #cancel: (() => void) | null = null;
  #reading: Promise<this> | null = null;

  constructor(raw: globalThis.Response, options: ResponseOptions) {
    this.raw = raw;
    this.request = options.request;
    this.elapsed = options.elapsed ?? 0;
    // An opaque redirect always has status 0: the cheaper test first.
    this.opaqueRedirect = raw.status === 0 && raw.type === 'opaqueredirect';
    this.statusCode = raw.status;
    this.reason = raw.statusText || reasonPhrase(raw.status);
    this.#headers = withBracketAccess(new Headers(raw.headers)); // writable, as Requests' CaseInsensitiveDict
    this.url = options.request.url;
    this.#readTimeout = options.readTimeout ?? null;
    this.#byteClock = options.byteClock ?? null;
    this.#readError = options.readError ?? ((error) => error);
    this.#onProgress = options.onDownloadProgress;
    if (raw.body === null) {
      this.#content = new Uint8Array(0);
      this.#state = 'read';
    }
  }

  /** Whether the body has been read, iterated or cancelled. */
  get bodyUsed(): boolean {
    return this.#state !== 'unread';
  }

  /** `statusCode < 400`: Requests' rule, so a 3xx is ok (fetch's `ok` is 2xx only). */
  get ok(): boolean {
    return this.statusCode < 400;
  }

  get isRedirect(): boolean {
    return this.opaqueRedirect || (this.headers.has('location') && REDIRECT_STATI.has(this.statusCode));
  }

  get isPermanentRedirect(): boolean {
    return this.headers.has('location') && (this.statusCode === 301 || this.statusCode === 308);
  }

  /** The charset of Content-Type (ISO-8859-1 for text/*, utf-8 for JSON); settable, which changes `text`. */
  get encoding(): string | null {
    if (this.#encoding === undefined) this.#encoding = encodingFromContentType(this.headers.get('content-type'));
    return this.#encoding;
  }

  set encoding(value: string | null) {
    this.#encoding = value;
  }

  /** A guess from the body's bytes (BOM, ASCII, UTF-8, else windows-1252). */
  get apparentEncoding(): string {
    return detectEncoding(this.content);
  }

  /** The body as bytes. Synchronous once read (always, unless `stream: true`). */
  get content(): Uint8Array {
    if (this.#content !== null) return this.#content;
    if (this.#state === 'consumed' || this.#state === 'streaming') {
      throw new StreamConsumedError('The content for this response was already consumed', { response: this });
    }
    throw new RequestException(
      'The body of a streamed response has not been read: await response.read() first, or use iterContent()/iterLines()',
      { response: this },
    );
  }

  /** The body decoded with `encoding` (or `apparentEncoding`), invalid bytes replaced. */
  get text(): string {
    const content = this.content;
    if (content.byteLength === 0) return '';
    return decodeBytes(content, this.encoding ?? this.apparentEncoding);
  }

  /**
   * Parses the body as JSON, as Requests does: without an encoding, in the UTF the bytes show (falling back to
   * `text` when they do not decode); else `text`. Throws JSONDecodeError (with position and a snippet) when it is
   * not JSON. `reviver` is JSON.parse's (Requests passes its keyword arguments to the decoder). `T` defaults to
   * `any`, as parsed JSON is in Python: `r.json().args.name`.
   */
  // biome-ignore lint/suspicious/noExplicitAny: JSON of unknown shape, as Requests returns it
  json<T = any>(reviver?: (this: unknown, key: string, value: unknown) => unknown): T {
    const content = this.content;
    const guessed = this.encoding === null && content.byteLength > 3 ? guessJsonUtf(content) : null;
    const doc = (guessed && decodeStrictly(content, guessed)) ?? this.text;
    try {
      return JSON.parse(doc, reviver as Parameters<typeof JSON.parse>[1]) as T;
    } catch (error) {
      throw jsonError(error, doc, this);
    }
  }

  /** The parsed Link header, keyed by rel. */
  get links(): Record<string, Link> {
    return linksByRel(this.headers.get('link'));
  }

  /**
   * The cookies this response set (its Set-Cookie headers) that the jar's policy accepts, name → value — filled in
   * by the adapter that built it, as Requests' `build_response` does (`{}` for a Response built by hand).
   */
  cookies: Record<string, string> = {};

  /** Throws HTTPError for a 4xx or 5xx, with Requests' message. */
  raiseForStatus(): void {
    const kind =
      this.statusCode >= 400 && this.statusCode < 500
        ? 'Client'
        : this.statusCode >= 500 && this.statusCode < 600
          ? 'Server'
          : null;
    if (kind)
      throw new HTTPError(`${this.statusCode} ${kind} Error: ${this.reason} for url: ${this.url}`, { response: this });
  }

  /**
   * The body in pieces: exactly `chunkSize` bytes each (the last may be shorter), or as received when null.
   * With `decodeUnicode`, strings decoded incrementally with `encoding`.
   */
  iterContent(chunkSize?: number | null, decodeUnicode?: false): AsyncIterableIterator<Uint8Array>;
  iterContent(chunkSize: number | null | undefined, decodeUnicode: true): AsyncIterableIterator<string>;
  iterContent(chunkSize?: number | null, decodeUnicode?: boolean): AsyncIterableIterator<Uint8Array | string>;
  iterContent(chunkSize: number | null = null, decodeUnicode = false): AsyncIterableIterator<Uint8Array | string> {
    return whenLoaded(this.#pieces(chunkSize, decodeUnicode));
  }

  /** The body line by line (`\n`, `\r\n`, `\r`), or split on `delimiter`; strings unless `decodeUnicode: false`. */
  iterLines(options: IterLinesOptions & { decodeUnicode: false }): AsyncIterableIterator<Uint8Array>;
  iterLines(options?: IterLinesOptions): AsyncIterableIterator<string>;
  iterLines({
    chunkSize = null,
    decodeUnicode = true,
    delimiter = null,
  }: IterLinesOptions = {}): AsyncIterableIterator<string | Uint8Array> {
    const pieces = this.#pieces(chunkSize, decodeUnicode) as (streams: Streams) => AsyncIterable<string>;
    // An empty delimiter means none, as in Requests (`if delimiter:`).
    if (delimiter === null || delimiter === undefined || delimiter.length === 0)
      return whenLoaded((streams) => streams.splitLines(pieces(streams)));
    // Split on it in the pieces' own type: text when decoding, bytes otherwise.
    const on = decodeUnicode
      ? typeof delimiter === 'string'
        ? delimiter
        : new TextDecoder().decode(delimiter)
      : typeof delimiter === 'string'
        ? new TextEncoder().encode(delimiter)
        : delimiter;
    return whenLoaded((streams) => streams.splitOn(pieces(streams), on as string));
  }

  /** Reads the rest of a streamed body, after which `text`/`content`/`json()` work. */
  read(): Promise<this> {
    if (this.#state === 'read') return Promise.resolve(this);
    if (this.#reading) return this.#reading;
    if (this.#state !== 'unread') {
      return Promise.reject(
        new StreamConsumedError('The content for this response was already consumed', { response: this }),
      );
    }
    this.#state = 'streaming';
    // No idle timer or progress to drive: the runtime collects the body natively (fastest path, one reaction).
    const native = this.#readTimeout === null && !this.#onProgress;
    this.#reading = (native ? this.raw.arrayBuffer() : this.#readAll()).then(
      (content) => {
        this.#content = native ? new Uint8Array(content) : (content as Uint8Array);
        this.#state = 'read';
        return this;
      },
      (error: unknown) => {
        this.#state = 'consumed';
        throw native ? this.#readError(error) : error;
      },
    );
    return this.#reading;
  }

  /** The body through the stream reader, which drives the idle timer and the progress reports. */
  async #readAll(): Promise<Uint8Array> {
    const streams = await loadStreams();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of this.#stream(streams, this.raw.body!)) {
      chunks.push(chunk);
      size += chunk.byteLength;
    }
    return joinChunks(chunks, size);
  }

  /** Cancels an unread (or half-read) body and frees the connection; a later read or iteration sees no more data. */
  close(): void {
    if (this.#state === 'read') return;
    if (this.#state === 'unread') this.#state = 'consumed';
    if (this.#cancel) this.#cancel();
    else if (this.raw.body && !this.raw.body.locked) this.raw.body.cancel().catch(() => {});
  }

  /** `for await (const chunk of r)`: `iterContent(128)`, as iterating a Requests Response does. */
  [Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    return this.iterContent(128)[Symbol.asyncIterator]();
  }

  toString(): string {
    return `<Response [${this.statusCode}]>`;
  }

  [inspect](): string {
    return this.toString();
  }

  /**
   * iterContent's pipeline: the arguments checked and the body taken now (a second taker gets StreamConsumedError at
   * once), the pieces built from streams.ts when iteration starts.
   */
  #pieces(chunkSize: number | null, decodeUnicode: boolean): (streams: Streams) => AsyncIterable<Uint8Array | string> {
    if (chunkSize !== null && (!Number.isInteger(chunkSize) || chunkSize <= 0)) {
      throw new TypeError(`chunkSize must be a positive integer or null, got ${String(chunkSize)}`);
    }
    const content = this.#content;
    if (content === null) {
      if (this.#state !== 'unread')
        throw new StreamConsumedError('The content for this response was already consumed', { response: this });
      this.#state = 'consumed';
    }
    const decoder = decodeUnicode ? createDecoder(this.encoding ?? (content ? this.apparentEncoding : 'utf-8')) : null;
    const body = this.raw.body!;
    return (streams) => {
      const bytes = content ? streams.singleChunk(content) : this.#stream(streams, body);
      // ownsChunks probes the body with a reader of its own: before the first read takes it.
      const sized =
        chunkSize === null ? bytes : streams.rechunk(bytes, chunkSize, !content && streams.ownsChunks(body));
      return decoder ? streams.decodeStream(sized, decoder) : sized;
    };
  }

  #stream(streams: Streams, body: ReadableStream<Uint8Array>): AsyncIterableIterator<Uint8Array> {
    const onProgress = this.#onProgress;
    let transferred = 0;
    const total = this.headers.has('content-encoding') ? 0 : Number(this.headers.get('content-length')) || 0;
    const report = (): void =>
      onProgress?.({ transferred, total, percent: total ? Math.min(transferred / total, 1) : 0 });
    return streams.readBody(body, {
      readTimeout: this.#readTimeout,
      onStart: onProgress && report,
      onChunk: onProgress
        ? (size) => {
            transferred += size;
            report();
          }
        : undefined,
      // One event says done: percent 1, with the total known now even when the headers did not give it (the last
      // chunk of a body with a Content-Length already said so).
      onEnd: onProgress
        ? () => {
            if (!(total && transferred >= total)) onProgress({ transferred, total: transferred, percent: 1 });
          }
        : undefined,
      onTimeout: () =>
        new ReadTimeout(`Read timed out. (read timeout=${this.#readTimeout} ms) for url: ${this.url}`, {
          request: this.request,
        }),
      onError: this.#readError,
      registerCancel: (cancel) => {
        this.#cancel = cancel;
      },
      byteClock: this.#byteClock,
    });
  }
}

/** An array of responses that prints like Python's list of them, `[<Response [302]>]` (Node would add spaces). */
class ResponseHistory extends Array<Response> {
  // map/filter/slice give plain arrays.
  static override get [Symbol.species](): ArrayConstructor {
    return Array;
  }

  override toString(): string {
    return `[${this.join(', ')}]`;
  }

  [inspect](): string {
    return this.toString();
  }
}

function joinChunks(chunks: Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/** The bytes decoded, or null when they are not valid in that encoding (Python's UnicodeDecodeError). */
function decodeStrictly(bytes: Uint8Array, encoding: string): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

function jsonError(error: unknown, doc: string, response: Response): JSONDecodeError {
  const message = error instanceof Error ? error.message : String(error);
  let pos = Number(/position (\d+)/.exec(message)?.[1] ?? NaN);
  if (Number.isNaN(pos)) pos = /end of (JSON|data)/i.test(message) ? doc.length : firstBadOffset(doc);
  // V8 words a bad character where a value belongs "Unexpected token 'x', "<doc>" is not valid JSON"; Python "Expecting value".
  const expectingValue =
    doc.trim() === '' || pos === doc.length - doc.trimStart().length || /^Unexpected token/.test(message);
  const msg = expectingValue
    ? 'Expecting value'
    : message.replace(/ (in|after) JSON at position.*$|, ".*is not valid JSON$/s, '');
  return new JSONDecodeError(msg, doc, pos, { response, cause: error });
}

/**
 * Where JSON.parse gave up, when its message has no position ("Unexpected token …"): the end of the longest
 * prefix that some JSON text could still start with. A prefix qualifies while parsing it fails only for
 * running out of input, which stays true up to the bad character and false after it: a binary search.
 */
function firstBadOffset(doc: string): number {
  const viablePrefix = (n: number): boolean => {
    try {
      JSON.parse(doc.slice(0, n));
      return true;
    } catch (error) {
      const message = (error as Error).message;
      const at = /position (\d+)/.exec(message);
      return /end of JSON input/.test(message) || (at !== null && Number(at[1]) >= n);
    }
  };
  let lo = 0;
  let hi = doc.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (viablePrefix(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
