import { mergeConfig } from 'vitest/config';
import { realServerSuite } from '../suite-config';
import LedgerReporter from './reporter';

// psf/requests' tests/test_requests.py, ported test by test (ledger.ts accounts for each), against Debian's httpbin
// under gunicorn, over http and TLS, started by the global setup. Run with `npm run test:requests-suite`.
export default mergeConfig(realServerSuite('requests-suite', 30_000), {
  test: { reporters: ['default', new LedgerReporter()] },
});
