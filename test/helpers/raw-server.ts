/**
 * A bare node:net server on 127.0.0.1 that answers HTTP/1.1 by hand, for the faults node:http will not commit:
 * resets at a chosen moment, broken framing, lying lengths, stalls, oversized heads. Each request head is handed
 * to a script with its socket; what the script writes is what the client gets, byte for byte.
 *
 * It tracks every socket it accepted and who closed it, so a test can tell "the client let go" (the server saw
 * the peer's FIN or reset) from "the server hung up".
 */
import net, { type AddressInfo, type Socket } from 'node:net';

export interface RawRequest {
  method: string;
  /** The request-target as sent (`/path?query`). */
  target: string;
  /** The whole head, request line and header lines, without the blank line. */
  head: string;
  /** Lower-cased header names → values (last one wins). */
  headers: Record<string, string>;
  /** 0 for the first request on its connection, 1 for the next, … */
  index: number;
  /** 0 for the first connection the server accepted, 1 for the next, … */
  connection: number;
  socket: Socket;
}

/** What it returns is ignored; a rejected promise destroys the socket. */
export type RawScript = (request: RawRequest) => unknown;

export interface RawServer {
  /** `http://127.0.0.1:PORT` */
  origin: string;
  port: number;
  /** Every request head received, in order. */
  requests: RawRequest[];
  /** Connections accepted so far. */
  connections: () => number;
  /** Sockets still open. */
  openSockets: () => number;
  /** Sockets the client closed or reset (the server saw its FIN or an error) before they closed. */
  closedByClient: () => number;
  /** Resolves true once every socket accepted so far is closed (false when some are still open after `timeoutMs`). */
  allSocketsClosed: (timeoutMs?: number) => Promise<boolean>;
  close: () => Promise<void>;
}

interface Tracked {
  peerLetGo: boolean;
}

/** The status line and headers of a response, with CRLFs: `head(200, { 'content-length': '2' })`. */
export function head(status: number, headers: Record<string, string> = {}, reason = 'OK'): string {
  return `HTTP/1.1 ${status} ${reason}\r\n${Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('')}\r\n`;
}

export async function startRawServer(script: RawScript): Promise<RawServer> {
  const requests: RawRequest[] = [];
  const open = new Map<Socket, Tracked>();
  let accepted = 0;
  let letGo = 0;
  const server = net.createServer((socket) => {
    const connection = accepted++;
    const tracked: Tracked = { peerLetGo: false };
    open.set(socket, tracked);
    socket.on('end', () => (tracked.peerLetGo = true));
    socket.on('error', () => (tracked.peerLetGo = true));
    socket.on('close', () => {
      if (tracked.peerLetGo) letGo++;
      open.delete(socket);
    });
    let buffer = Buffer.alloc(0);
    let skip = 0; // request body bytes still to discard
    let index = 0;
    socket.on('data', (data: Buffer) => {
      buffer = Buffer.concat([buffer, data]);
      for (;;) {
        if (skip > 0) {
          const n = Math.min(skip, buffer.length);
          buffer = buffer.subarray(n);
          skip -= n;
          if (skip > 0) return;
        }
        const end = buffer.indexOf('\r\n\r\n');
        if (end === -1) return;
        const text = buffer.subarray(0, end).toString('latin1');
        buffer = buffer.subarray(end + 4);
        const [requestLine = '', ...lines] = text.split('\r\n');
        const [method = '', target = ''] = requestLine.split(' ');
        const headers: Record<string, string> = {};
        for (const line of lines) {
          const colon = line.indexOf(':');
          if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
        }
        skip = Number(headers['content-length'] ?? 0) || 0;
        const request: RawRequest = { method, target, head: text, headers, index: index++, connection, socket };
        requests.push(request);
        Promise.resolve(script(request)).catch(() => socket.destroy());
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    requests,
    connections: () => accepted,
    openSockets: () => open.size,
    closedByClient: () => letGo,
    allSocketsClosed: async (timeoutMs = 3000) => {
      const deadline = Date.now() + timeoutMs;
      while (open.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      return open.size === 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open.keys()) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A port on 127.0.0.1 that nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
