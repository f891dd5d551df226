/** The form's request as the code that makes it, so what the page does can be copied into a program. */
import type { Pairs, RequestSpec } from './spec';

const VERBS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

const str = (value: string): string => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
const key = (name: string): string => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : str(name));

/** A record when the names are unique (as people write it), pairs when a name repeats. */
function pairs(list: Pairs): string {
  const rows = list.filter(([name]) => name.trim() !== '');
  const unique = new Set(rows.map(([name]) => name)).size === rows.length;
  if (unique) return `{ ${rows.map(([name, value]) => `${key(name)}: ${str(value)}`).join(', ')} }`;
  return `[${rows.map(([name, value]) => `[${str(name)}, ${str(value)}]`).join(', ')}]`;
}

export function snippet(spec: RequestSpec): string {
  const options: string[] = [];
  const has = (list: Pairs): boolean => list.some(([name]) => name.trim() !== '');
  if (has(spec.params)) options.push(`params: ${pairs(spec.params)}`);
  if (has(spec.headers)) options.push(`headers: ${pairs(spec.headers)}`);
  const body = spec.body;
  if (body.kind === 'form') options.push(`data: ${pairs(body.fields)}`);
  else if (body.kind === 'json') options.push(`json: ${oneLineJson(body.text)}`);
  else if (body.kind === 'text') options.push(`data: ${str(body.text)}`);
  else if (body.kind === 'file') {
    if (has(body.fields)) options.push(`data: ${pairs(body.fields)}`);
    options.push(`// file: a File, e.g. from <input type="file">\n  files: { ${key(body.field || 'file')}: file }`);
  }
  if (spec.auth.kind === 'basic') options.push(`auth: [${str(spec.auth.username)}, ${str(spec.auth.password)}]`);
  if (spec.auth.kind === 'digest')
    options.push(`auth: new requests.HTTPDigestAuth(${str(spec.auth.username)}, ${str(spec.auth.password)})`);
  const verbDefault = spec.method !== 'HEAD';
  if (spec.allowRedirects !== verbDefault) options.push(`allowRedirects: ${spec.allowRedirects}`);
  if (spec.timeout !== null) options.push(`timeout: ${spec.timeout}`);
  if (spec.stream) options.push('stream: true');

  const url = str(spec.url.trim() || 'https://httpbin.org/get');
  const args = options.length ? `${url}, {\n  ${options.join(',\n  ')},\n}` : url;
  const verb = spec.method.toLowerCase();
  const call = VERBS.has(spec.method)
    ? `requests.${verb === 'delete' ? 'delete' : verb}(${args})`
    : `requests.request(${str(spec.method)}, ${args})`;

  const lines = ["import requests from 'fetch-requests';", '', `const r = await ${call};`];
  if (spec.raiseForStatus) lines.push('r.raiseForStatus();');
  lines.push('console.log(r.statusCode, r.reason, r.url);');
  if (spec.stream?.mode === 'lines') lines.push('for await (const line of r.iterLines()) console.log(line);');
  else if (spec.stream)
    lines.push(
      `for await (const chunk of r.iterContent(${spec.stream.chunkSize ?? 'null'})) console.log(chunk.byteLength);`,
    );
  else if (spec.method !== 'HEAD') lines.push('console.log(r.text);');
  return lines.join('\n');
}

function oneLineJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    return '/* not valid JSON yet */ null';
  }
}
