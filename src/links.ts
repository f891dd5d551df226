/**
 * The `Link` header, parsed as Requests' `parse_header_links` does and keyed by `rel` (or url) as
 * `Response.links` is:
 *   parseLinks('<https://api/x?page=2>; rel="next"')  // { next: { url: 'https://api/x?page=2', rel: 'next' } }
 */
export type Link = { url: string; rel?: string; [param: string]: string | undefined };

const STRIP = /^[ '"]+|[ '"]+$/g;

export function parseLinkHeader(header: string | null): Link[] {
  const links: Link[] = [];
  const value = (header ?? '').replace(STRIP, '');
  if (!value) return links;
  for (const entry of value.split(/, *</)) {
    const semi = entry.indexOf(';');
    const url = semi === -1 ? entry : entry.slice(0, semi);
    const params = semi === -1 ? '' : entry.slice(semi + 1);
    const link: Link = { url: url.replace(/^[<> '"]+|[<> '"]+$/g, '') };
    for (const param of params.split(';')) {
      const pieces = param.split('=');
      if (pieces.length !== 2) break;
      setOwn(link, pieces[0]!.replace(STRIP, ''), pieces[1]!.replace(STRIP, ''));
    }
    links.push(link);
  }
  return links;
}

/** `target[key] = value` as an own property even for `__proto__` (which assignment would take as the prototype). */
function setOwn<T>(target: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

export function linksByRel(header: string | null): Record<string, Link> {
  const out: Record<string, Link> = {};
  for (const link of parseLinkHeader(header)) setOwn(out, link.rel || link.url, link);
  return out;
}
