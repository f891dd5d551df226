/**
 * Prints, after vitest's own report, the suite's account of Requests' tests:
 *
 *   requests-suite: N passed, M failed, K not applicable, E expected differences (P pending)
 *
 * then the pending ones by issue and the bugs. N counts ported tests that passed, M every test that failed (a
 * ported test that failed, or an expected difference that started passing), K the ledger's not-applicable lines,
 * E the expected differences that failed as expected (`it.fails`).
 *
 * When every file of the suite ran with no name filter, it also checks the ledger against the tests: each ported
 * or expected line has exactly one test of that title, each test a line, no line twice. A mismatch is printed and
 * fails the run.
 */
import { readdirSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Reporter, TestCase, TestModule, Vitest } from 'vitest/node';
import { ledger, type Row } from './ledger';

const HERE = fileURLToPath(new URL('.', import.meta.url));

export default class LedgerReporter implements Reporter {
  #vitest: Vitest | undefined;

  onInit(vitest: Vitest): void {
    this.#vitest = vitest;
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const cases: TestCase[] = testModules.flatMap((module) => [...module.children.allTests()]);
    const rows = new Map<string, Row>();
    const problems: string[] = [];
    for (const row of ledger) {
      if (rows.has(row.test)) problems.push(`the ledger lists ${row.test} twice`);
      rows.set(row.test, row);
    }

    let passed = 0;
    let failed = 0;
    let expected = 0;
    const pendingByIssue = new Map<string, string[]>();
    const bugs: string[] = [];
    const failures: string[] = [];
    for (const test of cases) {
      const state = test.result().state;
      const row = rows.get(test.name);
      if (state === 'failed') {
        failed++;
        failures.push(test.options.fails ? `${test.name} (expected to fail, passed)` : test.name);
      } else if (state === 'passed' && test.options.fails) {
        expected++;
        if (row?.status === 'expected difference' && row.category === 'pending') {
          for (const issue of row.issues ?? ['?']) {
            pendingByIssue.set(issue, [...(pendingByIssue.get(issue) ?? []), test.name]);
          }
        }
        if (row?.status === 'expected difference' && row.category === 'bug') bugs.push(test.name);
      } else if (state === 'passed') {
        passed++;
      }
    }
    const notApplicable = ledger.filter((row) => row.status === 'not applicable').length;
    const pending = new Set([...pendingByIssue.values()].flat()).size;

    if (this.#ranEverything(testModules)) problems.push(...this.#mismatches(cases, rows));

    const out: string[] = [
      '',
      `requests-suite: ${passed} passed, ${failed} failed, ${notApplicable} not applicable, ${expected} expected differences (${pending} pending)`,
    ];
    for (const issue of [...pendingByIssue.keys()].sort()) {
      const tests = pendingByIssue.get(issue)!;
      out.push(`  pending ${issue} (${tests.length}): ${tests.join(', ')}`);
    }
    if (bugs.length > 0) out.push(`  bug (${bugs.length}): ${bugs.join(', ')}`);
    if (failures.length > 0) out.push(`  failed (${failures.length}): ${failures.join(', ')}`);
    for (const problem of problems) out.push(`  ledger: ${problem}`);
    console.log(out.join('\n'));
    if (problems.length > 0) process.exitCode = 1;
  }

  /** Whether every test file of the suite ran, with no test name filter. */
  #ranEverything(testModules: ReadonlyArray<TestModule>): boolean {
    if (this.#vitest?.config.testNamePattern) return false;
    const files = readdirSync(HERE).filter((name) => name.endsWith('.test.ts'));
    const ran = new Set(testModules.map((module) => basename(module.moduleId)));
    return files.every((file) => ran.has(file));
  }

  #mismatches(cases: readonly TestCase[], rows: ReadonlyMap<string, Row>): string[] {
    const problems: string[] = [];
    const titles = new Map<string, number>();
    for (const test of cases) titles.set(test.name, (titles.get(test.name) ?? 0) + 1);
    for (const [title, count] of titles) {
      if (!rows.has(title)) problems.push(`a test titled ${title} has no line`);
      else if (count > 1) problems.push(`${count} tests are titled ${title}`);
    }
    for (const row of rows.values()) {
      if (row.status === 'not applicable') {
        if (titles.has(row.test)) problems.push(`${row.test} is listed as not applicable but a test has its title`);
      } else if (!titles.has(row.test)) {
        problems.push(`${row.test} is listed as ${row.status} but no test has its title`);
      }
    }
    return problems;
  }
}
