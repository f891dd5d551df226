import { realServerSuite } from '../suite-config';

// The parity suite: Python Requests and this library against the same real servers (Debian's httpbin under
// gunicorn, started by the global setup, and a node:http fixture). Run with `npm run test:parity`.
export default realServerSuite('parity', 30_000);
