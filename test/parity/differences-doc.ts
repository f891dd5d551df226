/**
 * The parity allow-list (deviations.ts) as the table docs/differences.md carries between its `parity` markers:
 *
 *   npx tsx test/parity/differences-doc.ts           prints the table
 *   npx tsx test/parity/differences-doc.ts --write   writes it into docs/differences.md
 *
 * A test in `npm test` (test/node/docs/differences.test.ts) fails when the doc's table is not this one, so the
 * doc cannot drift from what the parity suite checks.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ABSENT } from './compare';
import { deviations } from './deviations';

export const DOC = fileURLToPath(new URL('../../docs/differences.md', import.meta.url));
const BEGIN =
  '<!-- parity:begin (generated from test/parity/deviations.ts: npx tsx test/parity/differences-doc.ts --write) -->';
const END = '<!-- parity:end -->';

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const shown = (value: unknown): string =>
  value === undefined ? '' : value === ABSENT ? '(absent)' : `\`${cell(JSON.stringify(value))}\``;

/** The allow-list as a Markdown table. */
export function parityTable(): string {
  const rows = deviations.map((d) => {
    const where = d.scenarios === '*' ? 'every request' : d.scenarios.map((id) => `\`${id}\``).join(', ');
    const fields = d.fields.map((f) => `\`${f}\``).join(', ');
    return `| ${where} | ${fields} | ${shown(d.library)} | ${shown(d.python)} | ${cell(d.reason)} |`;
  });
  return [
    '| where (parity scenarios) | field | this library | Requests | why |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

/** The doc with its generated block replaced by `table`. */
export function withTable(doc: string, table: string): string {
  const start = doc.indexOf(BEGIN);
  const end = doc.indexOf(END);
  if (start === -1 || end < start) throw new Error(`${DOC} has no ${BEGIN} … ${END} block`);
  return `${doc.slice(0, start + BEGIN.length)}\n${table}\n${doc.slice(end)}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const table = parityTable();
  if (process.argv.includes('--write')) writeFileSync(DOC, withTable(readFileSync(DOC, 'utf8'), table));
  else console.log(table);
}
