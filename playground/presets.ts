/**
 * One-click presets: the tutorial's programs (examples/*.ts) and a few library features, each as a RequestSpec.
 * With the offline mocks on, every one of them is answered by MSW's service worker.
 */
import { blankSpec, type RequestSpec } from './spec';

export interface Preset {
  id: string;
  title: string;
  group: 'tutorial' | 'library';
  /** What it shows, in one line. */
  note: string;
  spec: () => RequestSpec | Promise<RequestSpec>;
}

const spec = (overrides: Partial<RequestSpec>): RequestSpec => ({ ...blankSpec(), ...overrides });

export const PRESETS: readonly Preset[] = [
  {
    id: 'read_webpage',
    title: 'read webpage',
    group: 'tutorial',
    note: 'GET a small web page (read_webpage.py)',
    spec: () => spec({ url: 'http://www.webcode.me' }),
  },
  {
    id: 'get_status',
    title: 'status 404',
    group: 'tutorial',
    note: 'a missing page: 404, and raiseForStatus() turns it into HTTPError (get_status.py)',
    spec: () => spec({ url: 'http://www.webcode.me/news', raiseForStatus: true }),
  },
  {
    id: 'head_request',
    title: 'HEAD',
    group: 'tutorial',
    note: 'headers only: Server, Last-Modified, Content-Type (head_request.py)',
    spec: () => spec({ method: 'HEAD', url: 'http://www.webcode.me', allowRedirects: false }),
  },
  {
    id: 'mget',
    title: 'mget',
    group: 'tutorial',
    note: 'a variable in the URL, echoed by httpbin (mget.py)',
    spec: () => spec({ url: 'https://httpbin.org/get?name=Peter' }),
  },
  {
    id: 'mget2',
    title: 'params',
    group: 'tutorial',
    note: 'query parameters from the params table (mget2.py)',
    spec: () =>
      spec({
        url: 'https://httpbin.org/get',
        params: [
          ['name', 'Peter'],
          ['age', '23'],
        ],
      }),
  },
  {
    id: 'redirect',
    title: 'redirect',
    group: 'tutorial',
    note: 'a followed redirect: in a browser the browser follows it, so url is final and the hops are hidden (redirect.py)',
    spec: () => spec({ url: 'https://httpbin.org/redirect-to', params: [['url', '/get']] }),
  },
  {
    id: 'redirect2',
    title: 'no redirect',
    group: 'tutorial',
    note: 'allowRedirects: false: a browser hides the redirect (status 0, opaque) (redirect2.py)',
    spec: () => spec({ url: 'https://httpbin.org/redirect-to', params: [['url', '/get']], allowRedirects: false }),
  },
  {
    id: 'redirect3',
    title: 'old page',
    group: 'tutorial',
    note: 'nginx moves oldpage.html to newpage.html with a 301 (redirect3.py)',
    spec: () => spec({ url: 'http://localhost/oldpage.html' }),
  },
  {
    id: 'user_agent',
    title: 'user agent',
    group: 'tutorial',
    note: 'asks for User-Agent "Python script"; a page cannot set it, the browser keeps its own (user_agent.py)',
    spec: () => spec({ url: 'http://localhost:8081/agent', headers: [['User-Agent', 'Python script']] }),
  },
  {
    id: 'post_value',
    title: 'post value',
    group: 'tutorial',
    note: 'a form value, urlencoded, echoed by httpbin (post_value.py)',
    spec: () =>
      spec({ method: 'POST', url: 'https://httpbin.org/post', body: { kind: 'form', fields: [['name', 'Peter']] } }),
  },
  {
    id: 'upload_file',
    title: 'upload image',
    group: 'tutorial',
    note: 'multipart upload of an image in the field "image" to the flask app (upload_file.py)',
    spec: async () =>
      spec({
        method: 'POST',
        url: 'http://localhost:5000/upload',
        body: { kind: 'file', field: 'image', file: await sampleImage(), fields: [] },
      }),
  },
  {
    id: 'send_json',
    title: 'send JSON',
    group: 'tutorial',
    note: 'a JSON body, parsed by the PHP script (send_json.py)',
    spec: () =>
      spec({
        method: 'POST',
        url: 'http://localhost/parse_json.php',
        body: { kind: 'json', text: JSON.stringify({ name: 'Jane', age: 17 }, null, 2) },
      }),
  },
  {
    id: 'read_json',
    title: 'read JSON',
    group: 'tutorial',
    note: 'JSON sent by a PHP script, shown pretty (read_json.py)',
    spec: () => spec({ url: 'http://localhost/send_json.php' }),
  },
  {
    id: 'streaming',
    title: 'streaming',
    group: 'tutorial',
    note: 'a PDF read with iterContent(1024): 1 KB chunks arriving live (streaming.py)',
    spec: () =>
      spec({
        url: 'https://docs.oracle.com/javase/specs/jls/se8/jls8.pdf',
        stream: { mode: 'content', chunkSize: 1024 },
      }),
  },
  {
    id: 'credentials',
    title: 'credentials',
    group: 'tutorial',
    note: 'Basic auth to the secure area, user7 / 7user (credentials.py)',
    spec: () =>
      spec({ url: 'http://localhost/secure/', auth: { kind: 'basic', username: 'user7', password: '7user' } }),
  },
  {
    id: 'get_term',
    title: 'dictionary',
    group: 'tutorial',
    note: 'the dictionary page for "dog" (get_term.py)',
    spec: () => spec({ url: 'http://www.dictionary.com/browse/dog' }),
  },
  {
    id: 'digest',
    title: 'Digest auth',
    group: 'library',
    note: 'HTTPDigestAuth answers the 401 challenge and retries once',
    spec: () =>
      spec({
        url: 'https://httpbin.org/digest-auth/auth/user/passwd',
        auth: { kind: 'digest', username: 'user', password: 'passwd' },
      }),
  },
  {
    id: 'image',
    title: 'image',
    group: 'library',
    note: 'an image body, previewed',
    spec: () => spec({ url: 'https://httpbin.org/image/png' }),
  },
  {
    id: 'stream_lines',
    title: 'stream lines',
    group: 'library',
    note: 'iterLines() over httpbin /stream/20: one JSON document per line',
    spec: () => spec({ url: 'https://httpbin.org/stream/20', stream: { mode: 'lines', chunkSize: null } }),
  },
  {
    id: 'drip',
    title: 'drip + progress',
    group: 'library',
    note: 'bytes dripped over a second: iterContent() as received, with the progress bar',
    spec: () =>
      spec({
        url: 'https://httpbin.org/drip',
        params: [
          ['numbytes', '10'],
          ['duration', '1'],
          ['delay', '0'],
        ],
        stream: { mode: 'content', chunkSize: null },
      }),
  },
  {
    id: 'timeout',
    title: 'timeout',
    group: 'library',
    note: 'a 3 s delay against a 1000 ms timeout: ReadTimeout',
    spec: () => spec({ url: 'https://httpbin.org/delay/3', timeout: 1000 }),
  },
  {
    id: 'put_json',
    title: 'PUT JSON',
    group: 'library',
    note: 'PUT with a JSON body and a custom header, echoed by httpbin',
    spec: () =>
      spec({
        method: 'PUT',
        url: 'https://httpbin.org/put',
        headers: [['X-Playground', 'yes']],
        body: { kind: 'json', text: JSON.stringify({ tags: ['a', 'b'], ok: true }, null, 2) },
      }),
  },
];

/** A small JPEG drawn on a canvas: the page's stand-in for the tutorial's sid.jpg. */
async function sampleImage(): Promise<File> {
  const canvas = document.createElement('canvas');
  canvas.width = 64;
  canvas.height = 64;
  const g = canvas.getContext('2d')!;
  g.fillStyle = '#2d6cdf';
  g.fillRect(0, 0, 64, 64);
  g.fillStyle = '#ffd23f';
  g.beginPath();
  g.arc(32, 32, 20, 0, Math.PI * 2);
  g.fill();
  g.fillStyle = '#222';
  g.fillRect(24, 26, 4, 4);
  g.fillRect(36, 26, 4, 4);
  g.fillRect(24, 40, 16, 3);
  const blob = await new Promise<Blob>((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('canvas.toBlob failed'))), 'image/jpeg', 0.9),
  );
  return new File([blob], 'sid.jpg', { type: 'image/jpeg' });
}
