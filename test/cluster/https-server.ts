// A small real HTTPS server on 127.0.0.1 with the demo's certificates, for tests that need
// answers the demo server never gives (throttling, bodies cut into odd chunks), and a
// kubeconfig that trusts it.
import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { demoCerts } from '../../src/demo/certs.js';
import { writeTempKubeconfig } from './kubeconfig-files.js';

export interface TestServer {
  url: string;
  ca: string;
  /** A kubeconfig file (removed by removeTempKubeconfigs) whose one context is this server. */
  kubeconfig: () => string;
  close: () => Promise<void>;
}

export async function startHttpsServer(handle: (req: IncomingMessage, res: ServerResponse) => void): Promise<TestServer> {
  const certs = await demoCerts();
  const server = https.createServer({ key: certs.key, cert: certs.cert }, handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    ca: certs.caCert,
    kubeconfig: () =>
      writeTempKubeconfig({
        clusters: [{ name: 't', cluster: { server: url, 'certificate-authority-data': Buffer.from(certs.caCert).toString('base64') } }],
        users: [{ name: 't', user: { token: 'x' } }],
        contexts: [{ name: 't', context: { cluster: 't', user: 't' } }],
        'current-context': 't',
      }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
