/**
 * Field-by-field comparison of two outcomes (Requests' and the library's). Both sides go through the same
 * normalisation first, which removes only what cannot be equal by construction:
 *   - the User-Agent header each client sends (each names itself);
 *   - the random multipart boundary (same length on both sides, so Content-Length still compares);
 *   - the body hash and Content-Length of an echo, whose bytes hold those two: the echo itself, normalised, is
 *     compared instead;
 *   - the random nonce and opaque of a Digest challenge (WWW-Authenticate, and httpbin's `last_nonce` cookie).
 * Objects are compared key by key down to the leaves; arrays (history, lines, chunk sizes) as whole values.
 */
import type { CallOutcome, Json, Outcome } from './scenario';

/** Marks a field present on one side only. */
export const ABSENT = '<absent>';

export interface Difference {
  /** Call-relative path, e.g. `echo.headers.accept` (what deviations name). */
  field: string;
  /** Index of the call in the scenario. */
  call: number;
  python: Json;
  library: Json;
}

const NOT_COMPARED_HEADERS = new Set(['user-agent']);

function isObject(value: unknown): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Echo bodies: header names lower-cased (httpbin title-cases them), User-Agent dropped, boundary masked. */
function normaliseEcho(echo: Json): Json {
  if (!isObject(echo) || !isObject(echo.headers)) return echo;
  const headers: Record<string, Json> = {};
  let boundary: string | null = null;
  for (const [name, value] of Object.entries(echo.headers)) {
    const key = name.toLowerCase();
    if (NOT_COMPARED_HEADERS.has(key)) continue;
    if (key === 'content-type' && typeof value === 'string' && /^multipart\//i.test(value)) {
      boundary = /boundary=([^;\s]+)/i.exec(value)?.[1] ?? null;
      headers[key] = value.replace(/boundary=[^;\s]+/i, 'boundary=<boundary>');
    } else {
      headers[key] = value;
    }
  }
  const out: Record<string, Json> = { ...echo, headers };
  if (boundary && typeof echo.body === 'string') out.body = echo.body.split(boundary).join('<boundary>');
  return out;
}

function maskNonce(cookies: Record<string, string> | undefined): Record<string, string> | undefined {
  return cookies && 'last_nonce' in cookies ? { ...cookies, last_nonce: '<nonce>' } : cookies;
}

function normaliseCall(call: CallOutcome): CallOutcome {
  const out: CallOutcome = { ...call };
  if (call.cookies !== undefined) out.cookies = maskNonce(call.cookies)!;
  if (call.headers !== undefined) {
    out.headers = { ...call.headers };
    const challenge = out.headers['www-authenticate'];
    if (challenge) out.headers['www-authenticate'] = challenge.replace(/\b(nonce|opaque)="[^"]*"/g, '$1="<random>"');
    const setCookie = out.headers['set-cookie'];
    if (setCookie) out.headers['set-cookie'] = setCookie.replace(/\blast_nonce=[^;,]*/g, 'last_nonce=<nonce>');
  }
  if (call.echo === undefined) return out;
  delete out.bodySha256;
  if (out.headers) delete out.headers['content-length'];
  out.echo = normaliseEcho(call.echo);
  return out;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function diffValues(
  python: Json | undefined,
  library: Json | undefined,
  path: string,
  call: number,
  out: Difference[],
): void {
  if (isObject(python) && isObject(library)) {
    const keys = new Set([...Object.keys(python), ...Object.keys(library)]);
    for (const key of [...keys].sort()) diffValues(python[key], library[key], path ? `${path}.${key}` : key, call, out);
    return;
  }
  if (!same(python, library))
    out.push({
      field: path,
      call,
      python: python === undefined ? ABSENT : python,
      library: library === undefined ? ABSENT : library,
    });
}

/** Every field where the two outcomes differ, after normalisation. */
export function diffOutcomes(python: Outcome, library: Outcome): Difference[] {
  const out: Difference[] = [];
  const count = Math.max(python.calls.length, library.calls.length);
  for (let i = 0; i < count; i++) {
    const p = python.calls[i];
    const l = library.calls[i];
    diffValues(p ? (normaliseCall(p) as Json) : undefined, l ? (normaliseCall(l) as Json) : undefined, '', i, out);
  }
  if (python.sessionCookies !== undefined || library.sessionCookies !== undefined) {
    diffValues(maskNonce(python.sessionCookies), maskNonce(library.sessionCookies), 'sessionCookies', count - 1, out);
  }
  return out;
}
