/**
 * What the runtime allows or does differently, where the library has to know: a browser hides redirects (opaque)
 * and cookies and owns the User-Agent; some runtimes cannot stream a request body, some leave a deflate body
 * encoded. Each answer is the runtime's, asked once where asking costs anything.
 */

export function isBrowserRuntime(): boolean {
  const g = globalThis as { document?: unknown; importScripts?: unknown };
  return typeof g.document !== 'undefined' || typeof g.importScripts === 'function';
}

let requestStreams: boolean | undefined;

/**
 * Whether fetch can send a ReadableStream as a request body (the Fetch standard's `duplex: 'half'`). The test the
 * standard's authors give: a runtime that supports it reads `duplex` and sets no Content-Type for a stream body
 * (Firefox, for one, would send the text "[object ReadableStream]").
 */
export function canStreamRequestBodies(): boolean {
  if (requestStreams === undefined) {
    let duplexRead = false;
    try {
      const hasContentType = new Request('http://stream.test/', {
        method: 'POST',
        body: new ReadableStream(),
        get duplex() {
          duplexRead = true;
          return 'half';
        },
      } as RequestInit).headers.has('content-type');
      requestStreams = duplexRead && !hasContentType;
    } catch {
      requestStreams = false;
    }
  }
  return requestStreams;
}

/** Deno's and workerd's fetch leave a `Content-Encoding: deflate` body as it came (zlib bytes), unlike the others. */
export function leavesDeflateEncoded(): boolean {
  const g = globalThis as { Deno?: unknown; navigator?: { userAgent?: string } };
  return g.Deno !== undefined || g.navigator?.userAgent === 'Cloudflare-Workers';
}

/**
 * Bun's fetch applies HTTP_PROXY, HTTPS_PROXY and NO_PROXY itself unless a request says otherwise (`proxy: false`,
 * or a proxy with `respectNoProxy: false`), so each request has to say which proxy the library chose, if any.
 * (Deno's client applies them too, but cannot be told otherwise: a documented limit.)
 */
export function fetchAppliesProxyVariables(): boolean {
  return (globalThis as { Bun?: unknown }).Bun !== undefined;
}
