/**
 * The browser's twin of error-codes.ts: a browser's fetch errors carry no codes (a TypeError such as "Failed to
 * fetch", or an AbortError), so nothing can be told apart — every failure before the headers is a
 * ConnectionError and every failure while reading a body a ChunkedEncodingError (errors.ts). Chosen by the
 * `browser` condition of package.json's `#platform/error-codes` import, which keeps Node's code tables out of
 * browser bundles.
 */
import type { FailureKind } from './error-codes';

export type { FailureKind };

export function failureKind(_error: unknown, _detail: string): FailureKind | null {
  return null;
}

export function proxyRefusalStatus(_detail: string): number | null {
  return null;
}

export function tlsReason(_error: unknown, _detail?: string): string | null {
  return null;
}
