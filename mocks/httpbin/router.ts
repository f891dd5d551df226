/**
 * Werkzeug's routing, enough for httpbin: rules written as in httpbin's core.py (`/status/<codes>`,
 * `/redirect/<int:n>`, `/anything/<path:anything>`) matched against the percent-decoded path; HEAD served for every
 * GET rule without a body; OPTIONS answered for every rule; 405 with Allow for a known path and another method;
 * Werkzeug's 404 page for the rest of the origin; a 500 page where httpbin's Python would raise. Every response
 * then gets httpbin's CORS headers (its after_request hook) and the Date/Server a real server sends.
 *
 * Each rule becomes one msw handler, so `server.use()` overrides still win and `listHandlers()` stays readable.
 */
import { http, HttpResponse, type HttpHandler } from 'msw';
import { decodePath, HttpbinRequest } from './request-data';
import { errorPage, reply, SET_COOKIES } from './responses';

/** Where the handlers live: `https://httpbin.org`, or a prefix like `http://localhost:5173/httpbin`. */
export interface App {
  /** `https://httpbin.org` */
  origin: string;
  /** The mount path (Flask's script_root): '' or '/httpbin'. */
  root: string;
  /** Flask's url_for: the path under the mount, absolute (`https://httpbin.org/get`) when `external`. */
  urlFor: (path: string, external?: boolean) => string;
}

export type Params = Record<string, string>;
export type View = (request: HttpbinRequest, params: Params, app: App) => Response | Promise<Response>;

export interface Route {
  rule: string;
  methods: readonly string[];
  view: View;
}

export const GET = ['GET'] as const;
/** The methods httpbin's "any method" views accept. */
export const ANY = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'TRACE'] as const;

export function route(rule: string, methods: readonly string[], view: View): Route {
  return { rule, methods, view };
}

const CONVERTERS: Record<string, string> = { default: '[^/]+', string: '[^/]+', int: '\\d+', path: '[^/].*?' };

interface CompiledRoute extends Route {
  pattern: RegExp;
  names: string[];
  allowed: Set<string>;
}

function compile(r: Route): CompiledRoute {
  const names: string[] = [];
  let source = '';
  let last = 0;
  for (const m of r.rule.matchAll(/<(?:(\w+):)?(\w+)>/g)) {
    source += r.rule.slice(last, m.index).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    source += `(${CONVERTERS[m[1] ?? 'default']})`;
    names.push(m[2]!);
    last = m.index + m[0].length;
  }
  source += r.rule.slice(last).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const allowed = new Set(r.methods);
  if (allowed.has('GET')) allowed.add('HEAD');
  return { ...r, pattern: new RegExp(`^${source}$`, 's'), names, allowed };
}

export function makeApp(origin: string): App {
  const base = new URL(origin);
  const root = base.pathname.replace(/\/+$/, '');
  const app: App = {
    origin: base.origin,
    root,
    urlFor: (path, external = false) => `${external ? base.origin : ''}${root}${path}`,
  };
  return app;
}

/** The path under the mount, decoded as a WSGI app sees it; null when the request is not for this app. */
function appPath(app: App, request: Request): string | null {
  const url = new URL(request.url);
  if (url.origin !== app.origin) return null;
  const path = decodePath(url.pathname);
  if (!app.root) return path;
  if (path !== app.root && !path.startsWith(`${app.root}/`)) return null;
  return path.slice(app.root.length) || '/';
}

/** httpbin's after_request (CORS), plus what gunicorn adds; HEAD keeps the headers and drops the body. */
function finish(response: Response, request: Request): Response {
  const headers = new Headers(response.headers);
  const cookies = SET_COOKIES.get(response);
  if (cookies) {
    headers.delete('Set-Cookie');
    for (const cookie of cookies) headers.append('Set-Cookie', cookie);
  }
  if (!headers.has('Date')) headers.set('Date', new Date().toUTCString());
  headers.set('Server', 'gunicorn/19.9.0');
  headers.set('Access-Control-Allow-Origin', request.headers.get('origin') ?? '*');
  headers.set('Access-Control-Allow-Credentials', 'true');
  if (request.method === 'OPTIONS') {
    headers.set('Access-Control-Allow-Methods', 'GET, POST, PUT, DELETE, PATCH, OPTIONS');
    headers.set('Access-Control-Max-Age', '3600');
    const asked = request.headers.get('access-control-request-headers');
    if (asked !== null) headers.set('Access-Control-Allow-Headers', asked);
  }
  let body = response.body;
  if (request.method === 'HEAD' && body) {
    void body.cancel().catch(() => {});
    body = null;
  }
  return new HttpResponse(body, { status: response.status, statusText: response.statusText, headers });
}

async function run(
  view: View,
  request: Request,
  cookies: Record<string, string>,
  params: Params,
  app: App,
): Promise<Response> {
  try {
    return finish(await view(new HttpbinRequest(request, cookies), params, app), request);
  } catch {
    // Where httpbin's Python raises (bad int(), missing arg, failed assert), Flask answers 500.
    return finish(errorPage(500), request);
  }
}

/** msw handlers for the routes on the given origin, and the fallback that answers OPTIONS, 405 and 404. */
export function buildHandlers(origin: string, routes: Route[]): HttpHandler[] {
  const app = makeApp(origin);
  const compiled = routes.map(compile);
  const match = (r: CompiledRoute, path: string): Params | null => {
    const m = r.pattern.exec(path);
    if (!m) return null;
    return Object.fromEntries(r.names.map((name, i) => [name, m[i + 1]!]));
  };

  const handlers = compiled.map((r) =>
    http.all(
      ({ request }) => {
        const path = appPath(app, request);
        const params = path === null || !r.allowed.has(request.method) ? null : match(r, path);
        return params ? { matches: true, params } : false;
      },
      ({ request, params, cookies }) => run(r.view, request, cookies, params as Params, app),
    ),
  );

  handlers.push(
    http.all(
      ({ request }) => appPath(app, request) !== null,
      ({ request }) => {
        const path = appPath(app, request)!;
        const methods = new Set<string>();
        for (const r of compiled) if (match(r, path)) for (const m of r.allowed) methods.add(m);
        if (methods.size === 0) return finish(errorPage(404), request);
        methods.add('OPTIONS');
        const allow: [string, string] = ['Allow', [...methods].sort().join(', ')];
        if (request.method === 'OPTIONS') return finish(reply('', { headers: [allow] }), request);
        return finish(errorPage(405, [allow]), request);
      },
    ),
  );
  return handlers;
}
