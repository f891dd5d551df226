/**
 * PreparedRequest.toCurl(): a curl command that a shell runs as it is, with credentials REDACTED unless asked for.
 * The commands are run by /bin/sh against a loopback server, which must receive the request the library would send.
 */
import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { HTTPDigestAuth, PreparedRequest, Session } from '../../../src/index';
import { startServerForFile } from '../../helpers/server';

const srv = await startServerForFile((req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(
    JSON.stringify({ method: req.method, url: req.url, headers: req.headers, body: req.body.toString('base64') }),
  );
});

const s = new Session();
const prepare = (method: string, url: string, options = {}) => s.prepareRequest(method, url, options);

/** Runs a command with /bin/sh (curl from Debian), resolving with what the server echoed. */
function run(command: string): Promise<{ method: string; url: string; headers: Record<string, string>; body: Buffer }> {
  return new Promise((resolve, reject) =>
    execFile('/bin/sh', ['-c', `${command} --silent --show-error`], (error, stdout, stderr) => {
      if (error) reject(new Error(`${error.message}\n${stderr}`));
      else {
        const echoed = JSON.parse(stdout);
        resolve({ ...echoed, body: Buffer.from(echoed.body, 'base64') });
      }
    }),
  );
}

describe('PreparedRequest.toCurl', () => {
  it('a GET: the URL quoted, the headers one per line', async () => {
    const prep = await prepare('GET', `${srv.origin}/get`, { params: { q: "it's a b&c" }, headers: { 'X-Empty': '' } });
    expect(prep.toCurl()).toBe(
      [
        `curl '${srv.origin}/get?q=it%27s+a+b%26c' \\`,
        "  -H 'User-Agent: fetch-requests/0.1.0' \\",
        "  -H 'Accept: */*' \\",
        "  -H 'X-Empty;'",
      ].join('\n'),
    );
    const echoed = await run(prep.toCurl());
    expect(echoed.url).toBe('/get?q=it%27s+a+b%26c');
    expect(echoed.headers['x-empty']).toBe('');
  });

  it('credentials are REDACTED (Authorization keeps its scheme, a cookie its name), unless asked for', async () => {
    const prep = await prepare('GET', 'http://user:pass@example.test/x', { cookies: { sid: 's3cret', theme: 'dark' } });
    prep.headers.set('Cookie', 'sid=s3cret; theme=dark');
    prep.headers.set('Proxy-Authorization', 'Basic cHJveHk6cHc=');
    const shown = prep.toCurl();
    expect(shown).toContain("-H 'Authorization: Basic REDACTED'");
    expect(shown).toContain("-H 'Cookie: sid=REDACTED; theme=REDACTED'");
    expect(shown).toContain("-H 'Proxy-Authorization: Basic REDACTED'");
    expect(shown).not.toMatch(/dXNlcjpwYXNz|s3cret|cHJveHk6cHc/);
    const hand = new PreparedRequest({ method: 'GET', url: 'http://user:pass@example.test/x' });
    expect(hand.toCurl()).toBe("curl 'http://REDACTED@example.test/x'");
    expect(hand.toCurl({ credentials: true })).toBe("curl 'http://user:pass@example.test/x'");
    expect(prep.toCurl({ credentials: true })).toContain("-H 'Authorization: Basic dXNlcjpwYXNz'");
  });

  it('a JSON POST as --data-raw, with quotes in it; a PUT says its method', async () => {
    const prep = await prepare('POST', `${srv.origin}/post`, { json: { quote: "it's", n: 1 } });
    const command = prep.toCurl();
    expect(command).toContain(`--data-raw '{"quote": "it'\\''s", "n": 1}'`);
    expect(command).not.toContain('-X POST');
    const echoed = await run(command);
    expect(echoed.method).toBe('POST');
    expect(echoed.body.toString()).toBe('{"quote": "it\'s", "n": 1}');
    expect(echoed.headers['content-type']).toBe('application/json');
    const put = await prepare('PUT', `${srv.origin}/put`, { data: 'x' });
    expect(put.toCurl()).toMatch(/^curl -X PUT /);
    expect((await run(put.toCurl())).method).toBe('PUT');
    expect((await prepare('HEAD', `${srv.origin}/h`)).toCurl()).toMatch(/^curl '[^']+' --head/);
    expect((await prepare('DELETE', `${srv.origin}/d`)).toCurl()).toMatch(/^curl -X DELETE /);
  });

  it('a binary body is piped in by printf, byte for byte', async () => {
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 10, 13, 0x25, 0x27, 0x5c, 0xff, 0x7f]);
    const prep = await prepare('POST', `${srv.origin}/bin`, { data: bytes });
    const command = prep.toCurl();
    expect(command).toMatch(/^printf '.*' \| curl /);
    expect(command).toContain('--data-binary @-');
    const echoed = await run(command);
    expect(new Uint8Array(echoed.body)).toEqual(bytes);
  });

  it('a multipart body as curl’s own -F parts (files read from disk, said in a comment)', async () => {
    const prep = await prepare('POST', `${srv.origin}/upload`, {
      data: { name: '@not-a-file' },
      files: { photo: ['a;b.png', new Uint8Array([1, 2]), 'image/png'] },
    });
    const command = prep.toCurl();
    expect(command).toContain('--form-string name=@not-a-file');
    expect(command).toContain(`-F 'photo=@"a;b.png";type=image/png'`);
    expect(command).not.toContain('content-type: multipart');
    expect(command.split('\n')[0]).toBe(
      '# -F photo=@a;b.png reads the file a;b.png: the request sent its content from memory',
    );
  });

  it('a FormData body as -F parts too, and curl sends what the library would', async () => {
    const form = new FormData();
    form.append('name', 'Jane');
    const prep = await prepare('POST', `${srv.origin}/form`, { data: form });
    const command = prep.toCurl();
    expect(command).toContain('--form-string name=Jane');
    const echoed = await run(command);
    expect(echoed.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(echoed.body.toString()).toMatch(/name="name"\r\n\r\nJane\r\n/);
  });

  it('a stream body is left to stdin, with a note; Digest auth shows its scheme', async () => {
    const prep = await prepare('POST', `${srv.origin}/s`, {
      data: new ReadableStream({ start: (c) => c.close() }),
      auth: new HTTPDigestAuth('u', 'p'),
    });
    const command = prep.toCurl();
    expect(command).toMatch(/^# the body \(a stream\) is not shown: pipe it into this command\ncurl /);
    expect(command).toContain('--data-binary @-');
  });
});
