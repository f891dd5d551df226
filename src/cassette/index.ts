/**
 * fetch-requests/cassette: record and replay, as vcrpy and betamax do for Python's Requests, in HAR files that
 * browsers' devtools read and write too.
 *
 *   import { Cassette } from 'fetch-requests/cassette';
 *   const cassette = await Cassette.open('test/cassettes/api.har', { mode: 'once' });
 *   const s = new Session({ cassette });
 *   …
 *   await cassette.save();
 *   setupServer(...cassette.handlers());      // the same recordings for any HTTP client, through MSW
 *
 * docs/record-replay.md has the whole story: modes, matching, redaction, timings, MSW, browsers.
 */
export { NoRecordingError } from 'fetch-requests';
export { Cassette } from './cassette';
export type { CassetteMode, CassetteOptions } from './cassette';
export type {
  Har,
  HarContent,
  HarCookie,
  HarEntry,
  HarNameValue,
  HarPostData,
  HarRequest,
  HarResponse,
  HarTimings,
} from './har';
export { REDACTED } from './redact';
export type { RedactOptions } from './redact';
