/**
 * The parity table: every scenario runs once in Python Requests (driver.py) and once in this library
 * (library-runner.ts), against the same servers, and the outcomes are compared field by field (compare.ts).
 * `{httpbin}`, `{httpbinAlt}` (the same httpbin as `localhost`), `{fixture}`, `{refused}`, `{unconnectable}` (a
 * connect that never completes) (origins) and `{httpbinHost}`, `{httpbinAltHost}` (host:port) are replaced by the servers' addresses (global-setup.ts).
 * Differences that are meant are listed, with a reason, in deviations.ts; any other difference fails.
 */
import type { Call, Scenario } from './scenario';

const HB = '{httpbin}';
const FX = '{fixture}';

const b64url = (value: string | Uint8Array): string => Buffer.from(value).toString('base64url');
const b64 = (value: string | Uint8Array): string => Buffer.from(value).toString('base64');

/** A fixture URL serving exactly these bytes, with this Content-Type, status line and extra headers. */
function raw(o: {
  body?: string | Uint8Array;
  ct?: string;
  status?: number;
  reason?: string;
  reasonBytes?: Uint8Array;
  headers?: string[];
  /** Header lines sent as their UTF-8 bytes. */
  utf8Headers?: string[];
  gzip?: '1' | 'broken';
}): string {
  const q = new URLSearchParams();
  if (o.status !== undefined) q.set('status', String(o.status));
  if (o.reason !== undefined) q.set('reason', o.reason);
  if (o.reasonBytes !== undefined) q.set('reason64', b64url(o.reasonBytes));
  if (o.ct !== undefined) q.set('ct', o.ct);
  if (o.gzip !== undefined) q.set('gzip', o.gzip);
  for (const h of o.headers ?? []) q.append('h', h);
  for (const h of o.utf8Headers ?? []) q.append('h64', b64url(h));
  if (o.body !== undefined) q.set('body', b64url(o.body));
  return `${FX}/raw?${q.toString().replace(/\+/g, '%20')}`;
}

/** A fixture URL sending a chunked body, one HTTP chunk per piece. */
function chunks(pieces: string[], gapMs = 10): string {
  return `${FX}/chunks?${pieces.map((p) => `p=${b64url(p)}`).join('&')}&gap=${gapMs}`;
}

const redirectTo = (target: string, status: number): string =>
  `${HB}/redirect-to?url=${encodeURIComponent(target)}&status_code=${status}`;

const one = (id: string, area: Scenario['area'], title: string, call: Call): Scenario => ({
  id,
  area,
  title,
  calls: [call],
});

const get = (url: string, extra: Omit<Call, 'method' | 'url'> = {}): Call => ({ method: 'GET', url, ...extra });
const post = (url: string, extra: Omit<Call, 'method' | 'url'> = {}): Call => ({ method: 'POST', url, ...extra });

// --- params and URLs ---------------------------------------------------------------------------------------
const params: Scenario[] = [
  one(
    'params-record',
    'params',
    'a record of params is appended in order',
    get(`${HB}/get`, { params: { name: 'Peter', age: 23 }, echo: true }),
  ),
  one(
    'params-list-values',
    'params',
    'list values become repeated keys; an empty string stays',
    get(`${HB}/get`, { params: { tag: ['a b', 'c'], empty: '' }, echo: true }),
  ),
  one(
    'params-null-dropped',
    'params',
    'a null param is left out',
    get(`${HB}/get`, { params: { keep: '1', drop: null }, echo: true }),
  ),
  one(
    'params-null-in-list',
    'params',
    'a null inside a list is left out',
    get(`${HB}/get`, { params: { l: ['x', null, 'y'] }, echo: true }),
  ),
  one(
    'params-pairs-order',
    'params',
    'pairs keep their order and repeats',
    get(`${HB}/get`, {
      params: [
        ['z', '1'],
        ['a', '2'],
        ['z', '3'],
      ],
      echo: true,
    }),
  ),
  one(
    'params-string',
    'params',
    'a params string is taken as already encoded',
    get(`${HB}/get`, { params: 'x=1&y=a%20b', echo: true }),
  ),
  one(
    'params-existing-query',
    'params',
    "params are appended to the URL's own query",
    get(`${HB}/get?existing=1`, { params: { more: '2' }, echo: true }),
  ),
  one(
    'params-reserved-unicode',
    'params',
    'reserved characters and non-ASCII are percent-encoded',
    get(`${HB}/get`, { params: { q: 'a&b=c/d?e#f+g%h', name: 'Jané 東京' }, echo: true }),
  ),
  one(
    'params-fragment',
    'params',
    'the fragment stays after the added query',
    get(`${HB}/anything#frag`, { params: { a: '1' }, echo: true }),
  ),
  one(
    'params-boolean-number',
    'params',
    'booleans and numbers are stringified',
    get(`${HB}/get`, { params: { flag: true, n: 1.5, big: 10 }, echo: true }),
  ),
  one(
    'url-unsafe-characters',
    'params',
    'spaces and non-ASCII in path and query are quoted',
    get(`${HB}/anything/a b/é?x=y z`, { echo: true }),
  ),
  one(
    'url-unreserved-unquoted',
    'params',
    'percent-escapes of unreserved characters are unquoted, others kept',
    get(`${HB}/anything/%7Euser/%41%2F?v=%3D`, { echo: true }),
  ),
];

// --- bodies ------------------------------------------------------------------------------------------------
const bodies: Scenario[] = [
  one(
    'form-record',
    'bodies',
    'a record is sent urlencoded',
    post(`${HB}/post`, { data: { form: { name: 'Peter', list: ['a', 'b'], sp: 'x y&z' } }, echo: true }),
  ),
  one(
    'form-null-dropped',
    'bodies',
    'a null form field is left out',
    post(`${HB}/post`, { data: { form: { keep: 'k', drop: null } }, echo: true }),
  ),
  one(
    'form-pairs',
    'bodies',
    'form pairs keep their order',
    post(`${HB}/post`, {
      data: {
        form: [
          ['b', '2'],
          ['a', '1'],
          ['b', '3'],
        ],
      },
      echo: true,
    }),
  ),
  one(
    'body-text',
    'bodies',
    'a text body is sent as is, with no Content-Type',
    post(`${HB}/post`, { data: { text: 'hello world' }, echo: true }),
  ),
  one(
    'body-text-latin1',
    'bodies',
    'a text body with Latin-1 characters',
    post(`${FX}/echo`, { data: { text: 'héllo' }, echo: true }),
  ),
  one(
    'body-bytes',
    'bodies',
    'a binary body is sent byte for byte',
    post(`${FX}/echo`, { data: { base64: b64(Uint8Array.from({ length: 256 }, (_, i) => i)) }, echo: true }),
  ),
  one(
    'json-object',
    'bodies',
    'json is serialised as json.dumps does',
    post(`${FX}/echo`, {
      json: { name: 'Jané', n: [1, 2.5, null, true], nested: { a: {} }, s: 'q"\\/\n' },
      echo: true,
    }),
  ),
  one(
    'json-astral-and-controls',
    'bodies',
    'characters outside the BMP and control characters in json',
    post(`${FX}/echo`, { json: { s: 'smile 😀 tab\t bell\u0007 del\u007f' }, echo: true }),
  ),
  one(
    'json-number-formats',
    'bodies',
    'how json numbers are written',
    post(`${FX}/echo`, { json: [0.1, 0.30000000000000004, 1e-7, 1.5e300, 123456789.125, -2, 1e21], echo: true }),
  ),
  one(
    'json-httpbin',
    'bodies',
    'httpbin parses the json body',
    post(`${HB}/post`, { json: { a: 1, b: ['x'] }, echo: true }),
  ),
  one('json-empty-list', 'bodies', 'an empty list is still a json body', post(`${FX}/echo`, { json: [], echo: true })),
  one('json-false', 'bodies', 'false is still a json body', post(`${FX}/echo`, { json: false, echo: true })),
  one('json-null', 'bodies', 'json null sends no body', post(`${FX}/echo`, { json: null, echo: true })),
  one(
    'data-wins-over-json',
    'bodies',
    'data wins over json',
    post(`${HB}/post`, { data: { form: { a: '1' } }, json: { b: 2 }, echo: true }),
  ),
  one(
    'empty-data-uses-json',
    'bodies',
    'empty data lets json through',
    post(`${HB}/post`, { data: { form: {} }, json: { b: 2 }, echo: true }),
  ),
  one('put-form', 'bodies', 'PUT with a form', {
    method: 'PUT',
    url: `${HB}/put`,
    data: { form: { k: 'v' } },
    echo: true,
  }),
  one('patch-json', 'bodies', 'PATCH with json', { method: 'PATCH', url: `${HB}/patch`, json: { k: 'v' }, echo: true }),
  one('delete-no-body', 'bodies', 'DELETE without a body', { method: 'DELETE', url: `${FX}/echo`, echo: true }),
  one('post-no-body', 'bodies', 'POST without a body sends Content-Length: 0', post(`${FX}/echo`, { echo: true })),
  one('options-request', 'bodies', 'OPTIONS', { method: 'OPTIONS', url: `${FX}/echo`, echo: true }),
  one('head-request', 'bodies', 'HEAD has no body', { method: 'HEAD', url: `${HB}/get`, echo: true }),
];

// --- files -------------------------------------------------------------------------------------------------
const csv = { filename: 'report.csv', content: 'a,b\n1,2\n', contentType: 'text/csv' };
const files: Scenario[] = [
  one(
    'file-tuple-httpbin',
    'files',
    'a (filename, content, type) file as httpbin parses it',
    post(`${HB}/post`, { files: [['upload', csv]], echo: true }),
  ),
  one(
    'file-tuple-bytes',
    'files',
    'the multipart body byte for byte',
    post(`${FX}/echo`, { files: [['upload', csv]], echo: true }),
  ),
  one(
    'file-bare-content',
    'files',
    'bare content is named after its field',
    post(`${FX}/echo`, { files: [['field', { content: 'just text', bare: true }]], echo: true }),
  ),
  one(
    'file-with-data',
    'files',
    'data fields come first, then files',
    post(`${FX}/echo`, {
      data: { form: { z: '1', a: ['x', 'y'] } },
      files: [['f', { filename: 'f.txt', content: 'F' }]],
      echo: true,
    }),
  ),
  one(
    'file-part-headers',
    'files',
    'extra part headers are written',
    post(`${FX}/echo`, {
      files: [
        ['f', { filename: 'f.bin', content: 'F', contentType: 'application/x-thing', headers: { 'X-Part': 'yes' } }],
      ],
      echo: true,
    }),
  ),
  one(
    'file-binary-httpbin',
    'files',
    'binary file content survives',
    post(`${HB}/post`, {
      files: [
        [
          'bin',
          {
            filename: 'b.bin',
            contentBase64: b64(Uint8Array.from([0, 255, 1, 254, 128])),
            contentType: 'application/octet-stream',
          },
        ],
      ],
      echo: true,
    }),
  ),
  one(
    'files-same-field',
    'files',
    'several files under one field',
    post(`${FX}/echo`, {
      files: [
        ['docs', { filename: '1.txt', content: 'one' }],
        ['docs', { filename: '2.txt', content: 'two' }],
      ],
      echo: true,
    }),
  ),
  one(
    'file-name-escaping',
    'files',
    'quotes, CR/LF and non-ASCII in a filename',
    post(`${FX}/echo`, { files: [['f', { filename: 'na"me\r\né.txt', content: 'x' }]], echo: true }),
  ),
  one(
    'file-no-filename',
    'files',
    'a part without a filename',
    post(`${FX}/echo`, { files: [['f', { filename: null, content: 'x' }]], echo: true }),
  ),
];

// --- auth --------------------------------------------------------------------------------------------------
const auth: Scenario[] = [
  one(
    'basic-ok',
    'auth',
    'Basic auth accepted',
    get(`${HB}/basic-auth/user/pass`, { auth: { basic: ['user', 'pass'] } }),
  ),
  one(
    'basic-wrong',
    'auth',
    'Basic auth refused: 401 and its raise_for_status message',
    get(`${HB}/basic-auth/user/pass`, { auth: { basic: ['user', 'nope'] } }),
  ),
  one(
    'basic-header',
    'auth',
    'the Basic Authorization header',
    get(`${HB}/headers`, { auth: { basic: ['user', 'pass'] }, echo: true }),
  ),
  one(
    'basic-non-ascii',
    'auth',
    'Basic auth with non-ASCII credentials',
    get(`${HB}/headers`, { auth: { basic: ['usér', 'pässwörd'] }, echo: true }),
  ),
  one(
    'basic-in-url',
    'auth',
    'credentials in the URL become Basic auth (and leave the URL)',
    get('http://user:pass@{httpbinHost}/basic-auth/user/pass'),
  ),
  one(
    'hidden-basic-auth',
    'auth',
    'Basic auth on a 404-when-unauthorised endpoint',
    get(`${HB}/hidden-basic-auth/user/pass`, { auth: { basic: ['user', 'pass'] } }),
  ),
  one(
    'digest-md5',
    'auth',
    'Digest MD5 answers the challenge once',
    get(`${HB}/digest-auth/auth/user/pass`, { auth: { digest: ['user', 'pass'] } }),
  ),
  one(
    'digest-sha256',
    'auth',
    'Digest SHA-256',
    get(`${HB}/digest-auth/auth/user/pass/SHA-256`, { auth: { digest: ['user', 'pass'] } }),
  ),
  one(
    'digest-sha512',
    'auth',
    'Digest SHA-512',
    get(`${HB}/digest-auth/auth/user/pass/SHA-512`, { auth: { digest: ['user', 'pass'] } }),
  ),
  one(
    'digest-no-qop',
    'auth',
    'Digest without qop',
    get(`${HB}/digest-auth/none/user/pass`, { auth: { digest: ['user', 'pass'] } }),
  ),
  one(
    'digest-wrong',
    'auth',
    'Digest with a wrong password: 401 after one retry',
    get(`${HB}/digest-auth/auth/user/pass`, { auth: { digest: ['user', 'nope'] } }),
  ),
  {
    id: 'digest-session-reuse',
    area: 'auth',
    title: 'a Session keeps the cookies of the challenge and authenticates up front once it knows the nonce',
    session: { auth: { digest: ['user', 'pass'] } },
    calls: [get(`${HB}/digest-auth/auth/user/pass`), get(`${HB}/digest-auth/auth/user/pass`)],
  },
];

// --- redirects ---------------------------------------------------------------------------------------------
const redirectMatrix: Scenario[] = [];
for (const status of [301, 302, 303, 307, 308]) {
  for (const method of ['GET', 'POST', 'PUT', 'HEAD']) {
    const withBody = method === 'POST' || method === 'PUT';
    redirectMatrix.push(
      one(
        `redirect-${status}-${method.toLowerCase()}`,
        'redirects',
        `${status} after ${method}: method, body and Content-Type as Requests rebuilds them`,
        {
          method,
          url: redirectTo('/anything', status),
          allowRedirects: true,
          ...(withBody ? { data: { form: { a: '1' } } } : {}),
          echo: true,
        },
      ),
    );
  }
}
const redirects: Scenario[] = [
  ...redirectMatrix,
  one(
    'redirect-relative-chain',
    'redirects',
    'a chain of relative Locations',
    get(`${HB}/relative-redirect/3`, { echo: true }),
  ),
  one(
    'redirect-absolute-chain',
    'redirects',
    'a chain of absolute Locations',
    get(`${HB}/absolute-redirect/2`, { echo: true }),
  ),
  one(
    'redirect-scheme-relative',
    'redirects',
    'a scheme-relative Location to another host',
    get(redirectTo('//{httpbinAltHost}/get', 302), { echo: true }),
  ),
  one(
    'redirect-not-followed',
    'redirects',
    'allow_redirects=False: the 302 itself, is_redirect and next',
    get(`${HB}/redirect/2`, { allowRedirects: false }),
  ),
  one('redirect-head-verb', 'redirects', 'head() does not follow by default', {
    method: 'HEAD',
    url: `${HB}/redirect/1`,
  }),
  one('redirect-request-head', 'redirects', "request('HEAD') follows by default", {
    method: 'HEAD',
    url: `${HB}/redirect/1`,
    via: 'request',
    echo: true,
  }),
  one(
    'redirect-relative-no-slash',
    'redirects',
    'a Location relative to the current path',
    get(raw({ status: 302, headers: ['Location: echo/next?x=1'] }), { echo: true }),
  ),
  one(
    'redirect-location-utf8',
    'redirects',
    'a Location sent as raw UTF-8 bytes',
    get(raw({ status: 302, utf8Headers: ['Location: /echo/é?q=ü'] }), { echo: true }),
  ),
  one(
    'redirect-location-fragment',
    'redirects',
    "a Location's own fragment replaces the original one",
    get(`${redirectTo('/get#new', 302)}#old`, { echo: true }),
  ),
  one(
    'redirect-fragment-kept',
    'redirects',
    'the fragment survives a redirect without one',
    get(`${HB}/redirect/1#section`, { echo: true }),
  ),
  one(
    'redirect-auth-other-host',
    'redirects',
    'Authorization is dropped on a redirect to another host',
    get(redirectTo('{httpbinAlt}/headers', 302), { auth: { basic: ['user', 'pass'] }, echo: true }),
  ),
  one(
    'redirect-auth-same-host',
    'redirects',
    'Authorization is kept on a redirect to the same host',
    get(redirectTo('/headers', 302), { auth: { basic: ['user', 'pass'] }, echo: true }),
  ),
  one(
    'redirect-307-multipart',
    'redirects',
    'a 307 sends the multipart body again',
    post(redirectTo('/anything', 307), { files: [['upload', csv]], echo: true }),
  ),
  one('redirect-too-many', 'redirects', 'more than 30 redirects: TooManyRedirects', get(`${HB}/relative-redirect/31`)),
  {
    id: 'redirect-max-redirects',
    area: 'redirects',
    title: 'a Session with max_redirects = 2',
    session: { maxRedirects: 2 },
    calls: [get(`${HB}/redirect/3`)],
  },
  one(
    'redirect-invalid-schema',
    'redirects',
    'a Location with a scheme no adapter serves',
    get(redirectTo('ftp://127.0.0.1/file', 302)),
  ),
];

// --- cookies -----------------------------------------------------------------------------------------------
const cookies: Scenario[] = [
  one(
    'cookies-set-in-chain',
    'cookies',
    'cookies set by a redirect hop reach the next hop',
    get(`${HB}/cookies/set?a=1&b=2`, { echo: true }),
  ),
  one(
    'cookies-per-request',
    'cookies',
    'cookies given with the request',
    get(`${HB}/cookies`, { cookies: { c: '3', d: 'x y' }, echo: true }),
  ),
  one(
    'cookies-per-request-redirect-other-host',
    'cookies',
    "a request's cookies on a redirect to another host",
    get(redirectTo('{httpbinAlt}/cookies', 302), { cookies: { c: '1' }, echo: true }),
  ),
  one(
    'cookies-response-dict',
    'cookies',
    'the cookies a response sets',
    get(raw({ body: 'ok', headers: ['Set-Cookie: x=1; Path=/', 'Set-Cookie: y=2'] })),
  ),
  {
    id: 'session-cookies-persist',
    area: 'cookies',
    title: 'a Session keeps cookies across calls',
    session: {},
    calls: [get(`${HB}/cookies/set/k/v`, { echo: true }), get(`${HB}/cookies`, { echo: true })],
  },
  {
    id: 'session-cookies-delete',
    area: 'cookies',
    title: 'an expired Set-Cookie removes the cookie from the jar',
    session: {},
    calls: [get(`${HB}/cookies/set?k=v&other=o`), get(`${HB}/cookies/delete?k`, { echo: true })],
  },
  {
    id: 'session-cookies-preset',
    area: 'cookies',
    title: 'cookies put in the Session jar by hand are sent',
    session: { cookies: { pre: '1' } },
    calls: [get(`${HB}/cookies`, { echo: true })],
  },
  {
    id: 'session-cookies-request-wins',
    area: 'cookies',
    title: "a request's cookie overrides the Session's of the same name",
    session: { cookies: { a: 'session' } },
    calls: [get(`${HB}/cookies`, { cookies: { a: 'request' }, echo: true })],
  },
  {
    id: 'cookie-host-scoped',
    area: 'cookies',
    title: 'a cookie from 127.0.0.1 is not sent to localhost',
    session: {},
    calls: [get(`${HB}/cookies/set/h/1`), get(`{httpbinAlt}/cookies`, { echo: true })],
  },
  {
    id: 'cookie-path-scoped',
    area: 'cookies',
    title: 'a cookie with a Path goes only below that path',
    session: {},
    calls: [
      get(raw({ body: 'ok', headers: ['Set-Cookie: p=1; Path=/echo/area'] })),
      get(`${FX}/echo/area/inside`, { echo: true }),
      get(`${FX}/echo/elsewhere`, { echo: true }),
    ],
  },
  {
    id: 'cookie-foreign-domain',
    area: 'cookies',
    title: 'a cookie for a domain the host is not in is refused',
    session: {},
    calls: [
      get(raw({ body: 'ok', headers: ['Set-Cookie: f=1; Domain=example.com; Path=/'] })),
      get(`${FX}/echo`, { echo: true }),
    ],
  },
  {
    id: 'cookie-max-age-zero',
    area: 'cookies',
    title: 'Max-Age=0 stores nothing',
    session: {},
    calls: [
      get(raw({ body: 'ok', headers: ['Set-Cookie: gone=1; Max-Age=0; Path=/', 'Set-Cookie: kept=1; Path=/'] })),
      get(`${FX}/echo`, { echo: true }),
    ],
  },
  {
    id: 'cookie-secure-over-http',
    area: 'cookies',
    title: 'a Secure cookie is not sent over http',
    session: {},
    calls: [
      get(raw({ body: 'ok', headers: ['Set-Cookie: s=1; Secure; Path=/', 'Set-Cookie: plain=1; Path=/'] })),
      get(`${FX}/echo`, { echo: true }),
    ],
  },
];

// --- sessions ----------------------------------------------------------------------------------------------
const sessions: Scenario[] = [
  {
    id: 'session-headers-merge',
    area: 'sessions',
    title: 'request headers override Session headers key by key, case-insensitively',
    session: { headers: { 'X-Session': 's', 'X-Both': 'session', 'x-case': 'lower' } },
    calls: [
      get(`${HB}/headers`, { headers: { 'X-Both': 'request', 'X-Request': 'r', 'X-CASE': 'upper' }, echo: true }),
    ],
  },
  {
    id: 'session-header-null-removes',
    area: 'sessions',
    title: 'a null request header removes the Session header',
    session: { headers: { 'X-Remove': 'x', 'X-Keep': 'k' } },
    calls: [get(`${HB}/headers`, { headers: { 'X-Remove': null }, echo: true })],
  },
  {
    id: 'session-default-header-null',
    area: 'sessions',
    title: 'a null Accept removes the default Accept header',
    session: {},
    calls: [get(`${FX}/echo`, { headers: { Accept: null }, echo: true })],
  },
  {
    id: 'session-params-merge',
    area: 'sessions',
    title: 'request params merge over Session params',
    session: { params: { a: '1', b: '2' } },
    calls: [get(`${HB}/get`, { params: { b: '3', c: '4' }, echo: true })],
  },
  {
    id: 'session-auth',
    area: 'sessions',
    title: "the Session's auth, and a request's auth overriding it",
    session: { auth: { basic: ['user', 'pass'] } },
    calls: [
      get(`${HB}/basic-auth/user/pass`),
      get(`${HB}/basic-auth/user/pass`, { auth: { basic: ['user', 'wrong'] } }),
    ],
  },
  one('default-headers', 'sessions', 'the headers sent by default', get(`${FX}/echo`, { echo: true })),
  one(
    'header-empty-value',
    'sessions',
    'a header with an empty value is sent',
    get(`${FX}/echo`, { headers: { 'X-Empty': '' }, echo: true }),
  ),
  one(
    'header-latin1-value',
    'sessions',
    'a Latin-1 header value goes out as its byte',
    get(`${FX}/echo`, { headers: { 'X-Latin': 'café' }, echo: true }),
  ),
];

// --- encodings ---------------------------------------------------------------------------------------------
const latin1Bytes = Uint8Array.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x6e, 0x61, 0xef, 0x76, 0x65]); // "café naïve" in Latin-1
const encodings: Scenario[] = [
  one('enc-utf8-demo', 'encodings', "httpbin's UTF-8 demo page", get(`${HB}/encoding/utf8`, { text: true })),
  one('enc-html', 'encodings', 'text/html; charset=utf-8', get(`${HB}/html`, { text: true })),
  one(
    'enc-json',
    'encodings',
    'application/json without a charset is utf-8',
    get(raw({ ct: 'application/json', body: '{"a": "é"}' }), { text: true }),
  ),
  one('enc-xml', 'encodings', 'application/xml without a charset', get(`${HB}/xml`, { text: true })),
  one(
    'enc-text-no-charset',
    'encodings',
    'text/plain without a charset is ISO-8859-1',
    get(raw({ ct: 'text/plain', body: 'naïve — ok' }), { text: true }),
  ),
  one(
    'enc-quoted-charset',
    'encodings',
    'a quoted charset',
    get(raw({ ct: 'text/plain; charset="UTF-8"', body: 'naïve' }), { text: true }),
  ),
  one(
    'enc-windows-1252',
    'encodings',
    'windows-1252 bytes 0x80–0x9f',
    get(raw({ ct: 'text/plain; charset=windows-1252', body: Uint8Array.from([0x80, 0x93, 0x94, 0x99, 0x41]) }), {
      text: true,
    }),
  ),
  one(
    'enc-iso-8859-15',
    'encodings',
    'a charset TextDecoder and Python both know (ISO-8859-15)',
    get(raw({ ct: 'text/plain; charset=ISO-8859-15', body: Uint8Array.from([0x41, 0xa4, 0xbd, 0xe9]) }), {
      text: true,
    }),
  ),
  one(
    'enc-charset-among-params',
    'encodings',
    'a charset among other Content-Type parameters',
    get(raw({ ct: 'text/html; q=1; charset=utf-8; foo=bar', body: 'naïve' }), { text: true }),
  ),
  one(
    'enc-unknown-charset',
    'encodings',
    'an unknown charset falls back to UTF-8',
    get(raw({ ct: 'text/plain; charset=x-no-such-thing', body: 'naïve' }), { text: true }),
  ),
  one(
    'enc-ascii-high-bytes',
    'encodings',
    'us-ascii with bytes above 0x7f',
    get(raw({ ct: 'text/plain; charset=us-ascii', body: latin1Bytes }), { text: true }),
  ),
  one(
    'enc-latin1-guess',
    'encodings',
    'no charset, Latin-1 bytes: the apparent encoding',
    get(raw({ ct: 'application/octet-stream', body: latin1Bytes }), { text: true }),
  ),
  one(
    'enc-utf8-guess',
    'encodings',
    'no charset, UTF-8 bytes: the apparent encoding',
    get(raw({ ct: 'application/octet-stream', body: 'Grüße aus Köln, ça va très bien — 東京' }), { text: true }),
  ),
  one(
    'enc-utf16-json',
    'encodings',
    'JSON in UTF-16 without a charset is detected',
    get(raw({ ct: 'application/octet-stream', body: Buffer.from('{"a": "é"}', 'utf16le') }), {
      read: { kind: 'json' },
    }),
  ),
  one('enc-gzip-httpbin', 'encodings', "httpbin's gzip endpoint is decoded", get(`${HB}/gzip`, { echo: true })),
  one('enc-brotli-httpbin', 'encodings', "httpbin's brotli endpoint is decoded", get(`${HB}/brotli`, { echo: true })),
  one(
    'enc-deflate-httpbin',
    'encodings',
    "httpbin's deflate endpoint is decoded",
    get(`${HB}/deflate`, { echo: true }),
  ),
  one(
    'enc-gzip-fixture',
    'encodings',
    'a gzip body is decoded to the same bytes',
    get(raw({ ct: 'text/plain; charset=utf-8', body: 'compressed text '.repeat(50), gzip: '1' }), { text: true }),
  ),
  one(
    'enc-bad-gzip',
    'encodings',
    'a body that claims gzip but is not: ContentDecodingError',
    get(raw({ ct: 'text/plain', body: 'this is not gzip at all', gzip: 'broken' })),
  ),
];

// --- streaming ---------------------------------------------------------------------------------------------
const streaming: Scenario[] = [
  one(
    'iter-content-exact',
    'streaming',
    'iter_content(128) on a Content-Length body',
    get(`${HB}/bytes/1000?seed=7`, { stream: true, read: { kind: 'chunks', size: 128 } }),
  ),
  one(
    'iter-content-chunked',
    'streaming',
    'iter_content(333) on a body sent in 100-byte HTTP chunks',
    get(`${HB}/stream-bytes/1000?seed=7&chunk_size=100`, { stream: true, read: { kind: 'chunks', size: 333 } }),
  ),
  one(
    'iter-content-gzip',
    'streaming',
    'iter_content(100) on a gzip body',
    get(raw({ ct: 'text/plain', body: 'gzip body line\n'.repeat(200), gzip: '1' }), {
      stream: true,
      read: { kind: 'chunks', size: 100 },
    }),
  ),
  one(
    'iter-content-as-received',
    'streaming',
    'iter_content(None): the bytes, whatever the pieces',
    get(`${HB}/stream-bytes/2000?seed=3&chunk_size=500`, { stream: true, read: { kind: 'chunks', size: null } }),
  ),
  one(
    'iter-content-decode-unicode',
    'streaming',
    'iter_content(64, decode_unicode=True) on UTF-8 text',
    get(`${HB}/encoding/utf8`, { stream: true, read: { kind: 'chunks', size: 64, decodeUnicode: true } }),
  ),
  one(
    'iter-content-not-streamed',
    'streaming',
    'iter_content(100) after the body was read',
    get(`${HB}/bytes/250?seed=1`, { read: { kind: 'chunks', size: 100 } }),
  ),
  one(
    'iter-content-empty',
    'streaming',
    'iter_content on an empty body',
    get(raw({ body: '' }), { stream: true, read: { kind: 'chunks', size: 10 } }),
  ),
  one(
    'iter-lines-crlf-straddle',
    'streaming',
    'iter_lines(chunk_size=2) when \\r\\n straddles two chunks',
    get(raw({ body: 'a\r\nbc\r\n\r\nd' }), { stream: true, read: { kind: 'lines', chunkSize: 2 } }),
  ),
  one(
    'iter-lines-crlf-inside',
    'streaming',
    'iter_lines(chunk_size=4) with every \\r\\n inside a chunk',
    get(raw({ body: 'a\r\nbc\r\nd' }), { stream: true, read: { kind: 'lines', chunkSize: 4 } }),
  ),
  one(
    'iter-lines-http-chunks',
    'streaming',
    'iter_lines(None) over HTTP chunks that split lines',
    get(chunks(['one\ntw', 'o\nthr', 'ee\n', 'four']), { stream: true, read: { kind: 'lines', chunkSize: null } }),
  ),
  one(
    'iter-lines-trailing-newline',
    'streaming',
    'a final newline gives no empty last line',
    get(raw({ body: 'x\ny\n' }), { stream: true, read: { kind: 'lines', chunkSize: 512 } }),
  ),
  one(
    'iter-lines-blank-lines',
    'streaming',
    'blank lines in the middle are kept',
    get(raw({ body: 'x\n\n\ny' }), { stream: true, read: { kind: 'lines', chunkSize: 512 } }),
  ),
  one(
    'iter-lines-delimiter',
    'streaming',
    'iter_lines with a delimiter',
    get(raw({ body: 'a;b;;c;' }), { stream: true, read: { kind: 'lines', chunkSize: 3, delimiter: ';' } }),
  ),
  one(
    'iter-lines-decode-unicode',
    'streaming',
    'iter_lines(decode_unicode=True) on UTF-8 text',
    get(`${HB}/encoding/utf8`, { stream: true, read: { kind: 'lines', chunkSize: 100, decodeUnicode: true } }),
  ),
  one(
    'iter-lines-decode-no-encoding',
    'streaming',
    'iter_lines(decode_unicode=True) when the response has no encoding',
    get(raw({ ct: 'application/octet-stream', body: 'é1\né2' }), {
      stream: true,
      read: { kind: 'lines', chunkSize: 512, decodeUnicode: true },
    }),
  ),
  one(
    'stream-then-content',
    'streaming',
    'stream=True, then the whole content',
    get(`${HB}/bytes/500?seed=2`, { stream: true }),
  ),
  one(
    'stream-drip',
    'streaming',
    'a dripping body read byte by byte',
    get(`${HB}/drip?numbytes=5&duration=0.25`, { stream: true, read: { kind: 'chunks', size: 1 } }),
  ),
];

// --- timeouts ----------------------------------------------------------------------------------------------
const timeouts: Scenario[] = [
  one(
    'timeout-headers-late',
    'timeouts',
    'no headers within the timeout: ReadTimeout',
    get(`${FX}/slow-headers?ms=3000`, { timeout: 300 }),
  ),
  one(
    'timeout-tuple-read',
    'timeouts',
    '(connect, read) timeouts: the read one fires',
    get(`${FX}/slow-headers?ms=3000`, { timeout: { connect: 2000, read: 300 } }),
  ),
  one(
    'timeout-connect-only',
    'timeouts',
    'a connect timeout alone, and headers that come later than it',
    get(`${FX}/slow-headers?ms=800`, { timeout: { connect: 300, read: null } }),
  ),
  one(
    'timeout-httpbin-delay',
    'timeouts',
    "httpbin's /delay beyond the timeout",
    get(`${HB}/delay/2`, { timeout: 400 }),
  ),
  one(
    'timeout-is-idle-not-total',
    'timeouts',
    'a body slower in total than the timeout, but never silent that long',
    get(`${HB}/drip?numbytes=4&duration=1`, { timeout: 700 }),
  ),
  one(
    'timeout-mid-body',
    'timeouts',
    'the body stalls after 5 bytes',
    get(`${FX}/stall-body?ms=3000`, { timeout: 300 }),
  ),
  one(
    'timeout-mid-body-streamed',
    'timeouts',
    'a streamed body stalls while iterating',
    get(`${FX}/stall-body?ms=3000`, { timeout: 300, stream: true, read: { kind: 'chunks', size: 5 } }),
  ),
  one('timeout-generous', 'timeouts', 'a timeout that is not reached', get(`${HB}/get`, { timeout: 5000, echo: true })),
  one('timeout-zero', 'timeouts', 'a zero timeout is refused', get(`${HB}/get`, { timeout: 0 })),
  one(
    'timeout-connect',
    'timeouts',
    'a connect that never completes: ConnectTimeout',
    get('{unconnectable}/get', { timeout: { connect: 200, read: 5000 } }),
  ),
];

// --- errors ------------------------------------------------------------------------------------------------
const errors: Scenario[] = [
  one('err-refused', 'errors', 'nothing listens on the port: ConnectionError', get('{refused}/get')),
  one('err-missing-schema', 'errors', 'no scheme: MissingSchema', get('127.0.0.1/get')),
  one('err-ip-port-no-scheme', 'errors', 'IP:port without a scheme', get('{httpbinHost}/get')),
  one('err-name-port-no-scheme', 'errors', 'name:port without a scheme reads as a scheme', get('{httpbinAltHost}/get')),
  one('err-empty-url', 'errors', 'an empty URL', get('')),
  one('err-invalid-schema', 'errors', 'ftp://: InvalidSchema', get('ftp://127.0.0.1/file')),
  one('err-no-host', 'errors', 'http:// alone: InvalidURL', get('http://')),
  one('err-empty-host', 'errors', 'http:///path: no host', get('http:///get')),
  one('err-scheme-without-slashes', 'errors', 'http:host:port/path (no //): no host', get('http:{httpbinHost}/get')),
  one('err-port-out-of-range', 'errors', 'a port above 65535', get('http://127.0.0.1:99999/')),
  one('err-invalid-label', 'errors', 'a host starting with *', get('http://*.example/')),
  one(
    'err-header-newline',
    'errors',
    'a header value with a newline: InvalidHeader',
    get(`${HB}/get`, { headers: { 'X-Bad': 'a\nb' } }),
  ),
  one(
    'err-header-leading-space',
    'errors',
    'a header value with leading whitespace',
    get(`${HB}/get`, { headers: { 'X-Bad': ' a' } }),
  ),
  one(
    'err-header-number',
    'errors',
    'a header value that is not a string',
    get(`${HB}/get`, { headers: { 'X-Num': 1 } }),
  ),
  one(
    'err-header-beyond-latin1',
    'errors',
    'a header value beyond Latin-1',
    get(`${FX}/echo`, { headers: { 'X-Bad': '東京' } }),
  ),
  one('err-header-name-colon', 'errors', 'a header name with a colon', get(`${HB}/get`, { headers: { 'X:Bad': 'a' } })),
  one('err-404', 'errors', "404 and raise_for_status's message", get(`${HB}/status/404`)),
  one('err-500', 'errors', "500 and raise_for_status's message", get(`${HB}/status/500`)),
  one('err-418', 'errors', "httpbin's teapot", get(`${HB}/status/418`)),
  one('err-json-html', 'errors', 'json() on HTML: JSONDecodeError', get(`${HB}/html`, { read: { kind: 'json' } })),
  one(
    'err-json-empty',
    'errors',
    'json() on an empty body: JSONDecodeError',
    get(`${HB}/status/204`, { read: { kind: 'json' } }),
  ),
  one('err-truncated-length', 'errors', 'a body shorter than its Content-Length', get(`${FX}/truncated-length`)),
  one('err-truncated-chunked', 'errors', 'a chunked body cut short', get(`${FX}/truncated-chunked`)),
  one(
    'err-truncated-chunked-streamed',
    'errors',
    'a chunked body cut short while iterating',
    get(`${FX}/truncated-chunked`, { stream: true, read: { kind: 'chunks', size: 4 } }),
  ),
];

// --- responses ---------------------------------------------------------------------------------------------
const responses: Scenario[] = [
  one(
    'status-custom-reason',
    'responses',
    "the server's own reason phrase",
    get(raw({ status: 299, reason: 'Custom Thing', body: 'x' })),
  ),
  one(
    'status-reason-4xx-custom',
    'responses',
    "a custom 4xx reason in raise_for_status's message",
    get(raw({ status: 499, reason: 'Client Went Away', body: 'x' })),
  ),
  one(
    'status-reason-utf8',
    'responses',
    'a reason phrase with UTF-8 bytes',
    get(raw({ status: 452, reasonBytes: new Uint8Array(Buffer.from('Café Closed')), body: 'x' })),
  ),
  one('status-204', 'responses', '204 No Content', get(`${HB}/status/204`)),
  one('status-3xx-ok', 'responses', 'a 3xx not followed is ok', get(raw({ status: 304, reason: 'Not Modified' }))),
  one(
    'links-header',
    'responses',
    'the Link header parsed by rel',
    get(
      raw({
        body: 'x',
        headers: ['Link: <http://a.example/2>; rel="next", <http://a.example/9>; rel="last"; title="end"'],
      }),
      { links: true },
    ),
  ),
  one('head-bytes', 'responses', 'HEAD on a body endpoint', { method: 'HEAD', url: `${HB}/bytes/100` }),
];

export const scenarios: Scenario[] = [
  ...params,
  ...bodies,
  ...files,
  ...auth,
  ...redirects,
  ...cookies,
  ...sessions,
  ...encodings,
  ...streaming,
  ...timeouts,
  ...errors,
  ...responses,
];
