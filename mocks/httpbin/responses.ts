/**
 * The responses Flask and Werkzeug build for httpbin, byte for byte where it matters: reason phrases in upper case
 * ("404 NOT FOUND", what Requests' raise_for_status shows), `text/html; charset=utf-8` as the default type,
 * Content-Length on every fixed body, the HTML of redirects and error pages, and helpers.status_code()'s table.
 *
 *   jsonify({ origin: '127.0.0.1' })   // 200 OK, application/json, '{\n  "origin": "127.0.0.1"\n}\n'
 *   statusCode(418)                    // 418 I'M A TEAPOT, the teapot, x-more-info
 */
import { HttpResponse } from 'msw';
import { pythonJson } from './python-json';

/** Werkzeug's HTTP_STATUS_CODES, upper-cased as Werkzeug sends them. */
const REASONS: Record<number, string> = {
  200: 'OK',
  201: 'CREATED',
  202: 'ACCEPTED',
  203: 'NON AUTHORITATIVE INFORMATION',
  204: 'NO CONTENT',
  205: 'RESET CONTENT',
  206: 'PARTIAL CONTENT',
  207: 'MULTI STATUS',
  208: 'ALREADY REPORTED',
  226: 'IM USED',
  300: 'MULTIPLE CHOICES',
  301: 'MOVED PERMANENTLY',
  302: 'FOUND',
  303: 'SEE OTHER',
  304: 'NOT MODIFIED',
  305: 'USE PROXY',
  306: 'SWITCH PROXY',
  307: 'TEMPORARY REDIRECT',
  308: 'PERMANENT REDIRECT',
  400: 'BAD REQUEST',
  401: 'UNAUTHORIZED',
  402: 'PAYMENT REQUIRED',
  403: 'FORBIDDEN',
  404: 'NOT FOUND',
  405: 'METHOD NOT ALLOWED',
  406: 'NOT ACCEPTABLE',
  407: 'PROXY AUTHENTICATION REQUIRED',
  408: 'REQUEST TIMEOUT',
  409: 'CONFLICT',
  410: 'GONE',
  411: 'LENGTH REQUIRED',
  412: 'PRECONDITION FAILED',
  413: 'REQUEST ENTITY TOO LARGE',
  414: 'REQUEST URI TOO LONG',
  415: 'UNSUPPORTED MEDIA TYPE',
  416: 'REQUESTED RANGE NOT SATISFIABLE',
  417: 'EXPECTATION FAILED',
  418: "I'M A TEAPOT",
  421: 'MISDIRECTED REQUEST',
  422: 'UNPROCESSABLE ENTITY',
  423: 'LOCKED',
  424: 'FAILED DEPENDENCY',
  425: 'TOO EARLY',
  426: 'UPGRADE REQUIRED',
  428: 'PRECONDITION REQUIRED',
  429: 'TOO MANY REQUESTS',
  431: 'REQUEST HEADER FIELDS TOO LARGE',
  449: 'RETRY WITH',
  451: 'UNAVAILABLE FOR LEGAL REASONS',
  500: 'INTERNAL SERVER ERROR',
  501: 'NOT IMPLEMENTED',
  502: 'BAD GATEWAY',
  503: 'SERVICE UNAVAILABLE',
  504: 'GATEWAY TIMEOUT',
  505: 'HTTP VERSION NOT SUPPORTED',
  506: 'VARIANT ALSO NEGOTIATES',
  507: 'INSUFFICIENT STORAGE',
  508: 'LOOP DETECTED',
  510: 'NOT EXTENDED',
  511: 'NETWORK AUTHENTICATION FAILED',
};

/** Flask's Response default. */
export const HTML = 'text/html; charset=utf-8';
/** werkzeug.wrappers.Response's default (httpbin's core.py uses it for /status errors, /drip, /range). */
export const PLAIN = 'text/plain; charset=utf-8';
const encoder = new TextEncoder();

export type Body = string | Uint8Array | ReadableStream<Uint8Array> | null;

export interface ReplyInit {
  status?: number;
  /** Extra headers, in order; a pair list keeps repeated names (Set-Cookie, response-headers). */
  headers?: [string, string][];
  /** `null`: no Content-Type at all (helpers.status_code replaces the headers wholesale). */
  contentType?: string | null;
}

/**
 * A header value as Python puts it on the wire: UTF-8 bytes, which fetch reads back as Latin-1 (so a non-ASCII
 * Location arrives as the same mojibake it does from the real server, instead of fetch refusing the header).
 */
export function headerValue(value: string): string {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(value)) return value;
  return Array.from(encoder.encode(value), (b) => String.fromCharCode(b)).join('');
}

/**
 * The Set-Cookie values of each response made here. A browser's Response hides Set-Cookie from its own headers, so
 * the router would lose them when it adds the CORS headers; it takes them from here instead (and msw's browser
 * cookie store then sees them).
 */
export const SET_COOKIES = new WeakMap<Response, string[]>();

/** One response the way Werkzeug finishes it (Content-Length for fixed bodies; none on 204/304). */
export function reply(body: Body, init: ReplyInit = {}): Response {
  const status = init.status ?? 200;
  const headers = new Headers();
  const contentType = init.contentType === undefined ? HTML : init.contentType;
  const nullBody = status === 204 || status === 304;
  if (contentType !== null && status !== 304) headers.set('Content-Type', contentType);
  for (const [name, value] of init.headers ?? []) headers.append(name, headerValue(value));
  let payload: Uint8Array | ReadableStream<Uint8Array> | null = typeof body === 'string' ? encoder.encode(body) : body;
  if (nullBody) payload = null;
  else if (payload instanceof Uint8Array && !headers.has('Content-Length'))
    headers.set('Content-Length', String(payload.byteLength));
  // gunicorn sends a generator's body of unknown length chunked; saying so makes Node's writer frame it that way too.
  else if (payload instanceof ReadableStream && !headers.has('Content-Length'))
    headers.set('Transfer-Encoding', 'chunked');
  const response = new HttpResponse(payload as BodyInit | null, { status, statusText: reasonPhrase(status), headers });
  SET_COOKIES.set(
    response,
    (init.headers ?? []).filter(([name]) => name.toLowerCase() === 'set-cookie').map(([, value]) => headerValue(value)),
  );
  return response;
}

export function reasonPhrase(status: number): string {
  return REASONS[status] ?? 'UNKNOWN';
}

/** Flask's `jsonify` as httpbin.org serves it: pretty, sorted, ASCII-only, with a final newline. */
export function jsonify(value: unknown, init: Omit<ReplyInit, 'contentType'> = {}): Response {
  return reply(`${pythonJson(value, { indent: 2, sortKeys: true })}\n`, { ...init, contentType: 'application/json' });
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&#34;')
    .replace(/'/g, '&#39;');
}

/** Flask's `redirect()`: 302 with Werkzeug's little HTML page. */
export function redirect(location: string, extraHeaders: [string, string][] = []): Response {
  const href = escapeHtml(location);
  const page =
    '<!doctype html>\n<html lang=en>\n<title>Redirecting...</title>\n<h1>Redirecting...</h1>\n' +
    `<p>You should be redirected automatically to the target URL: <a href="${href}">${href}</a>. If not, click the link.\n`;
  return reply(page, { status: 302, headers: [['Location', location], ...extraHeaders] });
}

const ERROR_PAGES: Record<number, [string, string]> = {
  400: ['Bad Request', 'The browser (or proxy) sent a request that this server could not understand.'],
  404: [
    'Not Found',
    'The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.',
  ],
  405: ['Method Not Allowed', 'The method is not allowed for the requested URL.'],
  500: [
    'Internal Server Error',
    'The server encountered an internal error and was unable to complete your request. Either the server is overloaded or there is an error in the application.',
  ],
};

/** Werkzeug's HTML error page (404 for unknown URLs, 405 with Allow, 500 where httpbin's Python would raise). */
export function errorPage(status: 400 | 404 | 405 | 500, headers: [string, string][] = []): Response {
  const [title, text] = ERROR_PAGES[status]!;
  const page = `<!doctype html>\n<html lang=en>\n<title>${status} ${title}</title>\n<h1>${title}</h1>\n<p>${text}</p>\n`;
  return reply(page, { status, headers });
}

const TEAPOT = `
    -=[ teapot ]=-

       _...._
     .'  _ _ \`.
    | ."\` ^ \`". _,
    \\_;\`"---"\`|//
      |       ;/
      \\_     _/
        \`"""\`
`;

/** The media types /image can serve, in the order httpbin lists them. */
export const ACCEPTED_MEDIA_TYPES = ['image/webp', 'image/svg+xml', 'image/jpeg', 'image/png', 'image/*'];

/**
 * httpbin's helpers.status_code(): an empty response with that status, except for the codes in its table, whose
 * headers *replace* the defaults (so those responses carry no Content-Type at all).
 */
export function statusCode(code: number, root = ''): Response {
  const location: [string, string][] = [['location', `${root}/redirect/1`]];
  switch (code) {
    case 301:
    case 302:
    case 303:
    case 305:
    case 307:
      return reply('', { status: code, headers: location, contentType: null });
    case 304:
      return reply(null, { status: code, contentType: null });
    case 401:
      return reply('', {
        status: code,
        headers: [['WWW-Authenticate', 'Basic realm="Fake Realm"']],
        contentType: null,
      });
    case 402:
      return reply('Fuck you, pay me!', {
        status: code,
        headers: [['x-more-info', 'http://vimeo.com/22053820']],
        contentType: null,
      });
    case 406: {
      const body = pythonJson({
        message: 'Client did not request a supported media type.',
        accept: ACCEPTED_MEDIA_TYPES,
      });
      return reply(body, { status: code, contentType: 'application/json' });
    }
    case 407:
      return reply('', {
        status: code,
        headers: [['Proxy-Authenticate', 'Basic realm="Fake Realm"']],
        contentType: null,
      });
    case 418:
      return reply(TEAPOT, {
        status: code,
        headers: [['x-more-info', 'http://tools.ietf.org/html/rfc2324']],
        contentType: null,
      });
    default:
      return reply('', { status: code });
  }
}
