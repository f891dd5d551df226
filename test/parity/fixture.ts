/**
 * The parity suite's own node:http server, for what httpbin cannot express: exact bytes with any Content-Type,
 * status line and headers (`/raw`), a raw echo of the request bytes (`/echo`), bodies sent in given HTTP chunks
 * (`/chunks`), and broken transports (headers late, a body that stalls, a body cut short).
 * Both clients talk to it over loopback; it keeps no state between requests, so they can run side by side.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { startServer, type Listening } from '../helpers/server';

export type Fixture = Pick<Listening, 'origin' | 'port' | 'close'>;

const fromBase64 = (value: string | null): Buffer => Buffer.from(value ?? '', 'base64url');

/** Waits `ms`, or less if the client goes away first (so closing the server is never held up by a timer). */
function pause(ms: number, req: IncomingMessage): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    req.socket.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Every header as the client sent it, names lower-cased; repeated ones joined with ", " as httpbin does. */
function headersOf(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i]!.toLowerCase();
    const value = req.rawHeaders[i + 1]!;
    out[name] = name in out ? `${out[name]}, ${value}` : value;
  }
  return out;
}

async function handle(req: IncomingMessage, body: Buffer, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://fixture');
  const q = url.searchParams;
  // /echo and anything under it (cookie path rules need more than one path).
  switch (url.pathname.startsWith('/echo') ? '/echo' : url.pathname) {
    case '/echo': {
      // The request exactly as it arrived; the body as Latin-1 so every byte survives JSON.
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({ method: req.method, target: req.url, headers: headersOf(req), body: body.toString('latin1') }),
      );
      return;
    }
    case '/raw': {
      // ?status=299&reason=Custom&h=Name:%20value&h64=<base64url of a header line>&ct=text/plain&body=<base64url>&gzip=1
      let payload = fromBase64(q.get('body'));
      const headers: [string, string][] = [];
      if (q.has('ct')) headers.push(['Content-Type', q.get('ct')!]);
      if (q.get('gzip') === '1') {
        payload = gzipSync(payload);
        headers.push(['Content-Encoding', 'gzip']);
      }
      if (q.get('gzip') === 'broken') headers.push(['Content-Encoding', 'gzip']);
      // h64: a header line given as bytes (e.g. a Location in raw UTF-8), written byte for byte.
      for (const line of [...q.getAll('h'), ...q.getAll('h64').map((v) => fromBase64(v).toString('latin1'))]) {
        const colon = line.indexOf(':');
        headers.push([line.slice(0, colon), line.slice(colon + 1).trim()]);
      }
      headers.push(['Content-Length', String(payload.byteLength)]);
      const status = Number(q.get('status') ?? 200);
      // A reason given as base64url lets a test send bytes outside ASCII on the status line.
      const reason = q.has('reason64')
        ? fromBase64(q.get('reason64')).toString('latin1')
        : (q.get('reason') ?? undefined);
      res.writeHead(status, reason, headers.flat());
      res.end(payload);
      return;
    }
    case '/chunks': {
      // ?p=<base64url>&p=…&gap=ms: a chunked body, one HTTP chunk per `p`, with a pause between them.
      const gap = Number(q.get('gap') ?? 20);
      res.writeHead(200, { 'Content-Type': q.get('ct') ?? 'application/octet-stream', 'Transfer-Encoding': 'chunked' });
      res.flushHeaders();
      for (const piece of q.getAll('p')) {
        res.write(fromBase64(piece));
        await pause(gap, req);
      }
      res.end();
      return;
    }
    case '/slow-headers': {
      // Nothing at all for `ms`, then a small body.
      await pause(Number(q.get('ms') ?? 2000), req);
      if (!res.destroyed) res.end('late');
      return;
    }
    case '/stall-body': {
      // Headers and 5 bytes of a 20-byte body at once, then silence for `ms`, then the rest.
      res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': '20' });
      res.write('12345');
      await pause(Number(q.get('ms') ?? 3000), req);
      if (!res.destroyed) res.end('678901234567890');
      return;
    }
    case '/truncated-length': {
      // Content-Length promises 100 bytes; 10 come, then the connection closes.
      res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': '100' });
      res.write('0123456789');
      await pause(30, req);
      res.socket?.destroy();
      return;
    }
    case '/truncated-chunked': {
      // A chunked body whose connection closes before the last chunk.
      res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Transfer-Encoding': 'chunked' });
      res.write('0123456789');
      await pause(30, req);
      res.socket?.destroy();
      return;
    }
    default:
      res.writeHead(404, 'NOT FOUND', { 'Content-Type': 'text/plain' });
      res.end('no such fixture');
  }
}

/** The fixture on a free loopback port (the test server of test/helpers/server.ts, with the routes above). */
export function startFixture(): Promise<Fixture> {
  return startServer((req, res) => handle(req, req.body, res));
}
