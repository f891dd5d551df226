import { defineConfig } from 'vitest/config';
import { packageAliases } from '../aliases.ts';
import { realServerSuite } from '../suite-config.ts';

// The cassette suite (`npm run test:cassette`): records a Session against Debian's httpbin (python3-httpbin under
// gunicorn, started by the test itself, since it stops the server halfway), then replays it with the server gone.
const suite = realServerSuite('cassette', 30_000);
export default defineConfig({ ...suite, resolve: { alias: packageAliases }, test: { ...suite.test, globalSetup: [] } });
