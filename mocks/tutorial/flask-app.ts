/**
 * http://localhost:5000 — the tutorial's Flask app.py: `/` says "This is home page"; POST /upload answers
 * "image uploaded successfully" when the multipart body has a file field `image` with a non-empty filename,
 * else "failed to upload image" (the file is not saved anywhere). Werkzeug's 404 and 405 pages otherwise.
 */
import { http, HttpResponse, type HttpHandler } from 'msw';

const ORIGIN = 'http://localhost:5000';
const SERVER = 'Werkzeug/0.16.0 Python/3.7.3';

function reply(
  request: Request,
  status: number,
  body: string,
  extra: Record<string, string> = {},
): HttpResponse<string> {
  const headers = new Headers({
    'Content-Type': 'text/html; charset=utf-8',
    Server: SERVER,
    Date: new Date().toUTCString(),
    ...extra,
  });
  return new HttpResponse(request.method === 'HEAD' ? null : body, { status, headers });
}

function werkzeugError(status: 404 | 405): string {
  const [title, text] =
    status === 404
      ? [
          'Not Found',
          'The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.',
        ]
      : ['Method Not Allowed', 'The method is not allowed for the requested URL.'];
  return `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 3.2 Final//EN">\n<title>${status} ${title}</title>\n<h1>${title}</h1>\n<p>${text}</p>\n`;
}

/** `'image' in request.files and photo.filename != ''`: Werkzeug files are the parts with a filename. */
async function hasImage(request: Request): Promise<boolean> {
  if (!(request.headers.get('content-type') ?? '').toLowerCase().startsWith('multipart/form-data')) return false;
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return false;
  }
  const photo = form.get('image');
  return photo !== null && typeof photo !== 'string' && photo.name !== '';
}

export function flaskAppHandlers(): HttpHandler[] {
  return [
    http.all(`${ORIGIN}/`, ({ request }) => {
      if (request.method === 'GET' || request.method === 'HEAD') return reply(request, 200, 'This is home page');
      return reply(request, 405, werkzeugError(405), { Allow: 'GET, HEAD, OPTIONS' });
    }),
    http.all(`${ORIGIN}/upload`, async ({ request }) => {
      if (request.method !== 'POST') return reply(request, 405, werkzeugError(405), { Allow: 'OPTIONS, POST' });
      const msg = (await hasImage(request)) ? 'image uploaded successfully' : 'failed to upload image';
      return reply(request, 200, msg);
    }),
    http.all(`${ORIGIN}/*`, ({ request }) => reply(request, 404, werkzeugError(404))),
  ];
}
