// The one table of runtime limits: a case that fails in a runtime because of what that runtime cannot do (not because
// of the library) is declared here with the reason, and counted as `limit` instead of `fail`. The runner fails when
// a declared limit passes (the entry is stale: remove it) or names a case or runtime that does not exist.
// docs/runtimes.md's matrix shows these reasons.

const BROWSERS = ['chromium', 'firefox', 'webkit'];
const MANUAL_REDIRECTS_HIDDEN =
  'a page gets `redirect: manual` as an opaque response (status 0, no Location): the browser follows redirects itself';
const COOKIES_OWNED = 'the browser owns cookies: a page can neither read Set-Cookie nor send a Cookie header';
const NO_CONNECT_PHASE =
  'fetch does not tell when the connection is made: the wait for headers is timed by the shorter of connect and read';

const each = (runtimes, name, reason) => runtimes.map((runtime) => ({ runtime, case: name, reason }));

export const LIMITS = [
  ...each(BROWSERS, 'redirect history lists every hop', MANUAL_REDIRECTS_HIDDEN),
  ...each(BROWSERS, 'allowRedirects false returns the 302', MANUAL_REDIRECTS_HIDDEN),
  ...each(BROWSERS, 'TooManyRedirects past maxRedirects', `${MANUAL_REDIRECTS_HIDDEN} (up to its own limit of 20)`),
  ...each(BROWSERS, 'Session cookie jar keeps Set-Cookie', COOKIES_OWNED),
  ...each(BROWSERS, 'cookies option sends a Cookie header', COOKIES_OWNED),
  ...each(['deno', 'bun', 'workerd', ...BROWSERS], 'connect timeout does not time the server', NO_CONNECT_PHASE),
  ...each(
    ['chromium'],
    'streamed upload (ReadableStream body)',
    'Chromium streams a request body over HTTP/2 only: over HTTP/1.1 its fetch rejects (ConnectionError)',
  ),
  ...each(
    ['deno'],
    'reason is the server’s phrase',
    'Deno’s fetch gives the standard reason phrase (`Created`), not the one on the status line (`CREATED`)',
  ),
  ...each(
    ['deno'],
    'raiseForStatus messages',
    'the message quotes the reason phrase, and Deno’s fetch gives the standard one (`Not Found`, not `NOT FOUND`)',
  ),
];
