/**
 * Requests' `resolve_redirects`, as pure functions: is a response a redirect, and what is the next request.
 *   - 303 → GET (HEAD stays HEAD); 302 → GET (HEAD stays); 301 turns POST into GET; 307/308 keep method and body.
 *   - For every status but 307/308 the body and Content-Length/Content-Type/Transfer-Encoding go.
 *   - Location: relative and scheme-relative resolved against the current URL; non-ASCII (sent as raw UTF-8)
 *     decoded; a Location without a fragment keeps the previous one.
 *   - Authorization and Proxy-Authorization go when the host, port or scheme changes (http→https on default
 *     ports keeps them). Cookie always goes: the session rebuilds it for the new URL.
 */
import { InvalidSchema } from './exceptions';
import type { PreparedRequest } from './request';
import { prepareUrl } from './url';

export const REDIRECT_STATI: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

/** The Location of a redirect, with raw UTF-8 bytes (which fetch exposes as Latin-1 characters) decoded. */
export function redirectTarget(status: number, headers: Headers): string | null {
  const location = headers.get('location');
  if (location === null || !REDIRECT_STATI.has(status)) return null;
  if (!/[\u0080-\u00ff]/.test(location) || /[^\u0000-\u00ff]/.test(location)) return location;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(location, (c) => c.charCodeAt(0)));
  } catch {
    return location;
  }
}

/** Requests' `rebuild_method`. */
export function redirectMethod(method: string, status: number): string {
  if ((status === 303 || status === 302) && method !== 'HEAD') return 'GET';
  if (status === 301 && method === 'POST') return 'GET';
  return method;
}

/** Requests' `should_strip_auth`, with WHATWG URLs (default ports already normalised away). */
export function shouldStripAuth(oldUrl: string, newUrl: string): boolean {
  const from = new URL(oldUrl);
  const to = new URL(newUrl);
  if (from.hostname !== to.hostname) return true;
  if (from.protocol === 'http:' && from.port === '' && to.protocol === 'https:' && to.port === '') return false;
  return from.port !== to.port || from.protocol !== to.protocol;
}

/** Resolves a Location against the URL it came from, keeping the previous fragment when it has none. */
export function resolveLocation(location: string, currentUrl: string): string {
  let target = location.startsWith('//') ? `${new URL(currentUrl).protocol}${location}` : location;
  const previousFragment = new URL(currentUrl).hash;
  let resolved: URL;
  try {
    resolved = new URL(target, currentUrl);
  } catch {
    // Let prepareUrl raise the right exception for what cannot be parsed.
    return prepareUrl(target).url;
  }
  if (resolved.protocol !== 'http:' && resolved.protocol !== 'https:') {
    throw new InvalidSchema(`No connection adapters were found for ${JSON.stringify(resolved.href)}`);
  }
  if (!resolved.hash && previousFragment && !target.includes('#')) resolved.hash = previousFragment;
  target = resolved.href;
  return prepareUrl(target).url;
}

/** The next request of a redirect chain (Cookie removed: the caller adds the cookies of the new URL). */
export function nextRequest(request: PreparedRequest, status: number, location: string): PreparedRequest {
  const next = request.copy();
  next.url = resolveLocation(location, request.url);
  next.method = redirectMethod(request.method, status);
  if (status !== 307 && status !== 308) {
    for (const name of ['content-length', 'content-type', 'transfer-encoding']) next.headers.delete(name);
    next.body = null;
  }
  next.headers.delete('cookie');
  if (shouldStripAuth(request.url, next.url)) {
    next.headers.delete('authorization');
    next.headers.delete('proxy-authorization');
  }
  return next;
}
