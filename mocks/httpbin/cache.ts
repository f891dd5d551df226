/**
 * Conditional requests and caching headers:
 *
 *   /cache              the /get echo with Last-Modified and a fresh ETag; 304 when If-Modified-Since or
 *                       If-None-Match is sent
 *   /cache/:n           the /get echo with Cache-Control: public, max-age=n
 *   /etag/:etag         ETag: <etag>; If-None-Match naming it (or *) → 304; If-Match not naming it → 412
 */
import { uuid4 } from './echo';
import type { HttpbinRequest } from './request-data';
import { jsonify, statusCode } from './responses';
import { GET, route, type Route } from './router';

async function viewGet(req: HttpbinRequest, headers: [string, string][]): Promise<Response> {
  return jsonify(await req.dict(['url', 'args', 'headers', 'origin']), { headers });
}

/** helpers.parse_multi_value_header: the entity tags of `"a", W/"b", c`, quotes and weakness dropped. */
export function parseEtags(header: string | null): string[] {
  if (!header) return [];
  return header.split(',').map((part) => /\s*(W\/)?"?([^"]*)"?\s*/.exec(part)![2]!);
}

export const cacheRoutes: Route[] = [
  route('/cache', GET, (req) => {
    // httpbin tests the values' truthiness: an empty header counts as absent.
    const conditional = req.headers.get('if-modified-since') || req.headers.get('if-none-match');
    if (conditional) return statusCode(304);
    return viewGet(req, [
      ['Last-Modified', new Date().toUTCString()],
      ['ETag', uuid4().replace(/-/g, '')],
    ]);
  }),

  route('/cache/<int:value>', GET, (req, { value }) =>
    viewGet(req, [['Cache-Control', `public, max-age=${Number(value)}`]]),
  ),

  route('/etag/<etag>', GET, (req, { etag }) => {
    const ifNoneMatch = parseEtags(req.headers.get('if-none-match'));
    const ifMatch = parseEtags(req.headers.get('if-match'));
    if (ifNoneMatch.length > 0) {
      if (ifNoneMatch.includes(etag!) || ifNoneMatch.includes('*')) {
        const notModified = statusCode(304);
        notModified.headers.set('ETag', etag!);
        return notModified;
      }
    } else if (ifMatch.length > 0 && !ifMatch.includes(etag!) && !ifMatch.includes('*')) {
      return statusCode(412);
    }
    return viewGet(req, [['ETag', etag!]]);
  }),
];
