/**
 * Turning a response into what the fidelity test compares: status, reason, the headers that carry meaning, the body
 * (parsed JSON, exact text or bytes), the redirect/challenge history. Values that differ for reasons that are not
 * fidelity (the server's address, random ids, dates, multipart boundaries) are replaced by placeholders, and the
 * few *global* differences between httpbin.org (which the mocks imitate) and Debian's httpbin are listed below.
 */
import type { Response } from '../../src/index';

/**
 * Differences that hold for every response, explained. Each one is also asserted to exist in the test file
 * ("the global differences are real"), so this list cannot go stale.
 */
export const GLOBAL_DIFFERENCES = {
  prettyJson:
    'httpbin.org pretty-prints JSON (2-space indent, ", " separators, as the tutorial shows it); Debian\'s Flask 2.2 ' +
    'writes it compact. JSON bodies are compared parsed, and their Content-Length is not compared.',
  connectionHeader:
    'Debian\'s gunicorn hands the hop-by-hop Connection header to the app, so its echo lists "Connection"; ' +
    "httpbin.org's load balancer consumes it, and the mock, like httpbin.org, does not list it.",
  serverHeader: 'Server: httpbin.org sends "gunicorn/19.9.0", Debian\'s gunicorn 20 "gunicorn". Not compared.',
  dateHeader: 'Date is the time of the response. Compared as a shape only.',
} as const;

/** Headers compared on every response (absent on one side and present on the other is a difference). */
export const COMPARED_HEADERS = [
  'content-type',
  'content-length',
  'transfer-encoding',
  'content-encoding',
  'location',
  'www-authenticate',
  'proxy-authenticate',
  'set-cookie',
  'allow',
  'etag',
  'last-modified',
  'cache-control',
  'accept-ranges',
  'content-range',
  'x-more-info',
  'access-control-allow-origin',
  'access-control-allow-credentials',
  'access-control-allow-methods',
  'access-control-allow-headers',
  'access-control-max-age',
] as const;

/** Where one side lives: `http://127.0.0.1:40123` / `127.0.0.1:40123`. */
export interface Side {
  name: 'real' | 'mock';
  origin: string;
}

export type BodyMode = 'json' | 'json-lines' | 'text' | 'bytes' | 'length';

export interface Observation {
  status: number;
  reason: string;
  headers: Record<string, string | string[] | null>;
  body: unknown;
  url: string;
  history: { status: number; location: string | null; challenge: string | null }[];
}

export const HTTP_DATE =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The side's address in any string → ORIGIN / HOST; multipart boundaries → <boundary>. */
export function normaliseString(value: string, side: Side): string {
  const host = new URL(side.origin).host;
  return value
    .split(side.origin)
    .join('ORIGIN')
    .split(host)
    .join('HOST')
    .replace(/boundary=[^;,\s"]+/g, 'boundary=<boundary>');
}

/** A JSON value with addresses, uuids and the echo's Connection header normalised. */
export function normaliseJson(value: unknown, side: Side, key = ''): unknown {
  if (typeof value === 'string') return UUID.test(value) ? '<uuid>' : normaliseString(value, side);
  if (Array.isArray(value)) return value.map((v) => normaliseJson(v, side));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      // GLOBAL_DIFFERENCES.connectionHeader
      if (key === 'headers' && k === 'Connection') continue;
      out[k] = normaliseJson(v, side, k);
    }
    return out;
  }
  return value;
}

/** A Digest challenge with its random nonce and opaque reduced to their length (which shows the algorithm). */
export function normaliseChallenge(value: string | null): string | null {
  return (
    value?.replace(
      /(nonce|opaque)="([0-9a-f]+)"/g,
      (_, name: string, hex: string) => `${name}="<hex ${hex.length}>"`,
    ) ?? null
  );
}

function normaliseHeader(name: string, response: Response, side: Side): string | string[] | null {
  if (name === 'set-cookie') {
    const cookies = response.headers.getSetCookie();
    // Digest's last_nonce cookie carries a random nonce.
    return cookies.length
      ? cookies.map((c) =>
          normaliseString(c, side).replace(/=([0-9a-f]{32,});/g, (_, hex: string) => `=<hex ${hex.length}>;`),
        )
      : null;
  }
  const value = response.headers.get(name);
  if (value === null) return null;
  switch (name) {
    case 'www-authenticate':
      return normaliseChallenge(value);
    case 'allow':
      return value
        .split(',')
        .map((m) => m.trim())
        .sort()
        .join(', ');
    case 'last-modified':
      return HTTP_DATE.test(value) ? '<http-date>' : value;
    case 'etag':
      // /cache's ETag is a fresh uuid4().hex.
      return /^[0-9a-f]{32}$/.test(value) ? '<hex 32>' : value;
    default:
      return normaliseString(value, side);
  }
}

const decoder = new TextDecoder();

function body(response: Response, mode: BodyMode, side: Side): unknown {
  const bytes = response.content;
  switch (mode) {
    case 'json':
      if (bytes.length === 0) return '<empty>';
      try {
        return normaliseJson(JSON.parse(decoder.decode(bytes)), side);
      } catch {
        return { unparsable: decoder.decode(bytes) };
      }
    case 'json-lines':
      return decoder
        .decode(bytes)
        .split('\n')
        .filter(Boolean)
        .map((line) => normaliseJson(JSON.parse(line), side));
    case 'text':
      return normaliseString(decoder.decode(bytes), side);
    case 'bytes':
      return Buffer.from(bytes).toString('base64');
    case 'length':
      return { length: bytes.length };
  }
}

export function observe(response: Response, mode: BodyMode, side: Side): Observation {
  const headers: Observation['headers'] = {};
  for (const name of COMPARED_HEADERS) headers[name] = normaliseHeader(name, response, side);
  const length = headers['content-length'];
  if (mode === 'json' || mode === 'json-lines') {
    // GLOBAL_DIFFERENCES.prettyJson: the length of a JSON body depends on its formatting.
    delete headers['content-length'];
  } else if (typeof length === 'string' && Number(length) === response.content.length) {
    // Compared as "the length of the body" (after normalising), so the length of the server's address does not count.
    const normalised = body(response, mode, side);
    headers['content-length'] =
      typeof normalised === 'string' && mode === 'text'
        ? `body: ${new TextEncoder().encode(normalised).length}`
        : `body: ${response.content.length}`;
  }
  return {
    status: response.statusCode,
    reason: response.reason,
    headers,
    body: body(response, mode, side),
    url: normaliseString(response.url, side),
    history: response.history.map((h) => ({
      status: h.statusCode,
      location: h.headers.get('location') === null ? null : normaliseString(h.headers.get('location')!, side),
      challenge: normaliseChallenge(h.headers.get('www-authenticate')),
    })),
  };
}
