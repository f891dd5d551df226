// Uploads as Requests streams them (`requests.post(url, data=f)`): a Blob, a ReadableStream, a FormData — sent
// without being held whole, with onUploadProgress reporting as fetch takes the bytes, against a real server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DownloadProgress, Retry, Session } from '../../../src/index';
import { startServer, type TestServer } from '../../helpers/server';

let srv: TestServer;
let failNext = 0;
beforeAll(async () => {
  srv = await startServer((req, res) => {
    if (failNext > 0) {
      failNext--;
      res.writeHead(503);
      res.end();
      return;
    }
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify({ length: req.body.length, contentType: req.headers['content-type'] ?? null }));
  });
});
afterAll(() => srv.close());

const MiB = 2 ** 20;
const bytes = (n: number): Uint8Array<ArrayBuffer> => Uint8Array.from({ length: n }, (_, i) => (i * 7) & 0xff);

function wellFormed(events: DownloadProgress[], size: number): void {
  expect(events[0]).toEqual({ transferred: 0, total: size, percent: 0 });
  expect(events.at(-1)).toEqual({ transferred: size, total: size, percent: 1 });
  for (let i = 1; i < events.length; i++) {
    expect(events[i]!.transferred).toBeGreaterThanOrEqual(events[i - 1]!.transferred);
    expect(events[i]!.percent).toBeGreaterThanOrEqual(events[i - 1]!.percent);
  }
}

describe('onUploadProgress', () => {
  it('follows a Blob body to 100% of its size, and the server gets every byte', async () => {
    const body = bytes(3 * MiB);
    const events: DownloadProgress[] = [];
    const r = await new Session().post(`${srv.origin}/up`, {
      data: new Blob([body]),
      onUploadProgress: (p) => events.push(p),
    });
    expect(r.json()).toEqual({ length: 3 * MiB, contentType: null });
    expect(Buffer.from(srv.requests.at(-1)!.body).equals(Buffer.from(body))).toBe(true);
    expect(events.length).toBeGreaterThan(3);
    wellFormed(events, 3 * MiB);
  });

  it('counts afresh on every attempt of a retried Blob body', async () => {
    failNext = 1;
    const events: DownloadProgress[] = [];
    const retry = new Retry({ total: 1, statusForcelist: [503], allowedMethods: ['POST'] });
    const r = await new Session({ retry }).post(`${srv.origin}/up`, {
      data: new Blob([bytes(1000)]),
      onUploadProgress: (p) => events.push(p),
    });
    expect(r.json().length).toBe(1000);
    expect(events.filter((e) => e.percent === 1)).toHaveLength(2);
  });

  it('keeps a FormData body’s multipart Content-Type when it streams it', async () => {
    const form = new FormData();
    form.append('field', 'value');
    form.append('file', new Blob(['x'.repeat(5000)]), 'a.txt');
    const events: DownloadProgress[] = [];
    const r = await new Session().post(`${srv.origin}/up`, { data: form, onUploadProgress: (p) => events.push(p) });
    expect(r.json().contentType).toMatch(/^multipart\/form-data; boundary=/);
    expect(events.at(-1)).toEqual({ transferred: r.json().length, total: r.json().length, percent: 1 });
  });

  it('reports a ReadableStream body as it goes, its total known only at the end', async () => {
    const chunks = [bytes(10_000), bytes(20_000)];
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = chunks.shift();
        if (next) controller.enqueue(next);
        else controller.close();
      },
    });
    const events: DownloadProgress[] = [];
    const r = await new Session().post(`${srv.origin}/up`, { data: stream, onUploadProgress: (p) => events.push(p) });
    expect(r.json().length).toBe(30_000);
    expect(events.map((e) => e.transferred)).toEqual([0, 10_000, 30_000, 30_000]);
    expect(events.at(-1)).toEqual({ transferred: 30_000, total: 30_000, percent: 1 });
  });
});
