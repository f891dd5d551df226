/**
 * Prints the allow-list (deviations.ts) as the Markdown table the README's "Differences from Python Requests"
 * section mirrors:   npx tsx test/parity/print-deviations.ts
 */
import { deviations } from './deviations';

const cell = (text: string): string => text.replace(/\|/g, '\\|');
console.log('| Where (parity scenarios) | Field | Difference, and why |');
console.log('|---|---|---|');
for (const d of deviations) {
  const where = d.scenarios === '*' ? 'every request' : d.scenarios.map((id) => `\`${id}\``).join(', ');
  console.log(`| ${where} | ${d.fields.map((f) => `\`${f}\``).join(', ')} | ${cell(d.reason)} |`);
}
