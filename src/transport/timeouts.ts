/**
 * The timeout layer, as Requests times a request: `connect` runs until the connection is made, `read` from then
 * until the response headers (and, in Response, as the longest silence between body bytes) — never a total
 * deadline. When time runs out the request is aborted with ConnectTimeout or ReadTimeout.
 *
 * Node's fetch tells when a request went out on a connection (connect-phase.ts). Where that cannot be known (a
 * browser, a fetch that is not undici), the whole wait for the headers is timed by whichever of the two is
 * shorter, and running out is a ReadTimeout: the request may have reached the server.
 */
import { watchConnection } from '#platform/connect-phase';
import { ConnectTimeout, ReadTimeout, type Timeout } from '../exceptions';
import type { PreparedRequest } from '../request';
import { masked } from '../url';
import type { Layer } from './layer';

export const timeouts: Layer = (next) => async (exchange) => {
  const { request } = exchange;
  const { connect, read } = exchange.options.timeout;
  const watch = watchConnection();
  const controller = new AbortController();
  const started = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let expired: Timeout | undefined;
  const expire = (error: Timeout): void => {
    expired = error;
    controller.abort(error);
  };
  // Looks at the connection's phase when a limit may have been reached, and looks again when the next one may be.
  const check = (): void => {
    timer = undefined;
    const now = performance.now();
    const sentAt = watch.sentAt();
    let wait: number;
    let error: Timeout | null = null;
    if (sentAt === null) {
      const limit = Math.min(connect ?? Number.POSITIVE_INFINITY, read ?? Number.POSITIVE_INFINITY);
      wait = started + limit - now;
      if (wait <= 0) error = undecidedTimeout(request, limit);
    } else if (sentAt === false) {
      wait = connect === null ? read! : started + connect - now; // no connect limit: look again for the read clock
      if (connect !== null && wait <= 0) error = connectTimeout(request, connect);
    } else {
      if (read === null) return; // connected: nothing left to time
      wait = sentAt + read - now;
      if (wait <= 0) error = readTimeout(request, read);
    }
    if (error) expire(error);
    else timer = setTimeout(check, wait);
  };
  timer = setTimeout(check, Math.min(connect ?? Number.POSITIVE_INFINITY, read ?? Number.POSITIVE_INFINITY));

  const own = exchange.options.signal;
  const signal = own ? AbortSignal.any([own, controller.signal]) : controller.signal;
  try {
    return await watch.run(() => next({ ...exchange, init: { ...exchange.init, signal } }));
  } catch (error) {
    throw expired ?? error;
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
};

function where(request: PreparedRequest): string {
  return `${request.method} ${masked(request.url)}`;
}

function connectTimeout(request: PreparedRequest, ms: number): ConnectTimeout {
  const host = new URL(request.url).host;
  return new ConnectTimeout(`Connection to ${host} timed out. (connect timeout=${ms} ms): ${where(request)}`, {
    request,
  });
}

function readTimeout(request: PreparedRequest, ms: number): ReadTimeout {
  return new ReadTimeout(`Read timed out. (read timeout=${ms} ms): no response headers for ${where(request)}`, {
    request,
  });
}

/** The runtime cannot tell connecting from waiting: the request may have reached the server. */
function undecidedTimeout(request: PreparedRequest, ms: number): ReadTimeout {
  return new ReadTimeout(
    `Read timed out. (timeout=${ms} ms, connecting and waiting for the response together: this runtime cannot ` +
      `tell them apart): no response headers for ${where(request)}`,
    { request },
  );
}
