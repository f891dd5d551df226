/**
 * The tutorial's servers as MSW handlers behave as the real ones did (nginx, http_server.py, the Flask app, the PHP
 * scripts, the dictionary page, the PDF). Asked directly through msw's getResponse: no interception, no network.
 */
import { getResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { JLS8_PDF_SIZE, JLS8_PDF_URL, jls8PdfBytes, tutorialHandlers } from '../../../mocks/tutorial';

const handlers = tutorialHandlers();

async function ask(url: string, init?: RequestInit): Promise<Response> {
  const response = await getResponse(handlers, new Request(url, init));
  if (!response) throw new Error(`no tutorial handler answers ${init?.method ?? 'GET'} ${url}`);
  return response;
}

const basic = (credentials: string): string => `Basic ${btoa(credentials)}`;

describe('www.webcode.me (nginx)', () => {
  it('serves the page the tutorial prints, as text/html without a charset', async () => {
    const r = await ask('http://www.webcode.me');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/html');
    const text = await r.text();
    expect(text).toContain('<title>My html page</title>');
    expect(text).toContain('Today is a beautiful day. We go swimming and fishing.');
    expect(r.headers.get('content-length')).toBe(String(new TextEncoder().encode(text).byteLength));
  });

  it('answers HEAD with the headers of GET (server, last-modified) and no body', async () => {
    const r = await ask('http://www.webcode.me', { method: 'HEAD' });
    expect(r.status).toBe(200);
    expect(r.headers.get('server')).toBe('nginx/1.6.2');
    expect(r.headers.get('last-modified')).toBe('Sat, 20 Jul 2019 11:49:25 GMT');
    expect(r.body).toBeNull();
  });

  it("answers an unknown path with nginx's 404 page", async () => {
    const r = await ask('http://www.webcode.me/news');
    expect(r.status).toBe(404);
    expect(await r.text()).toContain('<center><h1>404 Not Found</h1></center>');
  });
});

describe('localhost (nginx, PHP)', () => {
  it('redirects oldpage.html permanently to newpage.html with an absolute Location', async () => {
    const r = await ask('http://localhost/oldpage.html');
    expect(r.status).toBe(301);
    expect(r.headers.get('location')).toBe('http://localhost/newpage.html');
    const page = await (await ask('http://localhost/newpage.html')).text();
    expect(page).toContain('This is a new page');
  });

  it('challenges /secure/ with realm "Restricted Area" without credentials or with wrong ones', async () => {
    for (const init of [
      undefined,
      { headers: { Authorization: basic('user7:wrong') } },
      { headers: { Authorization: 'Bearer x' } },
    ]) {
      const r = await ask('http://localhost/secure/', init);
      expect(r.status).toBe(401);
      expect(r.headers.get('www-authenticate')).toBe('Basic realm="Restricted Area"');
    }
  });

  it('serves the secure page to user7 / 7user, and redirects /secure to /secure/ once authenticated', async () => {
    const r = await ask('http://localhost/secure/', { headers: { Authorization: basic('user7:7user') } });
    expect(r.status).toBe(200);
    expect(await r.text()).toContain('This is a secure page.');
    const bare = await ask('http://localhost/secure', { headers: { Authorization: basic('user7:7user') } });
    expect([bare.status, bare.headers.get('location')]).toEqual([301, 'http://localhost/secure/']);
  });

  it('send_json.php sends {"name":"Jane","age":17} as application/json', async () => {
    const r = await ask('http://localhost/send_json.php');
    expect(r.headers.get('content-type')).toBe('application/json');
    expect(await r.text()).toBe('{"name":"Jane","age":17}');
  });

  it('parse_json.php echoes "The key is value" per member, as PHP prints scalars and nested arrays', async () => {
    const post = (body: string) =>
      ask('http://localhost/parse_json.php', { method: 'POST', body, headers: { 'Content-Type': 'application/json' } });
    expect(await (await post('{"name": "Jane", "age": 17}')).text()).toBe('The name is Jane\nThe age is 17\n');
    // true → "1", false/null → "", and the script's inner loop prints the outer array as "Array".
    expect(await (await post('{"a": true, "b": false, "c": null, "d": {"x": 1, "y": 2}}')).text()).toBe(
      'The a is 1\nThe b is \nThe c is \nThe x is Array\nThe y is Array\n',
    );
    expect(await (await post('["p", 2.5]')).text()).toBe('The 0 is p\nThe 1 is 2.5\n');
    expect(await (await post('not json')).text()).toContain('Invalid argument supplied for foreach()');
  });
});

describe('localhost:8081 (http_server.py)', () => {
  it('answers /agent with the User-Agent sent, and any other path (even /agent?x) with "Hello there"', async () => {
    expect(
      await (await ask('http://localhost:8081/agent', { headers: { 'User-Agent': 'Python script' } })).text(),
    ).toBe('Python script');
    expect(
      await (await ask('http://localhost:8081/agent?x=1', { headers: { 'User-Agent': 'Python script' } })).text(),
    ).toBe('Hello there');
    expect(await (await ask('http://localhost:8081/')).text()).toBe('Hello there');
  });

  it("answers methods other than GET with Python's 501 page (the server defines do_GET only)", async () => {
    const r = await ask('http://localhost:8081/agent', { method: 'POST', body: 'x' });
    expect(r.status).toBe(501);
    expect(await r.text()).toContain("Message: Unsupported method ('POST').");
  });
});

describe('localhost:5000 (the Flask upload app)', () => {
  const upload = (form: FormData | string) => ask('http://localhost:5000/upload', { method: 'POST', body: form });

  it('accepts a multipart file field named image with a filename', async () => {
    const form = new FormData();
    form.append('image', new File([new Uint8Array([0xff, 0xd8, 0xff])], 'sid.jpg'));
    expect(await (await upload(form)).text()).toBe('image uploaded successfully');
  });

  it('fails without a file named image: a plain field, another name, an empty filename, or no multipart', async () => {
    const plain = new FormData();
    plain.append('image', 'not a file');
    const other = new FormData();
    other.append('photo', new File(['x'], 'sid.jpg'));
    const unnamed = new FormData();
    unnamed.append('image', new File(['x'], ''));
    for (const body of [plain, other, unnamed, 'image=sid.jpg'])
      expect(await (await upload(body)).text()).toBe('failed to upload image');
  });

  it("says 'This is home page' at /, and answers GET /upload with Werkzeug's 405", async () => {
    expect(await (await ask('http://localhost:5000/')).text()).toBe('This is home page');
    const r = await ask('http://localhost:5000/upload');
    expect(r.status).toBe(405);
    expect(r.headers.get('allow')).toBe('OPTIONS, POST');
  });
});

describe('www.dictionary.com', () => {
  it('marks every definition of dog with span.one-click-content, declared UTF-8', async () => {
    const r = await ask('http://www.dictionary.com/browse/dog');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await r.text();
    expect(html.match(/class="one-click-content/g)?.length).toBe(15);
    expect(html).toContain('<meta charset="utf-8">');
  });

  it('answers an unknown term with a 404 page without definitions', async () => {
    const r = await ask('http://www.dictionary.com/browse/zzxq');
    expect(r.status).toBe(404);
    expect(await r.text()).not.toContain('one-click-content');
  });
});

describe('docs.oracle.com jls8.pdf', () => {
  it('streams a deterministic PDF-like body in several uneven chunks, equal to jls8PdfBytes()', async () => {
    const r = await ask(JLS8_PDF_URL);
    expect(r.headers.get('content-type')).toBe('application/pdf');
    expect(r.headers.get('content-length')).toBe(String(JLS8_PDF_SIZE));
    const sizes: number[] = [];
    const parts: Uint8Array[] = [];
    for await (const chunk of r.body!) {
      sizes.push(chunk.byteLength);
      parts.push(chunk);
    }
    expect(sizes.length).toBeGreaterThan(10);
    expect(sizes.some((size) => size % 1024 !== 0)).toBe(true);
    const body = Buffer.concat(parts);
    expect(body.byteLength).toBe(JLS8_PDF_SIZE);
    expect(body.equals(jls8PdfBytes())).toBe(true);
    expect(body.subarray(0, 9).toString('latin1')).toBe('%PDF-1.4\n');
    expect(body.subarray(-6).toString('latin1')).toBe('%%EOF\n');
    // Two reads give the same bytes: the body is a function of the URL only.
    expect(Buffer.from(await (await ask(JLS8_PDF_URL)).arrayBuffer()).equals(body)).toBe(true);
  });
});
