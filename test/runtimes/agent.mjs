// Runs the spec's cases inside a runtime: each case bounded by a timer, its outcome as plain JSON. Imported by every
// agent (agents/), so, like spec.mjs, it uses nothing but the web platform.
import { CASES } from './spec.mjs';

/** A case that has not settled after this long fails (a browser's login prompt, a hung body, a lost response). */
export const CASE_TIMEOUT_MS = 8000;

export const CASE_NAMES = CASES.map((c) => c.name);

/** `{ name, ok, message, ms }` for one case; never throws. */
export async function runCase(fr, env, name) {
  const spec = CASES.find((c) => c.name === name);
  const started = Date.now();
  const outcome = (ok, message) => ({ name, ok, message, ms: Date.now() - started });
  if (!spec) return outcome(false, `no case named ${JSON.stringify(name)}`);
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CASE_TIMEOUT_MS / 1000} s`)), CASE_TIMEOUT_MS);
  });
  try {
    const observed = await Promise.race([spec.run(fr, env), late]);
    spec.expect(observed, env);
    return outcome(true, '');
  } catch (error) {
    const name = error?.name && error.name !== 'Error' ? `${error.name}: ` : '';
    return outcome(false, `${name}${error?.message ?? String(error)}`);
  } finally {
    clearTimeout(timer);
  }
}

export async function runCases(fr, env, names = CASE_NAMES) {
  const results = [];
  for (const name of names) results.push(await runCase(fr, env, name));
  return results;
}
