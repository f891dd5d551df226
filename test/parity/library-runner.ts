/**
 * The library side of the parity suite: runs one scenario with fetch-requests (from src/) and observes exactly
 * what driver.py observes with Python Requests.
 */
import { createHash } from 'node:crypto';
import requests, {
  HTTPDigestAuth,
  Session,
  type FileSpec as LibFileSpec,
  type RequestOptions,
  type Response,
} from '../../src/index';
import type { Call, CallOutcome, FileSpec, Json, Outcome, Scenario, SessionSpec } from './scenario';

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const fromBase64 = (value: string): Uint8Array => new Uint8Array(Buffer.from(value, 'base64'));
const latin1 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('latin1');

type Auth = NonNullable<SessionSpec['auth']>;

function authOf(spec: Auth): RequestOptions['auth'] {
  return 'digest' in spec ? new HTTPDigestAuth(...spec.digest) : spec.basic;
}

function fileOf(spec: FileSpec): LibFileSpec {
  const content = spec.contentBase64 !== undefined ? fromBase64(spec.contentBase64) : (spec.content ?? '');
  if (spec.bare) return content;
  const filename = spec.filename ?? null;
  if (spec.headers !== undefined) return [filename, content, spec.contentType ?? null, spec.headers];
  if (spec.contentType !== undefined) return [filename, content, spec.contentType];
  return [filename, content];
}

function optionsOf(call: Call): RequestOptions {
  const o: RequestOptions = {};
  if (call.params !== undefined) o.params = call.params as RequestOptions['params'];
  if (call.data !== undefined) {
    const data = call.data;
    o.data =
      'form' in data ? (data.form as RequestOptions['data']) : 'text' in data ? data.text : fromBase64(data.base64);
  }
  if ('json' in call) o.json = call.json;
  if (call.files !== undefined) o.files = call.files.map(([field, spec]) => [field, fileOf(spec)] as const);
  // Numbers go through unchanged, so that both clients are seen refusing a non-string header value.
  if (call.headers !== undefined) o.headers = call.headers as RequestOptions['headers'];
  if (call.cookies !== undefined) o.cookies = call.cookies;
  if (call.auth !== undefined) o.auth = authOf(call.auth);
  if (call.timeout !== undefined) o.timeout = call.timeout;
  if (call.allowRedirects !== undefined) o.allowRedirects = call.allowRedirects;
  if (call.stream) o.stream = true;
  return o;
}

function raiseForStatusMessage(r: Response): string | null {
  try {
    r.raiseForStatus();
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

const pieceBytes = (piece: string | Uint8Array): Uint8Array => (typeof piece === 'string' ? utf8(piece) : piece);
const renderLine = (line: string | Uint8Array): string =>
  typeof line === 'string' ? `t:${line}` : `b:${latin1(line)}`;

async function readBody(r: Response, call: Call, out: CallOutcome): Promise<void> {
  const read = call.read ?? { kind: 'content' };
  switch (read.kind) {
    case 'content': {
      await r.read();
      const content = r.content;
      out.bodySha256 = sha256(content);
      if (call.echo) {
        try {
          out.echo = JSON.parse(new TextDecoder().decode(content)) as Json;
        } catch {
          out.echo = null;
        }
      }
      if (call.text) {
        out.textSha256 = sha256(utf8(r.text));
        out.apparentEncoding = r.apparentEncoding;
      }
      if (call.links) out.links = r.links as unknown as Json;
      return;
    }
    case 'json': {
      await r.read();
      out.json = r.json<Json>();
      return;
    }
    case 'chunks': {
      const pieces: (string | Uint8Array)[] = [];
      for await (const piece of r.iterContent(read.size, read.decodeUnicode ?? false)) pieces.push(piece);
      out.bodySha256 = sha256(Buffer.concat(pieces.map(pieceBytes)));
      const types = new Set(pieces.map((p) => (typeof p === 'string' ? 'text' : 'bytes')));
      out.chunkType = types.size === 1 ? ([...types][0] as 'bytes' | 'text') : types.size === 0 ? 'none' : 'mixed';
      if (read.size !== null) out.chunkSizes = pieces.map((p) => pieceBytes(p).byteLength);
      return;
    }
    case 'lines': {
      const lines: string[] = [];
      const iterator = r.iterLines({
        chunkSize: read.chunkSize === undefined ? 512 : read.chunkSize,
        decodeUnicode: read.decodeUnicode ?? false,
        delimiter: read.delimiter ?? null,
      }) as AsyncIterable<string | Uint8Array>;
      for await (const line of iterator) lines.push(renderLine(line));
      out.lines = lines;
      return;
    }
  }
}

type Target = Session | typeof requests;

async function send(target: Target, call: Call): Promise<Response> {
  const options = optionsOf(call);
  if (call.via === 'request') return target.request(call.method, call.url, options);
  const verb = call.method.toLowerCase() as 'get' | 'head' | 'post' | 'put' | 'patch' | 'delete' | 'options';
  return target[verb](call.url, options);
}

async function runCall(target: Target, call: Call): Promise<CallOutcome> {
  const out: CallOutcome = {};
  let r: Response;
  try {
    r = await send(target, call);
  } catch (error) {
    out.error = (error as Error).name;
    out.errorAt = 'send';
    return out;
  }
  try {
    Object.assign(out, {
      status: r.statusCode,
      reason: r.reason,
      ok: r.ok,
      url: r.url,
      history: r.history.map((h) => ({ status: h.statusCode, url: h.url })),
      isRedirect: r.isRedirect,
      isPermanentRedirect: r.isPermanentRedirect,
      next: r.next ? { method: r.next.method, url: r.next.url } : null,
      encoding: r.encoding,
      // get() joins repeated headers (Set-Cookie too) with ", ", as Requests' r.headers does.
      headers: Object.fromEntries(
        [...new Set(r.headers.keys())].filter((name) => name !== 'date').map((name) => [name, r.headers.get(name)!]),
      ),
      cookies: r.cookies,
      raiseForStatus: raiseForStatusMessage(r),
    } satisfies CallOutcome);
    try {
      await readBody(r, call, out);
    } catch (error) {
      out.error = (error as Error).name;
      out.errorAt = 'read';
    }
  } finally {
    r.close();
  }
  return out;
}

export async function runScenario(scenario: Scenario): Promise<Outcome> {
  const spec = scenario.session;
  if (!spec) {
    const calls: CallOutcome[] = [];
    for (const call of scenario.calls) calls.push(await runCall(requests, call));
    return { calls };
  }
  const s = new Session({
    ...(spec.headers && { headers: spec.headers }),
    ...(spec.params && { params: spec.params as RequestOptions['params'] }),
    ...(spec.auth && { auth: authOf(spec.auth) }),
    ...(spec.cookies && { cookies: spec.cookies }),
    ...(spec.maxRedirects !== undefined && { maxRedirects: spec.maxRedirects }),
  });
  try {
    const calls: CallOutcome[] = [];
    for (const call of scenario.calls) calls.push(await runCall(s, call));
    return { calls, sessionCookies: s.cookies.getDict() };
  } finally {
    s.close();
  }
}
