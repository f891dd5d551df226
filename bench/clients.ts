/**
 * The small-GET clients, each doing what a user would write to fetch a URL and read its whole body as bytes
 * (bytes rather than parsed JSON, so no client is charged for parsing the others skip).
 */
import axios from 'axios';
import got from 'got';
import ky from 'ky';
import { ofetch } from 'ofetch';
import type { FetchRequests } from './library';

export type Client = (url: string) => Promise<unknown>;

export interface ClientSpec {
  name: string;
  /** Shown in the table: what the client does per request. */
  note: string;
  make: (lib: FetchRequests) => Client;
  /** Its budget: at least this many times the Requests floor's throughput, measured in the same run (issue 17). */
  budget?: number;
  /** Uses node:http rather than fetch (undici): left out of the interleaved latency test, whose clients share one pool. */
  nodeHttp?: boolean;
}

export const FLOOR_NAME = 'Requests floor';

/** The same length as the library's own User-Agent, so the floor sends the same bytes. */
const FLOOR_USER_AGENT = 'fetch-requests/0.1.0';

/** What Requests' `trust_env` reads on every request: the proxy variables (lower case first) and the CA bundle. */
const TRUST_ENV = [
  'http_proxy',
  'HTTP_PROXY',
  'https_proxy',
  'HTTPS_PROXY',
  'all_proxy',
  'ALL_PROXY',
  'no_proxy',
  'NO_PROXY',
  'REQUESTS_CA_BUNDLE',
  'CURL_CA_BUNDLE',
];
/** The variables set, as Requests would take them into account. */
function trustEnvLookups(): number {
  let set = 0;
  for (const name of TRUST_ENV) if (process.env[name]) set++;
  return set;
}

export const CLIENTS: ClientSpec[] = [
  {
    name: 'fetch',
    note: 'raw `fetch(url)` + `arrayBuffer()` (the baseline)',
    make: () => async (url) => (await fetch(url)).arrayBuffer(),
  },
  {
    name: 'fetch + signal',
    note: 'raw fetch with a fresh AbortController signal',
    make: () => async (url) => (await fetch(url, { signal: new AbortController().signal })).arrayBuffer(),
  },
  {
    name: 'fetch(new Request)',
    note: 'raw `fetch(new Request(url))`',
    make: () => async (url) => (await fetch(new Request(url))).arrayBuffer(),
  },
  {
    // A reference, not a library: what any client with Requests' semantics cannot skip. Where it lands against raw
    // fetch is the ceiling for `get`, whatever the library does (see bench/RESULTS.md).
    name: FLOOR_NAME,
    note: "raw fetch plus the least Requests' semantics need: its own `Accept`/`User-Agent` in a `Headers`, `redirect: 'manual'` (to see redirects), the URL parsed, `elapsed`, the body as a `Uint8Array`, and the environment read for `trust_env` (the proxy variables and the CA bundle, as Requests reads them on every request)",
    make: () => async (url) => {
      const environ = trustEnvLookups();
      const headers = new Headers();
      headers.append('accept', '*/*');
      headers.append('user-agent', FLOOR_USER_AGENT);
      const href = new URL(url).href;
      const started = performance.now();
      const raw = await fetch(href, { method: 'GET', headers, body: null, redirect: 'manual' });
      const content = new Uint8Array(await raw.arrayBuffer());
      return { raw, content, elapsed: performance.now() - started, environ };
    },
  },
  {
    name: 'ky',
    note: 'ky 2, `retry: 0, timeout: false`',
    make: () => (url) => ky(url, { retry: 0, timeout: false }).arrayBuffer(),
  },
  {
    name: 'ky (defaults)',
    note: 'ky 2 with its defaults (retry 2, timeout 10 s)',
    make: () => (url) => ky(url).arrayBuffer(),
  },
  {
    name: 'axios',
    note: "axios, `responseType: 'arraybuffer'` (Node http adapter)",
    make: () => (url) => axios.get(url, { responseType: 'arraybuffer' }),
    nodeHttp: true,
  },
  { name: 'got', note: 'got 16, `.buffer()`', make: () => (url) => got(url).buffer(), nodeHttp: true },
  {
    name: 'ofetch',
    note: "ofetch, `responseType: 'arrayBuffer'`",
    make: () => (url) => ofetch(url, { responseType: 'arrayBuffer' }),
  },
  {
    name: 'get',
    note: 'fetch-requests `get(url)` (a fresh Session per call, as Requests does)',
    make: (lib) => (url) => lib.get(url),
    budget: 0.97,
  },
  {
    name: 'Session.get',
    note: 'fetch-requests `session.get(url)` on one Session',
    make: (lib) => {
      const session = new lib.Session();
      return (url) => session.get(url);
    },
    budget: 0.97,
  },
  {
    name: 'Session.get retry',
    note: 'with `retry: 2` (the ky path)',
    make: (lib) => {
      const session = new lib.Session({ retry: 2 });
      return (url) => session.get(url);
    },
  },
];

export interface BatchResult {
  /** Requests per second (wall clock). */
  rate: number;
  /** CPU time of the client process per request, in µs (user + system, all threads). */
  cpu: number;
}

/** Runs `count` requests with `concurrency` in flight. */
export async function runBatch(client: Client, url: string, concurrency: number, count: number): Promise<BatchResult> {
  let left = count;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (left-- > 0) await client(url);
    }),
  );
  const elapsed = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  return { rate: count / (elapsed / 1000), cpu: (cpu.user + cpu.system) / count };
}
