/**
 * A real HTTP server on 127.0.0.1 for tests where the transport matters (timeouts, resets, redirects, bytes on
 * the wire). It records every request with its raw body and tracks sockets so tests can see them close.
 *
 * The listening part (`listenOnLoopback`) serves any node:net server: raw-server.ts's hand-written HTTP, the
 * parity fixture, the load test's server.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import net, { type AddressInfo, type Socket } from 'node:net';
import { afterAll, beforeEach } from 'vitest';

export interface Recorded {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  rawHeaders: string[];
  body: Buffer;
}

/** A server listening on 127.0.0.1 with the sockets it accepted tracked. */
export interface Listening {
  /** `http://127.0.0.1:PORT` */
  origin: string;
  port: number;
  /** Sockets currently open. */
  openSockets: () => number;
  /** Resolves when every socket the server has seen is closed. */
  allSocketsClosed: (timeoutMs?: number) => Promise<boolean>;
  /** Destroys every open socket and closes the server. */
  close: () => Promise<void>;
}

export interface TestServer extends Listening {
  requests: Recorded[];
  server: Server;
}

export type Handler = (req: IncomingMessage & { body: Buffer }, res: ServerResponse) => void | Promise<void>;

/** Listens on a free port of 127.0.0.1, tracking every socket so `close` can end them (keep-alive ones too). */
export async function listenOnLoopback(server: net.Server): Promise<Listening> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    openSockets: () => sockets.size,
    allSocketsClosed: async (timeoutMs = 3000) => {
      const deadline = Date.now() + timeoutMs;
      while (sockets.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      return sockets.size === 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

export async function startServer(handler: Handler): Promise<TestServer> {
  const requests: Recorded[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of req) chunks.push(chunk as Buffer);
    } catch {
      return; // the client gave up while sending the body (aborted): nothing to answer
    }
    const body = Buffer.concat(chunks);
    requests.push({
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      rawHeaders: req.rawHeaders,
      body,
    });
    try {
      await handler(Object.assign(req, { body }), res);
    } catch (error) {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(error));
    }
  });
  return { ...(await listenOnLoopback(server)), requests, server };
}

/**
 * `startServer` for a whole test file, called at its top level (`const srv = await startServerForFile(handler)`):
 * the server's request log is cleared before each test, and the server closed after the last.
 */
export async function startServerForFile(handler: Handler): Promise<TestServer> {
  const srv = await startServer(handler);
  beforeEach(() => {
    srv.requests.length = 0;
  });
  afterAll(() => srv.close());
  return srv;
}

/**
 * The first host of the credential rules (test/node/security/rules.test.ts, test/node/security/credentials-leak.test.ts):
 * `/hop?status=302&to=<url>` sets a cookie of its own, `firsthost=secret`, and redirects to `to`; `/challenge`
 * asks for Digest auth until a request carries Authorization. Returns false, leaving `res` alone, for any other
 * request.
 */
export function credentialRoutes(req: IncomingMessage, res: ServerResponse): boolean {
  const url = new URL(req.url!, 'http://x');
  if (url.pathname === '/hop') {
    res.writeHead(Number(url.searchParams.get('status') ?? 302), {
      location: url.searchParams.get('to')!,
      'set-cookie': 'firsthost=secret; Path=/',
    });
    res.end();
    return true;
  }
  if (url.pathname === '/challenge' && !req.headers.authorization) {
    res.writeHead(401, { 'www-authenticate': 'Digest realm="elsewhere", nonce="n-elsewhere", qop="auth"' });
    res.end();
    return true;
  }
  return false;
}

/** A port on 127.0.0.1 that nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
