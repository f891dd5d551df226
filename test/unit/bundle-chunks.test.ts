/**
 * What the browser bundle loads up front (bench/bundle.ts's esbuild build): the retry path (retry.ts and ky)
 * and the streaming machinery (streams.ts) are lazy chunks, and the browser's fetch-error mapping replaces
 * Node's code tables.
 */
import { describe, expect, it } from 'vitest';
import { BUNDLES, measureBundle } from '../../bench/bundle';

describe('the browser bundle of `get`', () => {
  it('loads retry.ts, ky and streams.ts lazily, and the browser fetch-error mapping up front', async () => {
    const row = await measureBundle(BUNDLES.find((b) => b.name.includes('`get`'))!);
    const initial = row.top.map(([input]) => input);
    const lazy = row.lazyTop.map(([input]) => input);
    expect(initial).not.toContain('src/retry.ts');
    expect(initial).not.toContain('node_modules/ky');
    expect(lazy).toContain('src/retry.ts');
    expect(lazy).toContain('node_modules/ky');
    expect(initial).not.toContain('src/streams.ts');
    expect(lazy).toContain('src/streams.ts');
    expect(initial).toContain('src/fetch-errors.browser.ts');
    expect(initial).not.toContain('src/fetch-errors.ts');
  }, 30_000);
});
