/**
 * Redirects, as httpbin's core.py makes them:
 *
 *   /redirect/3               302 → /relative-redirect/2 → /relative-redirect/1 → /get   (?absolute=true: absolute-*)
 *   /relative-redirect/:n     302 with a relative Location and an empty body
 *   /absolute-redirect/:n     302 with an absolute Location (Flask's redirect page as body)
 *   /redirect-to?url=…&status_code=307   that status (3xx only, else 302) and exactly that Location
 */
import { redirect, reply } from './responses';
import { ANY, GET, route, type Route } from './router';

function positive(n: string): number {
  const value = Number(n);
  if (!(value > 0)) throw new Error('assert n > 0'); // httpbin asserts: a 500
  return value;
}

export const redirectRoutes: Route[] = [
  route('/redirect/<int:n>', GET, (req, { n }, app) => {
    const count = positive(n!);
    const absolute = (req.arg('absolute') ?? 'false').toLowerCase() === 'true';
    if (count === 1) return redirect(app.urlFor('/get', absolute));
    return redirect(app.urlFor(`/${absolute ? 'absolute' : 'relative'}-redirect/${count - 1}`, absolute));
  }),

  route('/redirect-to', ANY, (req) => {
    const url = req.arg('url');
    if (url === undefined) throw new Error("KeyError: 'url'");
    let status = 302;
    const asked = req.arg('status_code');
    if (asked !== undefined) {
      const code = Number.parseInt(asked.trim(), 10);
      if (!/^\s*[+-]?\d+\s*$/.test(asked)) throw new Error('ValueError: int()');
      if (code >= 300 && code < 400) status = code;
    }
    return reply('', { status, headers: [['Location', url]] });
  }),

  route('/relative-redirect/<int:n>', GET, (_req, { n }, app) => {
    const count = positive(n!);
    const location = count === 1 ? app.urlFor('/get') : app.urlFor(`/relative-redirect/${count - 1}`);
    return reply('', { status: 302, headers: [['Location', location]] });
  }),

  route('/absolute-redirect/<int:n>', GET, (_req, { n }, app) => {
    const count = positive(n!);
    return redirect(count === 1 ? app.urlFor('/get', true) : app.urlFor(`/absolute-redirect/${count - 1}`, true));
  }),
];
