import { describe, expect, it } from 'vitest';
import { linksByRel, parseLinkHeader } from '../../../src/links';

describe("Link header (Requests' parse_header_links)", () => {
  it('parses several links with params, keyed by rel', () => {
    const header =
      '<https://api.github.com/x?page=2>; rel="next", <https://api.github.com/x?page=5>; rel="last"; title="end"';
    expect(linksByRel(header)).toEqual({
      next: { url: 'https://api.github.com/x?page=2', rel: 'next' },
      last: { url: 'https://api.github.com/x?page=5', rel: 'last', title: 'end' },
    });
  });
  it('keys a link without rel by its url', () => {
    expect(linksByRel('<http://x/>')).toEqual({ 'http://x/': { url: 'http://x/' } });
  });
  it('stops at a malformed param like Requests', () => {
    expect(parseLinkHeader('<http://x/>; rel=next; broken; a=b')).toEqual([{ url: 'http://x/', rel: 'next' }]);
  });
  it('gives nothing for an empty or missing header', () => {
    expect(parseLinkHeader(null)).toEqual([]);
    expect(parseLinkHeader(' "" ')).toEqual([]);
  });
});
