/**
 * Requests' `resolve_redirects`, as pure functions: is a response a redirect, and what is the next request.
 *   - 303 → GET (HEAD stays HEAD); 302 → GET (HEAD stays); 301 turns POST into GET; 307/308 keep method and body.
 *   - For every status but 307/308 the body and Content-Length/Content-Type/Transfer-Encoding go.
 *   - Location: relative and scheme-relative resolved against the current URL; non-ASCII (sent as raw UTF-8)
 *     decoded; a Location without a fragment keeps the previous one. Only http(s) targets can be followed.
 *   - Authorization and Proxy-Authorization go when the host, port or scheme changes (http→https on default
 *     ports keeps them). Cookie always goes: the session rebuilds it for the new URL.
 *
 * The Session's redirect steps (session.ts: `getRedirectTarget`, `rebuildMethod`, `shouldStripAuth`, …) call these.
 *
 *   redirectMethod('POST', 302)   // 'GET'
 */
import { InvalidSchema, InvalidURL } from './exceptions';
import { masked, maskedCause, prepareUrl } from './url';

export const REDIRECT_STATI: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

/**
 * Requests' `get_redirect_target`: the Location of a redirect, with raw UTF-8 bytes (which fetch exposes as
 * Latin-1 characters) decoded; null when the response is no redirect or its Location is empty.
 */
export function redirectTarget(status: number, headers: Headers): string | null {
  if (!REDIRECT_STATI.has(status)) return null;
  const location = headers.get('location');
  if (!location) return null;
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

/**
 * Requests' `should_strip_auth`: credentials stay only on the same host, scheme and port, or on the upgrade
 * from http to https with default ports. WHATWG URLs have already normalised default ports away (`:80` → '').
 */
export function shouldStripAuth(oldUrl: string, newUrl: string): boolean {
  const from = new URL(oldUrl);
  const to = new URL(newUrl);
  if (from.hostname !== to.hostname) return true;
  if (from.protocol === 'http:' && from.port === '' && to.protocol === 'https:' && to.port === '') return false;
  return from.port !== to.port || from.protocol !== to.protocol;
}

/**
 * Resolves a Location against the URL it came from, keeping the previous fragment when it has none.
 * Throws InvalidSchema for a target that is not http(s) (`ftp:`, `javascript:`), InvalidURL for one that cannot
 * be parsed — before anything is sent.
 */
export function resolveLocation(location: string, currentUrl: string): string {
  const current = new URL(currentUrl);
  // RFC 1808: a scheme-relative Location takes the scheme of the URL it came from.
  const target = location.startsWith('//') ? `${current.protocol}${location}` : location;
  let resolved: URL;
  try {
    resolved = new URL(target, current);
  } catch (error) {
    // The Location is the server's: any credentials it carries are masked like the caller's own.
    throw new InvalidURL(
      `Invalid URL ${JSON.stringify(masked(target))} in a redirect from ${masked(currentUrl)}: cannot be parsed`,
      {
        cause: maskedCause(error, target),
      },
    );
  }
  if (resolved.protocol !== 'http:' && resolved.protocol !== 'https:') {
    throw new InvalidSchema(`No connection adapters were found for ${JSON.stringify(masked(resolved.href))}`);
  }
  // RFC 7231 7.1.2: a Location without a fragment inherits the request's.
  if (!resolved.hash && current.hash) resolved.hash = current.hash;
  return prepareUrl(resolved.href).url;
}
