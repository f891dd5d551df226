/**
 * Query and form encoding as Requests does it (`urlencode(..., doseq=True)`): space → `+`, everything but
 * `A-Za-z0-9_.-~` percent-encoded, list values repeated, `null`/`undefined` dropped, order kept.
 *
 *   encodeParams({ name: 'Peter', tags: ['a b', 'c'], skip: null })  // 'name=Peter&tags=a+b&tags=c'
 */

export type Scalar = string | number | boolean | bigint;
export type ParamValue = Scalar | readonly Scalar[] | null | undefined;
export type ParamsRecord = { readonly [key: string]: ParamValue };
export type ParamsPairs = readonly (readonly [string, ParamValue])[];
/** A Map works wherever a record does (Requests takes any mapping). */
export type ParamsMap = ReadonlyMap<string, ParamValue>;
export type ParamsInput = ParamsRecord | ParamsPairs | ParamsMap | URLSearchParams | string;

/** Python's `quote_plus`: only `A-Za-z0-9_.-~` stay literal, space becomes `+`. */
export function quotePlus(value: string): string {
  return encodeURIComponent(value.toWellFormed())
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

/** The key/value pairs of any params-like input, with list values spread and nulls dropped. */
export function paramPairs(input: ParamsRecord | ParamsPairs | ParamsMap | URLSearchParams): [string, string][] {
  const pairs: [string, string][] = [];
  const entries: Iterable<readonly [string, ParamValue]> =
    input instanceof URLSearchParams || input instanceof Map || Array.isArray(input)
      ? (input as Iterable<readonly [string, ParamValue]>)
      : Object.entries(input);
  for (const [key, value] of entries) {
    if (value === null || value === undefined) continue;
    if (Array.isArray(value)) {
      for (const item of value as readonly Scalar[])
        if (item !== null && item !== undefined) pairs.push([key, String(item)]);
    } else {
      pairs.push([key, String(value)]);
    }
  }
  return pairs;
}

/** Encodes params (or form data) to a query string; a string is taken as already encoded, as in Requests. */
export function encodeParams(input: ParamsInput | null | undefined): string {
  if (input === null || input === undefined) return '';
  if (typeof input === 'string') return input;
  return paramPairs(input)
    .map(([key, value]) => `${quotePlus(key)}=${quotePlus(value)}`)
    .join('&');
}
