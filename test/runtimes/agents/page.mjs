// The agent for browsers: bundled with the packed library's browser build into the test page the front serves.
// The driver calls `window.__runtimes.run(name, env)`.
import { CASE_NAMES, runCase } from '../agent.mjs';

export function installPage(fr) {
  window.__runtimes = { names: CASE_NAMES, run: (name, env) => runCase(fr, env, name), fr };
  document.body.dataset.ready = 'true';
}
