/**
 * What the error codes Node's fetch (undici) and Bun's put along a failure's cause chain say it was: a connection
 * that was never made, a connect timeout, TLS, a bad URL, an undecodable or badly framed body. Deno's fetch gives no
 * codes, only its HTTP client's words ("tcp connect error: Connection refused", "invalid peer certificate:
 * UnknownIssuer"), which are read where codes say nothing. errors.ts turns the answer into Requests' exception.
 * error-codes.browser.ts is the browser's twin: a browser's fetch errors carry no codes.
 */

export type FailureKind =
  /** The connection was never made (refused, DNS, unreachable): nothing reached the server. */
  | 'connect'
  | 'connect-timeout'
  /** The proxy refused the request: a CONNECT answered with another status than 200, or a 407. */
  | 'proxy'
  | 'tls'
  | 'url'
  /** The body's content-encoding could not be decoded. */
  | 'decoding'
  /** The body's framing was invalid (chunked encoding, a body longer than its Content-Length). */
  | 'framing';

/** Error codes along an error's cause chain (undici nests them; AggregateError holds several). */
function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  const seen = new Set<unknown>();
  const visit = (e: unknown, depth: number): void => {
    if (!e || typeof e !== 'object' || seen.has(e) || depth > 6) return;
    seen.add(e);
    const { code, cause, errors, name } = e as { code?: unknown; cause?: unknown; errors?: unknown; name?: unknown };
    if (typeof code === 'string') codes.push(code);
    if (typeof name === 'string') codes.push(name);
    visit(cause, depth + 1);
    if (Array.isArray(errors)) for (const inner of errors) visit(inner, depth + 1);
  };
  visit(error, 0);
  return codes;
}

const CONNECT_TIMEOUT = /^(UND_ERR_CONNECT_TIMEOUT|ETIMEDOUT)$/;
/** urllib3's NewConnectionError: the request never left (refused, no such host, no route). */
const CONNECT = /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|EADDRNOTAVAIL)$/;
const TLS =
  /^(CERT_|ERR_TLS_|ERR_SSL_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT|HOSTNAME_MISMATCH|ERR_OSSL)/;
const URL_CODES = /^(ERR_INVALID_URL|ERR_INVALID_HTTP_TOKEN)$/;
// zlib's codes, and brotli's (Node names them ERR_ + BROTLI_DECODER_ERROR_*, e.g. ERR__ERROR_FORMAT_PADDING_2).
const DECODING = /^(Z_DATA_ERROR|Z_BUF_ERROR|Z_NEED_DICT|ERR_BROTLI|ERR__ERROR_|ERR_ZSTD|ZlibError)/;
/** zlib's messages, for a decoder error that lost its code on the way. */
const DECODING_MESSAGE =
  /incorrect header check|invalid (block type|distance|stored block|code)|unexpected end of file|decompress/i;
/** undici's HTTP parser: bad chunk framing or a body longer than its Content-Length. */
const FRAMING = /^(HPE_|HTTPParserError)/;

/** Deno's HTTP client (hyper, rustls), which gives no codes: a connection never made, and TLS failures. */
const DENO_CONNECT = /\btcp connect error: (Connection refused|Network is unreachable|No route to host)|\bdns error: /;
const DENO_TLS = /\binvalid peer certificate: |\breceived fatal alert: /;

/**
 * A proxy's refusal, in each runtime's words, with the status where the runtime gives it: undici's ProxyAgent (a
 * CONNECT answered with another status; a 407 to a forwarded request, which the dispatcher layer reports in the same
 * words for Bun and Deno), Bun's (ERR_PROXY_TUNNEL), Deno's (an HTTP/1.1 407 to a CONNECT; anything else is
 * "unsuccessful tunnel", the status untold).
 */
const PROXY_REFUSALS: readonly RegExp[] = [
  /Proxy response \((\d{3})\) !== 200 when HTTP Tunneling/,
  /Proxy Authentication Required \((407)\)/,
  /Proxy refused to open a tunnel: (\d{3})\b/,
  /\bclient error \(Connect\): proxy authentication required\b/,
  /\bclient error \(Connect\): unsuccessful tunnel\b/,
];

/** What a failure was, by its codes; null when they say nothing known. `detail` is its described cause chain. */
export function failureKind(error: unknown, detail: string): FailureKind | null {
  const codes = errorCodes(error);
  if (codes.some((c) => CONNECT_TIMEOUT.test(c))) return 'connect-timeout';
  if (PROXY_REFUSALS.some((refusal) => refusal.test(detail))) return 'proxy';
  if (codes.some((c) => TLS.test(c)) || DENO_TLS.test(detail)) return 'tls';
  if (codes.some((c) => URL_CODES.test(c))) return 'url';
  if (codes.some((c) => CONNECT.test(c)) || DENO_CONNECT.test(detail)) return 'connect';
  if (codes.some((c) => DECODING.test(c)) || DECODING_MESSAGE.test(detail)) return 'decoding';
  if (codes.some((c) => FRAMING.test(c))) return 'framing';
  return null;
}

/**
 * The status a proxy refused a request with (a CONNECT's, or a 407), from the failure's described cause chain; null
 * when the runtime does not say (Deno's "unsuccessful tunnel").
 */
export function proxyRefusalStatus(detail: string): number | null {
  for (const refusal of PROXY_REFUSALS) {
    const match = refusal.exec(detail);
    if (match) return match[1] ? Number(match[1]) : /authentication required/.test(match[0]) ? 407 : null;
  }
  return null;
}

/**
 * What a TLS failure was, in the words Python's ssl module uses (`certificate verify failed: …`), from OpenSSL's
 * and Node's codes, else from Deno's rustls words in `detail`; null when neither names anything known.
 */
export function tlsReason(error: unknown, detail = ''): string | null {
  const codes = errorCodes(error);
  for (const [pattern, reason] of TLS_REASONS) if (codes.some((c) => pattern.test(c))) return reason;
  for (const [pattern, reason] of DENO_TLS_REASONS) if (pattern.test(detail)) return reason;
  return null;
}

const TLS_REASONS: readonly (readonly [RegExp, string])[] = [
  [/^CERT_HAS_EXPIRED$/, 'certificate verify failed: certificate has expired'],
  [/^CERT_NOT_YET_VALID$/, 'certificate verify failed: certificate is not yet valid'],
  [
    /^ERR_TLS_CERT_ALTNAME_INVALID$/,
    'certificate verify failed: Hostname mismatch, certificate is not valid for this host',
  ],
  [
    /^(UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT(_LOCALLY)?|SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT)$/,
    'certificate verify failed: unable to get local issuer certificate (the CA is not trusted)',
  ],
  [/^CERT_REVOKED$/, 'certificate verify failed: certificate revoked'],
  [/CERTIFICATE_REQUIRED$/, 'the server requires a client certificate (cert)'],
  [/(BAD_CERTIFICATE|UNKNOWN_CA|DECRYPT_ERROR)$/, 'the server refused the client certificate (cert)'],
];

/** rustls' words in Deno's errors, as the same reasons. */
const DENO_TLS_REASONS: readonly (readonly [RegExp, string])[] = [
  [/invalid peer certificate: (certificate expired|Expired)\b/, 'certificate verify failed: certificate has expired'],
  [
    /invalid peer certificate: (certificate not valid yet|NotValidYet)\b/,
    'certificate verify failed: certificate is not yet valid',
  ],
  [
    /invalid peer certificate: (certificate not valid for name|NotValidForName)\b/,
    'certificate verify failed: Hostname mismatch, certificate is not valid for this host',
  ],
  [
    /invalid peer certificate: UnknownIssuer\b/,
    'certificate verify failed: unable to get local issuer certificate (the CA is not trusted)',
  ],
  [/invalid peer certificate: (certificate revoked|Revoked)\b/, 'certificate verify failed: certificate revoked'],
  [/received fatal alert: CertificateRequired\b/, 'the server requires a client certificate (cert)'],
  [
    /received fatal alert: (BadCertificate|UnknownCA|DecryptError)\b/,
    'the server refused the client certificate (cert)',
  ],
];
