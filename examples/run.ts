/**
 * Runs the tutorial's examples, offline against the built-in MSW mocks (mocks/node.ts), or with `--live` against
 * the real URLs. Each example runs in this process, in the tutorial's order, and prints what it prints.
 *
 *   npm run examples                      every example, each under a `=== name ===` heading
 *   npm run examples get_status           one example, printing exactly what it prints
 *   npm run examples ./my-script.ts       any script of yours, against the same mocks
 *   npm run examples -- --live            the real servers (the tutorial's own need its nginx, Flask app, ...)
 *   npm run examples -- --out DIR         where examples write files (default: a fresh temporary directory)
 *
 * Exits 1 when an example throws (after running the others), 2 on a usage error.
 */
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The tutorial's examples, in the tutorial's order (each examples/NAME.ts is the twin of NAME.py). */
const EXAMPLES = [
  'version',
  'read_webpage',
  'strip_tags',
  'create_request',
  'get_status',
  'head_request',
  'mget',
  'mget2',
  'redirect',
  'redirect2',
  'redirect3',
  'user_agent',
  'post_value',
  'upload_file',
  'read_json',
  'send_json',
  'get_term',
  'streaming',
  'credentials',
] as const;

const HERE = fileURLToPath(new URL('.', import.meta.url));
const USAGE = `usage: npm run examples [-- --live] [-- --out DIR]
       npm run examples <name | path/to/script.ts> [-- --live] [-- --out DIR]
examples: ${EXAMPLES.join(', ')}`;

interface Args {
  files: { name: string; path: string }[];
  live: boolean;
  out: string | null;
}

class UsageError extends Error {}

function parseArgs(argv: string[]): Args {
  const args: Args = { files: [], live: false, out: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--live') args.live = true;
    else if (arg === '--out') {
      const dir = argv[++i];
      if (!dir) throw new UsageError('--out needs a directory');
      args.out = resolve(dir);
    } else if (arg === '--help' || arg === '-h') throw new UsageError('');
    else if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}`);
    else args.files.push(resolveExample(arg));
  }
  if (args.files.length === 0) args.files = EXAMPLES.map((name) => ({ name, path: join(HERE, `${name}.ts`) }));
  return args;
}

/** An example's name (`get_status`, `get_status.ts`, `get_status.py`) or the path of a script. */
function resolveExample(arg: string): { name: string; path: string } {
  const name = arg.replace(/\.(ts|py)$/, '');
  if ((EXAMPLES as readonly string[]).includes(name)) return { name, path: join(HERE, `${name}.ts`) };
  if (/\.[cm]?[jt]s$/.test(arg) && existsSync(arg)) return { name: arg, path: resolve(arg) };
  throw new UsageError(`no example named ${JSON.stringify(arg)}`);
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

async function main(): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(error.message ? `${error.message}\n${USAGE}` : USAGE);
    return error.message ? 2 : 0;
  }
  // Files the examples write (streaming's jls8.pdf) go here, not into the repository.
  const out = args.out ?? mkdtempSync(join(tmpdir(), 'fetch-requests-examples-'));
  process.chdir(out);

  const mocks = args.live ? null : await import('../mocks/node');
  mocks?.startMocks();
  const failed: string[] = [];
  try {
    for (const [i, { name, path }] of args.files.entries()) {
      if (args.files.length > 1) console.log(`${i > 0 ? '\n' : ''}=== ${name} ===`);
      try {
        await import(pathToFileURL(path).href);
      } catch (error) {
        failed.push(name);
        console.error(`${name} failed: ${describe(error)}`);
      }
    }
  } finally {
    mocks?.stopMocks();
  }

  const written = readdirSync(out);
  if (written.length > 0) console.error(`(files written by the examples are in ${out}: ${written.join(', ')})`);
  if (failed.length > 0) {
    console.error(`${failed.length} of ${args.files.length} failed: ${failed.join(', ')}`);
    return 1;
  }
  return 0;
}

process.exitCode = await main();
