/**
 * In Node the read timeout measures silence on the wire, as urllib3's socket timeout does: a gzip body whose
 * bytes keep coming but decode to nothing yet (a long FCOMMENT in its header) is not timed out, a body whose
 * bytes stop is. The channel that reports raw bytes is subscribed only while such a body is read.
 */
import diagnostics from 'node:diagnostics_channel';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import requests, { ReadTimeout } from '../../../src/index';
import { startServer, type TestServer } from '../../helpers/server';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const TEXT = 'decoded at last\n'.repeat(20);
const timeout = { connect: 2000, read: 200 };
const bodyChannelOn = (): boolean => diagnostics.hasSubscribers('undici:request:bodyChunkReceived');

/** A gzip member whose header carries a `commentBytes`-long FCOMMENT (header bytes decode to nothing). */
function gzipWithComment(commentBytes: number): { header: Buffer; comment: Buffer; rest: Buffer } {
  const plain = zlib.gzipSync(TEXT);
  const header = Buffer.from(plain.subarray(0, 10));
  header[3] = header[3]! | 0x10; // FLG.FCOMMENT
  const comment = Buffer.concat([Buffer.alloc(commentBytes, 'c'), Buffer.from([0])]);
  return { header, comment, rest: plain.subarray(10) };
}

let srv: TestServer;
beforeAll(async () => {
  srv = await startServer(async (req, res) => {
    const { header, comment, rest } = gzipWithComment(120);
    res.writeHead(200, {
      'content-encoding': 'gzip',
      'content-length': String(header.length + comment.length + rest.length),
    });
    res.write(header);
    if (req.url === '/drip') {
      // 12 pieces of the comment, one every 50 ms: ~600 ms of bytes that decode to nothing.
      for (let i = 0; i < 12; i++) {
        await sleep(50);
        res.write(comment.subarray(i * 10, (i + 1) * 10));
      }
      await sleep(50);
      res.end(Buffer.concat([comment.subarray(120), rest]));
    } else if (req.url === '/stall') {
      res.write(comment.subarray(0, 10));
      await sleep(400); // no bytes at all
      if (!res.destroyed) res.end(Buffer.concat([comment.subarray(10), rest]));
    }
  });
});
afterAll(() => srv.close());

describe('a gzip body whose bytes keep arriving but decode to nothing for longer than the read timeout', () => {
  it('buffered: read in full', async () => {
    const r = await requests.get(`${srv.origin}/drip`, { timeout });
    expect(r.text).toBe(TEXT);
    expect(bodyChannelOn()).toBe(false);
  });

  it('streamed: iterated in full, the byte channel held only while reading', async () => {
    const r = await requests.get(`${srv.origin}/drip`, { timeout, stream: true });
    expect(bodyChannelOn()).toBe(false); // nothing held between the headers and the first read
    let text = '';
    let heldWhileReading = false;
    for await (const chunk of r.iterContent(null, true)) {
      heldWhileReading ||= bodyChannelOn();
      text += chunk;
    }
    expect(text).toBe(TEXT);
    expect(heldWhileReading).toBe(true);
    expect(bodyChannelOn()).toBe(false);
  });
});

describe('a read timeout alone (no connect timeout)', () => {
  it('also measures the raw bytes: the dripped body is read in full, the stalled one times out', async () => {
    const r = await requests.get(`${srv.origin}/drip`, { timeout: { read: 200 } });
    expect(r.text).toBe(TEXT);
    const error = await requests.get(`${srv.origin}/stall`, { timeout: { read: 200 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReadTimeout);
    expect(bodyChannelOn()).toBe(false);
  });
});

describe('a gzip body whose bytes stop', () => {
  it.each([false, true])('ReadTimeout (stream: %s), and the channel released', async (stream) => {
    const read = async (): Promise<unknown> => {
      const r = await requests.get(`${srv.origin}/stall`, { timeout, stream });
      for await (const _ of r.iterContent()) void _;
      return r;
    };
    const error = await read().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReadTimeout);
    expect((error as Error).message).toContain('read timeout=200 ms');
    expect(bodyChannelOn()).toBe(false);
  });
});

describe('the byte channel is released', () => {
  it('when a streamed body is closed unread', async () => {
    const r = await requests.get(`${srv.origin}/drip`, { timeout, stream: true });
    r.close();
    expect(bodyChannelOn()).toBe(false);
  });

  it('when a streamed body is closed half-read', async () => {
    const r = await requests.get(`${srv.origin}/stall`, { timeout, stream: true });
    const chunks = r.iterContent(1)[Symbol.asyncIterator]();
    const first = chunks.next().catch(() => undefined); // ends when the body is cancelled
    await sleep(20);
    expect(bodyChannelOn()).toBe(true);
    r.close();
    await first;
    expect(bodyChannelOn()).toBe(false);
  });
});
