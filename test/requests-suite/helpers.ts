/**
 * What every file of the port shares: Requests' fixtures (`httpbin(...)`, `httpbin_secure(...)`, TARPIT), `port()`
 * (a test whose title is the Python test's name, run as the ledger says: `it`, or `it.fails` for an expected
 * difference), and small stand-ins for what Requests' tests build by hand (`responseOf`, `bodyText`,
 * `overrideEnviron`). The tests use the library's own exports and types.
 */
import { inject, it } from 'vitest';
import { PreparedRequest, Response } from '../../src/index';
import { rowFor } from './ledger';

export const servers = inject('requestsSuite');

/** Requests' conftest `httpbin(*suffix)`: urljoin of the server and the parts joined by `/`, kept as written. */
export function httpbin(...suffix: string[]): string {
  return `${servers.httpbin}/${suffix.join('/').replace(/^\/+/, '')}`;
}

/** Requests' conftest `httpbin_secure(*suffix)`. */
export function httpbinSecure(...suffix: string[]): string {
  return `${servers.httpbinSecure}/${suffix.join('/').replace(/^\/+/, '')}`;
}

/** Requests' TARPIT (`http://10.255.255.1`): here a loopback port whose connects never complete. */
export const TARPIT = servers.tarpit;

/** Requests' INVALID_PROXY and `http://localhost:1`: a loopback port nothing listens on. */
export const INVALID_PROXY = servers.refused;

type Body = () => unknown;

/**
 * Registers the port of one Python test under its name (`test_x`, or `test_x[id]` with pytest's parametrize id):
 * `it` when the ledger says ported, `it.fails` when it lists an expected difference. A name the ledger does not know,
 * or lists as not applicable, fails the file.
 */
export function port(name: string, body: Body, timeout?: number): void {
  const row = rowFor(name);
  if (!row) throw new Error(`${name} is not in test/requests-suite/ledger.ts`);
  if (row.status === 'not applicable') throw new Error(`${name} is ported, but the ledger lists it as not applicable`);
  const expectedToFail = row.status === 'expected difference' && !SHOW_EXPECTED;
  (expectedToFail ? it.fails : it)(name, body, timeout);
}

/**
 * `REQUESTS_SUITE_SHOW_EXPECTED=1 npm run test:requests-suite`: the expected differences run as plain tests, so that
 * vitest shows how each fails (to check that each fails for the reason its ledger line gives).
 */
const SHOW_EXPECTED = process.env.REQUESTS_SUITE_SHOW_EXPECTED === '1';

/** The arguments of a parametrize case `[id, ...args]`, one tuple type per case. */
type CaseArgs<T> = T extends readonly [string, ...infer A] ? A : never;

/** `port` for each parametrize case: `portEach('test_x', [['id', a, b], …], (a, b) => …)`. */
export function portEach<const C extends readonly (readonly [string, ...unknown[]])[]>(
  name: string,
  cases: C,
  body: (...args: CaseArgs<C[number]>) => unknown,
  timeout?: number,
): void {
  for (const [id, ...args] of cases) port(`${name}[${id}]`, () => body(...(args as CaseArgs<C[number]>)), timeout);
}

/** Sets process.env for the duration of `body`, as Requests' tests' `override_environ` does. */
export async function overrideEnviron<T>(env: Record<string, string | undefined>, body: () => Promise<T>): Promise<T> {
  const saved = { ...process.env };
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  try {
    return await body();
  } finally {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  }
}

/** A Response built around a fetch Response, as Requests' tests build `requests.Response()` by hand. */
export function responseOf(
  raw: globalThis.Response,
  request: PreparedRequest = new PreparedRequest({ url: 'http://example.com/' }),
): Response {
  return new Response(raw, { request, elapsed: 0 });
}

/** The text of a prepared body (Requests' tests compare `prep.body` to a str or bytes). */
export async function bodyText(body: unknown): Promise<string> {
  if (body === null || body === undefined) return '';
  if (typeof body === 'string') return body;
  if (body instanceof Blob) return body.text();
  if (body instanceof Uint8Array || body instanceof ArrayBuffer) return new TextDecoder().decode(body);
  return new globalThis.Response(body as BodyInit).text();
}
