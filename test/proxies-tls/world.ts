/** What the global setup started, as the tests see it (`inject('world')`). */
export interface World {
  /** The folder of the certificates: ca.pem, server.pem/.key, client.pem/.key, client-combined.pem, … */
  dir: string;
  /** A plain-http origin on 127.0.0.1 (also reachable as localhost). */
  http: string;
  /** TLS origins on localhost, signed by the test CA: valid, expired, for wrong.example, requiring a client cert. */
  https: string;
  expired: string;
  elsewhere: string;
  mtls: string;
  /** tinyproxy without credentials, and with `proxyuser:s3cret`; CONNECT is allowed to the TLS origins only. */
  proxy: string;
  authProxy: string;
  /** Nothing listens there. */
  deadProxy: string;
}

/** What an origin saw. */
export interface Seen {
  method: string;
  url: string;
  headers: Record<string, string>;
  client: string | null;
  /** The port of the connection the request came on: the same for requests on one kept-alive connection. */
  peerPort: number;
}
