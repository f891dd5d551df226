/**
 * What a Session with `trustEnv` (the default) takes from the environment, as Requests does: the proxy variables
 * (`HTTP_PROXY`, `HTTPS_PROXY`, `ALL_PROXY`, `NO_PROXY`, lower case first) and a CA bundle (`REQUESTS_CA_BUNDLE`,
 * then `CURL_CA_BUNDLE`). Read through `process.env` where there is one (Node, Bun, Deno with `--allow-env`); a
 * page has no environment, and a runtime that refuses the read has none either.
 */
import { type EnvironProxies, environProxies } from './proxies';
import { isBrowserRuntime } from './runtime';

export interface EnvironSettings {
  readonly proxies: EnvironProxies | null;
  readonly caBundle: string | null;
}

const NOTHING: EnvironSettings = { proxies: null, caBundle: null };

/** The environment's proxies and CA bundle, read now (ten look-ups: about a microsecond in Node). */
export function environSettings(): EnvironSettings {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  if (!env || isBrowserRuntime()) return NOTHING; // a page's `process` is a bundler's shim, or a test's
  try {
    const proxies = environProxies((name) => env[name]);
    const caBundle = env.REQUESTS_CA_BUNDLE || env.CURL_CA_BUNDLE || null;
    return proxies === null && caBundle === null ? NOTHING : { proxies, caBundle };
  } catch {
    return NOTHING; // Deno without --allow-env
  }
}
