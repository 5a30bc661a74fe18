// Throttling and server errors: the demo server never answers 429/503, so this test runs a
// small real HTTPS server that does, and checks that the reflector reports the cause, waits
// at least the Retry-After the server asked for, and then goes live.
import { afterEach, describe, expect, it } from 'vitest';
import { openCluster } from '../../src/cluster/session.js';
import type { ClusterSession } from '../../src/cluster/session.js';
import { eventually } from './fixtures.js';
import { startHttpsServer, type TestServer } from './https-server.js';
import { removeTempKubeconfigs } from './kubeconfig-files.js';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
  removeTempKubeconfigs();
});

async function throttlingServer(failures: { code: number; retryAfter?: string }[]): Promise<TestServer & { listTimes: number[] }> {
  const listTimes: number[] = [];
  const server = await startHttpsServer((req, res) => {
    const url = new URL(req.url ?? '/', 'https://localhost');
    if (url.pathname !== '/api/v1/pods') {
      res.writeHead(404, { 'Content-Type': 'application/json' }).end('{"kind":"Status","code":404,"reason":"NotFound"}');
      return;
    }
    if (url.searchParams.get('watch') === 'true') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('\n'); // held open, like a quiet watch
      return;
    }
    listTimes.push(Date.now());
    const failure = failures[listTimes.length - 1];
    if (failure) {
      const headers: Record<string, string> = { 'Content-Type': 'application/json' };
      if (failure.retryAfter) headers['Retry-After'] = failure.retryAfter;
      res.writeHead(failure.code, headers).end(JSON.stringify({ kind: 'Status', status: 'Failure', code: failure.code, reason: failure.code === 429 ? 'TooManyRequests' : 'ServiceUnavailable', message: 'slow down' }));
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(
      JSON.stringify({ kind: 'PodList', apiVersion: 'v1', metadata: { resourceVersion: '7' }, items: [{ metadata: { namespace: 'a', name: 'p', resourceVersion: '7', managedFields: [{}] } }] }),
    );
  });
  cleanup.push(server.close);
  return { ...server, listTimes };
}

async function sessionOn(server: TestServer): Promise<ClusterSession> {
  const s = await openCluster({ kubeconfig: server.kubeconfig(), allNamespaces: true, kinds: ['pods'], flushMs: 10, env: {}, home: '/nonexistent' });
  cleanup.push(() => s.close());
  return s;
}

describe('429 and 5xx', () => {
  it('reports the cause, honours Retry-After, then goes live', async () => {
    const srv = await throttlingServer([{ code: 429, retryAfter: '1' }, { code: 503 }]);
    const s = await sessionOn(srv);
    await eventually(() => {
      const st = s.store.state('pods');
      return st.phase === 'reconnecting' && /429 Too Many Requests/.test(st.cause);
    }, 3_000, 'a throttled state');
    await eventually(() => srv.listTimes.length >= 2, 4_000, 'a second list');
    expect(srv.listTimes[1] - srv.listTimes[0]).toBeGreaterThanOrEqual(950);
    await eventually(() => s.store.state('pods').phase === 'live', 4_000, 'live after the errors');
    // Two refused, the list, then the small list that reads the server's version (catching up).
    expect(srv.listTimes).toHaveLength(4);
    expect(s.store.get('pods', 'a/p')?.metadata).not.toHaveProperty('managedFields');
  });
});
