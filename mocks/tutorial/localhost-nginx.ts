/**
 * http://localhost — the tutorial's own nginx: the 301 from oldpage.html to newpage.html (redirect3), the
 * Basic-auth area /secure/ (user7 / 7user, realm "Restricted Area"; credentials) and the two PHP scripts
 * (send_json.php for read_json, parse_json.php for send_json).
 */
import { http, HttpResponse, type HttpHandler } from 'msw';
import { nginxHeaders, nginxStatusPage } from './nginx-pages';

const ORIGIN = 'http://localhost';
const SERVER = 'nginx/1.14.2';
const PHP = 'PHP/7.3.31';
const REALM = 'Restricted Area';
/** The one line of /etc/nginx/.htpasswd, in clear. */
const USER = 'user7';
const PASSWORD = '7user';

export const OLD_PAGE = `<!DOCTYPE html>
<html>
<head>
<title>Old page</title>
</head>
<body>
<p>
This is old page
</p>
</body>
</html>
`;

export const NEW_PAGE = `<!DOCTYPE html>
<html>
<head>
<title>New page</title>
</head>
<body>
<p>
This is a new page
</p>
</body>
</html>
`;

export const SECURE_PAGE = `<!DOCTYPE html>
<html lang="en">
<head>
<title>Secure page</title>
</head>

<body>

<p>
This is a secure page.
</p>

</body>

</html>
`;

const WELCOME_PAGE = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and working.</p>
</body>
</html>
`;

/** Static files in the document root, by path. */
const FILES: Record<string, string> = {
  '/': WELCOME_PAGE,
  '/index.html': WELCOME_PAGE,
  '/oldpage.html': OLD_PAGE,
  '/newpage.html': NEW_PAGE,
  '/secure/': SECURE_PAGE,
  '/secure/index.html': SECURE_PAGE,
};

function page(
  request: Request,
  status: number,
  html: string,
  extra: Record<string, string> = {},
): HttpResponse<string> {
  const headers = nginxHeaders(SERVER, 'text/html', extra);
  return new HttpResponse(request.method === 'HEAD' ? null : html, { status, headers });
}

function statusPage(request: Request, status: number, extra: Record<string, string> = {}): HttpResponse<string> {
  return page(request, status, nginxStatusPage(status, SERVER), extra);
}

/** nginx's auth_basic: the Authorization header must decode (as bytes) to exactly `user:password`. */
function authorized(request: Request): boolean {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(request.headers.get('authorization') ?? '');
  if (!match) return false;
  // atob gives one char per byte, so UTF-8 credentials compare as the bytes nginx compares.
  let decoded: string;
  try {
    decoded = atob(match[1]!);
  } catch {
    return false;
  }
  return decoded === `${USER}:${PASSWORD}`;
}

/** How PHP's string interpolation shows a decoded JSON scalar. */
function phpString(value: unknown): string {
  if (value === true) return '1';
  if (value === false || value === null) return '';
  if (typeof value === 'number') {
    if (Number.isSafeInteger(value)) return String(value);
    // PHP's echo of a float: 14 significant digits, exponent as `1.0E+25`.
    const [mantissa, exponent] = Number(value.toPrecision(14)).toExponential().split('e') as [string, string];
    const exp = Number(exponent);
    if (exp < -5 || exp >= 15)
      return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}E${exp < 0 ? '-' : '+'}${Math.abs(exp)}`;
    return String(Number(value.toPrecision(14)));
  }
  return String(value);
}

/**
 * parse_json.php, line for line: `foreach ($json as $key => $value)` echoes "The $key is $value"; for a nested
 * array the script's inner loop (which prints the outer `$value`, an array) echoes "The $key is Array".
 */
function parseJsonPhp(body: string): string {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    json = null;
  }
  if (typeof json !== 'object' || json === null) {
    return '<br />\n<b>Warning</b>:  Invalid argument supplied for foreach() in <b>/var/www/html/parse_json.php</b> on line <b>7</b><br />\n';
  }
  let out = '';
  for (const [key, value] of Object.entries(json)) {
    if (typeof value !== 'object' || value === null) {
      out += `The ${key} is ${phpString(value)}\n`;
    } else {
      for (const innerKey of Object.keys(value)) out += `The ${innerKey} is Array\n`;
    }
  }
  return out;
}

export function localhostNginxHandlers(): HttpHandler[] {
  return [
    // location = /oldpage.html { return 301 /newpage.html; } — nginx makes the Location absolute.
    http.all(`${ORIGIN}/oldpage.html`, ({ request }) =>
      statusPage(request, 301, { Location: `${ORIGIN}/newpage.html` }),
    ),

    http.get(`${ORIGIN}/send_json.php`, () => {
      const body = JSON.stringify({ name: 'Jane', age: 17 });
      return new HttpResponse(body, {
        status: 200,
        headers: nginxHeaders(SERVER, 'application/json', { 'X-Powered-By': PHP }),
      });
    }),
    http.all(`${ORIGIN}/parse_json.php`, async ({ request }) => {
      const text = await request.text();
      return new HttpResponse(parseJsonPhp(text), {
        status: 200,
        headers: nginxHeaders(SERVER, 'text/html; charset=UTF-8', { 'X-Powered-By': PHP }),
      });
    }),

    // location /secure { auth_basic "Restricted Area"; } — checked before anything else under /secure.
    http.all(new RegExp(`^${ORIGIN}/secure(/.*)?$`), ({ request }) => {
      if (!authorized(request)) return statusPage(request, 401, { 'WWW-Authenticate': `Basic realm="${REALM}"` });
      const path = new URL(request.url).pathname;
      if (path === '/secure') return statusPage(request, 301, { Location: `${ORIGIN}/secure/` });
      return serveFile(request, path);
    }),

    http.all(`${ORIGIN}/*`, ({ request }) => serveFile(request, new URL(request.url).pathname)),
  ];
}

function serveFile(request: Request, path: string): HttpResponse<string> {
  const file = FILES[path];
  if (file === undefined) return statusPage(request, 404);
  if (request.method !== 'GET' && request.method !== 'HEAD') return statusPage(request, 405);
  return page(request, 200, file, { 'Content-Length': String(new TextEncoder().encode(file).byteLength) });
}
