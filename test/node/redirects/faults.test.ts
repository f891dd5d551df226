/**
 * Redirects that cannot end well — a loop, a Location that is no URL, a Location to a scheme fetch must not
 * follow — each end in Requests' exception within a deadline, buffered and streamed, with every hop's body read
 * so no connection is left holding one, and nothing rejected unhandled. test/node/redirects/loopback.test.ts proves the
 * redirect semantics; this file proves these faults end cleanly.
 */
import { describe, expect, it } from 'vitest';
import requests, { InvalidSchema, InvalidURL, Session, TooManyRedirects, type Response } from '../../../src/index';
import { countConnections, newConnectionsForBurst } from '../../helpers/connections';
import { startServerForFile } from '../../helpers/server';
import { failOnUnhandled, rejection, sendAndRead, settleWithin, type Mode } from '../../helpers/settle';
import { trackLibraryTimers } from '../../helpers/timers';

const DEADLINE = 5000;

const srv = await startServerForFile((req, res) => {
  const url = new URL(req.url!, 'http://x');
  switch (url.pathname) {
    case '/ping': // A ↔ B, forever; each hop carries a body the client must read to free the connection
      res.writeHead(302, { location: '/pong' });
      res.end('hop body '.repeat(100));
      return;
    case '/pong':
      res.writeHead(302, { location: '/ping' });
      res.end('hop body '.repeat(100));
      return;
    case '/self':
      res.writeHead(307, { location: url.pathname + url.search });
      res.end();
      return;
    case '/to': // Location exactly as given in ?l=
      res.writeHead(Number(url.searchParams.get('status') ?? 302), { location: url.searchParams.get('l')! });
      res.end('moved');
      return;
    default:
      res.end('ok');
  }
});
const connections = countConnections(srv.server);
failOnUnhandled();

/** Runs a call under the deadline and the library-timer check, and returns its rejection. */
async function failure(call: () => Promise<unknown>): Promise<Error> {
  const timers = trackLibraryTimers();
  try {
    const error = rejection(await settleWithin(call(), DEADLINE));
    expect(timers.pending(), 'library timers still running').toBe(0);
    return error;
  } finally {
    timers.restore();
  }
}

describe.each<Mode>(['buffered', 'streamed'])('%s', (mode) => {
  const get = (url: string, session?: Session) => (stream: boolean) =>
    (session ?? requests).get(url, { stream, timeout: 3000 });

  it('a redirect loop (A → B → A …) → TooManyRedirects after 30 hops, with the last 3xx as .response', async () => {
    const error = await failure(() => sendAndRead(mode, get(`${srv.origin}/ping`)));
    expect(error).toBeInstanceOf(TooManyRedirects);
    expect(error.message).toBe('Exceeded 30 redirects.');
    const last = (error as TooManyRedirects).response as Response;
    expect(last.statusCode).toBe(302);
    expect(last.history).toHaveLength(30);
    expect(srv.requests).toHaveLength(31);
    // Every hop's body was read: a burst as wide as the connections left open reuses them all.
    expect(await newConnectionsForBurst(`${srv.origin}/ok`, connections)).toBe(0);
  });

  it("a 307 to itself with a Session's maxRedirects of 3 → TooManyRedirects after 4 requests", async () => {
    const s = new Session({ maxRedirects: 3 });
    const error = await failure(() => sendAndRead(mode, get(`${srv.origin}/self?n=1`, s)));
    expect(error).toBeInstanceOf(TooManyRedirects);
    expect(error.message).toBe('Exceeded 3 redirects.');
    expect(srv.requests).toHaveLength(4);
    expect(await newConnectionsForBurst(`${srv.origin}/ok`, connections)).toBe(0);
  });

  it.each([
    ['http://', /^Invalid URL "http:\/\/" in a redirect from http:\/\/127\.0\.0\.1:\d+\/to\?.*: cannot be parsed$/],
    ['http://[::1/x', /^Invalid URL "http:\/\/\[::1\/x" in a redirect from .*: cannot be parsed$/],
    ['http://exa mple.com/', /^Invalid URL "http:\/\/exa mple\.com\/" in a redirect from .*: cannot be parsed$/],
    ['http://host:99999/', /^Invalid URL "http:\/\/host:99999\/" in a redirect from .*: cannot be parsed$/],
  ])('a Location of %j → InvalidURL, and nothing more is sent', async (location, message) => {
    const error = await failure(() => sendAndRead(mode, get(`${srv.origin}/to?l=${encodeURIComponent(location)}`)));
    expect(error).toBeInstanceOf(InvalidURL);
    expect(error.message).toMatch(message);
    expect(srv.requests).toHaveLength(1);
    expect(await newConnectionsForBurst(`${srv.origin}/ok`, connections)).toBe(0);
  });

  it('a Location to ftp: → InvalidSchema, and nothing more is sent (every scheme: security.test.ts)', async () => {
    const error = await failure(() =>
      sendAndRead(mode, get(`${srv.origin}/to?l=${encodeURIComponent('ftp://127.0.0.1/file')}`)),
    );
    expect(error).toBeInstanceOf(InvalidSchema);
    expect(error.message).toBe('No connection adapters were found for "ftp://127.0.0.1/file"');
    expect(srv.requests).toHaveLength(1);
    expect(await newConnectionsForBurst(`${srv.origin}/ok`, connections)).toBe(0);
  });
});
