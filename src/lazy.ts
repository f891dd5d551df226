/**
 * Code most requests never need (the retry driver, Digest's hashes, the streaming machinery) is split into chunks
 * loaded with `import()` on first use. `loadOnce` keeps the loaded module (`import()` of a loaded module still
 * costs ~5 µs a call) and forgets a failed load (a chunk that could not be fetched), so it is tried again.
 *
 *   const loadStreams = loadOnce(() => import('./streams'));
 *   const { readBody } = await loadStreams();
 */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () =>
    (loaded ??= load().catch((error: unknown) => {
      loaded = undefined;
      throw error;
    }));
}
