/**
 * Where a request's added latency goes, layer by layer: `npx tsx bench/tools/layers.ts [iterations]`.
 * Each variant adds one layer of the real code (bundled from src/ by esbuild, as bench/library.ts does) on top of
 * the one before: raw fetch, the same fetch with our `init`, request preparation, the adapter (its transport
 * layers, the Response and its body read), Session.send's loop, Session.get, and get (a fresh Session per call). One request of every
 * variant per iteration, in shuffled order, so load from elsewhere falls on all alike; p50 latencies.
 */
import { build } from 'esbuild';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { mkdirSync, writeFileSync } from 'node:fs';
import { median, shuffle, startBenchServer } from '../harness';
import { DEPENDENCIES } from '../library';

const dir = fileURLToPath(new URL('../results/.build/', import.meta.url));
const src = fileURLToPath(new URL('../../src/', import.meta.url));
const VARIANTS = `
import { HTTPAdapter } from '${src}adapters';
import { mergeHeaders, resolveSendOptions } from '${src}merge';
import { prepareRequest } from '${src}request';
import { Session } from '${src}session';
import { unwrapHeaders } from '${src}structures';
import { get } from '${src}api';
const H = () => { const h = new Headers(); h.append('accept', '*/*'); h.append('user-agent', 'fetch-requests/1.0.0'); return h; };
const ENV = ['http_proxy', 'HTTP_PROXY', 'https_proxy', 'HTTPS_PROXY', 'all_proxy', 'ALL_PROXY', 'no_proxy', 'NO_PROXY', 'REQUESTS_CA_BUNDLE', 'CURL_CA_BUNDLE'];
const defaults = { 'User-Agent': 'fetch-requests/1.0.0', Accept: '*/*' };
const settings = new Session(); // a Session's defaults, as resolveSendOptions reads them
const adapter = new HTTPAdapter();
const session = new Session();
const prepared = (u) => prepareRequest({ method: 'GET', url: u, headers: mergeHeaders(defaults) }).request;
export const variants = {
  fetch: async (u) => (await fetch(u)).arrayBuffer(),
  'fetch(init)': async (u) => new Uint8Array(await (await fetch(u, { method: 'GET', headers: H(), body: null, redirect: 'manual' })).arrayBuffer()),
  'fetch(init) + environment (the Requests floor)': async (u) => {
    for (const name of ENV) if (process.env[name]) break;
    return new Uint8Array(await (await fetch(u, { method: 'GET', headers: H(), body: null, redirect: 'manual' })).arrayBuffer());
  },
  '+prepare': async (u) => {
    const request = prepared(u);
    return new Uint8Array(await (await fetch(request.url, { method: request.method, headers: unwrapHeaders(request.headers), body: request.body, redirect: 'manual' })).arrayBuffer());
  },
  '+resolveSendOptions': async (u) => {
    const request = prepared(u);
    resolveSendOptions({}, settings, request.url);
    return new Uint8Array(await (await fetch(request.url, { method: request.method, headers: unwrapHeaders(request.headers), body: request.body, redirect: 'manual' })).arrayBuffer());
  },
  '+adapter (layers, Response)': async (u) => {
    const request = prepared(u);
    return (await adapter.send(request, resolveSendOptions({}, settings, request.url))).read();
  },
  'Session.send': (u) => session.send(prepared(u)),
  'Session.get': (u) => session.get(u),
  get: (u) => get(u),
};
`;

mkdirSync(dir, { recursive: true });
writeFileSync(`${dir}layers-entry.mjs`, VARIANTS);
await build({
  entryPoints: [`${dir}layers-entry.mjs`],
  outfile: `${dir}layers.mjs`,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'es2022',
  external: DEPENDENCIES,
  logLevel: 'error',
});
const { variants } = (await import(pathToFileURL(`${dir}layers.mjs`).href)) as {
  variants: Record<string, (url: string) => Promise<unknown>>;
};

const server = await startBenchServer();
try {
  const url = `${server.origin}/small`;
  const names = Object.keys(variants);
  const samples: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (const name of names) for (let i = 0; i < 1000; i++) await variants[name]!(url);
  const iterations = Number(process.argv[2] ?? 8000);
  for (let i = 0; i < iterations; i++) {
    for (const name of shuffle(names)) {
      const started = performance.now();
      await variants[name]!(url);
      samples[name]!.push((performance.now() - started) * 1000);
    }
  }
  const base = median(samples.fetch!);
  let previous = base;
  console.log('| layer | p50 µs | added over raw fetch | this layer |\n|---|---|---|---|');
  for (const name of names) {
    const p50 = median(samples[name]!);
    console.log(`| ${name} | ${p50.toFixed(1)} | +${(p50 - base).toFixed(1)} | +${(p50 - previous).toFixed(1)} |`);
    previous = p50;
  }
} finally {
  await server.stop();
}
