// docs/runtimes.md's matrix, written by the runner from its last run: runtime × case → pass / limit / fail, with the
// limits' reasons as numbered notes. Only the part between the two markers is generated; a runtime the run did not
// cover keeps the cells the file already had for it.
import { readFileSync, writeFileSync } from 'node:fs';

export const START = '<!-- matrix:start (written by npm run test:runtimes; do not edit by hand) -->';
export const END = '<!-- matrix:end -->';

const cell = (text) => text.replaceAll('|', '\\|');

/** The cells of the table between the markers, as Map(case → Map(runtime → text)). */
function previousCells(markdown) {
  const cells = new Map();
  const from = markdown.indexOf(START);
  const to = markdown.indexOf(END);
  if (from === -1 || to === -1) return cells;
  const rows = markdown
    .slice(from, to)
    .split('\n')
    .filter((line) => line.startsWith('|'));
  if (rows.length < 2) return cells;
  const split = (line) =>
    line
      .slice(1, -1)
      .split(/(?<!\\)\|/)
      .map((s) => s.trim().replaceAll('\\|', '|'));
  const runtimes = split(rows[0]).slice(1);
  for (const row of rows.slice(2)) {
    const [name, ...values] = split(row);
    cells.set(name, new Map(runtimes.map((runtime, i) => [runtime, values[i] ?? ''])));
  }
  return cells;
}

/**
 * A Markdown table laid out as Biome formats one (so `biome ci` passes on the generated file): every column as wide
 * as its widest cell, the first left-aligned, the others centred (an odd space goes to the right).
 */
function table(header, rows) {
  const widths = header.map((_, i) => Math.max(3, ...[header, ...rows].map((row) => row[i].length)));
  const centre = (text, width) => {
    const extra = width - text.length;
    return ' '.repeat(Math.floor(extra / 2)) + text + ' '.repeat(Math.ceil(extra / 2));
  };
  const line = (row) =>
    `| ${row.map((text, i) => (i === 0 ? text.padEnd(widths[0]) : centre(text, widths[i]))).join(' | ')} |`;
  const rule = `| ${widths.map((w, i) => (i === 0 ? '-'.repeat(w) : `:${'-'.repeat(w - 2)}:`)).join(' | ')} |`;
  return [line(header), rule, ...rows.map(line)];
}

/**
 * @param {string} file docs/runtimes.md
 * @param {string[]} runtimes every runtime, in column order
 * @param {string[]} cases every case name, in row order
 * @param {Map<string, Map<string, { status: 'pass' | 'fail' | 'limit' | 'n/a', reason?: string }>>} results
 *   runtime → case → outcome, for the runtimes this run covered
 */
export function writeMatrix(file, runtimes, cases, results) {
  const markdown = readFileSync(file, 'utf8');
  const before = previousCells(markdown);
  const from = markdown.indexOf(START);
  const to = markdown.indexOf(END);
  const previousNotes = new Map();
  if (from !== -1 && to !== -1)
    for (const m of markdown.slice(from, to).matchAll(/^(\d+)\. (.*)$/gm)) previousNotes.set(m[1], m[2]);
  const reasons = [];
  const note = (reason) => {
    let i = reasons.indexOf(reason);
    if (i === -1) i = reasons.push(reason) - 1;
    return `limit [${i + 1}]`;
  };
  const rows = cases.map((name) => [
    name,
    ...runtimes.map((runtime) => {
      const outcome = results.get(runtime)?.get(name);
      if (outcome) return outcome.status === 'limit' ? note(outcome.reason) : outcome.status;
      // Not run this time: the previous cell, its note renumbered.
      const old = before.get(name)?.get(runtime) ?? '';
      const n = /^limit \[(\d+)\]$/.exec(old)?.[1];
      return n && previousNotes.has(n) ? note(previousNotes.get(n)) : old;
    }),
  ]);
  const lines = table(
    ['case', ...runtimes],
    rows.map((row) => row.map(cell)),
  );
  const body = [
    START,
    '',
    ...lines,
    '',
    'Limits:',
    '',
    ...reasons.map((reason, i) => `${i + 1}. ${reason}`),
    '',
    END,
  ].join('\n');
  const next =
    from === -1 || to === -1
      ? `${markdown.trimEnd()}\n\n${body}\n`
      : markdown.slice(0, from) + body + markdown.slice(to + END.length);
  writeFileSync(file, next);
}
