/**
 * Which recording answers a request: the same method and URL (the query compared as a set of pairs, the fragment
 * and any credentials ignored), and the same body when `matchBody` is on (a multipart boundary ignored, JSON
 * compared as data). Identical requests get their recordings in the order they were recorded; once all are played
 * a request gets none, or the last one again with `allowPlaybackRepeats`. One Playlist is one playback: the
 * Session's layer and each `handlers()` call have their own.
 */
import { charsetOf, type HarEntry, postDataBytes } from './har';

export interface MatchOptions {
  matchBody: boolean;
  allowPlaybackRepeats: boolean;
}

/** A live request as it is matched: URL and body already redacted the way recordings are. */
export interface Incoming {
  method: string;
  url: string;
  body: Uint8Array | null;
  contentType: string;
}

interface Slot {
  readonly entry: HarEntry;
  /** 1-based, in the file. */
  readonly number: number;
  readonly key: string;
  /** Whether a live request's key is this recording's (REDACTED in a recorded URL stands for any value). */
  readonly matches: (key: string) => boolean;
  played: boolean;
  bodyKey?: string;
}

/**
 * A matcher for a recorded request key. A value scrubbed from a URL (a cookie's value that was also in the query,
 * an `api_key`) reads REDACTED there, while the live request has the real one: REDACTED matches any value in its
 * place (up to the next `&`, `/`, `?` or `#`).
 */
export function keyMatcher(recorded: string): (key: string) => boolean {
  if (!recorded.includes('REDACTED')) return (key) => key === recorded;
  const pattern = recorded
    .split('REDACTED')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^&/?#]*');
  const regex = new RegExp(`^${pattern}$`);
  return (key) => regex.test(key);
}

export function normalizeUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  const pairs = [...parsed.searchParams].sort(([a, x], [b, y]) =>
    a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0,
  );
  const query = pairs.length ? `?${new URLSearchParams(pairs).toString()}` : '';
  return `${parsed.protocol}//${parsed.host}${parsed.pathname}${query}`;
}

export function requestKey(method: string, url: string): string {
  return `${method.toUpperCase()} ${normalizeUrl(url)}`;
}

/** A body as compared: a multipart boundary replaced, JSON as data with sorted keys, else its bytes. */
export function bodyKey(bytes: Uint8Array | null, contentType: string): string {
  if (!bytes || bytes.byteLength === 0) return '';
  const text = latin1(bytes);
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (boundary && /multipart\//i.test(contentType)) return text.split(boundary).join('BOUNDARY');
  if (/json/i.test(contentType) || /^\s*[{[]/.test(text.slice(0, 16))) {
    try {
      const charset = charsetOf(contentType);
      return JSON.stringify(sorted(JSON.parse(new TextDecoder(charset ?? 'utf-8').decode(bytes))));
    } catch {
      // Not JSON after all: compared as bytes.
    }
  }
  return text;
}

function latin1(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.byteLength; i += 0x8000) out += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return out;
}

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sorted((value as Record<string, unknown>)[key])]),
  );
}

export class Playlist {
  readonly #slots: Slot[];
  readonly #options: MatchOptions;

  constructor(entries: readonly HarEntry[], options: MatchOptions) {
    this.#options = options;
    this.#slots = entries.map((entry, i) => {
      const key = requestKey(entry.request.method, entry.request.url);
      return { entry, number: i + 1, key, matches: keyMatcher(key), played: false };
    });
  }

  /** The recording that answers `incoming` (marked played when `take`), or null. */
  find(incoming: Incoming, take: boolean): HarEntry | null {
    const key = requestKey(incoming.method, incoming.url);
    let body: string | undefined;
    let last: Slot | null = null;
    for (const slot of this.#slots) {
      if (!slot.matches(key)) continue;
      if (this.#options.matchBody) {
        body ??= bodyKey(incoming.body, incoming.contentType);
        if (this.#bodyKey(slot) !== body) continue;
      }
      if (!slot.played) {
        if (take) slot.played = true;
        return slot.entry;
      }
      last = slot;
    }
    return this.#options.allowPlaybackRepeats && last ? last.entry : null;
  }

  /** The recordings not played yet. */
  unplayed(): HarEntry[] {
    return this.#slots.filter((slot) => !slot.played).map((slot) => slot.entry);
  }

  /** Why nothing answers `incoming`, naming the closest recording (never a body's content: it may be a secret). */
  explain(incoming: Incoming): string {
    if (this.#slots.length === 0) return 'The cassette has no recordings.';
    const key = requestKey(incoming.method, incoming.url);
    const same = this.#slots.filter((slot) => slot.matches(key));
    if (same.length > 0) {
      const body = bodyKey(incoming.body, incoming.contentType);
      const sameBody = !this.#options.matchBody || same.some((slot) => this.#bodyKey(slot) === body);
      if (!sameBody) {
        const closest = same[0]!;
        const recorded = postDataBytes(closest.entry.request.postData) ?? new Uint8Array(0);
        const sent = incoming.body ?? new Uint8Array(0);
        return (
          `It was recorded ${times(same.length)}, with another body: entry ${closest.number} has ` +
          `${recorded.byteLength} bytes where ${sent.byteLength} were sent, the first difference at byte ` +
          `${firstDifference(sent, recorded)} (matchBody is on).`
        );
      }
      return (
        `It was recorded ${times(same.length)} and ${same.length === 1 ? 'that recording was' : 'all were'} ` +
        'played already (allowPlaybackRepeats: true plays the last one again).'
      );
    }
    let best = this.#slots[0]!;
    let bestDistance = Number.POSITIVE_INFINITY;
    for (const slot of this.#slots) {
      const distance = editDistance(key, slot.key);
      if (distance < bestDistance) [best, bestDistance] = [slot, distance];
    }
    return `The closest recorded request is ${best.key} (entry ${best.number} of ${this.#slots.length}).`;
  }

  #bodyKey(slot: Slot): string {
    slot.bodyKey ??= bodyKey(postDataBytes(slot.entry.request.postData), slot.entry.request.postData?.mimeType ?? '');
    return slot.bodyKey;
  }
}

function times(n: number): string {
  return n === 1 ? 'once' : `${n} times`;
}

function firstDifference(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.byteLength, b.byteLength);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return n;
}

/** Levenshtein distance of the first 400 characters of each (a request line is rarely longer). */
function editDistance(a: string, b: string): number {
  const s = a.slice(0, 400);
  const t = b.slice(0, 400);
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const current = [i];
    for (let j = 1; j <= t.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (s[i - 1] === t[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[t.length]!;
}
