/**
 * The request-echo endpoints: /get, /post, /put, /patch, /delete, /anything(/*), /headers, /ip, /user-agent, /uuid.
 * Each answers with the parts of httpbin's get_dict that core.py lists for it.
 *
 *   GET /get?name=Peter&l=a&l=b   → { args: { l: ['a', 'b'], name: 'Peter' }, headers: {…}, origin, url }
 */
import type { DictKey } from './request-data';
import { jsonify } from './responses';
import { ANY, GET, route, type Route } from './router';

const BODY_KEYS: DictKey[] = ['url', 'args', 'form', 'data', 'origin', 'headers', 'files', 'json'];

/** A random version-4 UUID from getRandomValues (crypto.randomUUID needs a secure context in browsers). */
export function uuid4(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export const echoRoutes: Route[] = [
  route('/get', GET, async (req) => jsonify(await req.dict(['url', 'args', 'headers', 'origin']))),
  ...(['POST', 'PUT', 'PATCH', 'DELETE'] as const).map((method) =>
    route(`/${method.toLowerCase()}`, [method], async (req) => jsonify(await req.dict(BODY_KEYS))),
  ),
  ...['/anything', '/anything/<path:anything>'].map((rule) =>
    route(rule, ANY, async (req) =>
      jsonify(await req.dict(['url', 'args', 'headers', 'origin', 'method', 'form', 'data', 'files', 'json'])),
    ),
  ),
  route('/headers', GET, async (req) => jsonify(await req.dict(['headers']))),
  route('/ip', GET, (req) => jsonify({ origin: req.origin })),
  route('/user-agent', GET, (req) => jsonify({ 'user-agent': req.userAgent })),
  route('/uuid', GET, () => jsonify({ uuid: uuid4() })),
];
