/**
 * Requests' `status_codes` table: `codes.ok === 200`, `codes.NOT_FOUND === 404`, `codes.teapot === 418`,
 * and the standard reason phrases used when the transport gives none (HTTP/2 has no reason phrase).
 */

/**
 * `[code, text]` of each entry of a table, entries `<code><text>` where the code is left out when it is the
 * previous one plus one (most are: 404 follows 403), which keeps the tables below small in bundles.
 */
function unpack(table: string, separator: string): [number, string][] {
  let code = 0;
  return table.split(separator).map((entry) => [(code = parseInt(entry, 10) || code + 1), entry.replace(/^\d+/, '')]);
}

/**
 * Requests' names, by code, compact: `<code><name>,<name>…` entries (see unpack) separated by spaces, where `*`
 * stands for the reason phrase below in snake case (`404*` is `not_found`; a literal table costs ~1 KB more in a
 * minified bundle). The upper-case names are added at load.
 */
const TITLES =
  '100* * * checkpoint,* 122uri_too_long,request_uri_too_long 200*,okay,all_ok,all_okay,all_good,\\o/,✓ * * ' +
  'non_authoritative_info,non_authoritative_information * *,reset *,partial ' +
  'multi_status,multiple_status,multi_stati,multiple_stati * 226* 300* *,moved,\\o- * *,other * * switch_proxy ' +
  '*,temporary_moved,temporary *,resume_incomplete,resume 400*,bad * *,payment * *,-o- *,not_allowed * ' +
  '*,proxy_auth,proxy_authentication *,timeout * * * *,precondition * request_uri_too_large ' +
  '*,unsupported_media,media_type *,requested_range,range_not_satisfiable * im_a_teapot,teapot,i_am_a_teapot ' +
  '421* *,unprocessable * *,dependency unordered_collection,unordered,* *,upgrade 428*,precondition *,too_many ' +
  '431header_fields_too_large,fields_too_large 444no_response,none 449retry_with,retry ' +
  'blocked_by_windows_parental_controls,parental_controls *,legal_reasons 499client_closed_request ' +
  '*,server_error,/o\\,✗ * * *,unavailable * *,http_version * * 509bandwidth_limit_exceeded,bandwidth * ' +
  '*,network_auth,network_authentication';

function buildCodes(): Readonly<Record<string, number>> {
  const table: Record<string, number> = {};
  // Later codes win a shared name, as in Requests (`precondition` is 428).
  for (const [code, titles] of unpack(TITLES, ' ')) {
    for (let title of titles.split(',')) {
      if (title === '*') title = reasonPhrase(code).toLowerCase().replaceAll(' ', '_');
      table[title] = code;
      if (title[0] !== '\\' && title[0] !== '/') table[title.toUpperCase()] = code;
    }
  }
  return Object.freeze(table);
}

/** `<code><phrase>` entries (see unpack) separated by commas, split on first use. */
const PHRASES =
  '100Continue,Switching Protocols,Processing,Early Hints,200OK,Created,Accepted,Non-Authoritative Information,' +
  'No Content,Reset Content,Partial Content,Multi-Status,Already Reported,226IM Used,300Multiple Choices,' +
  'Moved Permanently,Found,See Other,Not Modified,Use Proxy,307Temporary Redirect,Permanent Redirect,' +
  '400Bad Request,Unauthorized,Payment Required,Forbidden,Not Found,Method Not Allowed,Not Acceptable,' +
  'Proxy Authentication Required,Request Timeout,Conflict,Gone,Length Required,Precondition Failed,' +
  'Request Entity Too Large,Request-URI Too Long,Unsupported Media Type,Requested Range Not Satisfiable,' +
  "Expectation Failed,I'm a Teapot,421Misdirected Request,Unprocessable Entity,Locked,Failed Dependency," +
  'Too Early,Upgrade Required,428Precondition Required,Too Many Requests,431Request Header Fields Too Large,' +
  '451Unavailable For Legal Reasons,500Internal Server Error,Not Implemented,Bad Gateway,Service Unavailable,' +
  'Gateway Timeout,HTTP Version Not Supported,Variant Also Negotiates,Insufficient Storage,Loop Detected,' +
  '510Not Extended,Network Authentication Required';

let phrases: Map<number, string> | undefined;

/** The standard phrase for a status (Python's `http.HTTPStatus`), or '' for an unknown one. */
export function reasonPhrase(status: number): string {
  phrases ??= new Map(unpack(PHRASES, ','));
  return phrases.get(status) ?? '';
}

/**
 * Names of HTTP statuses, lower and upper case: `codes.ok === 200`, `codes['\\o/'] === 200`. Declared last:
 * buildCodes reads PHRASES.
 */
export const codes: Readonly<Record<string, number>> = /* @__PURE__ */ buildCodes();
