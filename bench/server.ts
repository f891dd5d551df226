/**
 * The benchmarks' server, run in its own process so it never shares an event loop with the clients:
 * node:http on 127.0.0.1 with keep-alive. It prints `{"port":N}` on stdout once listening.
 *
 *   GET /small          a 64-byte JSON body (the small-GET throughput tests)
 *   GET /bytes?n=N      N bytes in 64 KiB writes, honouring back-pressure (streaming tests)
 *   GET /ndjson?n=N     about N bytes of newline-delimited JSON, ~100-byte lines
 *   POST /upload        reads the request body and answers what it got: `{"bytes","contentLength","chunked"}`
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

const SMALL = Buffer.from(
  `${JSON.stringify({ ok: true, message: 'hello from the bench server', n: 42 }).padEnd(63, ' ')}\n`,
);
const BLOCK = Buffer.alloc(64 * 1024, 'x');

/** ~64 KiB of NDJSON lines (whole lines only), reused for every write. */
const NDJSON_BLOCK = (() => {
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < 64 * 1024 - 128; i++) {
    const line = `${JSON.stringify({ id: i, name: `item-${i}`, tags: ['alpha', 'beta'], value: i * 3.25 }).padEnd(99, ' ')}\n`;
    lines.push(line);
    size += line.length;
  }
  return Buffer.from(lines.join(''));
})();

/** Writes `total` bytes from `block`, waiting for 'drain' whenever the socket's buffer is full. */
function pump(res: ServerResponse, block: Buffer, total: number): void {
  let left = total;
  const write = (): void => {
    while (left > 0) {
      const piece = left >= block.length ? block : block.subarray(0, left);
      left -= piece.length;
      if (!res.write(piece)) {
        res.once('drain', write);
        return;
      }
    }
    res.end();
  };
  write();
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://bench');
  if (url.pathname === '/small') {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': SMALL.length });
    res.end(SMALL);
  } else if (url.pathname === '/bytes') {
    const n = Number(url.searchParams.get('n'));
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': n });
    pump(res, BLOCK, n);
  } else if (url.pathname === '/ndjson') {
    // Whole blocks only, so every line is complete.
    const blocks = Math.max(1, Math.round(Number(url.searchParams.get('n')) / NDJSON_BLOCK.length));
    const n = blocks * NDJSON_BLOCK.length;
    res.writeHead(200, { 'content-type': 'application/x-ndjson; charset=utf-8', 'content-length': n });
    pump(res, NDJSON_BLOCK, n);
  } else if (url.pathname === '/upload') {
    let bytes = 0;
    req.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
    });
    req.on('end', () => {
      const count = Buffer.from(
        JSON.stringify({
          bytes,
          contentLength: req.headers['content-length'] ?? null,
          chunked: req.headers['transfer-encoding'] === 'chunked',
        }),
      );
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': count.length });
      res.end(count);
    });
  } else {
    res.writeHead(404, { 'content-length': 0 });
    res.end();
  }
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
});
// The parent closing our stdin (or dying) ends the server.
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
process.on('SIGTERM', () => process.exit(0));
