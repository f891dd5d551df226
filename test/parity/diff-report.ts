/**
 * Every difference between Requests and the library, scenario by scenario, marked with the deviation that explains
 * it (or UNEXPLAINED) — the tool for working on the table and the allow-list, outside vitest.
 *
 *   npx tsx test/parity/diff-report.ts            # all scenarios
 *   npx tsx test/parity/diff-report.ts redirect-  # ids containing "redirect-"
 */
import { diffOutcomes } from './compare';
import { explain } from './deviations';
import { startServers } from './global-setup';
import { runScenario } from './library-runner';
import { runPython } from './python';
import { resolveTable } from './resolve';
import { scenarios } from './scenarios';

const filter = process.argv[2] ?? '';
const { servers, stop } = await startServers();
try {
  const table = resolveTable(scenarios, servers).filter((s) => s.id.includes(filter));
  const python = runPython(table);
  let unexplained = 0;
  for (const scenario of table) {
    const library = await runScenario(scenario);
    const reference = (await python).results[scenario.id]!;
    if (reference.runnerError) console.log(`${scenario.id}: driver crashed\n${reference.runnerError}`);
    const diffs = diffOutcomes(reference, library);
    if (diffs.length === 0) continue;
    console.log(`\n${scenario.id} (${scenario.title})`);
    const { explained } = explain(scenario.id, diffs);
    for (const d of diffs) {
      const deviation = explained.get(d);
      if (!deviation) unexplained++;
      console.log(
        `  [${deviation ? 'allowed' : 'UNEXPLAINED'}] call ${d.call} ${d.field}\n      Requests: ${JSON.stringify(d.python)}\n      library:  ${JSON.stringify(d.library)}`,
      );
    }
  }
  console.log(`\n${table.length} scenarios, ${unexplained} unexplained differences`);
} finally {
  await stop();
}
