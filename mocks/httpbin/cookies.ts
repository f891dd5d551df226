/**
 * Cookies: /cookies lists what the client sent; the setters answer 302 → /cookies with Set-Cookie headers written
 * the way Werkzeug's dump_cookie writes them (quoted and escaped when needed; Secure on https).
 *
 *   /cookies/set/flavour/oat   Set-Cookie: flavour=oat; Path=/      then /cookies → { cookies: { flavour: 'oat' } }
 *   /cookies/set?a=1&b=2       one Set-Cookie per key
 *   /cookies/delete?a          Set-Cookie: a=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/
 */
import { jsonify, redirect } from './responses';
import { GET, route, type App, type Route } from './router';

/** core.ENV_COOKIES: analytics cookies httpbin.org hides unless ?show_env. */
const ENV_COOKIES = [
  '_gauges_unique',
  '_gauges_unique_year',
  '_gauges_unique_month',
  '_gauges_unique_day',
  '_gauges_unique_hour',
  '__utmz',
  '__utma',
  '__utmb',
];

const LEGAL = /^[A-Za-z0-9/=!#$%&'*+\-.^_`|~:]*$/;
const encoder = new TextEncoder();

/** Werkzeug's _cookie_quote: legal values as they are, anything else in quotes with octal/backslash escapes. */
export function quoteCookieValue(value: string): string {
  if (LEGAL.test(value)) return value;
  let out = '';
  for (const b of encoder.encode(value)) {
    const ch = String.fromCharCode(b);
    if (ch === ',') out += '\\054';
    else if (ch === ';') out += '\\073';
    else if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (b < 32 || b >= 127) out += `\\${b.toString(8).padStart(3, '0')}`;
    else out += ch;
  }
  return `"${out}"`;
}

function setCookie(app: App, name: string, value: string): [string, string] {
  const secure = app.origin.startsWith('https:') ? '; Secure' : '';
  return ['Set-Cookie', `${name}=${quoteCookieValue(value)}${secure}; Path=/`];
}

/** dict(request.args.items()): the first value of each key. */
function firstValues(pairs: [string, string][]): [string, string][] {
  const seen = new Map<string, string>();
  for (const [k, v] of pairs) if (!seen.has(k)) seen.set(k, v);
  return [...seen];
}

export const cookieRoutes: Route[] = [
  route('/cookies', GET, (req) => {
    const cookies = req.cookies;
    if (!req.hasArg('show_env')) for (const name of ENV_COOKIES) delete cookies[name];
    return jsonify({ cookies });
  }),

  route('/cookies/set/<name>/<value>', GET, (_req, { name, value }, app) =>
    redirect(app.urlFor('/cookies'), [setCookie(app, name!, value!)]),
  ),

  route('/cookies/set', GET, (req, _params, app) =>
    redirect(
      app.urlFor('/cookies'),
      firstValues(req.argPairs).map(([name, value]) => setCookie(app, name, value)),
    ),
  ),

  route('/cookies/delete', GET, (req, _params, app) =>
    redirect(
      app.urlFor('/cookies'),
      firstValues(req.argPairs).map(
        ([name]) =>
          ['Set-Cookie', `${name}=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/`] as [string, string],
      ),
    ),
  ),
];
