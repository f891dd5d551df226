/**
 * Every test of psf/requests tests/test_requests.py (the version read for the port: 005571d1), by pytest's node id
 * (`test_x`, or `test_x[id]` for each parametrize case, ids as pytest makes them), and what became of it:
 *
 *   - ported: a test titled with that id runs in this suite and must pass;
 *   - not applicable: there is nothing in JavaScript or in the contract to port it to (the reason says why);
 *   - expected difference: ported as Requests means it, run with `it.fails` (helpers.ts `port()`), so that the
 *     suite FAILS the day it starts passing — then its line here is removed. Categories:
 *       platform  what fetch or the WHATWG URL standard forbid; for good.
 *       contract  a difference API.md or the README's "Differences from Python Requests" table makes on purpose;
 *                 for good, unless the contract changes.
 *       xfail     marked xfail in Requests itself.
 *       pending   a feature being built (`issues` names it): the test is what API.md promises. None today.
 *       bug       the library is wrong, in a file outside this port's reach: the reason says what and where.
 *
 * The reporter (reporter.ts) checks this table against the tests that ran and prints the counts.
 */

export type Category = 'platform' | 'contract' | 'xfail' | 'pending' | 'bug';

export type Row =
  | { test: string; status: 'ported' }
  | { test: string; status: 'not applicable'; reason: string }
  | { test: string; status: 'expected difference'; category: Category; issues?: readonly string[]; reason: string };

const ported = (...tests: string[]): Row[] => tests.map((test) => ({ test, status: 'ported' }));

const na = (reason: string, ...tests: string[]): Row[] =>
  tests.map((test) => ({ test, status: 'not applicable', reason }));

const differs =
  (category: Exclude<Category, 'pending'>) =>
  (reason: string, ...tests: string[]): Row[] =>
    tests.map((test) => ({ test, status: 'expected difference', category, reason }));

const platform = differs('platform');
const contract = differs('contract');
const xfail = differs('xfail');

/** `name[id]` for each id. */
const each = (name: string, ...ids: string[]): string[] => ids.map((id) => `${name}[${id}]`);

const BYTES = "Python's bytes/str split: the bytes form of a str case ported beside it (JavaScript has strings only)";
const PICKLE = 'pickling: Python object serialisation, nothing to port it to';
const REWIND =
  "Python file objects' tell()/seek() and Requests' private `_body_position`/`rewind_body`: no JavaScript counterpart (a Blob or bytes is re-sent whole; a ReadableStream raises UnrewindableBodyError)";
const URLLIB3_TIMEOUT =
  "urllib3's Timeout object: its only JavaScript form is the { connect, read } object of the tuple case ported beside it";
const GET_BODY = 'fetch sends no body with GET: preparing a GET with data or json raises before anything is sent';

export const ledger: readonly Row[] = [
  // ---- class TestRequests -------------------------------------------------------------------------------------
  ...ported('test_entry_points'),
  ...ported(
    ...each(
      'test_invalid_url',
      'MissingSchema-hiwpefhipowhefopw',
      'InvalidSchema-localhost:3128',
      'InvalidSchema-localhost.localdomain:3128/',
      'InvalidURL-http://',
      'InvalidURL-http://*example.com',
      'InvalidURL-http://.example.com',
    ),
  ),
  ...contract(
    "README (parity allow-list): '127.0.0.1:8080/x' has no scheme, MissingSchema; Requests takes the part before ':' for a scheme (InvalidSchema)",
    'test_invalid_url[InvalidSchema-10.122.1.1:3128/]',
  ),
  ...ported('test_basic_building'),
  ...ported(...each('test_no_content_length', 'GET', 'HEAD')),
  ...ported(...each('test_no_body_content_length', 'POST', 'PUT', 'PATCH', 'OPTIONS')),
  ...ported(...each('test_empty_content_length', 'POST', 'PUT', 'PATCH', 'OPTIONS')),
  ...ported(
    'test_override_content_length',
    'test_path_is_not_double_encoded',
    ...each(
      'test_params_are_added_before_fragment',
      'http://example.com/path#fragment-http://example.com/path?a=b#fragment',
      'http://example.com/path?key=value#fragment-http://example.com/path?key=value&a=b#fragment',
    ),
    'test_params_original_order_is_preserved_by_default',
    'test_params_bytes_are_encoded',
    'test_binary_put',
    'test_whitespaces_are_removed_from_url',
    ...each('test_mixed_case_scheme_acceptable', 'http://', 'HTTP://', 'hTTp://', 'HttP://'),
    'test_HTTP_200_OK_GET_ALTERNATIVE',
    'test_HTTP_302_ALLOW_REDIRECT_GET',
    'test_HTTP_307_ALLOW_REDIRECT_POST',
    'test_HTTP_307_ALLOW_REDIRECT_POST_WITH_SEEKABLE',
    'test_HTTP_302_TOO_MANY_REDIRECTS',
    'test_HTTP_302_TOO_MANY_REDIRECTS_WITH_PARAMS',
    'test_http_301_changes_post_to_get',
    'test_http_301_doesnt_change_head_to_get',
    'test_http_302_changes_post_to_get',
    'test_http_302_doesnt_change_head_to_get',
    'test_http_303_changes_post_to_get',
    'test_http_303_doesnt_change_head_to_get',
  ),
  ...ported('test_header_and_body_removal_on_redirect'),
  ...ported('test_transfer_enc_removal_on_redirect'),
  ...ported(
    'test_fragment_maintained_on_redirect',
    'test_HTTP_200_OK_GET_WITH_PARAMS',
    'test_HTTP_200_OK_GET_WITH_MIXED_PARAMS',
    'test_set_cookie_on_301',
    'test_cookie_sent_on_redirect',
    'test_cookie_removed_on_expire',
    'test_cookie_quote_wrapped',
    'test_cookie_persists_via_api',
    'test_request_cookie_overrides_session_cookie',
    'test_request_cookies_not_persisted',
    'test_generic_cookiejar_works',
    'test_param_cookiejar_works',
  ),
  ...na(
    'asserts the types of the private PreparedRequest._cookies (a cookielib.CookieJar, not a RequestsCookieJar): Python internals; the jar is rebuilt for every hop here',
    'test_cookielib_cookiejar_on_redirect',
  ),
  ...ported('test_requests_in_history_are_not_overridden', 'test_history_is_always_a_list'),
  ...ported('test_headers_on_session_with_None_are_not_sent'),
  ...ported('test_headers_preserve_order'),
  ...ported(
    ...each('test_user_agent_transfers', 'User-agent', 'user-agent'),
    'test_HTTP_200_OK_HEAD',
    'test_HTTP_200_OK_PUT',
    'test_BASICAUTH_TUPLE_HTTP_200_OK_GET',
    ...each('test_set_basicauth', 'user-pass'),
    ...each(
      'test_set_basicauth',
      '\\xd0\\xb8\\xd0\\xbc\\xd1\\x8f-\\xd0\\xbf\\xd0\\xb0\\xd1\\x80\\xd0\\xbe\\xd0\\xbb\\xd1\\x8c',
      '42-42',
      'None-None',
    ),
    'test_basicauth_encodes_byte_strings',
    ...each(
      'test_errors',
      'http://doesnotexist.google.com-ConnectionError',
      'http://localhost:1-ConnectionError',
      'http://fe80::5054:ff:fe5a:fc0-InvalidURL',
    ),
  ),
  ...ported('test_proxy_error'),
  ...ported('test_proxy_error_on_bad_url'),
  ...ported(
    'test_respect_proxy_env_on_send_self_prepared_request',
    'test_respect_proxy_env_on_send_session_prepared_request',
    'test_respect_proxy_env_on_send_with_redirects',
    'test_respect_proxy_env_on_get',
    'test_respect_proxy_env_on_request',
  ),
  ...ported('test_proxy_authorization_preserved_on_request'),
  ...ported(
    ...each(
      'test_proxy_authorization_not_appended_to_https_request',
      'http://example.com-True',
      'https://example.com-False',
    ),
  ),
  ...na('netrc: API.md has no .netrc (the README lists it among the differences)', 'test_basicauth_with_netrc'),
  ...ported(
    'test_DIGEST_HTTP_200_OK_GET',
    'test_DIGEST_AUTH_RETURNS_COOKIE',
    'test_DIGEST_AUTH_SETS_SESSION_COOKIES',
    'test_DIGEST_STREAM',
    'test_DIGESTAUTH_WRONG_HTTP_401_GET',
    'test_DIGESTAUTH_QUOTES_QOP_VALUE',
    'test_POSTBIN_GET_POST_FILES',
  ),
  ...contract(
    'API.md: a file is a Blob/File/Uint8Array/string, a Node fs.ReadStream/FileHandle or a tuple, anything else a TypeError before sending; Requests posts the int 1 as a field (str(1))',
    'test_invalid_files_input',
  ),
  ...ported(
    'test_POSTBIN_SEEKED_OBJECT_WITH_NO_ITER',
    'test_POSTBIN_GET_POST_FILES_WITH_DATA',
    'test_post_with_custom_mapping',
    'test_conflicting_post_params',
    'test_request_ok_set',
    'test_status_raising',
    'test_decompress_gzip',
    ...each('test_unicode_get', '/get-params0', '/get-params1', '/get-params2', '/get-params3', '\\xf8-params4'),
    'test_unicode_header_name',
  ),
  ...ported('test_pyopenssl_redirect'),
  ...ported('test_invalid_ca_certificate_path'),
  ...ported('test_invalid_ssl_certificate_files'),
  ...ported(...each('test_env_cert_bundles', 'env0-True', 'env2-True', 'env4-True', 'env5-True')),
  ...ported(
    ...each('test_env_cert_bundles', 'env1-/some/path', 'env3-/some/path', 'env6-/some/path', 'env7-/curl/path'),
  ),
  ...ported('test_http_with_certificate'),
  ...na(
    "urllib3's SubjectAltNameWarning/SNIMissingWarning: skipped by Requests itself under urllib3 2, and the library has no warnings",
    'test_https_warnings',
  ),
  ...ported(
    'test_certificate_failure',
    'test_urlencoded_get_query_multivalued_param',
    'test_form_encoded_post_query_multivalued_element',
    'test_different_encodings_dont_break_post',
    ...each('test_unicode_multipart_post', 'data0', 'data2'),
  ),
  ...na(BYTES, ...each('test_unicode_multipart_post', 'data1', 'data3')),
  ...na(
    "a bytes field name (b'stuff') must not be written as \"b'stuff'\": Python's bytes/str split; names are strings here",
    'test_unicode_multipart_post_fieldnames',
  ),
  ...ported('test_unicode_method_name', 'test_unicode_method_name_with_request_object'),
  ...ported('test_non_prepared_request_error'),
  ...ported('test_custom_content_type'),
  ...ported('test_hook_receives_request_arguments'),
  ...ported('test_session_hooks_are_used_with_no_request_hooks', 'test_session_hooks_are_overridden_by_request_hooks'),
  ...ported('test_prepared_request_hook'),
  ...ported(
    'test_prepared_from_session',
    'test_prepare_request_with_bytestring_url',
    'test_request_with_bytestring_host',
    'test_links',
  ),
  ...ported(
    'test_cookie_parameters',
    'test_cookie_as_dict_keeps_len',
    'test_cookie_as_dict_keeps_items',
    'test_cookie_as_dict_keys',
    'test_cookie_as_dict_values',
    'test_cookie_as_dict_items',
    'test_cookie_duplicate_names_different_domains',
    'test_cookie_duplicate_names_raises_cookie_conflict_error',
  ),
  ...na(
    "cookielib's CookiePolicy (set_policy/get_policy): the jar's policy is RFC 6265's, fixed (tough-cookie), not pluggable",
    'test_cookie_policy_copy',
  ),
  ...ported('test_time_elapsed_blank'),
  ...na(
    'a Response built with no raw at all has content None: a Response here always wraps a fetch Response (an empty body is empty bytes)',
    'test_empty_response_has_content_none',
  ),
  ...ported('test_response_is_iterable'),
  ...ported('test_response_decode_unicode', 'test_response_reason_unicode'),
  ...platform(
    "fetch (undici) decodes the status line's reason as UTF-8: a Latin-1 byte arrives as U+FFFD ('l\ufffdydy'), so raiseForStatus cannot fall back to ISO-8859-1 as Requests does with the bytes",
    'test_response_reason_unicode_fallback',
  ),
  ...ported(
    'test_response_chunk_size_type',
    ...each(
      'test_iter_content_wraps_exceptions',
      'ProtocolError-args0-ChunkedEncodingError',
      'DecodeError-args1-ContentDecodingError',
    ),
  ),
  ...contract(
    'README (parity allow-list): a body silent past the read timeout is ReadTimeout (a Timeout); Requests wraps urllib3 ReadTimeoutError in ConnectionError',
    'test_iter_content_wraps_exceptions[ReadTimeoutError-args2-ConnectionError]',
  ),
  ...na(
    "an SSL error in the middle of a body (urllib3's SSLError mocked into raw.stream): a TLS failure after the headers cannot be produced on loopback",
    'test_iter_content_wraps_exceptions[SSLError-args3-SSLError]',
  ),
  ...na(
    PICKLE,
    'test_request_and_response_are_pickleable',
    'test_prepared_request_is_pickleable',
    'test_prepared_request_with_file_is_pickleable',
    'test_prepared_request_with_hook_is_pickleable',
  ),
  ...ported('test_cannot_send_unprepared_requests'),
  ...ported('test_http_error'),
  ...na(PICKLE, 'test_session_pickling'),
  ...ported('test_fixes_1329'),
  ...ported('test_uppercase_scheme_redirect'),
  ...ported('test_transport_adapter_ordering'),
  ...ported(
    'test_session_get_adapter_prefix_matching',
    'test_session_get_adapter_prefix_matching_mixed_case',
    'test_session_get_adapter_prefix_matching_is_case_insensitive',
  ),
  ...ported('test_header_remove_is_case_insensitive'),
  ...ported('test_params_are_merged_case_sensitive'),
  ...contract(
    'README: credentials in the URL become Basic auth and are never in any url (PreparedRequest.url included); Requests keeps user:pass@ in prep.url',
    'test_long_authinfo_in_url',
  ),
  ...na(
    "a header dict with a bytes key (b'byte'): Python's bytes/str split; header names are strings here",
    'test_header_keys_are_native',
  ),
  ...ported(
    'test_header_validation',
    ...each('test_header_value_not_str', 'invalid_header0-foo', 'invalid_header1-bar', 'invalid_header2-baz'),
    ...each(
      'test_header_no_return_chars',
      'invalid_header0',
      'invalid_header1',
      'invalid_header2',
      'invalid_header3',
      'invalid_header4',
      'invalid_header5',
      'invalid_header6',
      'invalid_header7',
    ),
    ...each(
      'test_header_no_leading_space',
      'invalid_header0',
      'invalid_header1',
      'invalid_header2',
      'invalid_header3',
      'invalid_header4',
      'invalid_header5',
      'invalid_header6',
    ),
  ),
  ...na(
    "subclasses of str and bytes as header names and values: Python's type system (a JavaScript header name is always a primitive string)",
    'test_header_with_subclass_types',
  ),
  ...ported(
    ...each('test_can_send_objects_with_files', 'foo0', 'foo1', 'files2'),
    'test_can_send_file_object_with_non_string_filename',
  ),
  ...ported('test_autoset_header_values_are_native'),
  ...ported('test_nonhttp_schemes_dont_check_URLs'),
  ...ported('test_auth_is_stripped_on_http_downgrade'),
  ...ported('test_auth_is_retained_for_redirect_on_host'),
  ...ported(
    'test_should_strip_auth_host_change',
    'test_should_strip_auth_http_downgrade',
    'test_should_strip_auth_https_upgrade',
    'test_should_strip_auth_port_change',
    ...each(
      'test_should_strip_auth_default_port',
      'https://example.com:443/foo-https://example.com/bar',
      'http://example.com:80/foo-http://example.com/bar',
      'https://example.com/foo-https://example.com:443/bar',
      'http://example.com/foo-http://example.com:80/bar',
    ),
  ),
  ...ported('test_manual_redirect_with_partial_body_read'),
  ...na(
    REWIND,
    'test_prepare_body_position_non_stream',
    'test_rewind_body',
    'test_rewind_partially_read_body',
    'test_rewind_body_no_seek',
    'test_rewind_body_failed_seek',
    'test_rewind_body_failed_tell',
  ),
  ...ported('test_redirect_with_wrong_gzipped_header'),
  ...ported(
    ...each('test_basic_auth_str_is_always_native', 'test-test-Basic dGVzdDp0ZXN0'),
    ...each(
      'test_basic_auth_str_is_always_native',
      '\\xd0\\xb8\\xd0\\xbc\\xd1\\x8f-\\xd0\\xbf\\xd0\\xb0\\xd1\\x80\\xd0\\xbe\\xd0\\xbb\\xd1\\x8c-Basic 0LjQvNGPOtC/0LDRgNC+0LvRjA==',
    ),
    'test_requests_history_is_saved',
    'test_json_param_post_content_type_works',
    'test_json_param_post_should_not_override_data_param',
    'test_response_iter_lines',
  ),
  ...na(
    "Python's context manager (`with requests.get(...) as r`); API.md defines no `using`/Symbol.dispose on Response — close() is ported in test_unconsumed_session_response_closes_connection",
    'test_response_context_manager',
  ),
  ...ported('test_unconsumed_session_response_closes_connection'),
  ...xfail(
    'Requests marks it xfail: iterLines() is not reentrant (a second iterLines after one line read cannot see the rest; here StreamConsumedError)',
    'test_response_iter_lines_reentrant',
  ),
  ...na(
    "urllib3's proxy managers inside HTTPAdapter, replaced by mocks: no public counterpart",
    'test_session_close_proxy_clear',
  ),
  ...ported('test_proxy_auth'),
  ...ported('test_proxy_auth_empty_pass'),
  ...na(
    "forces the private _content/_content_consumed of a Response to False so that content is None: Requests' internals",
    'test_response_json_when_content_is_None',
  ),
  ...ported('test_response_without_release_conn'),
  ...ported('test_empty_stream_with_auth_does_not_set_content_length_header'),
  ...ported('test_stream_with_auth_does_not_set_transfer_encoding_header'),
  ...ported('test_chunked_upload_does_not_set_content_length_header'),
  ...ported('test_custom_redirect_mixin'),

  // ---- class TestCaseInsensitiveDict (the headers dict of API.md) ----------------------------------------------
  ...ported(...each('test_init', 'cid0', 'cid1', 'cid2')),
  ...ported('test_docstring_example'),
  ...ported('test_len'),
  ...ported('test_getitem'),
  ...ported('test_fixes_649'),
  ...ported('test_delitem'),
  ...ported('test_contains', 'test_get'),
  ...ported('test_update', 'test_update_retains_unchanged'),
  ...ported('test_iter'),
  ...na(
    "dict value equality (cid == other, cid != object()): JavaScript compares objects by identity and API.md's headers define no equality",
    'test_equality',
  ),
  ...ported('test_setdefault'),
  ...na(
    "CaseInsensitiveDict.lower_items(): a Python helper with no counterpart (a Headers' own iteration is lower-case today, case-preserving under #23)",
    'test_lower_items',
  ),
  ...ported('test_preserve_key_case', 'test_preserve_last_key_case'),
  ...na(
    'compares a copy with == and != (value equality of dicts): no value equality for objects in JavaScript',
    'test_copy',
  ),

  // ---- classes TestMorselToCookieExpires, TestMorselToCookieMaxAge ---------------------------------------------
  ...na(
    "morsel_to_cookie converts Python's http.cookies.Morsel: there is no Morsel in JavaScript (the jar parses Set-Cookie's Expires and Max-Age itself: test_cookie_removed_on_expire)",
    'test_expires_valid_str',
    ...each('test_expires_invalid_int', '100-TypeError', 'woops-ValueError'),
    'test_expires_none',
    'test_max_age_valid_int',
    'test_max_age_invalid_str',
  ),

  // ---- class TestTimeout -----------------------------------------------------------------------------------------
  ...ported('test_stream_timeout'),
  ...ported(...each('test_invalid_timeout', 'timeout0-(connect, read)', 'foo-must be an int, float or None')),
  ...ported(...each('test_none_timeout', 'None', 'timeout1')),
  ...ported('test_read_timeout[timeout0]'),
  ...ported('test_connect_timeout[timeout0]', 'test_total_timeout_connect[timeout0]'),
  ...na(
    URLLIB3_TIMEOUT,
    'test_read_timeout[timeout1]',
    'test_connect_timeout[timeout1]',
    'test_total_timeout_connect[timeout1]',
  ),
  ...na("a method given as bytes (b'GET'): Python's bytes/str split", 'test_encoded_methods'),

  // ---- module-level tests ---------------------------------------------------------------------------------------
  ...platform(GET_BODY, 'test_json_encodes_as_bytes'),
  ...ported('test_requests_are_updated_each_time'),
  ...ported(
    ...each(
      'test_proxy_env_vars_override_default',
      'http_proxy-http://example.com-socks5://proxy.com:9876',
      'https_proxy-https://example.com-socks5://proxy.com:9876',
      'all_proxy-http://example.com-socks5://proxy.com:9876',
      'all_proxy-https://example.com-socks5://proxy.com:9876',
    ),
  ),
  ...platform(GET_BODY, ...each('test_data_argument_accepts_tuples', 'data0', 'data1', 'data2')),
  ...ported(...each('test_prepared_copy', 'None', 'kwargs3')),
  ...platform(GET_BODY, ...each('test_prepared_copy', 'kwargs1', 'kwargs2')),
  ...ported('test_urllib3_retries'),
  ...na(
    "urllib3's connection pool sizes (pool_connections/pool_maxsize 0, 'Pool is closed.'): the runtime's fetch owns the pool",
    'test_urllib3_pool_connection_closed',
  ),

  // ---- class TestPreparingURLs -----------------------------------------------------------------------------------
  ...ported(
    ...each(
      'test_preparing_url',
      'http://google.com-http://google.com/',
      'http://\\u30b8\\u30a7\\u30fc\\u30d4\\u30fc\\u30cb\\u30c3\\u30af.jp-http://xn--hckqz9bzb1cyrb.jp/',
      'http://xn--n3h.net/-http://xn--n3h.net/0',
      'http://stra\\xdfe.de/stra\\xdfe-http://xn--strae-oqa.de/stra%C3%9Fe',
      'http://K\\xf6nigsg\\xe4\\xdfchen.de/stra\\xdfe-http://xn--knigsgchen-b4a3dun.de/stra%C3%9Fe',
    ),
  ),
  ...na(
    BYTES,
    ...each(
      'test_preparing_url',
      'http://\\xe3\\x82\\xb8\\xe3\\x82\\xa7\\xe3\\x83\\xbc\\xe3\\x83\\x94\\xe3\\x83\\xbc\\xe3\\x83\\x8b\\xe3\\x83\\x83\\xe3\\x82\\xaf.jp-http://xn--hckqz9bzb1cyrb.jp/',
      'http://stra\\xc3\\x9fe.de/stra\\xc3\\x9fe-http://xn--strae-oqa.de/stra%C3%9Fe',
      'http://K\\xc3\\xb6nigsg\\xc3\\xa4\\xc3\\x9fchen.de/stra\\xc3\\x9fe-http://xn--knigsgchen-b4a3dun.de/stra%C3%9Fe',
      'http://xn--n3h.net/-http://xn--n3h.net/1',
      'http://[1200:0000:ab00:1234:0000:2552:7777:1313]:12345/-http://[1200:0000:ab00:1234:0000:2552:7777:1313]:12345/0',
    ),
  ),
  ...platform(
    'WHATWG URL serialises an IPv6 host in its shortest form ([1200:0:ab00:1234:0:2552:7777:1313]); Requests keeps the zeros as written',
    'test_preparing_url[http://[1200:0000:ab00:1234:0000:2552:7777:1313]:12345/-http://[1200:0000:ab00:1234:0000:2552:7777:1313]:12345/1]',
  ),
  ...na(BYTES, ...each('test_preparing_bad_url', 'http://*.google.com0', 'http://*0')),
  ...ported(...each('test_preparing_bad_url', 'http://*.google.com1', 'http://*1')),
  ...platform(
    "WHATWG URL's UTS #46 processing maps ☃ to xn--n3h and accepts the host; Requests' IDNA 2008 refuses it (InvalidURL)",
    'test_preparing_bad_url[http://\\u2603.net/]',
  ),
  ...ported('test_redirecting_to_bad_url[http://localhost:-1-InvalidURL]'),
  ...na(
    BYTES,
    ...each(
      'test_url_mutation',
      'http+unix://%2Fvar%2Frun%2Fsocket/path%7E-http+unix://%2Fvar%2Frun%2Fsocket/path~0',
      'mailto:user@example.org-mailto:user@example.org0',
    ),
  ),
  ...ported(
    ...each(
      'test_url_mutation',
      'http+unix://%2Fvar%2Frun%2Fsocket/path%7E-http+unix://%2Fvar%2Frun%2Fsocket/path~1',
      'mailto:user@example.org-mailto:user@example.org1',
    ),
  ),
  ...na(
    "a bytes data: URL (the case has no str twin; data: URLs as strings are in test_nonhttp_schemes_dont_check_URLs): Python's bytes/str split",
    'test_url_mutation[data:SSDimaUgUHl0aG9uIQ==-data:SSDimaUgUHl0aG9uIQ==]',
  ),
  ...na(
    BYTES,
    ...each(
      'test_parameters_for_nonstandard_schemes',
      'http+unix://%2Fvar%2Frun%2Fsocket/path-params0-http+unix://%2Fvar%2Frun%2Fsocket/path?key=value',
      'mailto:user@example.org-params2-mailto:user@example.org',
    ),
  ),
  ...ported(
    ...each(
      'test_parameters_for_nonstandard_schemes',
      'http+unix://%2Fvar%2Frun%2Fsocket/path-params1-http+unix://%2Fvar%2Frun%2Fsocket/path?key=value',
      'mailto:user@example.org-params3-mailto:user@example.org',
    ),
  ),
  ...ported('test_post_json_nan', 'test_json_decode_compatibility'),
  ...ported('test_json_decode_persists_doc_attr'),
];

const byTest = new Map(ledger.map((row) => [row.test, row]));

export function rowFor(test: string): Row | undefined {
  return byTest.get(test);
}
