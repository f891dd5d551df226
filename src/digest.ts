/**
 * HTTP Digest authentication (RFC 7616) as Requests' HTTPDigestAuth does it: on a 4xx with a Digest challenge,
 * answer once; MD5, SHA-256, SHA-512 (Requests' extra), SHA-512-256, SHA (SHA-1, Requests' extra) and their -sess
 * variants; qop `auth` (or none, RFC 2069); opaque echoed; a nonce count that increments while the server keeps
 * its nonce, later requests to the same origin authenticating up front. The answered response's history is
 * `[401]`.
 *
 *   const s = new Session({ auth: new HTTPDigestAuth('user', 'passwd') });
 *   const r = await s.get('https://httpbin.org/digest-auth/auth/user/passwd');   // r.history → [<Response [401]>]
 *
 * Hashes: Web Crypto where the runtime offers it (SHA-1/256/512; `crypto.subtle` is missing on insecure
 * origins), else @noble/hashes — also for MD5 and SHA-512-256, which Web Crypto lacks. noble is loaded on first
 * use, so bundles that never meet a Digest challenge do not carry it.
 *
 * The computation (digest-core.ts) is itself loaded with `import()` on the first 4xx response, so a bundle that
 * only constructs HTTPDigestAuth carries little more than this class.
 */
import { AuthBase } from './auth';
import type { DigestInput, DigestState, HexHash } from './digest-core';
import { UnrewindableBodyError } from './exceptions';
import { loadOnce } from './lazy';
import type { PreparedRequest } from './request';
import type { Response } from './response';

export type { DigestInput, HexHash } from './digest-core';

/** The Digest computation, loaded on the first challenge. */
const loadCore = loadOnce(() => import('./digest-core'));

/**
 * The hash function of a Digest algorithm name (without `-sess`), or null when unsupported.
 * `webCrypto: false` forces the portable implementation (what an insecure origin gets).
 */
export async function digestHash(algorithm: string, options: { webCrypto?: boolean } = {}): Promise<HexHash | null> {
  return (await loadCore()).digestHash(algorithm, options);
}

/** RFC 7616 §3.4.1 `response`: KD(H(A1), nonce:nc:cnonce:qop:H(A2)); null for an unsupported algorithm. */
export async function digestResponse(input: DigestInput): Promise<string | null> {
  return (await loadCore()).digestResponse(input);
}

/** One challenge's auth-params, names lower-cased. */
export type DigestChallenge = Record<string, string>;

const TOKEN_CHAR = /[!#$%&'*+.^_`|~0-9A-Za-z-]/;

/**
 * Every challenge of a WWW-Authenticate value (several may share one header, or arrive as several headers that
 * fetch joins with ", "): `[{ scheme: 'digest', params: { realm, nonce, … } }, …]`. Quoted strings may hold
 * commas and escaped quotes.
 */
export function parseChallenges(header: string): { scheme: string; params: DigestChallenge }[] {
  const out: { scheme: string; params: DigestChallenge }[] = [];
  let i = 0;
  const readToken = (): string => {
    const start = i;
    while (i < header.length && TOKEN_CHAR.test(header[i]!)) i++;
    return header.slice(start, i);
  };
  const skipSpace = (): void => {
    while (i < header.length && (header[i] === ' ' || header[i] === '\t')) i++;
  };
  while (i < header.length) {
    skipSpace();
    if (header[i] === ',') {
      i++;
      continue;
    }
    const token = readToken();
    if (token === '') {
      i++; // not a token character outside any quoted string: skip it
      continue;
    }
    skipSpace();
    if (header[i] !== '=') {
      out.push({ scheme: token.toLowerCase(), params: {} }); // a token without '=' starts a challenge
      continue;
    }
    if (out.length === 0) out.push({ scheme: '', params: {} }); // params before any scheme
    i++; // '='
    skipSpace();
    let value = '';
    if (header[i] === '"') {
      i++;
      while (i < header.length && header[i] !== '"') {
        if (header[i] === '\\' && i + 1 < header.length) i++;
        value += header[i++];
      }
      i++; // closing quote
    } else {
      const start = i;
      while (i < header.length && header[i] !== ',' && header[i] !== ' ' && header[i] !== '\t') i++;
      value = header.slice(start, i);
    }
    out[out.length - 1]!.params[token.toLowerCase()] = value;
  }
  return out;
}

/** Requests' `parse_dict_header` for the part after "Digest": `realm="a, b", nonce=x` → { realm: 'a, b', nonce: 'x' }. */
export function parseChallenge(header: string): DigestChallenge {
  return parseChallenges(`Digest ${header}`)[0]?.params ?? {};
}

const SUPPORTED = /^(MD5|SHA|SHA-256|SHA-512|SHA-512-256)(-SESS)?$/;

/** The first Digest challenge we can answer (servers list their preferred one first); null when none. */
export function chooseChallenge(header: string): DigestChallenge | null {
  for (const { scheme, params } of parseChallenges(header)) {
    if (scheme !== 'digest' || params.realm === undefined || !params.nonce) continue;
    if (!SUPPORTED.test((params.algorithm ?? 'MD5').toUpperCase())) continue;
    if (params.qop !== undefined && !params.qop.split(',').some((q) => q.trim().toLowerCase() === 'auth')) continue;
    return params;
  }
  return null;
}

export class HTTPDigestAuth extends AuthBase {
  /** The challenge, the nonce last answered and its count. */
  #state: DigestState;
  /** Where the challenge came from: credentials go up front to that origin only. */
  #origin = '';

  // Assigned, not parameter properties: those also emit field declarations in bundles.
  declare username: string;
  declare password: string;

  constructor(username: string, password: string) {
    super();
    this.username = username;
    this.password = password;
    this.#state = { username, password, challenge: null, lastNonce: '', nonceCount: 0 };
  }

  /** Authenticates up front once the origin has challenged, as Requests does (it does so for any host). */
  async call(request: PreparedRequest): Promise<PreparedRequest> {
    if (this.#state.lastNonce && new URL(request.url).origin === this.#origin) {
      const header = await this.buildDigestHeader(request.method, request.url);
      if (header) request.headers.set('Authorization', header);
    }
    return request;
  }

  /**
   * Requests' `handle_401`: the request that answers a Digest challenge (the Session sends it once), or null for a
   * response that is no challenge we can answer.
   */
  override async handleResponse(response: Response): Promise<PreparedRequest | null> {
    if (response.statusCode < 400 || response.statusCode >= 500) return null;
    const challenge = chooseChallenge(response.headers.get('www-authenticate') ?? '');
    if (!challenge) return null;
    const retry = response.request.copy();
    if (retry.body instanceof ReadableStream) {
      throw new UnrewindableBodyError('Unable to rewind request body to answer the Digest challenge', {
        request: retry,
        response,
      });
    }
    this.#state.challenge = challenge;
    this.#origin = new URL(response.request.url).origin;
    const header = await this.buildDigestHeader(retry.method, retry.url);
    if (!header) return null;
    retry.headers.set('Authorization', header);
    return retry;
  }

  /** Requests' `build_digest_header`: the `Authorization` value for a request, or null without a usable challenge. */
  async buildDigestHeader(method: string, url: string): Promise<string | null> {
    // The credentials as they are now (they are public fields, which callers may change).
    this.#state.username = this.username;
    this.#state.password = this.password;
    return (await loadCore()).buildDigestHeader(this.#state, method, url);
  }
}
