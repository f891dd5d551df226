/**
 * Header input, validation and merging. Requests' rules: a name may not start with whitespace or contain
 * `:`/CR/LF; a value may not start with whitespace or contain CR/LF; both must be strings. Invalid input
 * raises `InvalidHeader` before anything is sent. `null` removes a header when merging (Session → request).
 */
import { InvalidHeader } from './exceptions';

export type HeaderValue = string | null | undefined;
export type HeadersInput =
  | Headers
  | { readonly [name: string]: HeaderValue }
  | readonly (readonly [string, HeaderValue])[];

const VALID_NAME = /^[^:\s][^:\r\n]*$/;
const VALID_VALUE = /^\S[^\r\n]*$|^$/;

function entriesOf(input: HeadersInput): Iterable<readonly [string, unknown]> {
  // Headers iterates its entries.
  if (input instanceof Headers || Array.isArray(input)) return input as Iterable<readonly [string, unknown]>;
  return Object.entries(input);
}

export function validateHeader(name: unknown, value: unknown): void {
  checkPart(name, VALID_NAME, name, value);
  checkPart(value, VALID_VALUE, name, value);
}

function checkPart(part: unknown, pattern: RegExp, name: unknown, value: unknown): void {
  if (typeof part !== 'string') {
    throw new InvalidHeader(
      `Header part (${String(part)}) from (${String(name)}, ${String(value)}) must be of type string, not ${typeof part}`,
    );
  }
  if (!pattern.test(part)) {
    throw new InvalidHeader(
      `Invalid leading whitespace, reserved character(s), or return character(s) in header ${part === name ? 'name' : 'value'}: ${JSON.stringify(part)}`,
    );
  }
}

function setChecked(target: Headers, name: string, value: string): void {
  validateHeader(name, value);
  try {
    target.set(name, value);
  } catch (error) {
    // fetch's own check: characters outside ByteString (non-Latin-1) or NUL.
    throw new InvalidHeader(
      `Invalid header ${JSON.stringify(name)}: ${JSON.stringify(value)} cannot be sent over HTTP`,
      { cause: error },
    );
  }
}

/**
 * Merges header layers, later layers winning key by key (case-insensitively); a `null`/`undefined` value in a
 * later layer removes the header, as Requests' `merge_setting` does.
 */
export function mergeHeaders(...layers: (HeadersInput | null | undefined)[]): Headers {
  const merged = new Headers();
  for (const layer of layers) if (layer) mergeInto(merged, layer);
  return merged;
}

/** Applies one layer to `merged` in place, with the same rules and checks as `mergeHeaders`. */
export function mergeInto(merged: Headers, layer: HeadersInput): void {
  for (const [name, value] of entriesOf(layer)) {
    if (value === null || value === undefined) {
      if (typeof name !== 'string' || !VALID_NAME.test(name)) validateHeader(name, '');
      try {
        merged.delete(name);
      } catch (error) {
        // fetch's own check (a space or another non-token character): refused as the same name with a value is.
        throw new InvalidHeader(`Invalid header name ${JSON.stringify(name)}: it cannot be sent over HTTP`, {
          cause: error,
        });
      }
    } else {
      setChecked(merged, name, value as string);
    }
  }
}
