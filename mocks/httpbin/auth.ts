/**
 * Basic and Bearer authentication:
 *
 *   /basic-auth/user/passwd          401 + WWW-Authenticate: Basic realm="Fake Realm" unless the Basic credentials
 *                                    match; then { authenticated: true, user }
 *   /hidden-basic-auth/user/passwd   the same, but 404 instead of 401 (no challenge)
 *   /bearer                          401 + WWW-Authenticate: Bearer without an Authorization header; else the token
 */
import { pythonB64decode } from './python-base64';
import type { HttpbinRequest } from './request-data';
import { jsonify, reply, statusCode } from './responses';
import { GET, route, type Route } from './router';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Werkzeug's parse of `Authorization: Basic …` (UTF-8 credentials), or null when absent or malformed. */
export function basicCredentials(req: HttpbinRequest): { username: string; password: string } | null {
  const header = req.headers.get('authorization');
  const m = header ? /^\s*(\S+)\s+([\s\S]*)$/.exec(header) : null;
  if (!m || m[1]!.toLowerCase() !== 'basic') return null;
  // eslint-disable-next-line no-control-regex
  if (!/^[\x00-\x7f]*$/.test(m[2]!)) return null;
  const bytes = pythonB64decode(m[2]!);
  if (!bytes) return null;
  const colon = bytes.indexOf(0x3a);
  if (colon === -1) return null;
  try {
    return { username: utf8.decode(bytes.subarray(0, colon)), password: utf8.decode(bytes.subarray(colon + 1)) };
  } catch {
    return null;
  }
}

function checkBasicAuth(req: HttpbinRequest, user: string, passwd: string): boolean {
  const credentials = basicCredentials(req);
  return credentials !== null && credentials.username === user && credentials.password === passwd;
}

export const authRoutes: Route[] = [
  route('/basic-auth/<user>/<passwd>', GET, (req, { user, passwd }) =>
    checkBasicAuth(req, user!, passwd!) ? jsonify({ authenticated: true, user }) : statusCode(401),
  ),

  route('/hidden-basic-auth/<user>/<passwd>', GET, (req, { user, passwd }) =>
    checkBasicAuth(req, user!, passwd!) ? jsonify({ authenticated: true, user }) : statusCode(404),
  ),

  // core.bearer_auth: any Authorization header passes, and the token is what `lstrip('Bearer ')` leaves, a
  // character-set strip, so "Bearer Bob" gives "ob". Faithful on purpose: the real one does it too.
  route('/bearer', GET, (req) => {
    const authorization = req.headers.get('authorization');
    if (authorization === null) return reply('', { status: 401, headers: [['WWW-Authenticate', 'Bearer']] });
    return jsonify({ authenticated: true, token: authorization.replace(/^[Bear ]+/, '') });
  }),
];
