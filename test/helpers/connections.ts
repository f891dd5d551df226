/**
 * "No connection left behind", as a server can check it: every connection the client opened is either closed
 * or idle and reusable. A body nobody read or cancelled holds its connection, so a burst of as many requests as
 * there are open connections would need a new one; when every earlier body was dealt with, the burst goes out
 * on the connections already there.
 */
import type { Server } from 'node:net';
import requests from '../../src/index';

export interface ConnectionCount {
  /** Connections accepted since counting began. */
  accepted: () => number;
  /** Connections still open. */
  open: () => number;
}

export function countConnections(server: Server): ConnectionCount {
  let accepted = 0;
  let open = 0;
  server.on('connection', (socket) => {
    accepted++;
    open++;
    socket.on('close', () => open--);
  });
  return { accepted: () => accepted, open: () => open };
}

/**
 * Resolves with the number of new connections a burst of requests to `url`, one per open connection, needed:
 * 0 when every open connection was idle. undici marks a connection idle a few ticks after the body's end
 * reaches the reader, hence the pause first.
 */
export async function newConnectionsForBurst(url: string, count: ConnectionCount): Promise<number> {
  await new Promise((r) => setTimeout(r, 100));
  const before = count.accepted();
  const openBefore = count.open();
  await Promise.all(Array.from({ length: Math.max(openBefore, 1) }, () => requests.get(url, { timeout: 3000 })));
  // With nothing open, the one request of the burst needs a connection of its own.
  return count.accepted() - before - (openBefore === 0 ? 1 : 0);
}

/**
 * TCP sockets this process holds open, client and server ends alike (listeners are not counted): the client
 * side of "no open handle left", which a server cannot see for connections it has already let go of.
 */
export function openTcpSockets(): number {
  return process.getActiveResourcesInfo().filter((kind) => kind === 'TCPSocketWrap').length;
}

/** Waits up to `timeoutMs` for every TCP socket of this process to close; resolves with how many are left. */
export async function tcpSocketsLeft(timeoutMs = 3000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (openTcpSockets() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  return openTcpSockets();
}
