/**
 * A forward proxy on loopback that records what reaches it, for the proxy tests (Requests checks `rebuild_proxies`
 * and `HTTPAdapter.proxy_headers` directly; here what the proxy receives is what is checked). An absolute-form
 * request (`GET http://host/path`) is answered 200 by the proxy itself, never forwarded; a CONNECT is recorded and
 * refused (403), so no tunnel is ever opened and nothing leaves the machine.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { listenOnLoopback, type Listening } from '../helpers/server';

export interface Proxied {
  method: string;
  /** The request-target: an absolute URL, or `host:port` for CONNECT. */
  target: string;
  headers: IncomingHttpHeaders;
}

export interface ProxyTwin extends Listening {
  seen: Proxied[];
}

export async function startProxyTwin(): Promise<ProxyTwin> {
  const seen: Proxied[] = [];
  const server = createServer((req, res) => {
    seen.push({ method: req.method ?? '', target: req.url ?? '', headers: req.headers });
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ proxied: req.url }));
  });
  server.on('connect', (req, socket) => {
    seen.push({ method: 'CONNECT', target: req.url ?? '', headers: req.headers });
    socket.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n');
  });
  return { ...(await listenOnLoopback(server)), seen };
}
