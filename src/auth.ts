/**
 * Authentication: Basic (UTF-8, RFC 7617), a custom function, or an `AuthBase` subclass. An auth object may also
 * answer a challenge (`handleResponse`), which is how HTTPDigestAuth (digest.ts) retries once after a 401.
 *
 *   class TokenAuth extends AuthBase { call(r) { r.headers.set('X-Token', 't'); return r; } }
 */
import { utf8 } from './encoding';
import type { PreparedRequest } from './request';
import type { Response } from './response';

/** Requests' `AuthBase`: override `call` to attach credentials to the request. */
export abstract class AuthBase {
  abstract call(request: PreparedRequest): PreparedRequest | Promise<PreparedRequest>;
  /**
   * Optionally answer a response to a request this auth prepared (a 401 challenge): the request to send in its
   * place, or null to keep it. The Session sends it once, and the challenge goes into the new response's history.
   */
  handleResponse?(response: Response): PreparedRequest | null | Promise<PreparedRequest | null>;
}

export type AuthFunction = (request: PreparedRequest) => PreparedRequest | Promise<PreparedRequest>;
export type AuthInput =
  | readonly [username: string, password: string]
  | { readonly username: string; readonly password: string }
  | AuthBase
  | AuthFunction;

/** `Basic base64(utf8(user:pass))` — UTF-8, so non-Latin-1 credentials work (Requests uses Latin-1). */
export function basicAuthHeader(username: string, password: string): string {
  const bytes = utf8.encode(`${username}:${password}`);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return `Basic ${btoa(binary)}`;
}

export class HTTPBasicAuth extends AuthBase {
  // Assigned, not parameter properties: those also emit field declarations in bundles.
  declare username: string;
  declare password: string;
  constructor(username: string, password: string) {
    super();
    this.username = username;
    this.password = password;
  }

  call(request: PreparedRequest): PreparedRequest {
    request.headers.set('Authorization', basicAuthHeader(this.username, this.password));
    return request;
  }
}

/** Basic credentials for a proxy (`Proxy-Authorization`). */
export class HTTPProxyAuth extends HTTPBasicAuth {
  override call(request: PreparedRequest): PreparedRequest {
    request.headers.set('Proxy-Authorization', basicAuthHeader(this.username, this.password));
    return request;
  }
}

class FunctionAuth extends AuthBase {
  declare private readonly fn: AuthFunction;
  constructor(fn: AuthFunction) {
    super();
    this.fn = fn;
  }

  call(request: PreparedRequest): PreparedRequest | Promise<PreparedRequest> {
    return this.fn(request);
  }
}

/** Any accepted auth form as an AuthBase, or null. */
export function normalizeAuth(auth: AuthInput | null | undefined): AuthBase | null {
  if (auth === null || auth === undefined) return null;
  if (typeof auth === 'function') return new FunctionAuth(auth as AuthFunction);
  if (Array.isArray(auth)) return new HTTPBasicAuth(String(auth[0]), String(auth[1]));
  if (typeof (auth as AuthBase).call === 'function') return auth as AuthBase;
  const { username, password } = auth as { username: string; password: string };
  return new HTTPBasicAuth(String(username), String(password));
}
