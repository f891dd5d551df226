/**
 * Requests' `status_codes` table: `codes.ok === 200`, `codes.NOT_FOUND === 404`, `codes.teapot === 418`,
 * and the standard reason phrases used when the transport gives none (HTTP/2 has no reason phrase).
 */

/**
 * Requests' names, by code, compact: `<code><name>,<name>…` entries separated by spaces, where `*` stands for
 * the reason phrase below in snake case (`404*` is `not_found`; a literal table costs ~1 KB more in a minified
 * bundle). The upper-case names are added at load.
 */
const TITLES =
  '100* 101* 102* 103checkpoint,* 122uri_too_long,request_uri_too_long 200*,okay,all_ok,all_okay,all_good,\\o/,✓ 201* 202* ' +
  '203non_authoritative_info,non_authoritative_information 204* 205*,reset 206*,partial ' +
  '207multi_status,multiple_status,multi_stati,multiple_stati 208* 226* 300* 301*,moved,\\o- 302* 303*,other 304* 305* ' +
  '306switch_proxy 307*,temporary_moved,temporary 308*,resume_incomplete,resume 400*,bad 401* 402*,payment 403* ' +
  '404*,-o- 405*,not_allowed 406* 407*,proxy_auth,proxy_authentication 408*,timeout 409* 410* 411* 412*,precondition ' +
  '413* 414request_uri_too_large 415*,unsupported_media,media_type 416*,requested_range,range_not_satisfiable 417* ' +
  '418im_a_teapot,teapot,i_am_a_teapot 421* 422*,unprocessable 423* 424*,dependency 425unordered_collection,unordered,* ' +
  '426*,upgrade 428*,precondition 429*,too_many 431header_fields_too_large,fields_too_large 444no_response,none ' +
  '449retry_with,retry 450blocked_by_windows_parental_controls,parental_controls 451*,legal_reasons 499client_closed_request ' +
  '500*,server_error,/o\\,✗ 501* 502* 503*,unavailable 504* 505*,http_version 506* 507* 509bandwidth_limit_exceeded,bandwidth ' +
  '510* 511*,network_auth,network_authentication';

function buildCodes(): Readonly<Record<string, number>> {
  const table: Record<string, number> = {};
  // Later codes win a shared name, as in Requests (`precondition` is 428).
  for (const entry of TITLES.split(' ')) {
    const code = Number(entry.slice(0, 3));
    for (let title of entry.slice(3).split(',')) {
      if (title === '*') title = reasonPhrase(code).toLowerCase().replaceAll(' ', '_');
      table[title] = code;
      if (title[0] !== '\\' && title[0] !== '/') table[title.toUpperCase()] = code;
    }
  }
  return Object.freeze(table);
}

/** `<code><phrase>` entries separated by commas, split on first use. */
const PHRASES =
  '100Continue,101Switching Protocols,102Processing,103Early Hints,200OK,201Created,202Accepted,' +
  '203Non-Authoritative Information,204No Content,205Reset Content,206Partial Content,207Multi-Status,' +
  '208Already Reported,226IM Used,300Multiple Choices,301Moved Permanently,302Found,303See Other,304Not Modified,' +
  '305Use Proxy,307Temporary Redirect,308Permanent Redirect,400Bad Request,401Unauthorized,402Payment Required,' +
  '403Forbidden,404Not Found,405Method Not Allowed,406Not Acceptable,407Proxy Authentication Required,' +
  '408Request Timeout,409Conflict,410Gone,411Length Required,412Precondition Failed,413Request Entity Too Large,' +
  "414Request-URI Too Long,415Unsupported Media Type,416Requested Range Not Satisfiable,417Expectation Failed,418I'm a Teapot," +
  '421Misdirected Request,422Unprocessable Entity,423Locked,424Failed Dependency,425Too Early,426Upgrade Required,' +
  '428Precondition Required,429Too Many Requests,431Request Header Fields Too Large,451Unavailable For Legal Reasons,' +
  '500Internal Server Error,501Not Implemented,502Bad Gateway,503Service Unavailable,504Gateway Timeout,' +
  '505HTTP Version Not Supported,506Variant Also Negotiates,507Insufficient Storage,508Loop Detected,510Not Extended,' +
  '511Network Authentication Required';

let phrases: Map<number, string> | undefined;

/** The standard phrase for a status (Python's `http.HTTPStatus`), or '' for an unknown one. */
export function reasonPhrase(status: number): string {
  phrases ??= new Map(PHRASES.split(',').map((entry) => [Number(entry.slice(0, 3)), entry.slice(3)]));
  return phrases.get(status) ?? '';
}

/**
 * Names of HTTP statuses, lower and upper case: `codes.ok === 200`, `codes['\\o/'] === 200`. Declared last:
 * buildCodes reads PHRASES.
 */
export const codes: Readonly<Record<string, number>> = /* @__PURE__ */ buildCodes();
