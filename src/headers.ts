/**
 * Header input and validation, Requests' rules (`check_header_validity`): a name may not start with whitespace
 * or contain `:`/CR/LF; a value may not start with whitespace or contain CR/LF; both must be strings; and both
 * must be what HTTP can carry (fetch's own check: Latin-1, no NUL). Invalid input raises `InvalidHeader` before
 * anything is sent. Every write to a CaseInsensitiveDict (structures.ts) goes through these checks.
 */
import { InvalidHeader } from './exceptions';

export type HeaderValue = string | null | undefined;
export type HeadersInput =
  | Headers
  | { readonly [name: string]: HeaderValue }
  | ReadonlyMap<string, HeaderValue>
  | readonly (readonly [string, HeaderValue])[];

const VALID_NAME = /^[^:\s][^:\r\n]*$/;
const VALID_VALUE = /^\S[^\r\n]*$|^$/;

/** The [name, value] pairs of any header input, in its order. */
export function headerEntries(input: HeadersInput): Iterable<readonly [string, unknown]> {
  if (input instanceof Headers || input instanceof Map || Array.isArray(input)) {
    return input as Iterable<readonly [string, unknown]>;
  }
  return Object.entries(input);
}

export function validateHeader(name: unknown, value: unknown): void {
  checkPart(name, VALID_NAME, name, value);
  checkPart(value, VALID_VALUE, name, value);
}

/** A name to remove: Requests' rules for names, before the platform's own check. */
export function validateHeaderName(name: unknown): void {
  if (typeof name !== 'string' || !VALID_NAME.test(name)) validateHeader(name, '');
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

/** The platform's refusal of a name or value (outside Latin-1, NUL, a non-token name), as Requests' exception. */
export function unsendableHeader(name: string, value: string | null, cause: unknown): InvalidHeader {
  const what = value === null ? `name ${JSON.stringify(name)}` : `${JSON.stringify(name)}: ${JSON.stringify(value)}`;
  return new InvalidHeader(`Invalid header ${what}: it cannot be sent over HTTP`, { cause });
}
