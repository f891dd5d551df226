/**
 * Browser bundle sizes, min+gzip, built with esbuild the way an application's bundler would: browser platform,
 * ESM, minified, tree-shaken, code splitting on (so `import()`ed modules — ky for retries, @noble/hashes for
 * Digest — become lazy chunks, loaded only when used), src/'s `#platform/*` imports resolved under the `browser`
 * condition as any bundler does for a page. "Initial" is what a page loads up front: the entry chunk plus the
 * chunks it imports statically.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { build, type Metafile, type Plugin } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

export interface BundleRow {
  name: string;
  /** What the entry module contains. */
  entry: string;
  /** Up-front bytes, min+gzip. */
  initial: number;
  /** Lazily loaded chunks, min+gzip. */
  lazy: number;
  budget?: number;
  /** The size recorded when the budget was last reported missed (bench/RESULTS.md): the check's baseline. */
  recorded?: number;
  /** The inputs of the initial chunk, largest first, bytes after minification (from esbuild's metafile). */
  top: [string, number][];
  /** The same for the lazy chunks. */
  lazyTop: [string, number][];
}

interface Spec {
  name: string;
  entry: string;
  /** The target (issue 17). */
  budget?: number;
  /** Measured 2026-12-03, with issues 19–23's features in: budgets missed, reported as blocked on issue 17. */
  recorded?: number;
}

export const BUNDLES: Spec[] = [
  {
    name: 'fetch-requests (whole library)',
    entry: "export * from './src/index.ts'; export { default } from './src/index.ts';",
    budget: 14_000,
    recorded: 22_900,
  },
  {
    name: 'fetch-requests `get` alone',
    entry: "export { get } from './src/index.ts';",
    budget: 12_000,
    recorded: 20_600,
  },
  { name: 'ky', entry: "export { default } from 'ky';" },
  { name: 'axios', entry: "export { default } from 'axios';" },
  { name: 'ofetch', entry: "export { ofetch } from 'ofetch';" },
];

export async function measureBundle(spec: Spec, stub?: string): Promise<BundleRow> {
  const result = await build({
    stdin: { contents: spec.entry, resolveDir: root, sourcefile: 'entry.ts', loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    splitting: true,
    outdir: '/virtual',
    write: false,
    metafile: true,
    treeShaking: true,
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: stub ? [stubOut(stub)] : [],
    logLevel: 'silent',
  });
  const outputs = result.metafile.outputs;
  const files = new Map(result.outputFiles.map((f) => [f.path, f.contents]));
  const entry = Object.keys(outputs).find((p) => outputs[p]!.entryPoint !== undefined)!;
  // The entry and what it imports statically, transitively.
  const initial = new Set<string>();
  const visit = (path: string): void => {
    if (initial.has(path)) return;
    initial.add(path);
    for (const imp of outputs[path]!.imports) if (imp.kind === 'import-statement' && !imp.external) visit(imp.path);
  };
  visit(entry);
  // Metafile paths are relative to the working directory; output files carry absolute paths.
  const gz = (path: string): number => gzipSync(files.get(resolve(path))!, { level: 9 }).byteLength;
  let initialBytes = 0;
  let lazyBytes = 0;
  for (const path of Object.keys(outputs)) {
    if (path.endsWith('.map')) continue;
    if (initial.has(path)) initialBytes += gz(path);
    else lazyBytes += gz(path);
  }
  return {
    name: spec.name,
    entry: spec.entry,
    initial: initialBytes,
    lazy: lazyBytes,
    ...(spec.budget !== undefined && { budget: spec.budget }),
    ...(spec.recorded !== undefined && { recorded: spec.recorded }),
    top: topInputs(result.metafile, initial),
    lazyTop: topInputs(
      result.metafile,
      new Set(Object.keys(outputs).filter((path) => !initial.has(path) && !path.endsWith('.map'))),
    ),
  };
}

function topInputs(metafile: Metafile, initial: Set<string>): [string, number][] {
  const sizes = new Map<string, number>();
  for (const path of initial) {
    for (const [input, { bytesInOutput }] of Object.entries(metafile.outputs[path]!.inputs)) {
      const key = input.replace(/^node_modules\/([^/]+)\/.*$/, 'node_modules/$1');
      sizes.set(key, (sizes.get(key) ?? 0) + bytesInOutput);
    }
  }
  return [...sizes].sort((a, b) => b[1] - a[1]);
}

/** Replaces one src/ module by a stub that exports the same names, each `undefined` (build-time only). */
function stubOut(path: string): Plugin {
  return {
    name: 'stub-out',
    setup(b) {
      b.onLoad({ filter: /\/src\/.*\.ts$/ }, (args) => {
        if (args.path !== path) return undefined;
        const text = readFileSync(path, 'utf8');
        const names = new Set<string>();
        for (const m of text.matchAll(
          /^export\s+(?:declare\s+)?(?:async\s+)?(?:function\*?|class|const|let|var|abstract\s+class)\s+([\w$]+)/gm,
        ))
          names.add(m[1]!);
        for (const m of text.matchAll(/^export\s*\{([^}]*)\}(?!\s*from)/gm)) {
          for (const part of m[1]!.split(','))
            if (part.trim() && !part.includes('type '))
              names.add(
                part
                  .trim()
                  .split(/\s+as\s+/)
                  .pop()!,
              );
        }
        const reexports = [...text.matchAll(/^export\s+(?:\*|\{[^}]*\})\s+from\s+['"][^'"]+['"];?/gm)]
          .map((m) => m[0])
          .join('\n');
        const contents = `${[...names].map((n) => `export const ${n} = undefined as any;`).join('\n')}\n${reexports}`;
        return { contents, loader: 'ts' };
      });
    },
  };
}

/**
 * What each src/ module costs in a bundle's initial chunk: the min+gzip size saved when that one module is
 * replaced by an empty stub (its code, and whatever only it pulled in).
 */
export async function explainBundle(spec: Spec): Promise<[string, number][]> {
  const base = await measureBundle(spec);
  const modules = base.top.map(([input]) => input).filter((input) => input.startsWith('src/'));
  const out: [string, number][] = [];
  for (const input of modules) {
    const stubbed = await measureBundle(spec, resolve(root, input));
    out.push([input, base.initial - stubbed.initial]);
  }
  return out.sort((a, b) => b[1] - a[1]);
}

export async function runBundles(): Promise<BundleRow[]> {
  const rows: BundleRow[] = [];
  for (const spec of BUNDLES) rows.push(await measureBundle(spec));
  return rows;
}

/** `npx tsx scripts/browser-bundle.ts [--explain]`: the sizes, or what each module of the library costs. */
if (import.meta.url === `file://${process.argv[1]}`) {
  for (const spec of BUNDLES) {
    const row = await measureBundle(spec);
    console.log(`${row.name}: ${(row.initial / 1000).toFixed(2)} KB initial, ${(row.lazy / 1000).toFixed(2)} KB lazy`);
    if (!process.argv.includes('--explain') || row.budget === undefined) continue;
    const minified = new Map(row.top);
    for (const [input, saved] of await explainBundle(spec)) {
      console.log(
        `    ${(saved / 1000).toFixed(2).padStart(6)} KB gzip  (${((minified.get(input) ?? 0) / 1000).toFixed(1).padStart(4)} KB minified)  ${input}`,
      );
    }
  }
}
