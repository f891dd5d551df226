import { realServerSuite } from '../suite-config';

// The fidelity suite (`npm run test:fidelity`): one request table sent to the MSW httpbin and to Debian's real httpbin
// (started under gunicorn by the global setup, which fails loudly when it cannot). Needs python3-httpbin + gunicorn.
export default realServerSuite('fidelity', 20_000);
