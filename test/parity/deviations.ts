/**
 * The allow-list: every difference between Requests and this library that is meant, each with its reason. A
 * difference the parity suite finds that is not listed here fails; an entry that no longer matches anything fails
 * too. docs/differences.md carries this list as a table, generated (`npx tsx test/parity/differences-doc.ts --write`)
 * and checked by a test.
 */
import { ABSENT, type Difference } from './compare';
import type { Json } from './scenario';

export interface Deviation {
  /** Scenario ids, or '*' for every scenario where the field differs. */
  scenarios: readonly string[] | '*';
  /**
   * Call-relative fields (e.g. `error`, `echo.headers.accept`); fields below them are included. When `error` is
   * explained, so is every field the raising side could not observe because it raised.
   */
  fields: readonly string[];
  /** What Requests shows, when it is always the same (`ABSENT` for a missing field). */
  python?: Json;
  /** What this library shows, when it is always the same. */
  library?: Json;
  /** One line: why the library differs. */
  reason: string;
}

export const deviations: readonly Deviation[] = [
  // --- what fetch adds to every request (a caller cannot prevent it) -------------------------------------------
  {
    scenarios: '*',
    fields: ['echo.headers.accept-encoding'],
    python: 'gzip, deflate, br',
    library: 'gzip, deflate',
    reason:
      'fetch sets Accept-Encoding to what it decodes; Requests also offers br when the brotli module is installed',
  },
  {
    scenarios: '*',
    fields: ['echo.headers.accept-language'],
    python: ABSENT,
    library: '*',
    reason: "fetch (Node's undici, following the Fetch standard) adds Accept-Language: * to every request",
  },
  {
    scenarios: '*',
    fields: ['echo.headers.sec-fetch-mode'],
    python: ABSENT,
    library: 'cors',
    reason: 'fetch adds Sec-Fetch-Mode: cors to every request',
  },
  {
    scenarios: ['session-default-header-null'],
    fields: ['echo.headers.accept'],
    python: ABSENT,
    library: '*/*',
    reason: 'fetch adds Accept: */* to a request without one, so a null Accept cannot remove it',
  },
  {
    scenarios: [
      'head-request',
      'head-bytes',
      'redirect-head-verb',
      'redirect-request-head',
      ...[301, 302, 303, 307, 308].map((s) => `redirect-${s}-head`),
    ],
    fields: ['headers.connection'],
    python: 'keep-alive',
    library: 'close',
    reason:
      'fetch (undici) closes the connection after a HEAD, in case the server sends a body anyway; Requests keeps it alive',
  },
  {
    scenarios: ['delete-no-body', 'options-request'],
    fields: ['echo.headers.content-length'],
    python: '0',
    library: ABSENT,
    reason:
      'fetch sends Content-Length: 0 only for a bodiless POST or PUT (RFC 9110: not when the method expects no content); Requests for every method but GET and HEAD',
  },

  // --- choices API.md makes on purpose --------------------------------------------------------------------------
  {
    scenarios: ['params-boolean-number'],
    fields: ['url', 'echo.url', 'echo.args.flag'],
    reason: "a boolean param is sent as JavaScript writes it (true/false); Python's str(True) is 'True'",
  },
  {
    scenarios: ['body-text-latin1'],
    fields: ['echo.body', 'echo.headers.content-length'],
    reason:
      'a string body is sent as UTF-8; Requests hands a str body to http.client, which encodes it as Latin-1 (and fails beyond it)',
  },
  {
    scenarios: ['json-number-formats'],
    fields: ['echo.body', 'echo.headers.content-length'],
    reason:
      "json numbers are written as JavaScript writes them (1e-7, 0.00001); Python's repr writes the same floats as 1e-07, 1e-05",
  },
  {
    scenarios: ['cookies-per-request-redirect-other-host'],
    fields: ['echo.cookies.c'],
    python: '1',
    library: ABSENT,
    reason:
      "a request's own cookies go to its host only, never to another host a redirect leads to; Requests sends them to every hop",
  },
  {
    scenarios: ['basic-non-ascii'],
    fields: ['echo.headers.authorization'],
    reason: 'Basic credentials are encoded as UTF-8 (RFC 7617); Requests encodes them as Latin-1',
  },
  {
    scenarios: ['basic-in-url'],
    fields: ['url'],
    reason: 'credentials in the URL become Basic auth and never appear in Response.url; Requests keeps them in r.url',
  },
  {
    scenarios: ['iter-content-chunked', 'iter-content-gzip'],
    fields: ['chunkSizes'],
    reason:
      'iterContent(n) yields pieces of exactly n bytes (the last may be shorter); Requests (urllib3 1.26) yields what one read gives: one HTTP chunk, or all that n compressed bytes inflate to',
  },
  {
    scenarios: ['iter-lines-crlf-straddle'],
    fields: ['lines'],
    reason: 'a \\r\\n split across two chunks is one line end; Requests yields an extra empty line (psf/requests#3980)',
  },
  {
    scenarios: ['iter-lines-decode-no-encoding'],
    fields: ['lines'],
    reason:
      'iterLines/iterContent with decodeUnicode and no declared charset decode as UTF-8; Requests silently yields bytes',
  },
  {
    scenarios: [
      'enc-html',
      'enc-json',
      'enc-quoted-charset',
      'enc-windows-1252',
      'enc-iso-8859-15',
      'enc-charset-among-params',
      'enc-unknown-charset',
      'enc-ascii-high-bytes',
      'enc-latin1-guess',
    ],
    fields: ['apparentEncoding'],
    reason:
      "apparentEncoding is a small deterministic guess (BOM, ascii, valid UTF-8, else windows-1252), not chardet's statistics, which call some valid UTF-8 a legacy code page",
  },
  {
    scenarios: ['cookie-secure-over-http'],
    fields: ['sessionCookies.s', 'cookies.s'],
    python: '1',
    library: ABSENT,
    reason:
      "a Secure cookie set over plain http is refused (RFC 6265bis, as browsers do); Python's cookiejar stores it for later https requests",
  },
  {
    scenarios: ['status-reason-utf8'],
    fields: ['reason', 'raiseForStatus'],
    reason:
      "the reason phrase is decoded as UTF-8 (as fetch does, and as Requests' raise_for_status means to); http.client decodes it as Latin-1",
  },

  // --- exceptions ------------------------------------------------------------------------------------------------
  {
    scenarios: ['timeout-mid-body', 'timeout-mid-body-streamed'],
    fields: ['error'],
    python: 'ConnectionError',
    library: 'ReadTimeout',
    reason:
      'a body silent for longer than the read timeout raises ReadTimeout; Requests (urllib3 1.26) reports it as ConnectionError',
  },
  {
    scenarios: ['err-truncated-length'],
    fields: ['error'],
    python: ABSENT,
    library: 'ChunkedEncodingError',
    reason:
      'a body shorter than its Content-Length raises ChunkedEncodingError (as Requests does over urllib3 2); Requests 2.28 over urllib3 1.26 returns it truncated without a word',
  },
  {
    scenarios: ['timeout-zero'],
    fields: ['error'],
    python: 'ValueError',
    library: 'RangeError',
    reason:
      "a timeout of 0 or less raises RangeError, JavaScript's twin of the ValueError Requests lets escape from urllib3, before anything is sent",
  },
  {
    scenarios: ['err-header-beyond-latin1'],
    fields: ['error'],
    python: 'UnicodeEncodeError',
    library: 'InvalidHeader',
    reason:
      "a header value beyond Latin-1 raises InvalidHeader before sending; Requests lets http.client's UnicodeEncodeError escape",
  },
  {
    scenarios: ['err-empty-url'],
    fields: ['error'],
    python: 'MissingSchema',
    library: 'URLRequired',
    reason:
      "an empty URL raises URLRequired (in a browser '' would otherwise fetch the page itself); Requests raises MissingSchema",
  },
  {
    scenarios: ['err-ip-port-no-scheme'],
    fields: ['error'],
    python: 'InvalidSchema',
    library: 'MissingSchema',
    reason:
      "'127.0.0.1:8080/x' has no scheme: MissingSchema ('Perhaps you meant https://…'); Requests takes the part before ':' for a scheme (InvalidSchema)",
  },
];

function covers(deviation: Deviation, scenario: string, diff: Difference): boolean {
  if (deviation.scenarios !== '*' && !deviation.scenarios.includes(scenario)) return false;
  if (!deviation.fields.some((f) => diff.field === f || diff.field.startsWith(`${f}.`))) return false;
  if (deviation.python !== undefined && JSON.stringify(deviation.python) !== JSON.stringify(diff.python)) return false;
  if (deviation.library !== undefined && JSON.stringify(deviation.library) !== JSON.stringify(diff.library))
    return false;
  return true;
}

/** Sorts one scenario's differences into explained (with the deviation that explains each) and unexplained. */
export function explain(
  scenario: string,
  diffs: readonly Difference[],
): { explained: Map<Difference, Deviation>; unexplained: Difference[] } {
  const explained = new Map<Difference, Deviation>();
  for (const diff of diffs) {
    const deviation = deviations.find((d) => covers(d, scenario, diff));
    if (deviation) explained.set(diff, deviation);
  }
  // An explained exception also explains what the raising side, having raised, could not observe.
  for (const [errorDiff, deviation] of [...explained].filter(([d]) => d.field === 'error')) {
    const raised: 'python' | 'library' | null =
      errorDiff.python === ABSENT ? 'library' : errorDiff.library === ABSENT ? 'python' : null;
    if (raised === null) continue;
    for (const diff of diffs) {
      if (diff.call !== errorDiff.call || explained.has(diff)) continue;
      if (diff.field === 'errorAt' || diff[raised] === ABSENT) explained.set(diff, deviation);
    }
  }
  return { explained, unexplained: diffs.filter((d) => !explained.has(d)) };
}
