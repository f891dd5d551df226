/** What the runtime allows: a browser hides redirects (opaque) and cookies, and owns the User-Agent. */
export function isBrowserRuntime(): boolean {
  const g = globalThis as { document?: unknown; importScripts?: unknown };
  return typeof g.document !== 'undefined' || typeof g.importScripts === 'function';
}
