/**
 * Transport adapters, as Requests mounts them on a Session by URL prefix (the longest prefix wins). An adapter
 * sends one PreparedRequest and builds its Response; HTTPAdapter does it through the transport's layers, with
 * the configuration of its prefix — retries today, later a proxy or a cassette.
 *
 *   s.mount('https://api.example.com/', new HTTPAdapter({ maxRetries: new Retry({ total: 5, backoffFactor: 0.2 }) }));
 *
 * A subclass may override `send` — to answer from memory, as requests-mock does, or to log — and still get
 * redirects, cookies, auth and hooks from the Session.
 */
import { isBrowserRuntime } from './runtime';
import { RetryError } from './exceptions';
import type { SendOptions } from './merge';
import type { PreparedRequest } from './request';
import { redirectTarget } from './redirects';
import { Response } from './response';
import { Retry } from './retry';
import { bodyClock } from '#platform/connect-phase';
import { responseCookies } from '#platform/cookies';
import { type CaseInsensitiveDict, unwrapHeaders } from './structures';
import { DispatcherPool, dispatcher } from '#platform/dispatcher';
import { asksForConnection } from './transport/connection';
import { mapErrors, mapReadError } from './transport/errors';
import { callFetch } from './transport/fetch';
import { compose, type FetchInit, type Layer } from './transport/layer';
import { retries, StatusRetriesExhausted } from './transport/retry';
import { timeouts } from './transport/timeouts';
import { uploadProgress } from './transport/upload';

/** Requests' `BaseAdapter`: what a Session needs of an adapter. */
export abstract class BaseAdapter {
  /** Sends one request (no redirects followed) and resolves at its response headers. */
  abstract send(request: PreparedRequest, options: SendOptions): Promise<Response>;
  /** Frees what the adapter holds (HTTPAdapter: the connection pools its proxies and TLS settings opened). */
  close(): void {}
}

export interface HTTPAdapterOptions {
  /**
   * Retries, as Requests reads `max_retries`: a Retry, or a number (`Retry.fromInt(n)`). The default 0 retries
   * nothing, as in Requests (`Retry(0, read=False)`).
   */
  maxRetries?: Retry | number;
}

/** Requests' default: `Retry(0, read=False)`. A Retry never changes (`increment` makes a new one): one serves all. */
const NO_RETRIES = new Retry({ total: 0, read: false });

export class HTTPAdapter extends BaseAdapter {
  maxRetries: Retry;
  /** Requests' `proxy_manager` and pool keys: a dispatcher per (proxy, TLS settings), opened on first use. */
  readonly #dispatchers = new DispatcherPool();

  constructor({ maxRetries = 0 }: HTTPAdapterOptions = {}) {
    super();
    this.maxRetries = maxRetries === 0 ? NO_RETRIES : Retry.fromInt(maxRetries);
  }

  /** Requests' `HTTPAdapter.send`: the request through the layers it needs, then `buildResponse`. */
  override async send(request: PreparedRequest, options: SendOptions): Promise<Response> {
    const send = compose(this.layers(request, options), callFetch);
    let raw: globalThis.Response;
    try {
      raw = await send({ request, options, init: fetchInit(request, options) });
    } catch (error) {
      if (!(error instanceof StatusRetriesExhausted)) throw error;
      const response = this.buildResponse(request, error.response, options);
      throw new RetryError(`${connectionPool(request.url)}: ${error.message}`, { request, response, cause: error });
    }
    const response = this.buildResponse(request, raw, options);
    // Requests' build_response: the cookies the response set, as its own jar would take them.
    response.cookies = await responseCookies(request.url, raw.headers);
    return response;
  }

  /**
   * The transport layers this request goes through, outermost first: only those its settings ask for. A request
   * with nothing configured goes through the error mapping and fetch only.
   */
  layers(request: PreparedRequest, options: SendOptions): Layer[] {
    const layers: Layer[] = [];
    if (!this.maxRetries.retriesNothing) layers.push(retries(this.maxRetries));
    layers.push(mapErrors);
    if (options.timeout.connect !== null || options.timeout.read !== null) layers.push(timeouts);
    // Below the timeouts and above the connection: each attempt, hop and auth round-trip is its own recording, and a
    // replayed one never reaches a dispatcher or fetch (src/transport/cassette.ts).
    if (options.cassette) layers.push(options.cassette.layer);
    if (asksForConnection(request, options)) layers.push(dispatcher(this.#dispatchers));
    if (options.onUploadProgress) layers.push(uploadProgress);
    return layers;
  }

  /** Closes the dispatchers this adapter opened, each once the requests it serves have ended. */
  override close(): void {
    this.#dispatchers.close();
  }

  /** Requests' `build_response`: our Response over fetch's. */
  buildResponse(request: PreparedRequest, raw: globalThis.Response, options: SendOptions): Response {
    const readTimeout = options.timeout.read;
    const response = new Response(raw, {
      request,
      readTimeout,
      byteClock: readTimeout === null ? null : bodyClock(raw),
      readError: (error) => mapReadError(error, request, options.signal),
      // Progress is the download's: a redirect that will be followed reports none.
      onDownloadProgress:
        options.onDownloadProgress && !(options.allowRedirects && redirectTarget(raw.status, raw.headers) !== null)
          ? options.onDownloadProgress
          : undefined,
    });
    // The runtime followed the redirects (a browser, or a fetch that cannot do `manual`).
    if (raw.redirected) {
      response.redirected = true;
      if (raw.url) response.url = withFragment(raw.url, request.url);
    }
    return response;
  }
}

/** What fetch is given for a request besides its URL. */
function fetchInit(request: PreparedRequest, options: SendOptions): FetchInit {
  const init: FetchInit = {
    method: request.method,
    headers: headersForFetch(request.headers, request.body),
    body: request.body,
    // A page cannot see a redirect (`manual` gives an opaque response) and following it ourselves would send the
    // request twice: in a browser the browser follows, and `history` stays empty.
    redirect: options.allowRedirects && isBrowserRuntime() ? 'follow' : 'manual',
  };
  if (options.signal) init.signal = options.signal;
  if (options.credentials) init.credentials = options.credentials;
  // A browser answers a server's 401 challenge with its own login prompt unless credentials are omitted: when the
  // library handles auth, the challenge must come back to it.
  else if (request.auth && isBrowserRuntime()) init.credentials = 'omit';
  // A streamed body must say so (undici refuses it otherwise).
  if (request.body instanceof ReadableStream) init.duplex = 'half';
  return init;
}

/**
 * The headers fetch gets: the request's, less `Content-Length` and `Transfer-Encoding`, which PreparedRequest shows
 * as Requests does but which the runtime writes itself (fetch forbids them) — except the Content-Length of a stream
 * whose size was known without reading it (a file on disk): fetch would frame any stream as chunked, and Node's
 * (undici) sends that length instead, checking the bytes against it, as Requests sends a file. A browser drops it.
 */
function headersForFetch(headers: CaseInsensitiveDict, body: BodyInit | null): Headers {
  const own = unwrapHeaders(headers);
  if (!own.has('content-length') && !own.has('transfer-encoding')) return own;
  const sent = new Headers(own);
  if (!(body instanceof ReadableStream) || own.has('transfer-encoding')) sent.delete('content-length');
  sent.delete('transfer-encoding');
  return sent;
}

/** urllib3's name for a host's connection pool, as it opens Requests' "Max retries exceeded" messages. */
function connectionPool(url: string): string {
  const { protocol, hostname, port } = new URL(url);
  const https = protocol === 'https:';
  const host = hostname.replace(/^\[(.*)\]$/, '$1');
  return `${https ? 'HTTPS' : 'HTTP'}ConnectionPool(host='${host}', port=${port || (https ? 443 : 80)})`;
}

function withFragment(url: string, original: string): string {
  if (url.includes('#')) return url;
  const hash = original.indexOf('#');
  return hash === -1 ? url : url + original.slice(hash);
}
