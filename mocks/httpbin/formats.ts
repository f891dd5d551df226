/**
 * Fixed documents and small generators: / (landing page), /html, /json, /xml, /robots.txt, /deny, /forms/post,
 * /links/:n/:offset, /base64/:value, /image (chosen by Accept) and /image/png|jpeg|webp|svg.
 *
 *   /base64/SFRUUEJJTiBpcyBhd2Vzb21l   → 'HTTPBIN is awesome'
 *   /image with Accept: image/webp     → the webp; Accept: *\/* → 406 (httpbin matches media types literally)
 */
import { imageBytes, IMAGE_TYPES, type ImageKind } from './assets/images';
import { MOBY_HTML, SAMPLE_XML } from './assets/pages';
import { pythonB64decode } from './python-base64';
import { jsonify, redirect, reply, statusCode } from './responses';
import { GET, route, type Route } from './router';

const ROBOTS_TXT = 'User-agent: *\nDisallow: /deny\n';

const ANGRY_ASCII = `
          .-''''''-.
        .' _      _ '.
       /   O      O   \\
      :                :
      |                |
      :       __       :
       \\  .-"\`  \`"-.  /
        '.          .'
          '-......-'
     YOU SHOULDN'T BE HERE
`;

/** httpbin.org's /json (not in Debian's 0.7 package): the sample slideshow. */
const SLIDESHOW = {
  slideshow: {
    author: 'Yours Truly',
    date: 'date of publication',
    slides: [
      { title: 'Wake up to WonderWidgets!', type: 'all' },
      {
        items: ['Why <em>WonderWidgets</em> are great', 'Who <em>buys</em> WonderWidgets'],
        title: 'Overview',
        type: 'all',
      },
    ],
    title: 'Sample Slide Show',
  },
};

/** A short stand-in for httpbin's man-page landing page (redirect-to?url=/ lands here). */
function landingPage(root: string): string {
  const endpoints = [
    '/get',
    '/post',
    '/anything',
    '/headers',
    '/ip',
    '/user-agent',
    '/status/:code',
    '/redirect/:n',
    '/cookies',
    '/basic-auth/:user/:passwd',
    '/digest-auth/:qop/:user/:passwd',
    '/stream/:n',
    '/drip',
    '/bytes/:n',
    '/html',
    '/json',
    '/xml',
  ];
  const items = endpoints.map((e) => `<li><a href="${root}${e}"><code>${e}</code></a></li>`).join('\n');
  return `<!DOCTYPE html>\n<html>\n<head>\n  <meta charset="utf-8">\n  <title>httpbin(1): HTTP Client Testing Service</title>\n</head>\n<body id="manpage">\n<h1>httpbin(1): HTTP Request &amp; Response Service</h1>\n<ul>\n${items}\n</ul>\n</body>\n</html>`;
}

/** forms-post.html as Flask renders it: the form posts to /post under the mount; Jinja drops the final newline. */
function formsPost(action: string): string {
  return `<!DOCTYPE html>\n<html>\n  <head>\n  </head>\n  <body>\n    <form method="post" action="${action}">\n      <p><label>First name: <input type="text" name="firstname"></label></p>\n      <p><label>Last name: <input type="text" name="lastname"></label></p>\n      <input type="submit" value="submit">\n    </form>\n  </body>\n</html>`;
}

const image = (kind: ImageKind): Response => reply(imageBytes(kind), { contentType: IMAGE_TYPES[kind] });

export const formatRoutes: Route[] = [
  route('/', GET, (_req, _params, app) => reply(landingPage(app.root))),
  route('/html', GET, () => reply(MOBY_HTML)),
  route('/json', GET, () => jsonify(SLIDESHOW)),
  route('/xml', GET, () => reply(SAMPLE_XML, { contentType: 'application/xml' })),
  route('/robots.txt', GET, () => reply(ROBOTS_TXT, { contentType: 'text/plain' })),
  route('/deny', GET, () => reply(ANGRY_ASCII, { contentType: 'text/plain' })),
  route('/forms/post', GET, (_req, _params, app) => reply(formsPost(app.urlFor('/post')))),

  route('/links/<int:n>/<int:offset>', GET, (_req, { n, offset }, app) => {
    const count = Math.min(Math.max(1, Number(n)), 200);
    const html = ['<html><head><title>Links</title></head><body>'];
    for (let i = 0; i < count; i++) {
      html.push(i === Number(offset) ? `${i} ` : `<a href='${app.urlFor(`/links/${count}/${i}`)}'>${i}</a> `);
    }
    html.push('</body></html>');
    return reply(html.join(''));
  }),
  route('/links/<int:n>', GET, (_req, { n }, app) => redirect(app.urlFor(`/links/${Number(n)}/0`))),

  // httpbin.org (0.9) answers undecodable input with a hint; Debian's 0.7 raises (500). The fidelity test lists it.
  route('/base64/<value>', GET, (_req, { value }) => {
    const bytes = pythonB64decode(value!, true);
    try {
      if (bytes === null) throw new Error('binascii.Error');
      return reply(new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes));
    } catch {
      return reply('Incorrect Base64 data try: SFRUUEJJTiBpcyBhd2Vzb21l');
    }
  }),

  route('/image', GET, (req) => {
    const accept = req.headers.get('accept');
    if (accept === null) return image('png');
    const lower = accept.toLowerCase();
    if (lower.includes('image/webp')) return image('webp');
    if (lower.includes('image/svg+xml')) return image('svg');
    if (lower.includes('image/jpeg')) return image('jpeg');
    if (lower.includes('image/png') || lower.includes('image/*')) return image('png');
    return statusCode(406);
  }),
  ...(['png', 'jpeg', 'webp', 'svg'] as const).map((kind) => route(`/image/${kind}`, GET, () => image(kind))),
];
