/**
 * A loopback port where a TCP connect never completes, for ConnectTimeout: a listening socket that never accepts,
 * its accept queue filled. Linux then drops further SYNs (a full accept queue refuses them before syncookies), so a
 * client's connect hangs in SYN_SENT until its own timeout — deterministic, and loopback only.
 *
 * The listener lives in a worker thread whose event loop is blocked (Atomics.wait), so nothing ever accepts; close()
 * wakes it to close the socket and exit.
 */
import net from 'node:net';
import { Worker } from 'node:worker_threads';

export interface FullBacklog {
  /** `http://127.0.0.1:PORT` */
  origin: string;
  close: () => Promise<void>;
}

const LISTENER = `
const { parentPort, workerData } = require('node:worker_threads');
const server = require('node:net').createServer();
// backlog 1 (Node reads 0 as "the default", 511): two handshakes fill the queue.
server.listen({ host: '127.0.0.1', port: 0, backlog: 1 }, () => {
  parentPort.postMessage(server.address().port);
  Atomics.wait(new Int32Array(workerData), 0, 0);
  server.close();
});
`;

/** Resolves with the socket once connected, or null when the handshake does not complete within `ms`. */
function connect(port: number, ms: number): Promise<net.Socket | null> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(null);
    }, ms);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once('error', () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(null);
    });
  });
}

export async function startFullBacklog(): Promise<FullBacklog> {
  const wake = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(LISTENER, { eval: true, workerData: wake.buffer });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  // Connect until a handshake no longer completes: the queue is then full (two, with backlog 1).
  const fillers: net.Socket[] = [];
  for (
    let socket = await connect(port, 250);
    socket !== null && fillers.length < 16;
    socket = await connect(port, 250)
  ) {
    fillers.push(socket);
  }
  const close = async (): Promise<void> => {
    for (const socket of fillers) socket.destroy();
    Atomics.store(wake, 0, 1);
    Atomics.notify(wake, 0);
    await exited;
  };
  if (fillers.length === 0 || fillers.length >= 16) {
    await close();
    throw new Error(`could not fill the accept queue of 127.0.0.1:${port} (${fillers.length} connects completed)`);
  }
  return { origin: `http://127.0.0.1:${port}`, close };
}
