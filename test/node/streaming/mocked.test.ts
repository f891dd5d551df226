/**
 * httpbin's streaming endpoints (/stream, /stream-bytes, /drip, /range) through the MSW mocks: deterministic
 * bodies, paced the way httpbin paces them, read with the stream iterators and Requests' timeouts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import requests, { ReadTimeout, type DownloadProgress } from '../../../src/index';
import { startMocks, stopMocks } from '../../../mocks/node';

beforeAll(startMocks);
afterAll(stopMocks);

const HTTPBIN = 'https://httpbin.org';

async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of source) out.push(item);
  return out;
}

describe('/stream/:n', () => {
  it('iterLines yields n JSON documents, one per line, with ids 0..n-1', async () => {
    const r = await requests.get(`${HTTPBIN}/stream/5`, { stream: true });
    expect(r.headers.get('content-type')).toBe('application/json');
    const docs = (await collect(r.iterLines())).map((line) => JSON.parse(line) as { id: number; url: string });
    expect(docs.map((d) => d.id)).toEqual([0, 1, 2, 3, 4]);
    expect(docs.every((d) => d.url === `${HTTPBIN}/stream/5`)).toBe(true);
  });

  it('the same lines come out of a buffered response, however small the chunkSize', async () => {
    const streamed = await collect((await requests.get(`${HTTPBIN}/stream/3`, { stream: true })).iterLines());
    const buffered = await requests.get(`${HTTPBIN}/stream/3`);
    expect(await collect(buffered.iterLines({ chunkSize: 7 }))).toEqual(streamed);
    expect(buffered.text.split('\n').filter(Boolean)).toEqual(streamed);
  });
});

describe('/stream-bytes/:n', () => {
  const url = `${HTTPBIN}/stream-bytes/2000?seed=7&chunk_size=300`;

  it('iterContent(512) gives exact 512-byte pieces of the same seeded bytes a buffered call gets', async () => {
    const whole = (await requests.get(url)).content;
    expect(whole.length).toBe(2000);
    const pieces = await collect((await requests.get(url, { stream: true })).iterContent(512));
    expect(pieces.map((p) => p.length)).toEqual([512, 512, 512, 464]);
    expect(Buffer.concat(pieces)).toEqual(Buffer.from(whole));
  });

  it('iterContent(null) gives the chunks as received, together the whole body', async () => {
    const pieces = await collect((await requests.get(url, { stream: true })).iterContent());
    expect(pieces.reduce((n, p) => n + p.length, 0)).toBe(2000);
  });
});

describe('/drip', () => {
  it('a slow but steady drip (5 bytes over 0.5 s) passes a 300 ms read timeout, streamed and buffered', async () => {
    const url = `${HTTPBIN}/drip?numbytes=5&duration=0.5`;
    const streamed = await requests.get(url, { stream: true, timeout: { read: 300 } });
    expect((await collect(streamed.iterContent(null, true))).join('')).toBe('*****');
    expect((await requests.get(url, { timeout: 300 })).text).toBe('*****');
  });

  it('a gap longer than the read timeout mid-body is a ReadTimeout', async () => {
    const r = await requests.get(`${HTTPBIN}/drip?numbytes=3&duration=0.9`, { stream: true, timeout: { read: 100 } });
    await expect(collect(r.iterContent())).rejects.toBeInstanceOf(ReadTimeout);
  });

  it('a delay before the headers longer than the read timeout is a ReadTimeout (the connect timeout ends at the connection)', async () => {
    await expect(
      requests.get(`${HTTPBIN}/drip?numbytes=1&duration=0&delay=1`, { timeout: { read: 150 } }),
    ).rejects.toBeInstanceOf(ReadTimeout);
    const r = await requests.get(`${HTTPBIN}/drip?numbytes=1&duration=0&delay=0.3`, { timeout: { connect: 150 } });
    expect(r.statusCode).toBe(200);
  });
});

describe('/range/:n', () => {
  it('a Range request gets 206 and exactly those bytes, re-chunked exactly', async () => {
    const r = await requests.get(`${HTTPBIN}/range/26`, { stream: true, headers: { Range: 'bytes=5-9' } });
    expect(r.statusCode).toBe(206);
    expect(r.headers.get('content-range')).toBe('bytes 5-9/26');
    expect((await collect(r.iterContent(2))).map((p) => Buffer.from(p).toString())).toEqual(['fg', 'hi', 'j']);
  });

  it('a paced range reports progress with its Content-Length as the total', async () => {
    const events: DownloadProgress[] = [];
    const r = await requests.get(`${HTTPBIN}/range/40?chunk_size=10&duration=0.2`, {
      stream: true,
      onDownloadProgress: (p) => events.push(p),
    });
    const text = (await collect(r.iterContent(null, true))).join('');
    expect(text).toBe('abcdefghijklmnopqrstuvwxyzabcdefghijklmn');
    expect(events[0]).toEqual({ transferred: 0, total: 40, percent: 0 });
    expect(events.at(-1)).toEqual({ transferred: 40, total: 40, percent: 1 });
    expect(events.map((e) => e.transferred)).toEqual([...events.map((e) => e.transferred)].sort((a, b) => a - b));
  });
});
