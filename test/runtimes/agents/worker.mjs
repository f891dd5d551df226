// The agent for Cloudflare's workerd (through miniflare). The runner bundles it with the packed library as wrangler
// would (conditions workerd, worker, browser); the worker answers `GET /?case=NAME&env=JSON` with that case's outcome.
import { runCase } from '../agent.mjs';

export function caseWorker(fr) {
  return {
    async fetch(request) {
      const url = new URL(request.url);
      const env = JSON.parse(url.searchParams.get('env'));
      return Response.json(await runCase(fr, env, url.searchParams.get('case')));
    },
  };
}
