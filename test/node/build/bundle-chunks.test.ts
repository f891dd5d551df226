/**
 * What the browser bundle loads up front (scripts/browser-bundle.ts's esbuild build): ky (the retry loop) and the
 * streaming machinery (streams.ts) are lazy chunks, and the browser's error codes replace Node's tables.
 */
import { describe, expect, it } from 'vitest';
import { BUNDLES, measureBundle } from '../../../scripts/browser-bundle';

describe('the browser bundle of `get`', () => {
  it('loads ky and streams.ts lazily, and the browser error codes up front', async () => {
    const row = await measureBundle(BUNDLES.find((b) => b.name.includes('`get`'))!);
    const initial = row.top.map(([input]) => input);
    const lazy = row.lazyTop.map(([input]) => input);
    expect(initial).not.toContain('node_modules/ky');
    expect(lazy).toContain('node_modules/ky');
    expect(initial).not.toContain('src/streams.ts');
    expect(lazy).toContain('src/streams.ts');
    expect(initial).toContain('src/transport/error-codes.browser.ts');
    expect(initial).not.toContain('src/transport/error-codes.ts');
  }, 30_000);
});
