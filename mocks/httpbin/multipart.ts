/**
 * A multipart/form-data reader that keeps what httpbin reports and FormData loses: whether a part had a filename
 * (Werkzeug: then it is a file) and its own Content-Type (FormData invents text/plain when there is none; httpbin
 * uses application/octet-stream). Web APIs only.
 *
 *   parseMultipart(body, 'multipart/form-data; boundary=x')
 *   // [{ name: 'a', filename: null, contentType: null, data: Uint8Array }, …]
 */
export interface Part {
  name: string;
  filename: string | null;
  contentType: string | null;
  data: Uint8Array;
}

const utf8 = new TextDecoder('utf-8');

function indexOf(haystack: Uint8Array, needle: Uint8Array, from: number): number {
  outer: for (let i = from; i <= haystack.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/** `form-data; name="a"; filename="b.txt"` → { name: 'a', filename: 'b.txt' } (quoted or token values). */
function dispositionParams(value: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const m of value.matchAll(/;\s*([^\s=;]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/g)) {
    params[m[1]!.toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3]!.trim();
  }
  return params;
}

export function boundaryOf(contentType: string): string | null {
  const m = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return m ? (m[1] ?? m[2]!) : null;
}

/** The parts of a multipart body; an empty list when it is malformed (Werkzeug then reports nothing either). */
export function parseMultipart(body: Uint8Array, contentType: string): Part[] {
  const boundary = boundaryOf(contentType);
  if (!boundary) return [];
  const delimiter = new TextEncoder().encode(`--${boundary}`);
  const parts: Part[] = [];
  let position = indexOf(body, delimiter, 0);
  while (position !== -1) {
    let start = position + delimiter.length;
    if (body[start] === 0x2d && body[start + 1] === 0x2d) break; // the closing delimiter
    if (body[start] === 0x0d && body[start + 1] === 0x0a) start += 2;
    const next = indexOf(body, delimiter, start);
    if (next === -1) break;
    // The part ends before the CRLF that precedes the next delimiter.
    const end = body[next - 2] === 0x0d && body[next - 1] === 0x0a ? next - 2 : next;
    const part = body.subarray(start, end);
    const headerEnd = indexOf(part, new Uint8Array([0x0d, 0x0a, 0x0d, 0x0a]), 0);
    if (headerEnd !== -1) {
      const headers = new Map<string, string>();
      for (const line of utf8.decode(part.subarray(0, headerEnd)).split('\r\n')) {
        const colon = line.indexOf(':');
        if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
      }
      const params = dispositionParams(headers.get('content-disposition') ?? '');
      if (params.name !== undefined) {
        parts.push({
          name: params.name,
          filename: params.filename ?? null,
          contentType: headers.get('content-type') ?? null,
          data: part.slice(headerEnd + 4),
        });
      }
    }
    position = next;
  }
  return parts;
}
