/**
 * Issue 7: this library against Python Requests (Debian's 2.28.1) on the same real servers, scenario by scenario,
 * field by field. Requests runs the whole table in one Python process while the library runs it here; each test
 * then compares one scenario. Differences not allow-listed in deviations.ts fail.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { diffOutcomes, type Difference } from './compare';
import { deviations, explain, type Deviation } from './deviations';
import { runScenario } from './library-runner';
import { runPython, type PythonRun } from './python';
import { resolveTable } from './resolve';
import type { Area } from './scenario';
import { scenarios } from './scenarios';

const servers = inject('parity');

const table = resolveTable(scenarios, servers);
let python: Promise<PythonRun>;
const used = new Set<Deviation>();
const ran = new Set<string>();

beforeAll(() => {
  python = runPython(table);
  // Surface a driver crash even if no test awaits it first.
  python.catch(() => {});
});

function describeDiff(d: Difference): string {
  return `  call ${d.call} ${d.field}:\n    Requests: ${JSON.stringify(d.python)}\n    library:  ${JSON.stringify(d.library)}`;
}

describe('the scenario table', () => {
  it('has at least 60 scenarios with unique ids, covering every area', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(60);
    expect(new Set(scenarios.map((s) => s.id)).size).toBe(scenarios.length);
    const areas: Area[] = [
      'params',
      'bodies',
      'files',
      'auth',
      'redirects',
      'cookies',
      'sessions',
      'encodings',
      'streaming',
      'timeouts',
      'errors',
      'responses',
    ];
    for (const area of areas) expect(scenarios.filter((s) => s.area === area).length, area).toBeGreaterThanOrEqual(3);
  });

  it('is run by Debian Requests 2.28.1', async () => {
    expect((await python).requests).toBe('2.28.1');
  });
});

for (const area of [...new Set(table.map((s) => s.area))]) {
  describe(area, () => {
    for (const scenario of table.filter((s) => s.area === area)) {
      it(`${scenario.id}: ${scenario.title}`, async () => {
        const library = await runScenario(scenario);
        const reference = (await python).results[scenario.id];
        expect(reference, 'driver.py returned no outcome').toBeDefined();
        expect(reference!.runnerError, 'driver.py crashed on this scenario').toBeUndefined();
        ran.add(scenario.id);
        const { explained, unexplained } = explain(scenario.id, diffOutcomes(reference!, library));
        for (const deviation of explained.values()) used.add(deviation);
        expect(
          unexplained,
          `differences from Requests not in deviations.ts:\n${unexplained.map(describeDiff).join('\n')}`,
        ).toEqual([]);
      });
    }
  });
}

describe('the allow-list', () => {
  it('lists only deviations that are still observed', () => {
    // Only meaningful when the scenarios an entry names have run (a filtered run skips them).
    const stale = deviations.filter(
      (d) => !used.has(d) && (d.scenarios === '*' ? ran.size === table.length : d.scenarios.every((id) => ran.has(id))),
    );
    expect(stale.map((d) => `${String(d.scenarios)} ${d.fields.join(', ')}: ${d.reason}`)).toEqual([]);
  });

  it('gives every deviation a one-line reason', () => {
    for (const d of deviations)
      expect(d.reason.trim().length > 10 && !d.reason.includes('\n'), d.fields.join()).toBe(true);
  });
});
