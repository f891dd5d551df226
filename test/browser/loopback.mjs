// A real loopback server for what MSW's service worker cannot show: the browser's own redirect handling, Set-Cookie,
// the User-Agent it sends, a body that arrives in timed pieces, CORS refusals. Cross-origin to the page, so every
// answer carries CORS headers (except /no-cors), and preflights are answered and counted apart.
import { createServer } from 'node:http';

const LINES = ['alpha\r', '\nbeta\r\n', 'gam', 'ma\r\n', 'delta'];

export async function startLoopback() {
  /** Every non-preflight request: { method, path, headers, body }. */
  const log = [];
  const preflights = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://loopback');
    const cors = {
      'Access-Control-Allow-Origin': req.headers.origin ?? '*',
      'Access-Control-Expose-Headers': '*',
      Vary: 'Origin',
    };
    if (req.method === 'OPTIONS' && req.headers['access-control-request-method']) {
      preflights.push({ path: url.pathname + url.search, headers: req.headers });
      res.writeHead(204, {
        ...cors,
        'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS',
        'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? '*',
        'Access-Control-Max-Age': '0',
      });
      res.end();
      return;
    }
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const entry = { method: req.method, path: url.pathname + url.search, headers: req.headers, body };
      log.push(entry);
      const json = (status, value, extra = {}) => {
        res.writeHead(status, { ...cors, 'Content-Type': 'application/json', ...extra });
        res.end(JSON.stringify(value));
      };
      switch (url.pathname) {
        case '/redirect': {
          const status = Number(url.searchParams.get('status') ?? 302);
          res.writeHead(status, {
            ...cors,
            Location: url.searchParams.get('to') ?? '/target',
            'Content-Type': 'text/plain',
          });
          res.end(`redirecting with ${status}`);
          return;
        }
        case '/target':
        case '/echo':
          json(200, { method: req.method, path: entry.path, headers: req.headers, body });
          return;
        case '/set-cookie':
          json(200, { set: true }, { 'Set-Cookie': ['fr_test=1; Path=/', 'fr_other=2; Path=/'] });
          return;
        case '/chunks': {
          // Pieces with pauses, a CRLF split across two of them, and a Content-Length for the progress bar.
          const total = Buffer.byteLength(LINES.join(''));
          res.writeHead(200, { ...cors, 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': String(total) });
          let i = 0;
          const next = () => {
            if (i === LINES.length) return res.end();
            res.write(LINES[i++]);
            setTimeout(next, 120);
          };
          next();
          return;
        }
        case '/slow-headers':
          setTimeout(() => json(200, { late: true }), Number(url.searchParams.get('ms') ?? 2000));
          return;
        case '/no-cors':
          res.writeHead(200, { 'Content-Type': 'text/plain' });
          res.end('no CORS headers here');
          return;
        default:
          json(404, { error: 'not found' });
      }
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    log,
    preflights,
    /** Requests (not preflights) whose path starts with `prefix`. */
    requests: (prefix) => log.filter((entry) => entry.path.startsWith(prefix)),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const CHUNKED_TEXT = LINES.join('');
