/**
 * A bare node:net server on 127.0.0.1 that answers HTTP/1.1 by hand, for the faults node:http will not commit:
 * resets at a chosen moment, broken framing, lying lengths, stalls, oversized heads. Each request head is handed
 * to a script with its socket; what the script writes is what the client gets, byte for byte.
 *
 * It tracks every socket it accepted and who closed it, so a test can tell "the client let go" (the server saw
 * the peer's FIN or reset) from "the server hung up".
 */
import net, { type Socket } from 'node:net';
import { countConnections } from './connections';
import { listenOnLoopback, type Listening } from './server';

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

export interface RawServer extends Listening {
  /** Every request head received, in order. */
  requests: RawRequest[];
  /** Connections accepted so far. */
  connections: () => number;
  /** Sockets the client closed or reset (the server saw its FIN or an error) before they closed. */
  closedByClient: () => number;
}

/** The status line and headers of a response, with CRLFs: `head(200, { 'content-length': '2' })`. */
export function head(status: number, headers: Record<string, string> = {}, reason = 'OK'): string {
  return `HTTP/1.1 ${status} ${reason}\r\n${Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('')}\r\n`;
}

export async function startRawServer(script: RawScript): Promise<RawServer> {
  const requests: RawRequest[] = [];
  const server = net.createServer();
  const count = countConnections(server);
  server.on('connection', (socket) => {
    const connection = count.accepted() - 1; // counted by the listener added first
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
  return {
    ...(await listenOnLoopback(server)),
    requests,
    connections: count.accepted,
    closedByClient: count.closedByClient,
  };
}
