/**
 * /digest-auth/:qop/:user/:passwd[/:algorithm[/:stale_after]] — HTTP Digest as httpbin does it, really verified:
 *
 *   1. no (or no Digest) Authorization → 401 with a challenge
 *        WWW-Authenticate: Digest realm="me@kennethreitz.com", nonce="…", qop="auth", opaque="…", algorithm=MD5, stale=FALSE
 *      and cookies stale_after=<stale_after>, fake=fake_value
 *   2. a nonce the client already failed with (cookie last_nonce), or stale_after=0 → a fresh challenge, stale=TRUE
 *   3. a wrong response hash → a fresh challenge (and last_nonce)
 *   4. otherwise 200 { authenticated: true, user }, and the stale_after countdown moves on
 *
 * The hash is checked with the algorithm the client names (MD5 when it names none), over the method, the request
 * path and the body (auth-int), exactly like helpers.check_digest_auth. Hashes come from @noble/hashes so the
 * same code runs in a service worker. ?require-cookie=1 makes the client prove it kept the challenge's cookie.
 */
import { md5 } from '@noble/hashes/legacy.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import type { HttpbinRequest } from './request-data';
import { jsonify, reply } from './responses';
import { GET, route, type Params, type Route } from './router';

const encoder = new TextEncoder();
const REALM = 'me@kennethreitz.com';

function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** helpers.H: SHA-256 or SHA-512 by name, MD5 for anything else. */
export function H(data: Uint8Array | string, algorithm: string | undefined): string {
  const bytes = typeof data === 'string' ? encoder.encode(data) : data;
  if (algorithm === 'SHA-256') return toHex(sha256(bytes));
  if (algorithm === 'SHA-512') return toHex(sha512(bytes));
  return toHex(md5(bytes));
}

/** Werkzeug's parse_dict_header: comma-separated `key=value` / `key="quoted, value"` pairs. */
export function parseDictHeader(value: string): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  // Werkzeug's _parse_list_header: split on commas outside quotes.
  const items: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    if (quoted && ch === '\\' && i + 1 < value.length) {
      current += ch + value[++i];
      continue;
    }
    if (ch === '"') quoted = !quoted;
    if (ch === ',' && !quoted) {
      items.push(current);
      current = '';
    } else current += ch;
  }
  items.push(current);
  for (const raw of items) {
    const item = raw.trim();
    if (!item) continue;
    const eq = item.indexOf('=');
    if (eq === -1) {
      out[item] = null;
      continue;
    }
    let v = item.slice(eq + 1);
    if (v.length >= 2 && v.startsWith('"') && v.endsWith('"')) v = v.slice(1, -1).replace(/\\(["\\])/g, '$1');
    out[item.slice(0, eq)] = v;
  }
  return out;
}

/** Werkzeug's parse_authorization_header for Digest: null unless every required field is there. */
function digestCredentials(header: string | null): Record<string, string | null> | null {
  const m = header ? /^\s*(\S+)\s+([\s\S]*)$/.exec(header) : null;
  if (!m || m[1]!.toLowerCase() !== 'digest') return null;
  const map = parseDictHeader(m[2]!);
  for (const key of ['username', 'realm', 'nonce', 'uri', 'response']) if (!(key in map)) return null;
  if ('qop' in map && (!map.nc || !map.cnonce)) return null;
  return map;
}

/** helpers.response: the hash the client should have sent. Null where httpbin raises (bad qop). */
export function expectedResponse(
  credentials: Record<string, string | null>,
  password: string,
  request: { method: string; uri: string; body: Uint8Array },
): string | null {
  const algorithm = credentials.algorithm ?? undefined;
  const qop = credentials.qop ?? null;
  const ha1 = H(`${credentials.username ?? ''}:${credentials.realm ?? ''}:${password}`, algorithm);
  let ha2: string;
  if (qop === null || qop === 'auth') ha2 = H(`${request.method}:${request.uri}`, algorithm);
  else if (qop === 'auth-int') ha2 = H(`${request.method}:${request.uri}:${H(request.body, algorithm)}`, algorithm);
  else return null;
  if (qop === null) return H(`${ha1}:${credentials.nonce ?? ''}:${ha2}`, algorithm);
  return H(`${ha1}:${credentials.nonce}:${credentials.nc}:${credentials.cnonce}:${qop}:${ha2}`, algorithm);
}

/** helpers.digest_challenge_response: a 401 with a fresh nonce and opaque, as Werkzeug's WWWAuthenticate writes it. */
function challenge(qop: string | null, algorithm: string, stale: boolean, cookies: [string, string][]): Response {
  const random = (): Uint8Array => crypto.getRandomValues(new Uint8Array(10));
  const nonce = H(new Uint8Array([...encoder.encode(`127.0.0.1:${Date.now() / 1000}:`), ...random()]), algorithm);
  const opaque = H(random(), algorithm);
  const header = `Digest realm="${REALM}", nonce="${nonce}", qop="${qop ?? 'auth, auth-int'}", opaque="${opaque}", algorithm=${algorithm}, stale=${stale ? 'TRUE' : 'FALSE'}`;
  return reply('', { status: 401, headers: [['WWW-Authenticate', header], ...cookies] });
}

const cookie = (name: string, value: string): [string, string] => ['Set-Cookie', `${name}=${value}; Path=/`];

/** helpers.next_stale_after_value: a countdown, or 'never'. */
function nextStaleAfter(value: string): string {
  return /^\s*[+-]?\d+\s*$/.test(value) ? String(Number.parseInt(value, 10) - 1) : 'never';
}

async function digestAuth(req: HttpbinRequest, params: Params): Promise<Response> {
  const { user = 'user', passwd = 'passwd' } = params;
  const staleAfter = params.stale_after ?? 'never';
  const algorithm = ['MD5', 'SHA-256', 'SHA-512'].includes(params.algorithm ?? 'MD5')
    ? (params.algorithm ?? 'MD5')
    : 'MD5';
  const qop = params.qop === 'auth' || params.qop === 'auth-int' ? params.qop : null;
  const requireCookie = ['1', 't', 'true'].includes(
    (req.argPairs.find(([k]) => k === 'require-cookie')?.[1] ?? '').toLowerCase(),
  );
  const cookies = req.cookies;

  const credentials = digestCredentials(req.headers.get('authorization'));
  if (!credentials || (requireCookie && !req.headers.has('cookie'))) {
    return challenge(qop, algorithm, false, [cookie('stale_after', staleAfter), cookie('fake', 'fake_value')]);
  }
  if (requireCookie && cookies.fake !== 'fake_value') {
    return jsonify(
      { errors: ['missing cookie set on challenge'] },
      { status: 403, headers: [cookie('fake', 'fake_value')] },
    );
  }
  const nonce = credentials.nonce ?? '';
  const staleAfterValue = Object.hasOwn(cookies, 'stale_after') ? cookies.stale_after! : null;
  if ((Object.hasOwn(cookies, 'last_nonce') && nonce === cookies.last_nonce) || staleAfterValue === '0') {
    return challenge(qop, algorithm, true, [
      cookie('stale_after', staleAfter),
      cookie('last_nonce', nonce),
      cookie('fake', 'fake_value'),
    ]);
  }
  // The URI hashed is the one received, not the one the client claims. (httpbin's Python 3 code 500s on a query
  // string, str + bytes, and hashes the decoded path; the mock does what it means: the request target as sent.)
  const uri = `${req.url.pathname}${req.url.search}`;
  const expected = expectedResponse(credentials, passwd, { method: req.method, uri, body: await req.body() });
  if (expected === null || credentials.response !== expected) {
    return challenge(qop, algorithm, false, [
      cookie('stale_after', staleAfter),
      cookie('last_nonce', nonce),
      cookie('fake', 'fake_value'),
    ]);
  }
  const set: [string, string][] = [cookie('fake', 'fake_value')];
  if (staleAfterValue) set.push(cookie('stale_after', nextStaleAfter(staleAfterValue)));
  return jsonify({ authenticated: true, user }, { headers: set });
}

export const digestRoutes: Route[] = [
  route('/digest-auth/<qop>/<user>/<passwd>', GET, digestAuth),
  route('/digest-auth/<qop>/<user>/<passwd>/<algorithm>', GET, digestAuth),
  route('/digest-auth/<qop>/<user>/<passwd>/<algorithm>/<stale_after>', GET, digestAuth),
];
