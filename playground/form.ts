/**
 * The request form: reads a RequestSpec from the DOM and writes one into it (presets, restored state).
 * Key/value tables (params, headers, form fields) keep one blank row at the end to type into.
 */
import { METHODS, type BodySpec, type Pairs, type RequestSpec } from './spec';

const $ = <T extends HTMLElement>(id: string): T => {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing from index.html`);
  return element as T;
};

/** A key/value table bound to a container element. */
class PairsEditor {
  constructor(
    private readonly root: HTMLElement,
    private readonly onChange: () => void,
  ) {
    this.set([]);
  }

  get(): Pairs {
    return [...this.root.querySelectorAll<HTMLElement>('.kv-row')].map((row) => {
      const [name, value] = row.querySelectorAll('input');
      return [name!.value, value!.value] as [string, string];
    });
  }

  set(pairs: Pairs): void {
    this.root.replaceChildren();
    for (const [name, value] of pairs) this.#addRow(name, value);
    this.#addRow('', '');
  }

  #addRow(name: string, value: string): void {
    const kind = this.root.dataset.name ?? 'item';
    const row = document.createElement('div');
    row.className = 'kv-row';
    const key = Object.assign(document.createElement('input'), {
      type: 'text',
      value: name,
      placeholder: kind,
      spellcheck: false,
    });
    key.setAttribute('aria-label', `${kind} name`);
    const val = Object.assign(document.createElement('input'), {
      type: 'text',
      value,
      placeholder: 'value',
      spellcheck: false,
    });
    val.setAttribute('aria-label', `${kind} value`);
    const remove = Object.assign(document.createElement('button'), {
      type: 'button',
      textContent: '×',
      title: `Remove this ${kind}`,
    });
    remove.className = 'remove';
    remove.addEventListener('click', () => {
      row.remove();
      if (!this.root.querySelector('.kv-row')) this.#addRow('', '');
      this.onChange();
    });
    // Typing into the last row grows the table by a fresh blank row.
    const grow = (): void => {
      if (row === this.root.lastElementChild && (key.value || val.value)) this.#addRow('', '');
      this.onChange();
    };
    key.addEventListener('input', grow);
    val.addEventListener('input', grow);
    row.append(key, val, remove);
    this.root.append(row);
  }
}

export class RequestForm {
  readonly element = $<HTMLFormElement>('request');
  #method = $<HTMLSelectElement>('method');
  #url = $<HTMLInputElement>('url');
  #params: PairsEditor;
  #headers: PairsEditor;
  #formFields: PairsEditor;
  #fileFields: PairsEditor;
  #json = $<HTMLTextAreaElement>('json-body');
  #text = $<HTMLTextAreaElement>('text-body');
  #textType = $<HTMLInputElement>('text-type');
  #fileField = $<HTMLInputElement>('file-field');
  #fileInput = $<HTMLInputElement>('file-input');
  #filePreview = $<HTMLImageElement>('file-preview');
  #authKind = $<HTMLSelectElement>('auth-kind');
  #authUser = $<HTMLInputElement>('auth-user');
  #authPass = $<HTMLInputElement>('auth-pass');
  #allowRedirects = $<HTMLInputElement>('allow-redirects');
  #raise = $<HTMLInputElement>('raise');
  #timeout = $<HTMLInputElement>('timeout');
  #stream = $<HTMLInputElement>('stream');
  #streamMode = $<HTMLSelectElement>('stream-mode');
  #chunkSize = $<HTMLInputElement>('chunk-size');
  #file: File | null = null;
  #previewUrl: string | null = null;

  constructor(private readonly onChange: () => void) {
    for (const method of METHODS) this.#method.append(new Option(method, method));
    this.#params = new PairsEditor($('params'), onChange);
    this.#headers = new PairsEditor($('headers'), onChange);
    this.#formFields = new PairsEditor($('form-fields'), onChange);
    this.#fileFields = new PairsEditor($('file-fields'), onChange);
    this.element.addEventListener('input', () => onChange());
    this.element.addEventListener('change', () => this.#refresh());
    // Requests' default: HEAD does not follow redirects, every other verb does.
    this.#method.addEventListener('change', () => {
      this.#allowRedirects.checked = this.#method.value !== 'HEAD';
      this.#refresh();
    });
    this.#fileInput.addEventListener('change', () => {
      this.#setFile(this.#fileInput.files?.[0] ?? null, false);
    });
    this.#refresh(false);
  }

  read(): RequestSpec {
    return {
      method: this.#method.value,
      url: this.#url.value,
      params: this.#params.get(),
      headers: this.#headers.get(),
      body: this.#readBody(),
      auth: {
        kind: this.#authKind.value as RequestSpec['auth']['kind'],
        username: this.#authUser.value,
        password: this.#authPass.value,
      },
      allowRedirects: this.#allowRedirects.checked,
      stream: this.#stream.checked
        ? { mode: this.#streamMode.value as 'content' | 'lines', chunkSize: positive(this.#chunkSize.value) }
        : null,
      timeout: positive(this.#timeout.value),
      raiseForStatus: this.#raise.checked,
    };
  }

  write(spec: RequestSpec): void {
    this.#method.value = spec.method;
    this.#url.value = spec.url;
    this.#params.set(spec.params);
    this.#headers.set(spec.headers);
    const body = spec.body;
    this.#radio(body.kind).checked = true;
    this.#formFields.set(body.kind === 'form' ? body.fields : []);
    this.#json.value = body.kind === 'json' ? body.text : '';
    this.#text.value = body.kind === 'text' ? body.text : '';
    if (body.kind === 'text') this.#textType.value = body.contentType;
    this.#fileField.value = body.kind === 'file' ? body.field : 'file';
    this.#fileFields.set(body.kind === 'file' ? body.fields : []);
    this.#setFile(body.kind === 'file' ? body.file : null, true);
    this.#authKind.value = spec.auth.kind;
    this.#authUser.value = spec.auth.username;
    this.#authPass.value = spec.auth.password;
    this.#allowRedirects.checked = spec.allowRedirects;
    this.#raise.checked = spec.raiseForStatus;
    this.#timeout.value = spec.timeout === null ? '' : String(spec.timeout);
    this.#stream.checked = spec.stream !== null;
    this.#streamMode.value = spec.stream?.mode ?? 'content';
    this.#chunkSize.value = spec.stream?.chunkSize ? String(spec.stream.chunkSize) : '';
    this.#refresh();
  }

  #readBody(): BodySpec {
    const kind = (this.element.querySelector<HTMLInputElement>('input[name=body]:checked')?.value ??
      'none') as BodySpec['kind'];
    switch (kind) {
      case 'form':
        return { kind, fields: this.#formFields.get() };
      case 'json':
        return { kind, text: this.#json.value };
      case 'text':
        return { kind, text: this.#text.value, contentType: this.#textType.value.trim() };
      case 'file':
        return { kind, field: this.#fileField.value.trim(), file: this.#file, fields: this.#fileFields.get() };
      default:
        return { kind: 'none' };
    }
  }

  #radio(kind: BodySpec['kind']): HTMLInputElement {
    return this.element.querySelector<HTMLInputElement>(`input[name=body][value=${kind}]`)!;
  }

  /** Shows the chosen file in the file input (as if picked) and previews it when it is an image. */
  #setFile(file: File | null, intoInput: boolean): void {
    this.#file = file;
    if (intoInput) {
      const transfer = new DataTransfer();
      if (file) transfer.items.add(file);
      this.#fileInput.files = transfer.files;
    }
    if (this.#previewUrl) URL.revokeObjectURL(this.#previewUrl);
    this.#previewUrl = file?.type.startsWith('image/') ? URL.createObjectURL(file) : null;
    this.#filePreview.hidden = this.#previewUrl === null;
    if (this.#previewUrl) {
      this.#filePreview.src = this.#previewUrl;
      this.#filePreview.alt = `preview of ${file!.name}`;
    }
    this.onChange();
  }

  /** Shows only the controls that apply. */
  #refresh(notify = true): void {
    const kind = this.#readBody().kind;
    for (const panel of this.element.querySelectorAll<HTMLElement>('.body-panel'))
      panel.hidden = panel.dataset.body !== kind;
    const auth = this.#authKind.value !== 'none';
    this.#authUser.hidden = !auth;
    this.#authPass.hidden = !auth;
    this.#streamMode.disabled = !this.#stream.checked;
    this.#chunkSize.disabled = !this.#stream.checked;
    if (notify) this.onChange();
  }
}

function positive(text: string): number | null {
  const value = Number(text);
  return text.trim() !== '' && Number.isFinite(value) && value > 0 ? value : null;
}
