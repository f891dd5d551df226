/**
 * onDownloadProgress against a real node:http server: it reports while streaming (without buffering the body)
 * and while buffering, monotonically, ending at percent 1; the total comes from Content-Length (0 while unknown:
 * no length, or a content-encoded body whose length is not the decoded size); and Response.url is kept.
 */
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import requests, { type DownloadProgress } from '../../../src/index';
import { startServer, type TestServer } from '../../helpers/server';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const PARTS = ['0123456789', 'abcdefghij', 'ABCDEFGHIJ', 'klmnopqrst'];
const SIZE = PARTS.join('').length;

let srv: TestServer;
let release: () => void = () => {};

beforeAll(async () => {
  srv = await startServer(async (req, res) => {
    const url = new URL(req.url!, 'http://x');
    switch (url.pathname) {
      case '/sized':
      case '/chunked': {
        res.writeHead(200, {
          'content-type': 'text/plain',
          ...(url.pathname === '/sized' && { 'content-length': String(SIZE) }),
        });
        for (const part of PARTS) {
          res.write(part);
          await sleep(15);
        }
        res.end();
        return;
      }
      case '/gzip': {
        const body = zlib.gzipSync(Buffer.from(PARTS.join('').repeat(50)));
        res.writeHead(200, {
          'content-type': 'text/plain',
          'content-encoding': 'gzip',
          'content-length': String(body.length),
        });
        res.end(body);
        return;
      }
      case '/held': {
        // The first half, then the rest only when the test says: a buffering client would never see progress.
        res.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(SIZE) });
        res.write(PARTS.slice(0, 2).join(''));
        await new Promise<void>((resolve) => {
          release = resolve;
          setTimeout(resolve, 3000);
        });
        res.end(PARTS.slice(2).join(''));
        return;
      }
      case '/redirect':
        res.writeHead(302, { location: '/sized', 'content-type': 'text/plain' });
        res.end('a redirect body, which is not the download');
        return;
      default:
        res.writeHead(404);
        res.end();
    }
  });
});
afterAll(() => srv.close());

/** Progress events must never go backwards, stay within 0..1, and end at percent 1 with the whole body. */
function expectWellFormed(events: DownloadProgress[], bytes: number, total: number): void {
  expect(events.length).toBeGreaterThan(1);
  expect(events[0]).toEqual({ transferred: 0, total, percent: 0 });
  for (let i = 1; i < events.length; i++) {
    expect(events[i]!.transferred).toBeGreaterThanOrEqual(events[i - 1]!.transferred);
    expect(events[i]!.percent).toBeGreaterThanOrEqual(events[i - 1]!.percent);
    expect(events[i]!.percent).toBeGreaterThanOrEqual(0);
    expect(events[i]!.percent).toBeLessThanOrEqual(1);
  }
  expect(events.at(-1)).toEqual({ transferred: bytes, total: bytes, percent: 1 });
  expect(events.filter((e) => e.percent === 1)).toHaveLength(1);
}

describe('onDownloadProgress', () => {
  it('buffered: reports as the body arrives, all before the call resolves, total from Content-Length', async () => {
    const events: DownloadProgress[] = [];
    const r = await requests.get(`${srv.origin}/sized`, { onDownloadProgress: (p) => events.push(p) });
    expectWellFormed(events, SIZE, SIZE);
    expect(events.slice(1, -1).every((e) => e.total === SIZE && e.percent === e.transferred / SIZE)).toBe(true);
    expect(r.text).toBe(PARTS.join(''));
  });

  it('streamed: nothing until the body is read, then events as the chunks come through', async () => {
    const events: DownloadProgress[] = [];
    const r = await requests.get(`${srv.origin}/sized`, { stream: true, onDownloadProgress: (p) => events.push(p) });
    expect(events).toEqual([]);
    let read = 0;
    for await (const chunk of r.iterContent()) {
      read += chunk.length;
      // Each chunk has been counted by the time it is handed over.
      expect(events.at(-1)!.transferred).toBe(read);
    }
    expectWellFormed(events, SIZE, SIZE);
  });

  it('streamed: progress flows while the body is still arriving (it is not buffered first)', async () => {
    const events: DownloadProgress[] = [];
    const r = await requests.get(`${srv.origin}/held`, { stream: true, onDownloadProgress: (p) => events.push(p) });
    const pieces: string[] = [];
    for await (const chunk of r.iterContent(null, true)) {
      pieces.push(chunk);
      if (pieces.length === 1) {
        // The server holds the second half until now: we got here on the first half alone.
        expect(events.at(-1)).toEqual({ transferred: 20, total: SIZE, percent: 0.5 });
        release();
      }
    }
    expect(pieces.join('')).toBe(PARTS.join(''));
    expectWellFormed(events, SIZE, SIZE);
  });

  it('streamed, through read(): the same events as buffered', async () => {
    const events: DownloadProgress[] = [];
    const r = await requests.get(`${srv.origin}/sized`, { stream: true, onDownloadProgress: (p) => events.push(p) });
    await r.read();
    expectWellFormed(events, SIZE, SIZE);
  });

  it('without Content-Length the total is 0 (percent 0) until the end gives it', async () => {
    const events: DownloadProgress[] = [];
    await requests.get(`${srv.origin}/chunked`, { onDownloadProgress: (p) => events.push(p) });
    expectWellFormed(events, SIZE, 0);
    expect(events.slice(0, -1).every((e) => e.total === 0 && e.percent === 0)).toBe(true);
  });

  it('a content-encoded body counts decoded bytes, so its Content-Length is not taken as the total', async () => {
    const events: DownloadProgress[] = [];
    const r = await requests.get(`${srv.origin}/gzip`, { onDownloadProgress: (p) => events.push(p) });
    const decoded = SIZE * 50;
    expect(r.content.length).toBe(decoded);
    expectWellFormed(events, decoded, 0);
  });

  it('keeps Response.url (no wrapper Response with an empty url), after a redirect too', async () => {
    const direct = await requests.get(`${srv.origin}/sized`, { onDownloadProgress: () => {} });
    expect(direct.url).toBe(`${srv.origin}/sized`);
    expect(direct.raw.url).toBe(`${srv.origin}/sized`);

    const events: DownloadProgress[] = [];
    const followed = await requests.get(`${srv.origin}/redirect`, { onDownloadProgress: (p) => events.push(p) });
    expect(followed.url).toBe(`${srv.origin}/sized`);
    expect(followed.history.map((h) => h.statusCode)).toEqual([302]);
    // The progress is the download's: the redirect hop's own body is not reported.
    expectWellFormed(events, SIZE, SIZE);
  });
});
