/**
 * "No connection left behind", as a server can check it: every connection the client opened is either closed
 * or idle and reusable. A body nobody read or cancelled holds its connection, so a burst of as many requests as
 * there are open connections would need a new one; when every earlier body was dealt with, the burst goes out
 * on the connections already there.
 */
import type { Server } from 'node:net';
import { afterEach, expect } from 'vitest';
import requests from '../../src/index';

export interface ConnectionCount {
  /** Connections accepted since counting began. */
  accepted: () => number;
  /** Connections still open. */
  open: () => number;
  /** Connections the client let go of: the server saw its FIN or a reset before the socket closed. */
  closedByClient: () => number;
  /** Connections closed without a FIN or a reset from the client first: the server hung up. */
  closedByServer: () => number;
}

export function countConnections(server: Server): ConnectionCount {
  let accepted = 0;
  let open = 0;
  let byClient = 0;
  let byServer = 0;
  server.on('connection', (socket) => {
    accepted++;
    open++;
    let peerLetGo = false;
    socket.on('end', () => (peerLetGo = true));
    socket.on('error', () => (peerLetGo = true));
    socket.on('close', () => {
      open--;
      if (peerLetGo) byClient++;
      else byServer++;
    });
  });
  return { accepted: () => accepted, open: () => open, closedByClient: () => byClient, closedByServer: () => byServer };
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
 * Counts `server`'s connections, and after each test of the file fails it when a connection was left holding a
 * body: a burst to `probeUrl` (a path the server answers with a small body) needed a new connection.
 */
export function failOnHeldConnections(server: Server, probeUrl: string): ConnectionCount {
  const count = countConnections(server);
  afterEach(async () => {
    expect(await newConnectionsForBurst(probeUrl, count), 'a connection was left holding a body').toBe(0);
  });
  return count;
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
