// fetch refuses the Fetch standard's "bad ports" before connecting (Python's Requests reaches them): the error
// says so, with a server really listening there on loopback.
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import requests, { ConnectionError } from '../../../src/index';

let server: Server;
let port = 0;

beforeAll(async () => {
  server = createServer((_req, res) => res.end('reached'));
  // The first blocked port free on this machine.
  for (const candidate of [6000, 6665, 6666, 6667, 10080]) {
    const listening = await new Promise<boolean>((resolve) => {
      server.once('error', () => resolve(false));
      server.listen(candidate, '127.0.0.1', () => resolve(true));
    });
    if (listening) {
      port = candidate;
      break;
    }
  }
  if (port === 0) throw new Error('no blocked port is free on this machine');
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('a port fetch blocks', () => {
  it('is a ConnectionError that says fetch refused the port, though a server listens there', async () => {
    const error = await requests.get(`http://127.0.0.1:${port}/`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toMatch(
      new RegExp(
        `^Connection refused by fetch: port ${port} is one fetch blocks \\(the Fetch standard's "bad ports"\\)`,
      ),
    );
  });
});
