// A response body arrives in chunks that may end inside a multi-byte UTF-8 character. The
// client decodes chunk by chunk as the bytes arrive (no contiguous buffer per page: api.ts,
// collect), so a character split between two chunks must still come out whole. A small real
// HTTPS server sends a pod list byte range by byte range, cutting through 2-, 3- and 4-byte
// characters, with a pause between writes so that each reaches the client as its own chunk.
import { afterEach, describe, expect, it } from 'vitest';
import { openCluster } from '../../src/cluster/session.js';
import { eventually } from './fixtures.js';
import { startHttpsServer, type TestServer } from './https-server.js';
import { removeTempKubeconfigs } from './kubeconfig-files.js';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
  removeTempKubeconfigs();
});

const TEXT = 'café ☕ 日本 🚀 naïve';

/** Every cut falls inside a character: after the first byte of é, ☕, 日 and 🚀. */
function cuts(body: Buffer): number[] {
  const out: number[] = [];
  for (const ch of ['é', '☕', '日', '🚀']) out.push(body.indexOf(Buffer.from(ch)) + 1);
  return out.sort((a, b) => a - b);
}

async function splittingServer(): Promise<TestServer> {
  const list = { kind: 'PodList', apiVersion: 'v1', metadata: { resourceVersion: '7' }, items: [{ metadata: { namespace: 'a', name: 'p', resourceVersion: '7', annotations: { note: TEXT } } }] };
  const body = Buffer.from(JSON.stringify(list));
  const server = await startHttpsServer((req, res) => {
    const url = new URL(req.url ?? '/', 'https://localhost');
    if (url.pathname !== '/api/v1/pods') {
      res.writeHead(404, { 'Content-Type': 'application/json' }).end('{"kind":"Status","code":404,"reason":"NotFound"}');
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/json' });
    if (url.searchParams.get('watch') === 'true') {
      res.write('\n'); // held open, like a quiet watch
      return;
    }
    const bounds = [0, ...cuts(body), body.length];
    const send = (i: number) => {
      if (i === bounds.length - 1) return void res.end();
      res.write(body.subarray(bounds[i], bounds[i + 1]));
      setTimeout(() => send(i + 1), 15);
    };
    send(0);
  });
  cleanup.push(server.close);
  return server;
}

describe('response bodies', () => {
  it('keeps a multi-byte character whole when a chunk ends inside it', async () => {
    const srv = await splittingServer();
    const s = await openCluster({ kubeconfig: srv.kubeconfig(), allNamespaces: true, kinds: ['pods'], flushMs: 10, env: {}, home: '/nonexistent' });
    cleanup.push(() => s.close());
    await eventually(() => s.store.state('pods').phase === 'live', 5_000, 'live');
    expect(s.store.get('pods', 'a/p')?.metadata?.annotations?.note).toBe(TEXT);
  });
});
