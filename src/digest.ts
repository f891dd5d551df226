/**
 * HTTP Digest authentication (RFC 7616) as Requests' HTTPDigestAuth does it: on a 401 with a Digest challenge,
 * answer once; MD5, SHA-256, SHA-512 and their -sess variants, qop `auth`, opaque, and a nonce count that
 * increments while the server keeps its nonce (later requests authenticate up front). The final response's
 * history is `[401]`. Hashes come from @noble/hashes (the same in Node and browsers: Web Crypto has no MD5
 * and is missing on insecure origins), loaded on first use so that bundles without Digest do not carry them.
 */
import { AuthBase, type AuthContext } from './auth';
import { UnrewindableBodyError } from './exceptions';
import type { PreparedRequest } from './request';
import type { Response } from './response';

type HashFn = (data: Uint8Array) => Uint8Array;

async function loadHash(algorithm: string): Promise<HashFn | null> {
  if (algorithm === 'MD5' || algorithm === 'SHA') {
    const { md5, sha1 } = await import('@noble/hashes/legacy.js');
    return algorithm === 'MD5' ? md5 : sha1;
  }
  if (algorithm === 'SHA-256' || algorithm === 'SHA-512') {
    const { sha256, sha512 } = await import('@noble/hashes/sha2.js');
    return algorithm === 'SHA-256' ? sha256 : sha512;
  }
  return null;
}

function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

const encoder = /* @__PURE__ */ new TextEncoder();

/** Requests' `parse_dict_header`: `a="x, y", b=z` → { a: 'x, y', b: 'z' }. */
export function parseChallenge(header: string): Record<string, string> {
  const out: Record<string, string> = {};
  const pattern = /([^\s=,]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,]*))/g;
  for (const match of header.matchAll(pattern)) {
    out[match[1]!.toLowerCase()] = match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : match[3]!.trim();
  }
  return out;
}

export class HTTPDigestAuth extends AuthBase {
  #challenge: Record<string, string> | null = null;
  #lastNonce = '';
  #nonceCount = 0;

  constructor(
    public username: string,
    public password: string,
  ) {
    super();
  }

  /** Authenticates up front once a challenge is known, as Requests does. */
  async call(request: PreparedRequest): Promise<PreparedRequest> {
    if (this.#lastNonce) {
      const header = await this.buildDigestHeader(request.method, request.url);
      if (header) request.headers.set('Authorization', header);
    }
    return request;
  }

  override async handleResponse(response: Response, context: AuthContext): Promise<Response> {
    const challenge = response.headers.get('www-authenticate') ?? '';
    if (response.statusCode < 400 || response.statusCode >= 500 || !/digest/i.test(challenge)) return response;
    this.#challenge = parseChallenge(challenge.replace(/^.*?digest\s+/i, ''));
    const retry = response.request.copy();
    const header = await this.buildDigestHeader(retry.method, retry.url);
    if (!header) return response;
    if (typeof ReadableStream !== 'undefined' && retry.body instanceof ReadableStream) {
      throw new UnrewindableBodyError('Unable to rewind request body to answer the Digest challenge', { request: retry, response });
    }
    // Read the challenge's body so its connection can be reused.
    await response.read().catch(() => {});
    retry.headers.set('Authorization', header);
    retry.headers.delete('cookie'); // rebuilt from the jar, which now holds what the 401 set
    const answered = await context.send(retry);
    answered.history = [...response.history, response];
    return answered;
  }

  /** The `Authorization` value for a request, or null when the challenge asks for what is unsupported. */
  async buildDigestHeader(method: string, url: string): Promise<string | null> {
    const chal = this.#challenge;
    if (!chal) return null;
    const realm = chal.realm ?? '';
    const nonce = chal.nonce ?? '';
    const qop = chal.qop;
    const algorithm = chal.algorithm;
    const upper = (algorithm ?? 'MD5').toUpperCase();
    const sess = upper.endsWith('-SESS');
    const hashFn = await loadHash(sess ? upper.slice(0, -5) : upper);
    if (!hashFn) return null;
    const hash = (s: string): string => toHex(hashFn(encoder.encode(s)));

    const parsed = new URL(url);
    const path = (parsed.pathname || '/') + parsed.search;
    let ha1 = hash(`${this.username}:${realm}:${this.password}`);
    const ha2 = hash(`${method}:${path}`);

    this.#nonceCount = nonce === this.#lastNonce ? this.#nonceCount + 1 : 1;
    const nc = this.#nonceCount.toString(16).padStart(8, '0');
    const cnonce = toHex(crypto.getRandomValues(new Uint8Array(8)));
    if (sess) ha1 = hash(`${ha1}:${nonce}:${cnonce}`);

    let response: string;
    if (!qop) {
      response = hash(`${ha1}:${nonce}:${ha2}`);
    } else if (qop.split(',').map((q) => q.trim()).includes('auth')) {
      response = hash(`${ha1}:${nonce}:${nc}:${cnonce}:auth:${ha2}`);
    } else {
      return null; // auth-int only: Requests does not support it either
    }
    this.#lastNonce = nonce;

    let header = `username="${this.username}", realm="${realm}", nonce="${nonce}", uri="${path}", response="${response}"`;
    if (chal.opaque) header += `, opaque="${chal.opaque}"`;
    if (algorithm) header += `, algorithm="${algorithm}"`;
    if (qop) header += `, qop="auth", nc=${nc}, cnonce="${cnonce}"`;
    return `Digest ${header}`;
  }
}
