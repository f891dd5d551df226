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
 */
import { AuthBase, type AuthContext } from './auth';
import { UnrewindableBodyError } from './exceptions';
import type { PreparedRequest } from './request';
import type { Response } from './response';

/** Hex digest of the UTF-8 bytes of a string. */
export type HexHash = (text: string) => Promise<string>;

const encoder = /* @__PURE__ */ new TextEncoder();

const WEB_CRYPTO_NAMES: Record<string, string> = { SHA: 'SHA-1', 'SHA-256': 'SHA-256', 'SHA-512': 'SHA-512' };

function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

async function nobleHash(name: string): Promise<((data: Uint8Array) => Uint8Array) | null> {
  if (name === 'MD5' || name === 'SHA') {
    const { md5, sha1 } = await import('@noble/hashes/legacy.js');
    return name === 'MD5' ? md5 : sha1;
  }
  if (name === 'SHA-256' || name === 'SHA-512' || name === 'SHA-512-256') {
    const { sha256, sha512, sha512_256 } = await import('@noble/hashes/sha2.js');
    return name === 'SHA-256' ? sha256 : name === 'SHA-512' ? sha512 : sha512_256;
  }
  return null;
}

/**
 * The hash function of a Digest algorithm name (without `-sess`), or null when unsupported.
 * `webCrypto: false` forces the portable implementation (what an insecure origin gets).
 */
export async function digestHash(algorithm: string, { webCrypto = true }: { webCrypto?: boolean } = {}): Promise<HexHash | null> {
  const name = algorithm.toUpperCase();
  const subtle = webCrypto ? globalThis.crypto?.subtle : undefined;
  const webName = WEB_CRYPTO_NAMES[name];
  if (subtle && webName) {
    return async (text) => toHex(new Uint8Array(await subtle.digest(webName, encoder.encode(text))));
  }
  const fn = await nobleHash(name);
  return fn ? async (text) => toHex(fn(encoder.encode(text))) : null;
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

export interface DigestInput {
  /** As in the challenge (`MD5` when absent), `-sess` included. */
  algorithm?: string | undefined;
  username: string;
  password: string;
  realm: string;
  nonce: string;
  /** `auth`, or undefined for RFC 2069 (no qop). */
  qop?: 'auth' | undefined;
  /** 8 hex digits. */
  nc: string;
  cnonce: string;
  method: string;
  /** The request-target: path and query. */
  uri: string;
  /** Force the portable hashes (testing what an insecure origin gets). */
  webCrypto?: boolean;
}

/** RFC 7616 §3.4.1 `response`: KD(H(A1), nonce:nc:cnonce:qop:H(A2)); null for an unsupported algorithm. */
export async function digestResponse(input: DigestInput): Promise<string | null> {
  const upper = (input.algorithm ?? 'MD5').toUpperCase();
  const sess = upper.endsWith('-SESS');
  const hash = await digestHash(sess ? upper.slice(0, -5) : upper, { webCrypto: input.webCrypto ?? true });
  if (!hash) return null;
  let ha1 = await hash(`${input.username}:${input.realm}:${input.password}`);
  if (sess) ha1 = await hash(`${ha1}:${input.nonce}:${input.cnonce}`);
  const ha2 = await hash(`${input.method}:${input.uri}`);
  return input.qop ? hash(`${ha1}:${input.nonce}:${input.nc}:${input.cnonce}:auth:${ha2}`) : hash(`${ha1}:${input.nonce}:${ha2}`);
}

/** A quoted-string (RFC 9110 §5.6.4). */
function quote(value: string): string {
  return `"${value.replace(/[\\"]/g, '\\$&')}"`;
}

/** `username="…"`, or RFC 7616's `username*=UTF-8''…` when it is not ASCII (a header value is Latin-1 bytes). */
function usernameParam(username: string): string {
  if (/^[\x20-\x7e]*$/.test(username)) return `username=${quote(username)}`;
  return `username*=UTF-8''${encodeURIComponent(username).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

export class HTTPDigestAuth extends AuthBase {
  #challenge: DigestChallenge | null = null;
  /** Where the challenge came from: credentials go up front to that origin only. */
  #origin = '';
  #lastNonce = '';
  #nonceCount = 0;

  constructor(
    public username: string,
    public password: string,
  ) {
    super();
  }

  /** Authenticates up front once the origin has challenged, as Requests does (it does so for any host). */
  async call(request: PreparedRequest): Promise<PreparedRequest> {
    if (this.#lastNonce && new URL(request.url).origin === this.#origin) {
      const header = await this.buildDigestHeader(request.method, request.url);
      if (header) request.headers.set('Authorization', header);
    }
    return request;
  }

  /** Requests' `handle_401`: answers a Digest challenge once; anything else (or a malformed one) is returned as is. */
  override async handleResponse(response: Response, context: AuthContext): Promise<Response> {
    if (response.statusCode < 400 || response.statusCode >= 500) return response;
    const challenge = chooseChallenge(response.headers.get('www-authenticate') ?? '');
    if (!challenge) return response;
    const retry = response.request.copy();
    if (typeof ReadableStream !== 'undefined' && retry.body instanceof ReadableStream) {
      throw new UnrewindableBodyError('Unable to rewind request body to answer the Digest challenge', { request: retry, response });
    }
    this.#challenge = challenge;
    this.#origin = new URL(response.request.url).origin;
    const header = await this.buildDigestHeader(retry.method, retry.url);
    if (!header) return response;
    // Read the challenge's body so its connection can be reused.
    await response.read().catch(() => {});
    retry.headers.set('Authorization', header);
    retry.headers.delete('cookie'); // rebuilt from the jar, which now holds what the 401 set
    const answered = await context.send(retry);
    answered.history = [...response.history, response];
    return answered;
  }

  /** Requests' `build_digest_header`: the `Authorization` value for a request, or null without a usable challenge. */
  async buildDigestHeader(method: string, url: string): Promise<string | null> {
    const chal = this.#challenge;
    if (!chal?.nonce) return null;
    const realm = chal.realm ?? '';
    const nonce = chal.nonce;
    const qop = chal.qop === undefined ? undefined : 'auth';
    const parsed = new URL(url);
    const uri = (parsed.pathname || '/') + parsed.search;

    const nonceCount = nonce === this.#lastNonce ? this.#nonceCount + 1 : 1;
    const nc = nonceCount.toString(16).padStart(8, '0');
    const cnonce = toHex(crypto.getRandomValues(new Uint8Array(8)));
    const response = await digestResponse({ algorithm: chal.algorithm, username: this.username, password: this.password, realm, nonce, qop, nc, cnonce, method, uri });
    if (response === null) return null;
    this.#nonceCount = nonceCount;
    this.#lastNonce = nonce;

    // RFC 7616 §3.4: algorithm, qop and nc are tokens; the rest quoted strings.
    let header = `${usernameParam(this.username)}, realm=${quote(realm)}, nonce=${quote(nonce)}, uri=${quote(uri)}, response="${response}"`;
    if (chal.opaque !== undefined) header += `, opaque=${quote(chal.opaque)}`;
    if (chal.algorithm) header += `, algorithm=${chal.algorithm}`;
    if (qop) header += `, qop=auth, nc=${nc}, cnonce="${cnonce}"`;
    // RFC 2617 sends cnonce only with qop, yet -sess hashes it: without qop the server could not verify.
    else if (/-sess$/i.test(chal.algorithm ?? '')) header += `, cnonce="${cnonce}"`;
    return `Digest ${header}`;
  }
}
