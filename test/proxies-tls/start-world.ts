/**
 * The proxies-and-TLS world, on loopback: a CA and certificates made now with openssl (valid, expired, for another
 * host, a client's), TLS servers that answer with what they saw (one requires a client certificate), a plain-http
 * origin, and two Debian tinyproxy forward proxies, one requiring Basic credentials. Every server echoes the
 * request's headers as JSON, so a test can tell whether a proxy stood in between (`via`) and whether credentials
 * meant for the proxy reached the origin. Fails loudly when openssl or tinyproxy is missing.
 *
 * Started by the vitest global setup (global-setup.ts) and by the Bun and Deno runner (bun-deno/run.ts).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import type { World } from './world';

const openssl = (dir: string, ...args: string[]): void => {
  execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
};

const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

function makeCertificates(dir: string): void {
  openssl(
    dir,
    'req',
    '-x509',
    ...EC,
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    '-days',
    '2',
    '-subj',
    '/CN=fetch-requests test CA',
  );
  writeFileSync(join(dir, 'index.txt'), '');
  writeFileSync(join(dir, 'serial'), '1000\n');
  writeFileSync(
    join(dir, 'ca.cnf'),
    [
      '[ca]',
      'default_ca = test_ca',
      '[test_ca]',
      `dir = ${dir}`,
      `database = ${dir}/index.txt`,
      `new_certs_dir = ${dir}`,
      `serial = ${dir}/serial`,
      `certificate = ${dir}/ca.pem`,
      `private_key = ${dir}/ca.key`,
      'default_md = sha256',
      'unique_subject = no',
      'policy = any',
      '[any]',
      'commonName = supplied',
      '[localhost]',
      'subjectAltName = DNS:localhost,IP:127.0.0.1',
      '[elsewhere]',
      'subjectAltName = DNS:wrong.example',
      '[client]',
      'extendedKeyUsage = clientAuth',
      '',
    ].join('\n'),
  );
  const leaf = (name: string, cn: string, extensions: string, dates: string[]): void => {
    openssl(dir, 'req', ...EC, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${cn}`);
    openssl(
      dir,
      'ca',
      '-batch',
      '-config',
      'ca.cnf',
      '-extensions',
      extensions,
      '-in',
      `${name}.csr`,
      '-out',
      `${name}.pem`,
      '-notext',
      ...dates,
    );
  };
  leaf('server', 'localhost', 'localhost', ['-days', '2']);
  leaf('expired', 'localhost', 'localhost', ['-startdate', '20200101000000Z', '-enddate', '20200102000000Z']);
  leaf('elsewhere', 'wrong.example', 'elsewhere', ['-days', '2']);
  leaf('client', 'test-client', 'client', ['-days', '2']);
  writeFileSync(
    join(dir, 'client-combined.pem'),
    readFileSync(join(dir, 'client.pem'), 'utf8') + readFileSync(join(dir, 'client.key'), 'utf8'),
  );
}

/** Answers every request with what it saw: method, URL, headers, and the client certificate's CN. */
const echo: http.RequestListener = (req, res) => {
  const target = new URL(req.url ?? '/', 'http://x');
  const to = target.searchParams.get('to');
  if (target.pathname === '/redirect' && to) {
    res.writeHead(302, { location: to }).end();
    return;
  }
  const socket = req.socket as TLSSocket;
  const peer = typeof socket.getPeerCertificate === 'function' ? socket.getPeerCertificate() : null;
  const body = JSON.stringify({
    method: req.method,
    url: req.url,
    headers: req.headers,
    client: peer?.subject?.CN ?? null,
    peerPort: req.socket.remotePort,
  });
  res.writeHead(200, { 'content-type': 'application/json' }).end(body);
};

async function listen(server: net.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as net.AddressInfo).port;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  const port = await listen(server);
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function startTinyproxy(
  dir: string,
  name: string,
  connectPorts: number[],
  auth: string | null,
): Promise<{ port: number; child: ChildProcess }> {
  const port = await freePort();
  const conf = join(dir, `${name}.conf`);
  writeFileSync(
    conf,
    [
      `Port ${port}`,
      'Listen 127.0.0.1',
      'Timeout 30',
      'MaxClients 50',
      'Allow 127.0.0.1',
      'LogLevel Critical',
      ...connectPorts.map((p) => `ConnectPort ${p}`),
      ...(auth ? [`BasicAuth ${auth}`] : []),
      '',
    ].join('\n'),
  );
  const child = spawn('tinyproxy', ['-d', '-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk) => (stderr += chunk));
  const spawned = new Promise<never>((_, reject) => child.on('error', reject));
  for (let i = 0; i < 100; i++) {
    const up = await Promise.race([
      new Promise<boolean>((resolve) => {
        const socket = net.connect(port, '127.0.0.1', () => resolve(true)).on('error', () => resolve(false));
        socket.unref();
        setTimeout(() => socket.destroy(), 200);
      }),
      spawned,
    ]);
    if (up) return { port, child };
    if (child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill();
  throw new Error(`tinyproxy did not start on 127.0.0.1:${port}: ${stderr}`);
}

/** Starts the world; `stop()` ends every server and proxy and removes the certificates. */
export async function startWorld(): Promise<{ world: World; stop: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'fetch-requests-tls-'));
  const closers: (() => unknown)[] = [() => rmSync(dir, { recursive: true, force: true })];
  const stop = async (): Promise<void> => {
    for (const close of closers.reverse()) await close();
  };
  try {
    makeCertificates(dir);
    const file = (name: string): string => readFileSync(join(dir, name), 'utf8');
    const tlsServer = (name: string, extra: https.ServerOptions = {}): https.Server =>
      https.createServer({ key: file(`${name}.key`), cert: file(`${name}.pem`), ...extra }, echo);
    const servers = {
      http: http.createServer(echo),
      https: tlsServer('server'),
      expired: tlsServer('expired'),
      elsewhere: tlsServer('elsewhere'),
      mtls: tlsServer('server', { ca: file('ca.pem'), requestCert: true, rejectUnauthorized: true }),
    };
    const ports: Record<string, number> = {};
    for (const [name, server] of Object.entries(servers)) {
      ports[name] = await listen(server);
      closers.push(() => new Promise((resolve) => server.close(resolve)));
      closers.push(() => server.closeAllConnections());
    }
    const tunnelled = [ports.https!, ports.expired!, ports.elsewhere!, ports.mtls!];
    const open = await startTinyproxy(dir, 'open', tunnelled, null);
    closers.push(() => open.child.kill());
    const authed = await startTinyproxy(dir, 'authed', tunnelled, 'proxyuser s3cret');
    closers.push(() => authed.child.kill());
    const world: World = {
      dir,
      http: `http://127.0.0.1:${ports.http}`,
      https: `https://localhost:${ports.https}`,
      expired: `https://localhost:${ports.expired}`,
      elsewhere: `https://localhost:${ports.elsewhere}`,
      mtls: `https://localhost:${ports.mtls}`,
      proxy: `http://127.0.0.1:${open.port}`,
      authProxy: `http://127.0.0.1:${authed.port}`,
      deadProxy: `http://127.0.0.1:${await freePort()}`,
    };
    return { world, stop };
  } catch (error) {
    await stop();
    throw new Error(
      `\n=== PROXIES/TLS SUITE CANNOT RUN (needs openssl and tinyproxy) ===\n${(error as Error).message}`,
    );
  }
}
