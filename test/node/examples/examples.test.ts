/**
 * Every tutorial example, run as `npm run examples` runs it (examples/run.ts, against the MSW mocks), prints what
 * the tutorial shows its Python original printing. The runner runs once, in a child process; each test checks
 * one example's section of its output.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JLS8_PDF_SIZE, jls8PdfBytes } from '../../../mocks/tutorial';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const TSX = fileURLToPath(import.meta.resolve('tsx/cli'));

/** The tutorial's examples, in its order. */
const TUTORIAL = [
  'version',
  'read_webpage',
  'strip_tags',
  'create_request',
  'get_status',
  'head_request',
  'mget',
  'mget2',
  'redirect',
  'redirect2',
  'redirect3',
  'user_agent',
  'post_value',
  'upload_file',
  'read_json',
  'send_json',
  'get_term',
  'streaming',
  'credentials',
];

function runExamples(...args: string[]): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [TSX, 'examples/run.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 80_000,
  });
}

// The tutorial's pages, as it prints them.
const WEBCODE_PAGE = `<!DOCTYPE html>
<html lang="en">
<head>
    <meta charset="UTF-8">
    <meta name="viewport" content="width=device-width, initial-scale=1.0">
    <title>My html page</title>
</head>
<body>

    <p>
        Today is a beautiful day. We go swimming and fishing.
    </p>

    <p>
         Hello there. How are you?
    </p>

</body>
</html>`;

const NEW_PAGE = `<!DOCTYPE html>
<html>
<head>
<title>New page</title>
</head>
<body>
<p>
This is a new page
</p>
</body>
</html>`;

const SECURE_PAGE = `<!DOCTYPE html>
<html lang="en">
<head>
<title>Secure page</title>
</head>

<body>

<p>
This is a secure page.
</p>

</body>

</html>`;

let out: string;
let run: SpawnSyncReturns<string>;
const sections = new Map<string, string>();

beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'examples-test-'));
  run = runExamples('--out', out);
  // Sections start with "=== name ===" and are separated by one blank line.
  const parts = run.stdout.split(/(?:^|\n)=== (\w+) ===\n/);
  for (let i = 1; i < parts.length; i += 2) sections.set(parts[i]!, parts[i + 1]!.replace(/\n$/, ''));
}, 90_000);

afterAll(() => rmSync(out, { recursive: true, force: true }));

/** An example's output lines, without the trailing newline of its last print. */
const output = (name: string): string => {
  const text = sections.get(name);
  if (text === undefined) throw new Error(`no output section for ${name}; stderr:\n${run.stderr}`);
  return text.replace(/\n$/, '');
};

describe('npm run examples', () => {
  it('runs every example of the tutorial, in its order, and exits 0', () => {
    expect(run.stderr).not.toMatch(/failed/);
    expect([...sections.keys()]).toEqual(TUTORIAL);
    expect(run.status).toBe(0);
  });

  it('version prints the package version and a copyright line', () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const [first, second, ...rest] = output('version').split('\n');
    expect(first).toBe(version);
    expect(second).toMatch(/^Copyright \d{4} /);
    expect(rest).toEqual([]);
  });

  it('read_webpage and create_request print the www.webcode.me page', () => {
    expect(output('read_webpage')).toBe(WEBCODE_PAGE);
    expect(output('create_request')).toBe(WEBCODE_PAGE);
  });

  it('strip_tags prints the page with every tag removed', () => {
    const text = output('strip_tags');
    expect(text).not.toMatch(/[<>]/);
    expect(text).toContain('My html page');
    expect(text).toContain('        Today is a beautiful day. We go swimming and fishing.');
    expect(text).toBe(WEBCODE_PAGE.replace(/<[^<]+?>/g, ''));
  });

  it('get_status prints 200 then 404', () => {
    expect(output('get_status')).toBe('200\n404');
  });

  it('head_request prints the server, last modification time and content type', () => {
    expect(output('head_request')).toBe(
      'Server: nginx/1.6.2\nLast modified: Sat, 20 Jul 2019 11:49:25 GMT\nContent type: text/html',
    );
  });

  it("mget prints httpbin's JSON with the name argument from the URL", () => {
    const body = JSON.parse(output('mget')) as { args: unknown; headers: Record<string, string> };
    expect(body.args).toEqual({ name: 'Peter' });
    expect(body.headers.Host).toBe('httpbin.org');
    expect(body.headers.Accept).toBe('*/*');
  });

  it('mget2 prints the URL with the params appended, then the JSON with both arguments', () => {
    const [url, ...json] = output('mget2').split('\n');
    expect(url).toBe('https://httpbin.org/get?name=Peter&age=23');
    expect((JSON.parse(json.join('\n')) as { args: unknown }).args).toEqual({ age: '23', name: 'Peter' });
  });

  it('redirect prints 200, the 302 in the history as Python prints the list, and the final URL', () => {
    expect(output('redirect')).toBe('200\n[<Response [302]>]\nhttps://httpbin.org/');
  });

  it('redirect2 does not follow: it prints 302 and the URL asked for', () => {
    expect(output('redirect2')).toBe('302\nhttps://httpbin.org/redirect-to?url=/');
  });

  it('redirect3 prints 200, the 301 history, the new URL and the new page', () => {
    expect(output('redirect3')).toBe(`200\n[<Response [301]>]\nhttp://localhost/newpage.html\n${NEW_PAGE}`);
  });

  it('user_agent prints the User-Agent it sent, as the server echoes it', () => {
    expect(output('user_agent')).toBe('Python script');
  });

  it("post_value prints httpbin's JSON with the form field and the urlencoded body's headers", () => {
    const body = JSON.parse(output('post_value')) as {
      args: unknown;
      data: string;
      files: unknown;
      form: unknown;
      json: unknown;
      headers: Record<string, string>;
    };
    expect(body.form).toEqual({ name: 'Peter' });
    expect([body.args, body.data, body.files, body.json]).toEqual([{}, '', {}, null]);
    expect(body.headers['Content-Type']).toBe('application/x-www-form-urlencoded');
    expect(body.headers['Content-Length']).toBe('10');
  });

  it('upload_file prints the Flask app\'s "image uploaded successfully"', () => {
    expect(output('upload_file')).toBe('image uploaded successfully');
  });

  it('read_json prints the parsed object', () => {
    expect(output('read_json')).toBe("{ name: 'Jane', age: 17 }");
  });

  it('send_json prints what the PHP script says about each member', () => {
    expect(output('send_json')).toBe('The name is Jane\nThe age is 17');
  });

  it('get_term prints the definitions of dog wrapped at 50 columns, starting as the tutorial shows', () => {
    const lines = output('get_term').split('\n');
    expect(lines.slice(0, 5)).toEqual([
      'a domesticated canid,',
      'any carnivore of the dog family Canidae, having',
      'prominent canine teeth and, in the wild state, a',
      'long and slender muzzle, a deep-chested muscular',
      'body, a bushy tail, and large, erect ears.',
    ]);
    expect(lines.every((line) => line.length <= 50)).toBe(true);
    // Spans whose text is empty, a short word, or starts with an element are skipped, as `if sel.text` and
    // `len(s) > 3` skip them.
    expect(lines).not.toContain('a');
    expect(lines.some((line) => line.startsWith('Informal.') || line.startsWith('go to the dogs'))).toBe(false);
    // The page's bytes decoded as the page declares (UTF-8), not as windows-1252 ("dogâ€™s").
    expect(lines).toContain('a dog\u2019s life, a miserable existence:');
  });

  it('streaming prints nothing and writes jls8.pdf, byte for byte the body the server sent', () => {
    expect(output('streaming')).toBe('');
    const written = readFileSync(join(out, 'jls8.pdf'));
    expect(written.byteLength).toBe(JLS8_PDF_SIZE);
    expect(written.equals(jls8PdfBytes())).toBe(true);
  });

  it('credentials prints the secure page', () => {
    expect(output('credentials')).toBe(SECURE_PAGE);
  });
});

// Each of these starts tsx and msw in a child process: seconds on a loaded machine.
describe('npm run examples <name>', { timeout: 90_000 }, () => {
  it('runs one example and prints exactly what it prints, without a heading', () => {
    const one = runExamples('get_status.py');
    expect(one.stdout).toBe('200\n404\n');
    expect(one.status).toBe(0);
  });

  it('exits 1 naming the error when a script throws, after running the rest; streaming writes while the body arrives', () => {
    // Two scripts in one run (each run starts tsx and msw): the first asks a URL no mock answers (ConnectionError);
    // the second runs examples/streaming.ts against a server that notes, before each chunk, how much is on disk.
    const dir = mkdtempSync(join(tmpdir(), 'examples-stream-'));
    try {
      const run = runExamples(
        'test/node/examples/fixtures/unmocked.ts',
        'test/node/examples/fixtures/streaming-watch.ts',
        '--out',
        dir,
      );
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(/unmocked\.ts failed: ConnectionError: /);
      expect(run.stderr).toMatch(/1 of 2 failed: test\/node\/examples\/fixtures\/unmocked\.ts/);
      const watched = /=== test\/node\/examples\/fixtures\/streaming-watch\.ts ===\n(.*)\n/.exec(run.stdout);
      expect(watched, run.stdout).not.toBeNull();
      const { sent, written, largestGap } = JSON.parse(watched![1]!) as {
        sent: number;
        written: number;
        largestGap: number;
      };
      expect([sent, written]).toEqual([JLS8_PDF_SIZE, JLS8_PDF_SIZE]);
      // Buffering would leave the whole body (~300 KB) unwritten until the end; streaming keeps a few pipe buffers.
      expect(largestGap).toBeLessThan(JLS8_PDF_SIZE / 3);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits 2 with the list of examples for an unknown name', () => {
    const unknown = runExamples('no_such_example');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('no example named "no_such_example"');
    expect(unknown.stderr).toContain(TUTORIAL.join(', '));
  });
});
