/**
 * Every `ts` code block in README.md and docs/*.md is a program that compiles under `strict` and runs against the
 * mocks (httpbin.org and the tutorial's servers, as `npm run examples` serves them) — or is marked, right above
 * it, `<!-- not run: the reason -->`. A snippet that throws, does not compile, or is skipped without a reason fails.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const TSX = fileURLToPath(import.meta.resolve('tsx/cli'));
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');
const OUT = join(ROOT, '.tmp/snippets');

interface Snippet {
  doc: string;
  line: number;
  code: string;
  /** Why it is not run, when it is marked so. */
  notRun: string | null;
}

function snippets(doc: string): Snippet[] {
  const lines = readFileSync(join(ROOT, doc), 'utf8').split('\n');
  const found: Snippet[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.trim() !== '```ts') continue;
    const end = lines.indexOf('```', i + 1);
    const marker = /^<!-- not run:(.*)-->$/.exec(lines[i - 1]?.trim() ?? '');
    found.push({
      doc,
      line: i + 1,
      code: lines.slice(i + 1, end).join('\n'),
      notRun: marker ? marker[1]!.trim() : null,
    });
    i = end;
  }
  return found;
}

const DOCS = ['README.md', ...readdirSync(join(ROOT, 'docs')).map((name) => `docs/${name}`)].filter((doc) =>
  doc.endsWith('.md'),
);
const ALL = DOCS.flatMap(snippets);
const RUN = ALL.filter((s) => s.notRun === null);
const fileOf = (s: Snippet): string => join(OUT, `${s.doc.replace(/\W+/g, '-')}-line-${s.line}.ts`);

let compiled: ReturnType<typeof spawnSync>;
let ran: ReturnType<typeof spawnSync>;

beforeAll(() => {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  for (const s of RUN) writeFileSync(fileOf(s), `${s.code}\nexport {};\n`);
  writeFileSync(
    join(OUT, 'tsconfig.json'),
    JSON.stringify({ extends: '../../tsconfig.json', compilerOptions: { strict: true }, include: ['*.ts'] }),
  );
  compiled = spawnSync(process.execPath, [TSC, '--noEmit', '-p', join(OUT, 'tsconfig.json')], { encoding: 'utf8' });
  ran = spawnSync(process.execPath, [TSX, 'examples/run.ts', ...RUN.map(fileOf)], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
  });
}, 180_000);
afterAll(() => rmSync(OUT, { recursive: true, force: true }));

describe('code blocks in README.md and docs/', () => {
  it('are there to check (the README has some)', () => {
    expect(RUN.filter((s) => s.doc === 'README.md').length).toBeGreaterThan(2);
  });

  it('say why, when one is not run', () => {
    for (const s of ALL.filter((x) => x.notRun !== null)) expect(s.notRun, `${s.doc}:${s.line}`).not.toBe('');
  });

  it('compile under strict', () => {
    expect(`${compiled.stdout}${compiled.stderr}`).toBe('');
    expect(compiled.status).toBe(0);
  });

  it('run against the mocks without throwing', () => {
    expect(ran.stderr).not.toMatch(/ failed: /);
    expect(ran.status, `${ran.stdout}\n${ran.stderr}`).toBe(0);
  });
});
