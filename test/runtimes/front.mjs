// The browsers' same-origin front: a small loopback server that serves the test page (the spec bundled with the packed
// library's browser build) under /__runtimes/, the built playground under /__playground/, and passes every other
// request to httpbin unchanged — status line (reason phrase included), headers in their order, body streamed as it
// comes — so a page talks to the real httpbin on its own origin, where a browser would show its login prompt.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { extname, join, normalize } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

const PAGE =
  '<!doctype html><meta charset="utf-8"><title>fetch-requests runtimes</title><script type="module" src="bundle.js"></script><body></body>';

/** Serves `file` or answers 404. */
function serveFile(res, file) {
  if (!existsSync(file) || !statSync(file).isFile()) {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    return;
  }
  res.writeHead(200, {
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    'Cache-Control': 'no-store',
  });
  createReadStream(file).pipe(res);
}

/**
 * @param {{ upstream: string, bundle: () => string, playground: string | null }} options
 *   upstream: httpbin's origin; bundle: the test page's script; playground: the built playground's folder
 */
export async function startFront({ upstream, bundle, playground }) {
  const target = new URL(upstream);
  const server = createServer((req, res) => {
    const path = req.url.split('?')[0];
    if (path === '/__runtimes/' || path === '/__runtimes/index.html') {
      res.writeHead(200, { 'Content-Type': TYPES['.html'], 'Cache-Control': 'no-store' }).end(PAGE);
      return;
    }
    if (path === '/__runtimes/bundle.js') {
      res.writeHead(200, { 'Content-Type': TYPES['.js'], 'Cache-Control': 'no-store' }).end(bundle());
      return;
    }
    if (playground && (path === '/__playground' || path.startsWith('/__playground/'))) {
      const rest = decodeURIComponent(path.slice('/__playground/'.length)) || 'index.html';
      const file = normalize(join(playground, rest));
      if (!file.startsWith(playground)) res.writeHead(403).end();
      else serveFile(res, file);
      return;
    }
    // The Host header stays the front's: httpbin builds the URLs it echoes from it, as behind any reverse proxy.
    const upstreamRequest = request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (up) => {
        res.writeHead(up.statusCode, up.statusMessage, up.rawHeaders);
        up.pipe(res);
      },
    );
    upstreamRequest.on('error', (error) => {
      if (!res.headersSent) res.writeHead(502, { 'Content-Type': 'text/plain' });
      res.end(`front: ${error.message}`);
    });
    // A page that gave up (a case's timeout, a closed tab) frees httpbin's worker thread too.
    res.on('close', () => upstreamRequest.destroy());
    req.pipe(upstreamRequest);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
