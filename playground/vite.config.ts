/**
 * The playground: `npm run playground` (dev server) and `npm run playground:build` (static build in
 * playground/dist). The page imports the library from src/, with the browser build's cookie module, and MSW's
 * worker script is served (dev) or emitted next to the page (build) by msw's Vite plugin.
 */
import { fileURLToPath } from 'node:url';
import { msw } from 'msw/vite';
import { defineConfig } from 'vite';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here('.'),
  // Relative asset URLs: the static build works from any folder it is copied to.
  base: './',
  resolve: {
    alias: [
      { find: /^fetch-requests$/, replacement: here('../src/index.ts') },
      { find: /^fetch-requests\/cassette$/, replacement: here('../src/cassette/index.ts') },
    ],
  },
  // worker-only: the mocks are part of the page (offline by default), not a dev-only extra.
  plugins: [msw({ mode: 'worker-only' })],
  server: { host: '127.0.0.1', fs: { allow: [here('..')] } },
  preview: { host: '127.0.0.1' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    reportCompressedSize: false,
    // The mocks (MSW and the httpbin fixtures) are one large, lazily loaded chunk; the library's own is small.
    chunkSizeWarningLimit: 2000,
  },
});
