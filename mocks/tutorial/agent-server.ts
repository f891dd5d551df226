/**
 * http://localhost:8081 — the tutorial's http_server.py (BaseHTTPRequestHandler with only do_GET): GET /agent
 * answers with the request's User-Agent, any other GET with "Hello there"; other methods get Python's 501 page.
 */
import { http, HttpResponse, type HttpHandler } from 'msw';

const ORIGIN = 'http://localhost:8081';
const SERVER = 'BaseHTTP/0.6 Python/3.7.3';

function headers(contentType: string): Headers {
  return new Headers({ Server: SERVER, Date: new Date().toUTCString(), 'Content-type': contentType });
}

function unsupported(method: string): string {
  return `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01//EN"
        "http://www.w3.org/TR/html4/strict.dtd">
<html>
    <head>
        <meta http-equiv="Content-Type" content="text/html;charset=utf-8">
        <title>Error response</title>
    </head>
    <body>
        <h1>Error response</h1>
        <p>Error code: 501</p>
        <p>Message: Unsupported method ('${method}').</p>
        <p>Error code explanation: HTTPStatus.NOT_IMPLEMENTED - Server does not support this operation.</p>
    </body>
</html>
`;
}

export function agentServerHandlers(): HttpHandler[] {
  return [
    http.get(`${ORIGIN}/*`, ({ request }) => {
      const url = new URL(request.url);
      // `self.path == '/agent'`: the path with its query, so /agent?x=1 gets "Hello there".
      if (url.pathname + url.search === '/agent') {
        const agent = request.headers.get('user-agent');
        // Without the header, bytes(None) raises after the headers went out: a 200 with an empty body.
        return new HttpResponse(agent ?? '', { status: 200, headers: headers('text/html') });
      }
      return new HttpResponse('Hello there', { status: 200, headers: headers('text/html') });
    }),
    http.all(`${ORIGIN}/*`, ({ request }) => {
      const body = request.method === 'HEAD' ? null : unsupported(request.method);
      return new HttpResponse(body, {
        status: 501,
        statusText: 'Unsupported method',
        headers: headers('text/html;charset=utf-8'),
      });
    }),
  ];
}
