/**
 * http://www.webcode.me — the tutorial's small nginx-served page (read_webpage, strip_tags, create_request,
 * get_status, head_request). Any other path is nginx's 404.
 */
import { http, HttpResponse, type HttpHandler } from 'msw';
import { nginxHeaders, nginxStatusPage } from './nginx-pages';

const ORIGIN = 'http://www.webcode.me';
const SERVER = 'nginx/1.6.2';
const LAST_MODIFIED = 'Sat, 20 Jul 2019 11:49:25 GMT';

/** The page exactly as the tutorial prints it. */
export const WEBCODE_INDEX = `<!DOCTYPE html>
<html lang="en">
<head>
    <meta charset="UTF-8">
    <meta name="viewport" content="width=device-width, initial-scale=1.0">
    <title>My html page</title>
</head>
<body>

    <p>
        Today is a beautiful day. We go swimming and fishing.
    </p>

    <p>
         Hello there. How are you?
    </p>

</body>
</html>
`;

const INDEX_BYTES = new TextEncoder().encode(WEBCODE_INDEX);

function indexHeaders(): Headers {
  return nginxHeaders(SERVER, 'text/html', {
    'Content-Length': String(INDEX_BYTES.byteLength),
    'Last-Modified': LAST_MODIFIED,
    // nginx's ETag: hex mtime - hex size.
    ETag: `"5d32ffc5-${INDEX_BYTES.byteLength.toString(16)}"`,
    'Accept-Ranges': 'bytes',
  });
}

export function webcodeHandlers(): HttpHandler[] {
  return [
    // HEAD gets the headers of GET and no body, as nginx answers it.
    http.head(`${ORIGIN}/`, () => new HttpResponse(null, { status: 200, headers: indexHeaders() })),
    http.get(`${ORIGIN}/`, () => new HttpResponse(INDEX_BYTES, { status: 200, headers: indexHeaders() })),
    http.get(`${ORIGIN}/index.html`, () => new HttpResponse(INDEX_BYTES, { status: 200, headers: indexHeaders() })),
    http.all(`${ORIGIN}/*`, ({ request }) => {
      // nginx's static handler refuses anything but GET and HEAD on a file with 405.
      const status = request.method === 'GET' || request.method === 'HEAD' ? 404 : 405;
      const body = request.method === 'HEAD' ? null : nginxStatusPage(status, SERVER);
      return new HttpResponse(body, { status, headers: nginxHeaders(SERVER, 'text/html') });
    }),
  ];
}
