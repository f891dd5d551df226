/**
 * The servers of Requests' own fixtures, on loopback: `httpbin` (Debian's httpbin under gunicorn, as pytest-httpbin
 * serves it), `httpbin_secure` (the same httpbin over TLS, with a CA made for this run: pytest-httpbin's
 * `httpbin_ca_bundle`), Requests' TARPIT (a port whose connects never complete, test/helpers/full-backlog.ts) and
 * `localhost:1` (a port nothing listens on). Fails loudly when one cannot start: the suite never skips.
 *
 * The raw-socket twins (test/helpers/raw-server.ts) and the proxy twin are started by the test files that use them:
 * they record what they receive, and a test reads that in its own process.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startFullBacklog } from '../helpers/full-backlog';
import { startHttpbin } from '../helpers/httpbin';
import { closedPort } from '../helpers/server';

export interface SuiteServers {
  /** Debian's httpbin: `http://127.0.0.1:PORT` */
  httpbin: string;
  /** The same httpbin over TLS: `https://127.0.0.1:PORT` */
  httpbinSecure: string;
  /** The PEM file of the CA that signed httpbinSecure's certificate (pytest-httpbin's `httpbin_ca_bundle`). */
  caBundle: string;
  /** A loopback port whose connects never complete (Requests' TARPIT, 10.255.255.1). */
  tarpit: string;
  /** A loopback port nothing listens on (Requests' `http://localhost:1`). */
  refused: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    requestsSuite: SuiteServers;
  }
}

/** A CA and a certificate for 127.0.0.1 and localhost signed by it, made with openssl in `dir`. */
function makeCertificates(dir: string): { ca: string; cert: string; key: string } {
  const file = (name: string): string => join(dir, name);
  const openssl = (...args: string[]): void => {
    execFileSync('openssl', args, { stdio: 'pipe' });
  };
  openssl(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '2',
    '-subj',
    '/CN=fetch-requests requests-suite CA',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
    '-keyout',
    file('ca.key'),
    '-out',
    file('ca.pem'),
  );
  openssl(
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-subj',
    '/CN=127.0.0.1',
    '-keyout',
    file('server.key'),
    '-out',
    file('server.csr'),
  );
  writeFileSync(
    file('server.ext'),
    'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n',
  );
  openssl(
    'x509',
    '-req',
    '-in',
    file('server.csr'),
    '-CA',
    file('ca.pem'),
    '-CAkey',
    file('ca.key'),
    '-CAcreateserial',
    '-days',
    '2',
    '-extfile',
    file('server.ext'),
    '-out',
    file('server.pem'),
  );
  return { ca: file('ca.pem'), cert: file('server.pem'), key: file('server.key') };
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = mkdtempSync(join(tmpdir(), 'requests-suite-'));
  const stops: (() => Promise<void>)[] = [async () => rmSync(dir, { recursive: true, force: true })];
  const stopAll = async (): Promise<void> => {
    await Promise.all(stops.map((stop) => stop()));
  };
  try {
    // 16 threads: /delay/10 (TestTimeout) holds one for ten seconds, and the files run side by side.
    const httpbin = await startHttpbin({ threads: 16 }).catch((error: Error) => {
      throw new Error(`The requests suite needs Debian's httpbin under gunicorn, but ${error.message}`);
    });
    stops.push(httpbin.stop);
    const certs = makeCertificates(dir);
    const secure = await startHttpbin({ threads: 4, tls: certs });
    stops.push(secure.stop);
    const tarpit = await startFullBacklog();
    stops.push(tarpit.close);
    const refused = `http://127.0.0.1:${await closedPort()}`;
    project.provide('requestsSuite', {
      httpbin: httpbin.origin,
      httpbinSecure: secure.origin,
      caBundle: certs.ca,
      tarpit: tarpit.origin,
      refused,
    });
  } catch (error) {
    await stopAll();
    throw error;
  }
  return stopAll;
}
