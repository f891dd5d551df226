/**
 * docs/differences.md carries the parity allow-list as a generated table: this fails when the doc and
 * test/parity/deviations.ts disagree (regenerate with `npx tsx test/parity/differences-doc.ts --write`).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DOC, parityTable, withTable } from '../../parity/differences-doc';

describe('docs/differences.md', () => {
  it('lists every difference the parity suite allows, exactly as test/parity/deviations.ts has them', () => {
    const doc = readFileSync(DOC, 'utf8');
    expect(doc).toBe(withTable(doc, parityTable()));
  });
});
