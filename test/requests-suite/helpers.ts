/**
 * What every file of the port shares: Requests' fixtures (`httpbin(...)`, `httpbin_secure(...)`, TARPIT), `port()`
 * (a test whose title is the Python test's name, run as the ledger says: `it`, or `it.fails` for an expected
 * difference), and typed access to what API.md promises but the library's types do not have yet (pending #17, #19,
 * #21, #23): those tests are real tests of the promised API, marked `it.fails` by the ledger until it lands.
 */
import { inject, it } from 'vitest';
import * as lib from '../../src/index';
import type { PreparedRequest, RequestOptions, Response, Session } from '../../src/index';
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

// ---- what API.md promises and the types lack yet ------------------------------------------------------------

/**
 * A headers object as API.md describes it (pending #23): a `Headers` that also reads and writes by bracket,
 * case-insensitively, `null` removing, names keeping their last-set case.
 */
export type HeaderDict = Headers & { [name: string]: unknown };

export function dict(headers: Headers): HeaderDict {
  return headers as HeaderDict;
}

/** Options API.md lists that RequestOptions does not have yet (#21: proxies, verify, cert). */
export interface PendingOptions {
  proxies?: Record<string, string>;
  verify?: boolean | string;
  cert?: string | readonly [string, string];
}

/** A call's options with the ones still pending, typed for the call. */
export function options(o: RequestOptions & PendingOptions): RequestOptions {
  return o as RequestOptions;
}

/** Response hooks as API.md has them (#17): the send options as the second argument. */
export type PendingHook = (r: Response, options: Record<string, unknown>) => Response | undefined | void;

/** The Session's redirect steps (#17), as Requests' SessionRedirectMixin has them. */
export interface RedirectMixin {
  getRedirectTarget(resp: Response): string | null | undefined;
  shouldStripAuth(oldUrl: string, newUrl: string): boolean;
  rebuildMethod(prep: PreparedRequest, resp: Response): void;
  rebuildAuth(prep: PreparedRequest, resp: Response): void;
  resolveRedirects(resp: Response, req: PreparedRequest, options?: Record<string, unknown>): AsyncGenerator<Response>;
  send(request: PreparedRequest, options?: Record<string, unknown>): Promise<Response>;
}

export function mixin(s: Session): Session & RedirectMixin {
  return s as Session & RedirectMixin;
}

/** `PreparedRequest.hooks` (#17). */
export function hooksOf(prep: PreparedRequest): { response: unknown[] } | undefined {
  return (prep as PreparedRequest & { hooks?: { response: unknown[] } }).hooks;
}

/** HTTPAdapter and Retry as API.md has them (#23). */
export interface Adapter {
  send(request: PreparedRequest, options?: Record<string, unknown>): Promise<Response>;
}
export type AdapterClass = new (options?: Record<string, unknown>) => Adapter;
export type RetryClass = new (options?: Record<string, unknown>) => object;
export interface Mounting {
  adapters: Iterable<unknown> | Record<string, Adapter> | Map<string, Adapter>;
  mount(prefix: string, adapter: Adapter): void;
  getAdapter(url: string): Adapter;
}

function exported<T>(name: string, issue: string): T {
  const value = (lib as Record<string, unknown>)[name];
  if (value === undefined) throw new Error(`${name} is not exported from src/index.ts (${issue})`);
  return value as T;
}

export const HTTPAdapter = (): AdapterClass => exported<AdapterClass>('HTTPAdapter', '#23');
export const Retry = (): RetryClass => exported<RetryClass>('Retry', '#23');

export function mounting(s: Session): Session & Mounting {
  return s as Session & Mounting;
}

/** The prefixes of `s.adapters`, in its order, whatever collection it is (a Map or a record). */
export function adapterPrefixes(s: Session): string[] {
  const adapters = mounting(s).adapters;
  if (adapters instanceof Map) return [...adapters.keys()];
  return Object.keys(adapters as Record<string, unknown>);
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
  request: PreparedRequest = new lib.PreparedRequest({ url: 'http://example.com/' }),
): Response {
  return new lib.Response(raw, { request, elapsed: 0 });
}

/** The text of a prepared body (Requests' tests compare `prep.body` to a str or bytes). */
export async function bodyText(body: unknown): Promise<string> {
  if (body === null || body === undefined) return '';
  if (typeof body === 'string') return body;
  if (body instanceof Blob) return body.text();
  if (body instanceof Uint8Array || body instanceof ArrayBuffer) return new TextDecoder().decode(body);
  return new globalThis.Response(body as BodyInit).text();
}
