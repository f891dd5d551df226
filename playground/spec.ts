/**
 * What the form describes: one request, as plain data. `toCall` turns it into the library's arguments, so the
 * page, its code snippet and the presets all speak the same shape.
 */
import requests, { type RequestOptions } from 'fetch-requests';

export type Pairs = [string, string][];

export type BodySpec =
  | { kind: 'none' }
  | { kind: 'form'; fields: Pairs }
  | { kind: 'json'; text: string }
  | { kind: 'text'; text: string; contentType: string }
  | { kind: 'file'; field: string; file: File | null; fields: Pairs };

export interface AuthSpec {
  kind: 'none' | 'basic' | 'digest';
  username: string;
  password: string;
}

export interface StreamSpec {
  /** `content`: `iterContent(chunkSize)`; `lines`: `iterLines()`. */
  mode: 'content' | 'lines';
  chunkSize: number | null;
}

export interface RequestSpec {
  method: string;
  url: string;
  params: Pairs;
  headers: Pairs;
  body: BodySpec;
  auth: AuthSpec;
  allowRedirects: boolean;
  /** null: read the body before the call resolves (Requests' default); else stream it with the iterators. */
  stream: StreamSpec | null;
  /** Milliseconds, or null for none. */
  timeout: number | null;
  raiseForStatus: boolean;
}

export const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;

export function blankSpec(): RequestSpec {
  return {
    method: 'GET',
    url: '',
    params: [],
    headers: [],
    body: { kind: 'none' },
    auth: { kind: 'none', username: '', password: '' },
    allowRedirects: true,
    stream: null,
    timeout: null,
    raiseForStatus: false,
  };
}

/** Rows with an empty name are the form's blank rows, not data. */
const filled = (pairs: Pairs): Pairs => pairs.filter(([name]) => name.trim() !== '');

/** The library call a spec stands for: `requests.request(method, url, options)`. */
export function toCall(spec: RequestSpec): { method: string; url: string; options: RequestOptions } {
  const options: RequestOptions = {};
  const params = filled(spec.params);
  if (params.length > 0) options.params = params;
  const headers = filled(spec.headers);
  if (headers.length > 0) options.headers = headers;
  const body = spec.body;
  if (body.kind === 'form') options.data = filled(body.fields);
  else if (body.kind === 'json') options.json = parseJsonBody(body.text);
  else if (body.kind === 'text') {
    options.data = body.text;
    if (body.contentType && !headers.some(([name]) => name.toLowerCase() === 'content-type')) {
      options.headers = [...headers, ['Content-Type', body.contentType]];
    }
  } else if (body.kind === 'file') {
    if (!body.file) throw new SpecError('Choose a file to upload (Body → file).');
    const fields = filled(body.fields);
    if (fields.length > 0) options.data = fields;
    options.files = [[body.field || 'file', body.file]];
  }
  if (spec.auth.kind === 'basic') options.auth = [spec.auth.username, spec.auth.password];
  else if (spec.auth.kind === 'digest')
    options.auth = new requests.HTTPDigestAuth(spec.auth.username, spec.auth.password);
  options.allowRedirects = spec.allowRedirects;
  if (spec.stream) options.stream = true;
  if (spec.timeout !== null) options.timeout = spec.timeout;
  return { method: spec.method, url: spec.url.trim(), options };
}

/** A mistake in the form itself, shown like the library's errors. */
export class SpecError extends Error {
  override name = 'FormError';
}

function parseJsonBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new SpecError(`The JSON body is not valid JSON: ${(error as Error).message}`);
  }
}
