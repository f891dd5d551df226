import { realServerSuite } from '../suite-config';

// The proxies-and-TLS suite (`npm run test:proxies`): real tinyproxy forward proxies and TLS servers with
// certificates made by openssl at start (global-setup.ts), all on loopback. Needs Debian's tinyproxy and openssl.
export default realServerSuite('proxies-tls', 15_000);
