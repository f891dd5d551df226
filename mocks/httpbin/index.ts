/**
 * httpbin, in msw: the endpoints the tutorial and the tests use, behaving like Debian's python3-httpbin (its
 * core.py and helpers.py are the reference) and formatted like httpbin.org (pretty JSON), for setupServer in Node
 * and setupWorker in a browser alike (web APIs only).
 *
 *   import { setupServer } from 'msw/node';
 *   const server = setupServer(...httpbinHandlers());                       // https://httpbin.org
 *   const local = httpbinHandlers('http://localhost:5173/httpbin');          // mounted under a path
 *
 * One file per concept: echo, status, redirects, cookies, auth (Basic, Bearer), digest, streaming (delay, drip,
 * stream, bytes, range), encoding (gzip, deflate, brotli, utf8), formats (html, json, xml, forms, images, links,
 * base64, …), cache.
 * What the real one does that a mock cannot, and where httpbin.org and Debian's build differ, is listed in
 * test/fidelity/httpbin.fidelity.test.ts.
 */
import type { HttpHandler } from 'msw';
import { authRoutes } from './auth';
import { cacheRoutes } from './cache';
import { cookieRoutes } from './cookies';
import { digestRoutes } from './digest';
import { echoRoutes } from './echo';
import { encodingRoutes } from './encoding';
import { formatRoutes } from './formats';
import { redirectRoutes } from './redirects';
import { buildHandlers } from './router';
import { statusRoutes } from './status';
import { streamingRoutes } from './streaming';

export const DEFAULT_ORIGIN = 'https://httpbin.org';

/** msw handlers for httpbin on `origin` (an origin, optionally with a mount path). */
export function httpbinHandlers(origin: string = DEFAULT_ORIGIN): HttpHandler[] {
  return buildHandlers(origin, [
    ...echoRoutes,
    ...statusRoutes,
    ...redirectRoutes,
    ...cookieRoutes,
    ...authRoutes,
    ...digestRoutes,
    ...streamingRoutes,
    ...encodingRoutes,
    ...formatRoutes,
    ...cacheRoutes,
  ]);
}
