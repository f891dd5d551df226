/**
 * The response panel: status, reason, final URL, timing, headers, history, the body (pretty JSON, text, image,
 * or a hex dump), and for streamed bodies a live chunk counter, chunk log and progress bar. Errors are shown with
 * the exception's class name and message, never swallowed.
 *
 * `#response[data-state]` says where a request is: idle → sending → streaming → done | error.
 */
import type { DownloadProgress, Response } from 'fetch-requests';

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

const MAX_LOG = 200;
const MAX_TEXT = 200_000;

export type BodyKind = 'empty' | 'json' | 'text' | 'image' | 'binary';

/** The body as the page shows it; for a buffered response these come straight from the Response. */
export interface ShownBody {
  bytes: Uint8Array;
  contentType: string;
  text: () => string;
  json: () => unknown;
}

export class ResponseView {
  #root = $('response');
  #chunks = 0;
  #bytes = 0;
  #objectUrl: string | null = null;

  get state(): string {
    return this.#root.dataset.state ?? 'idle';
  }

  start(): void {
    this.#set('sending');
    this.#chunks = 0;
    this.#bytes = 0;
    $('error').hidden = true;
    $('summary').hidden = true;
    for (const id of ['headers-box', 'history-box', 'sent-box', 'progress-box', 'chunk-log']) $(id).hidden = true;
    $('chunk-log').replaceChildren();
    $('chunks').textContent = '0';
    $('bytes').textContent = '0';
    $('stream-count').hidden = true;
    $('notes').replaceChildren();
    for (const id of ['status', 'reason', 'final-url', 'elapsed', 'total', 'size', 'header-count', 'history-count'])
      $(id).textContent = '';
    for (const id of ['response-headers', 'history', 'sent']) $(id).replaceChildren();
    this.#clearBody();
    const progress = $<HTMLProgressElement>('progress');
    progress.removeAttribute('value');
  }

  /** The response's head: shown as soon as the headers arrive (before a streamed body). */
  head(r: Response, streaming: boolean): void {
    $('summary').hidden = false;
    const status = $('status');
    status.textContent = String(r.statusCode);
    status.className = `status s${Math.floor(r.statusCode / 100)}xx`;
    $('reason').textContent = r.reason || (r.opaqueRedirect ? '(opaque redirect)' : '');
    $('final-url').textContent = r.url;
    $('elapsed').textContent = ms(r.elapsed);
    $('total').textContent = '…';
    $('size').textContent = '…';
    this.#notes(r);
    this.#headers(r.headers);
    this.#history(r);
    this.#sent(r);
    $('progress-box').hidden = false;
    $('stream-count').hidden = !streaming;
    this.#reveal();
    if (streaming) {
      $('chunk-log').hidden = false;
      this.#set('streaming');
    }
  }

  progress(p: DownloadProgress): void {
    const bar = $<HTMLProgressElement>('progress');
    if (p.total > 0 || p.percent === 1) bar.value = p.percent;
    else bar.removeAttribute('value');
    bar.title = p.total ? `${p.transferred} of ${p.total} bytes` : `${p.transferred} bytes`;
    // Streamed bodies count what the iterators hand out (chunk()); buffered ones what has arrived.
    if ($('stream-count').hidden) $('bytes').textContent = String(p.transferred);
  }

  /** One piece of a streamed body, as it arrives. */
  chunk(piece: Uint8Array | string): void {
    this.#chunks += 1;
    const size = typeof piece === 'string' ? new TextEncoder().encode(piece).byteLength : piece.byteLength;
    this.#bytes += size;
    $('chunks').textContent = String(this.#chunks);
    $('bytes').textContent = String(this.#bytes);
    const log = $('chunk-log');
    const item = document.createElement('li');
    const label = document.createElement('b');
    label.textContent = `#${this.#chunks} · ${size} B`;
    const preview = document.createElement('code');
    preview.textContent = typeof piece === 'string' ? clip(piece, 160) : bytePreview(piece);
    item.append(label, ' ', preview);
    log.append(item);
    while (log.childElementCount > MAX_LOG) log.firstElementChild!.remove();
    log.scrollTop = log.scrollHeight;
  }

  body(body: ShownBody, method: string): BodyKind {
    this.#clearBody();
    const root = $('body');
    const kind = bodyKind(body, method);
    root.dataset.kind = kind;
    $('size').textContent = `${body.bytes.byteLength} B`;
    const caption = document.createElement('div');
    caption.className = 'caption muted';
    caption.textContent = `${kind === 'empty' ? 'no body' : kind} · ${body.contentType || 'no Content-Type'} · ${body.bytes.byteLength} bytes`;
    root.append(caption);
    if (kind === 'image') {
      this.#objectUrl = URL.createObjectURL(
        new Blob([body.bytes as Uint8Array<ArrayBuffer>], { type: body.contentType }),
      );
      const img = Object.assign(document.createElement('img'), {
        id: 'body-image',
        src: this.#objectUrl,
        alt: 'the response body',
      });
      root.append(img);
    } else if (kind === 'json' || kind === 'text') {
      const pre = document.createElement('pre');
      pre.id = 'body-text';
      const text = kind === 'json' ? JSON.stringify(body.json(), null, 2) : body.text();
      pre.textContent =
        text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}\n… (${text.length - MAX_TEXT} more characters)` : text;
      root.append(pre);
    } else if (kind === 'binary') {
      const pre = document.createElement('pre');
      pre.id = 'body-hex';
      pre.textContent =
        hexDump(body.bytes.subarray(0, 512)) +
        (body.bytes.byteLength > 512 ? `\n… (${body.bytes.byteLength - 512} more bytes)` : '');
      this.#objectUrl = URL.createObjectURL(
        new Blob([body.bytes as Uint8Array<ArrayBuffer>], { type: body.contentType || 'application/octet-stream' }),
      );
      const link = Object.assign(document.createElement('a'), {
        href: this.#objectUrl,
        download: 'body',
        textContent: 'Download the body',
      });
      root.append(link, pre);
    }
    return kind;
  }

  done(totalMs: number): void {
    $('total').textContent = ms(totalMs);
    const bar = $<HTMLProgressElement>('progress');
    bar.value = 1;
    this.#set('done');
  }

  /** An exception: its class name and message; the response too when the exception carries one. */
  error(error: unknown, hint = ''): void {
    const { name, message } = describe(error);
    $('error-name').textContent = `${name}:`;
    $('error-message').textContent = message;
    $('error-hint').textContent = hint;
    $('error').hidden = false;
    const response = (error as { response?: Response | null }).response;
    if (response && $('summary').hidden) this.head(response, false);
    // An unfinished bar must not keep spinning.
    const bar = $<HTMLProgressElement>('progress');
    if (!bar.hasAttribute('value')) bar.value = 0;
    this.#set('error');
    this.#reveal();
  }

  /** One column (phones): bring the response into view, or the result of a click would be off screen. */
  #reveal(): void {
    if (matchMedia('(max-width: 900px)').matches) this.#root.scrollIntoView({ block: 'start' });
  }

  #set(state: string): void {
    this.#root.dataset.state = state;
  }

  #clearBody(): void {
    if (this.#objectUrl) URL.revokeObjectURL(this.#objectUrl);
    this.#objectUrl = null;
    const root = $('body');
    root.replaceChildren();
    delete root.dataset.kind;
  }

  #notes(r: Response): void {
    const notes: string[] = [];
    if (r.opaqueRedirect) {
      notes.push(
        'The browser hides this redirect: with allowRedirects false, fetch gives an opaque response (status 0, no Location, no headers). Python Requests would show the 3xx here.',
      );
    }
    if (r.redirected)
      notes.push(
        'The browser followed the redirect itself: url is the final URL, but a page cannot see the hops, so history is empty.',
      );
    if (r.next) notes.push(`Not followed: next would be ${r.next.method} ${r.next.url}`);
    const box = $('notes');
    box.replaceChildren(...notes.map((text) => Object.assign(document.createElement('p'), { textContent: text })));
  }

  #headers(headers: Headers): void {
    const table = $('response-headers');
    const rows = [...headers].map(([name, value]) => {
      const tr = document.createElement('tr');
      const th = Object.assign(document.createElement('th'), { textContent: name, scope: 'row' });
      const td = Object.assign(document.createElement('td'), { textContent: value });
      tr.append(th, td);
      return tr;
    });
    table.replaceChildren(...rows);
    $('header-count').textContent = `(${rows.length})`;
    $('headers-box').hidden = false;
  }

  #history(r: Response): void {
    const list = $('history');
    const items = r.history.map((hop) =>
      Object.assign(document.createElement('li'), { textContent: `${hop.statusCode} ${hop.reason} ${hop.url}` }),
    );
    if (items.length === 0) {
      const text = r.redirected ? '(redirected by the browser: the hops are not visible to a page)' : '(no redirects)';
      items.push(Object.assign(document.createElement('li'), { textContent: text, className: 'muted' }));
    }
    list.replaceChildren(...items);
    $('history-count').textContent = `(${r.history.length})`;
    $('history-box').hidden = false;
  }

  #sent(r: Response): void {
    const request = r.request;
    const line = Object.assign(document.createElement('p'), { textContent: `${request.method} ${request.url}` });
    line.className = 'url';
    const table = document.createElement('table');
    table.className = 'table';
    for (const [name, value] of request.headers) {
      const tr = document.createElement('tr');
      tr.append(
        Object.assign(document.createElement('th'), { textContent: name }),
        Object.assign(document.createElement('td'), { textContent: value }),
      );
      table.append(tr);
    }
    const note = Object.assign(document.createElement('p'), {
      textContent: 'The headers the library gave fetch; the browser adds its own (User-Agent, Origin, cookies).',
      className: 'muted',
    });
    $('sent').replaceChildren(line, table, note);
    $('sent-box').hidden = false;
  }
}

export function describe(error: unknown): { name: string; message: string } {
  if (error instanceof Error || (typeof error === 'object' && error !== null && 'message' in error)) {
    const e = error as Error;
    return { name: e.name || e.constructor?.name || 'Error', message: e.message };
  }
  return { name: 'Error', message: String(error) };
}

function bodyKind(body: ShownBody, method: string): BodyKind {
  if (body.bytes.byteLength === 0 || method === 'HEAD') return 'empty';
  const type = body.contentType.toLowerCase();
  if (type.startsWith('image/')) return 'image';
  if (/[/+]json\b/.test(type)) return tryJson(body) ? 'json' : 'text';
  if (/^text\/|[/+]xml\b|javascript|x-www-form-urlencoded/.test(type)) return 'text';
  if (looksTextual(body.bytes)) return /^\s*[[{]/.test(body.text()) && tryJson(body) ? 'json' : 'text';
  return 'binary';
}

function tryJson(body: ShownBody): boolean {
  try {
    body.json();
    return true;
  } catch {
    return false;
  }
}

/** No NUL byte and valid UTF-8 in the first 4 KB. */
function looksTextual(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 4096);
  if (head.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return true;
  } catch {
    return false;
  }
}

function bytePreview(bytes: Uint8Array): string {
  const head = bytes.subarray(0, 48);
  const text = Array.from(head, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '·')).join('');
  return bytes.byteLength > head.byteLength ? `${text}…` : text;
}

function hexDump(bytes: Uint8Array): string {
  const lines: string[] = [];
  for (let offset = 0; offset < bytes.byteLength; offset += 16) {
    const row = bytes.subarray(offset, offset + 16);
    const hex = Array.from(row, (b) => b.toString(16).padStart(2, '0')).join(' ');
    lines.push(`${offset.toString(16).padStart(6, '0')}  ${hex.padEnd(47)}  ${bytePreview(row)}`);
  }
  return lines.join('\n');
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function ms(value: number): string {
  return value < 10 ? `${value.toFixed(1)} ms` : `${Math.round(value)} ms`;
}
