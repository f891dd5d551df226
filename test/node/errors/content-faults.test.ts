/**
 * Bodies that arrive intact but lie about what they are: JSON that is not JSON, a charset that is wrong or
 * unknown. Each ends in the documented outcome — JSONDecodeError with Python's message and position, or text
 * decoded the way Requests decodes it, invalid bytes replaced — buffered and streamed alike (where Requests'
 * own streaming decoder crashes with LookupError or UnicodeError, these decode), with the connection left
 * reusable and nothing rejected unhandled.
 */
import { describe, expect, it } from 'vitest';
import requests, { InvalidJSONError, JSONDecodeError } from '../../../src/index';
import { failOnHeldConnections } from '../../helpers/connections';
import { startServerForFile } from '../../helpers/server';
import { failOnUnhandled, fulfilment, sendAndReadText, settleWithin, type Mode } from '../../helpers/settle';

const DEADLINE = 5000;

const srv = await startServerForFile((req, res) => {
  const url = new URL(req.url!, 'http://x');
  if (url.pathname === '/body') {
    res.writeHead(200, { 'content-type': url.searchParams.get('ct')! });
    res.end(Buffer.from(url.searchParams.get('hex')!, 'hex'));
  } else {
    res.end('ok');
  }
});
failOnHeldConnections(srv.server, `${srv.origin}/ok`);
failOnUnhandled();

/** `/body?ct=<content-type>&hex=<bytes>`: exactly those bytes, with that Content-Type. */
const bodyUrl = (contentType: string, bytes: Uint8Array | string): string =>
  `${srv.origin}/body?ct=${encodeURIComponent(contentType)}&hex=${Buffer.from(bytes).toString('hex')}`;

describe.each<Mode>(['buffered', 'streamed'])('%s: invalid JSON', (mode) => {
  // Python's json module gives the same msg and pos for each (V8 words some messages differently).
  it.each([
    ['{"a": 1,', 8, /^Expected double-quoted property name: line 1 column 9 \(char 8\); near "\{\\"a\\": 1,"$/],
    ['{"a": 1,}', 8, /^Expected double-quoted property name: line 1 column 9 \(char 8\)/],
    ['', 0, /^Expecting value: line 1 column 1 \(char 0\); the body is empty$/],
    ['   ', 3, /^Expecting value: line 1 column 4 \(char 3\)/],
    ['<html>oops</html>', 0, /^Expecting value: line 1 column 1 \(char 0\); near "<html>oops<\/html>"$/],
    ['{"a": 1} trailing', 9, /^Unexpected non-whitespace character: line 1 column 10 \(char 9\); near /],
    ['[1, 2', 5, /^[A-Z][^:]*: line 1 column 6 \(char 5\)/],
    ['{"a":\n  x}', 8, /^Expecting value: line 2 column 3 \(char 8\)/],
    ['[1,,2]', 3, /^Expecting value: line 1 column 4 \(char 3\)/],
  ])('%j → JSONDecodeError at char %i, the position said once', async (doc, pos, message) => {
    // Streamed: read() buffers the rest, after which json() works as on a buffered response.
    const response = fulfilment(
      await settleWithin(requests.get(bodyUrl('application/json', doc), { stream: mode === 'streamed' }), DEADLINE),
    );
    await response.read();
    let error: unknown;
    try {
      response.json();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(JSONDecodeError);
    expect(error).toBeInstanceOf(InvalidJSONError);
    const decodeError = error as JSONDecodeError;
    expect(decodeError.name).toBe('JSONDecodeError');
    expect(decodeError.pos).toBe(pos);
    expect(decodeError.doc).toBe(doc);
    expect(decodeError.message).toMatch(message);
    // One position, Python's way: V8's own "at position N (line L column C)" is not repeated in the message.
    expect(decodeError.message).not.toMatch(/JSON at position|is not valid JSON/);
    expect(decodeError.response).toBe(response);
  });
});

describe.each<Mode>(['buffered', 'streamed'])('%s: a charset that lies', (mode) => {
  const latin1Cafe = Uint8Array.of(0x63, 0x61, 0x66, 0xe9);
  const utf8Cafe = new TextEncoder().encode('café');
  // Expected texts are what Python Requests 2.28 gives for `r.text` on the same bytes.
  it.each<[string, string, Uint8Array | string, string]>([
    ['utf-8 declared, Latin-1 sent: the bad byte becomes U+FFFD', 'text/plain; charset=utf-8', latin1Cafe, 'caf\ufffd'],
    ['an unknown charset: UTF-8 (Requests’ LookupError fallback)', 'text/plain; charset=x-klingon', utf8Cafe, 'café'],
    ['an empty charset: UTF-8', 'text/plain; charset=""', utf8Cafe, 'café'],
    ['Latin-1 declared, UTF-8 sent: mojibake, as Requests', 'text/plain; charset=iso-8859-1', utf8Cafe, 'cafÃ©'],
    [
      'utf-16 declared on 5 ASCII bytes: pairs, and U+FFFD for the odd byte',
      'text/plain; charset=utf-16',
      'hello',
      '\u6568\u6c6c\ufffd',
    ],
  ])('%s', async (_name, contentType, bytes, expected) => {
    const { response, text } = fulfilment(
      await settleWithin(
        sendAndReadText(mode, (stream) => requests.get(bodyUrl(contentType, bytes), { stream })),
        DEADLINE,
      ),
    );
    expect(text).toBe(expected);
    expect(response.statusCode).toBe(200);
  });

  it('apparentEncoding sees through the lie, and setting encoding to it gives the real text', async () => {
    const r = fulfilment(
      await settleWithin(
        requests.get(bodyUrl('text/plain; charset=utf-8', latin1Cafe), { stream: mode === 'streamed' }),
        DEADLINE,
      ),
    );
    await r.read();
    expect(r.text).toBe('caf\ufffd');
    expect(r.apparentEncoding).toBe('windows-1252');
    r.encoding = r.apparentEncoding;
    expect(r.text).toBe('café');
  });

  it('JSON under a lying utf-16 charset → JSONDecodeError (the text is decoded as declared, as in Requests)', async () => {
    const r = fulfilment(
      await settleWithin(
        requests.get(bodyUrl('application/json; charset=utf-16', '{"a": "café"}'), { stream: mode === 'streamed' }),
        DEADLINE,
      ),
    );
    await r.read();
    expect(() => r.json()).toThrow(JSONDecodeError);
  });
});
