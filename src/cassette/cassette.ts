/**
 * Cassette: recorded HTTP traffic in a HAR file, what vcrpy and betamax give Python tests.
 *
 *   const cassette = await Cassette.open('test/cassettes/api.har', { mode: 'once' });
 *   const s = new Session({ cassette });
 *   const r = await s.get('https://api.example.com/users/1');   // recorded the first time, replayed after
 *   await cassette.save();
 *
 * Modes: `record` sends everything and keeps it (save() writes a new file); `replay` answers from the file only,
 * and a request without a recording fails with NoRecordingError before anything is sent; `once` replays what the
 * file has and records what it lacks (vcrpy calls this `new_episodes`).
 */
import { type Layer, version } from 'fetch-requests';
import type { HttpHandler } from 'msw';
import { cassetteLocation, readCassette, writeCassette } from '#platform/cassette-files';
import { cassetteLayer, type Interaction, type Lookup, type Tape, type TapedRequest } from '../transport/cassette';
import { cassetteHandlers } from './handlers';
import {
  contentOf,
  type Har,
  type HarCookie,
  type HarEntry,
  type HarNameValue,
  parseHar,
  playbackOf,
  postDataOf,
} from './har';
import { type Incoming, Playlist } from './match';
import { type RedactOptions, Redactor, scrubBytes, scrubForms, scrubText } from './redact';

export type CassetteMode = 'record' | 'replay' | 'once';

export interface CassetteOptions {
  /** `open()` defaults to `'once'`, `fromHar()` to `'replay'`. */
  mode?: CassetteMode;
  /** Match the body too (a multipart boundary ignored, JSON compared as data). Default: method and URL only. */
  matchBody?: boolean;
  /** When every recording of a request has been played, play the last one again (default: no recording is left). */
  allowPlaybackRepeats?: boolean;
  /** Replay at the recorded pace: the wait for the headers, then each chunk at its time (default: no delays). */
  replayDelays?: boolean;
  /** What else never reaches the file (Authorization, Proxy-Authorization, Cookie and Set-Cookie never do). */
  redact?: RedactOptions;
  /** Sees each recording as it will be written (redacted already): change it, or return null to leave it out. */
  beforeRecord?: (entry: HarEntry) => HarEntry | null | undefined | void;
}

const EMPTY_HAR = (): Har => ({
  log: { version: '1.2', creator: { name: 'fetch-requests', version }, entries: [] },
});

export class Cassette implements Tape {
  /** Where `save()` writes (and `open()` read), or null for a cassette built from a HAR object. */
  readonly path: string | null;
  readonly mode: CassetteMode;
  readonly replayDelays: boolean;
  /** Whether recordings are looked up (every mode but `record`). */
  readonly replays: boolean;
  /** The transport layer a Session adds (`new Session({ cassette })`). */
  readonly layer: Layer;
  readonly #har: Har;
  readonly #options: CassetteOptions;
  readonly #redactor: Redactor;
  readonly #playlist: Playlist;
  /** Recordings of this run, in the order their requests were sent (null: failed, or left out). */
  readonly #recording: Promise<HarEntry | null>[] = [];
  readonly #recorded: (HarEntry | null)[] = [];

  /**
   * Opens the cassette at `path` (a file on servers; a URL in browsers, or an http(s) URL anywhere). In `record`
   * mode the file is not read (it will be replaced); in `replay` mode it must exist.
   */
  static async open(path: string | URL, options: CassetteOptions = {}): Promise<Cassette> {
    const mode = options.mode ?? 'once';
    const location = cassetteLocation(path);
    const text = mode === 'record' ? null : await readCassette(location);
    if (text === null && mode === 'replay') {
      throw new Error(`No cassette at ${location} to replay: record it first (mode 'once' or 'record')`);
    }
    return new Cassette(text === null ? EMPTY_HAR() : parseHar(text), { ...options, mode }, location);
  }

  /** A cassette over a HAR you have (an object or its JSON text: your own, or one a browser's devtools exported). */
  static fromHar(har: Har | string, options: CassetteOptions = {}): Cassette {
    return new Cassette(parseHar(har), { ...options, mode: options.mode ?? 'replay' }, null);
  }

  private constructor(har: Har, options: CassetteOptions, path: string | null) {
    this.path = path;
    this.mode = options.mode ?? 'once';
    this.replayDelays = options.replayDelays ?? false;
    this.replays = this.mode !== 'record';
    this.#options = options;
    this.#redactor = new Redactor(options.redact);
    this.#har = this.mode === 'record' ? EMPTY_HAR() : har;
    this.#playlist = new Playlist(this.#har.log.entries, this.#matchOptions());
    this.layer = cassetteLayer(this);
  }

  /** The recordings: those read from the file (not in `record` mode), then this run's that have finished. */
  get entries(): readonly HarEntry[] {
    return [...this.#har.log.entries, ...this.#recorded.filter((entry): entry is HarEntry => entry !== null)];
  }

  /** Whether every recording read from the file has been played (vcrpy's `all_played`). */
  get allPlayed(): boolean {
    return this.#playlist.unplayed().length === 0;
  }

  /** Recordings read from the file that no request has played yet. */
  unplayed(): HarEntry[] {
    return this.#playlist.unplayed();
  }

  /** The layer asks: a recording to play, none (replay mode: why), or null to send and record. */
  lookup(request: TapedRequest): Lookup {
    if (this.mode === 'record') return null;
    const incoming = this.#incoming(request);
    const entry = this.#playlist.find(incoming, true);
    if (entry) return { playback: playbackOf(entry) };
    if (this.mode === 'once') return null;
    const where = this.path ?? 'the cassette';
    return {
      miss:
        `No recording in ${where} matches ${request.method} ${incoming.url} (mode 'replay'; nothing was sent). ` +
        `${this.#playlist.explain(incoming)} To record it, open the cassette with mode 'once' (records what is ` +
        `missing) or 'record'.`,
    };
  }

  /** The layer hands over an exchange before it is sent; it is kept, redacted, once its body has been read. */
  record(interaction: Promise<Interaction | null>): void {
    const at = this.#recorded.push(null) - 1;
    this.#recording.push(
      interaction.then((done) => {
        const entry = done && this.#entryOf(done);
        this.#recorded[at] = entry;
        return entry;
      }),
    );
  }

  /** The HAR to write: the file's recordings (not in `record` mode) and this run's, once their bodies are in. */
  async toHar(): Promise<Har> {
    const recorded = (await Promise.all(this.#recording)).filter((entry): entry is HarEntry => entry !== null);
    return { log: { ...this.#har.log, entries: [...this.#har.log.entries, ...recorded] } };
  }

  /**
   * Writes the cassette (HAR 1.2, indented) to `path` or where it was opened, after the bodies still being recorded
   * have arrived. In `replay` mode, and in `once` mode when nothing new was recorded, there is nothing to write.
   */
  async save(path: string | URL | null = this.path): Promise<void> {
    if (path === null) throw new Error('This cassette has no path: pass one to save(path), or use toHar()');
    const har = await this.toHar();
    const fresh = har.log.entries.length - this.#har.log.entries.length;
    if (this.mode === 'replay' || (this.mode === 'once' && fresh === 0 && path === this.path)) return;
    await writeCassette(cassetteLocation(path), `${JSON.stringify(har, null, 2)}\n`);
  }

  /**
   * The recordings as MSW request handlers, for `setupServer(...cassette.handlers())` or `worker.use(...)`. Each
   * call starts a playback of its own, over the recordings there are now (`entries`).
   */
  handlers(): HttpHandler[] {
    return cassetteHandlers(this.entries, {
      ...this.#matchOptions(),
      replayDelays: this.replayDelays,
      redactor: this.#redactor,
    });
  }

  #matchOptions(): { matchBody: boolean; allowPlaybackRepeats: boolean } {
    return {
      matchBody: this.#options.matchBody ?? false,
      allowPlaybackRepeats: this.#options.allowPlaybackRepeats ?? false,
    };
  }

  /** A live request redacted as its recording would be, so that a redacted query or body field still matches. */
  #incoming(request: TapedRequest): Incoming {
    const contentType = request.headers.get('content-type') ?? '';
    return {
      method: request.method,
      url: this.#redactor.url(request.url),
      body: request.body && this.#redactor.body(request.body, contentType),
      contentType,
    };
  }

  /** An exchange as a HAR entry, with every secret replaced (redact.ts says what and why). */
  #entryOf(interaction: Interaction): HarEntry | null {
    const r = this.#redactor;
    const secrets = new Set<string>();
    const { request, response } = interaction;
    const requestType = request.headers.get('content-type') ?? '';
    const responseType = response.headers.get('content-type') ?? '';
    // First the structured redaction, collecting the values it removes…
    const url = r.url(request.url.replace(/#.*$/, ''), secrets);
    const requestHeaders = headerList(request.headers, r, secrets);
    const responseHeaders = headerList(response.headers, r, secrets);
    let requestBody = request.body && r.body(request.body, requestType, secrets);
    let responseBody = r.body(response.body, responseType, secrets);
    // …then those values scrubbed from everywhere else they appear (an echoing server puts them in bodies).
    const forms = scrubForms(secrets);
    const scrub = (list: HarNameValue[]): HarNameValue[] =>
      list.map(({ name, value }) => ({ name, value: r.isSecretHeader(name) ? value : scrubText(value, forms) }));
    requestBody = requestBody && scrubBytes(requestBody, forms);
    responseBody = scrubBytes(responseBody, forms);
    const storedUrl = scrubText(url, forms);
    const location = response.headers.get('location');
    const chunks = response.chunks.map(([size, at]) => [size, at] as [number, number]);
    let entry: HarEntry = {
      startedDateTime: interaction.startedDateTime,
      time: round(interaction.wait + interaction.receive),
      request: {
        method: request.method,
        url: storedUrl,
        httpVersion: 'HTTP/1.1',
        cookies: requestCookies(request.headers.get('cookie'), r),
        headers: scrub(requestHeaders),
        queryString: queryOf(storedUrl),
        ...(requestBody ? { postData: postDataOf(requestBody, requestType) } : {}),
        headersSize: -1,
        bodySize: requestBody?.byteLength ?? 0,
      },
      response: {
        status: response.status,
        statusText: response.statusText,
        httpVersion: 'HTTP/1.1',
        cookies: responseCookies(response.headers, r),
        headers: scrub(responseHeaders),
        content: contentOf(responseBody, responseType),
        redirectURL: location === null ? '' : scrubText(r.url(location), forms),
        headersSize: -1,
        bodySize: -1,
        ...(chunks.length > 1 ? { _chunks: chunks } : {}),
        ...(response.error ? { _error: response.error } : {}),
        ...(response.redirected ? { _url: scrubText(r.url(response.url), forms) } : {}),
      },
      cache: {},
      timings: {
        blocked: -1,
        dns: -1,
        connect: -1,
        ssl: -1,
        send: 0,
        wait: round(interaction.wait),
        receive: round(interaction.receive),
      },
    };
    if (this.#options.beforeRecord) {
      const changed = this.#options.beforeRecord(entry);
      if (changed === null) return null;
      if (changed) entry = changed;
    }
    return entry;
  }
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

function headerList(headers: Headers, r: Redactor, secrets: Set<string>): HarNameValue[] {
  const list: HarNameValue[] = [];
  for (const [name, value] of headers) {
    if (name === 'set-cookie') continue; // one entry per cookie, below
    list.push({ name, value: r.header(name, value, secrets) });
  }
  for (const cookie of headers.getSetCookie?.() ?? []) {
    list.push({ name: 'set-cookie', value: r.header('set-cookie', cookie, secrets) });
  }
  return list;
}

function requestCookies(header: string | null, r: Redactor): HarCookie[] {
  if (!header) return [];
  return header.split(/;\s*/).flatMap((pair) => {
    const eq = pair.indexOf('=');
    if (eq === -1) return [];
    const name = pair.slice(0, eq).trim();
    return [{ name, value: r.cookieValue(name, pair.slice(eq + 1)) }];
  });
}

function responseCookies(headers: Headers, r: Redactor): HarCookie[] {
  return (headers.getSetCookie?.() ?? []).flatMap((line) => {
    const [pair = '', ...attributes] = line.split(';');
    const eq = pair.indexOf('=');
    if (eq === -1) return [];
    const name = pair.slice(0, eq).trim();
    const cookie: HarCookie = { name, value: r.cookieValue(name, pair.slice(eq + 1).trim()) };
    for (const attribute of attributes) {
      const [key = '', ...rest] = attribute.trim().split('=');
      const value = rest.join('=');
      const lower = key.toLowerCase();
      if (lower === 'path') cookie.path = value;
      else if (lower === 'domain') cookie.domain = value;
      else if (lower === 'expires') cookie.expires = isoDate(value);
      else if (lower === 'httponly') cookie.httpOnly = true;
      else if (lower === 'secure') cookie.secure = true;
      else if (lower === 'samesite') cookie.sameSite = value;
    }
    return [cookie];
  });
}

function isoDate(value: string): string {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toISOString();
}

function queryOf(url: string): HarNameValue[] {
  try {
    return [...new URL(url).searchParams].map(([name, value]) => ({ name, value }));
  } catch {
    return [];
  }
}
