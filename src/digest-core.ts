/**
 * The Digest computation behind HTTPDigestAuth (digest.ts): the hashes and the header. Loaded with
 * `import()` on the first 4xx a Digest-authenticated request meets, so bundles pay for it only when it is used.
 * digest.ts exposes `digestHash` and `digestResponse` through it.
 */
import type { DigestChallenge } from './digest';

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
export async function digestHash(
  algorithm: string,
  { webCrypto = true }: { webCrypto?: boolean } = {},
): Promise<HexHash | null> {
  const name = algorithm.toUpperCase();
  const subtle = webCrypto ? globalThis.crypto?.subtle : undefined;
  const webName = WEB_CRYPTO_NAMES[name];
  if (subtle && webName) {
    return async (text) => toHex(new Uint8Array(await subtle.digest(webName, encoder.encode(text))));
  }
  const fn = await nobleHash(name);
  return fn ? async (text) => toHex(fn(encoder.encode(text))) : null;
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
  return input.qop
    ? hash(`${ha1}:${input.nonce}:${input.nc}:${input.cnonce}:auth:${ha2}`)
    : hash(`${ha1}:${input.nonce}:${ha2}`);
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

/** What HTTPDigestAuth keeps between requests. */
export interface DigestState {
  username: string;
  password: string;
  challenge: DigestChallenge | null;
  lastNonce: string;
  nonceCount: number;
}

/**
 * Requests' `build_digest_header`: the `Authorization` value for a request, or null without a usable challenge.
 * Advances `state`'s nonce count when it answers.
 */
export async function buildDigestHeader(state: DigestState, method: string, url: string): Promise<string | null> {
  const chal = state.challenge;
  if (!chal?.nonce) return null;
  const realm = chal.realm ?? '';
  const nonce = chal.nonce;
  const qop = chal.qop === undefined ? undefined : 'auth';
  const parsed = new URL(url);
  const uri = (parsed.pathname || '/') + parsed.search;

  const nonceCount = nonce === state.lastNonce ? state.nonceCount + 1 : 1;
  const nc = nonceCount.toString(16).padStart(8, '0');
  const cnonce = toHex(crypto.getRandomValues(new Uint8Array(8)));
  const response = await digestResponse({
    algorithm: chal.algorithm,
    username: state.username,
    password: state.password,
    realm,
    nonce,
    qop,
    nc,
    cnonce,
    method,
    uri,
  });
  if (response === null) return null;
  state.nonceCount = nonceCount;
  state.lastNonce = nonce;

  // RFC 7616 §3.4 makes algorithm, qop and nc tokens; qop is quoted as Requests sends it (`qop="auth"`, its
  // test_DIGESTAUTH_QUOTES_QOP_VALUE), which servers accept as RFC 2617's examples quote it.
  let header = `${usernameParam(state.username)}, realm=${quote(realm)}, nonce=${quote(nonce)}, uri=${quote(uri)}, response="${response}"`;
  if (chal.opaque !== undefined) header += `, opaque=${quote(chal.opaque)}`;
  if (chal.algorithm) header += `, algorithm=${chal.algorithm}`;
  if (qop) header += `, qop="auth", nc=${nc}, cnonce="${cnonce}"`;
  // RFC 2617 sends cnonce only with qop, yet -sess hashes it: without qop the server could not verify.
  else if (/-sess$/i.test(chal.algorithm ?? '')) header += `, cnonce="${cnonce}"`;
  return `Digest ${header}`;
}
