// A kept-alive connection that the server (or a load balancer in front of it) closes just as
// the next request goes out: the request fails before any answer. Every request podscope
// makes is a read, so it is sent again on a new connection, once; a server that drops every
// request still fails, and a failure on a new connection is reported as it is.
import { afterEach, describe, expect, it } from 'vitest';
import type { Socket } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';
import { KubeReadOnlyApi } from '../../src/cluster/api.js';
import { getJson, readKubeconfig } from '../../src/bench/kube-client.js';
import { startHttpsServer, type TestServer } from './https-server.js';
import { removeTempKubeconfigs } from './kubeconfig-files.js';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
  removeTempKubeconfigs();
});

const POD = { kind: 'Pod', apiVersion: 'v1', metadata: { namespace: 'shop', name: 'web-1', uid: 'u1', resourceVersion: '3' } };

/** Drops, unanswered, the requests that `drop` picks (by their number on their connection and overall). */
async function droppingServer(drop: (onConnection: number, overall: number) => boolean): Promise<TestServer & { connections: Set<Socket>; requests: () => number }> {
  const perSocket = new WeakMap<Socket, number>();
  const connections = new Set<Socket>();
  let overall = 0;
  const server = await startHttpsServer((req, res) => {
    const socket = req.socket;
    connections.add(socket);
    const onConnection = (perSocket.get(socket) ?? 0) + 1;
    perSocket.set(socket, onConnection);
    overall++;
    if (drop(onConnection, overall)) {
      socket.destroy();
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(POD));
  });
  cleanup.push(server.close);
  return { ...server, connections, requests: () => overall };
}

function apiFor(server: TestServer): KubeReadOnlyApi {
  const kc = new KubeConfig();
  kc.loadFromFile(server.kubeconfig());
  return new KubeReadOnlyApi(kc, kc.getCurrentContext());
}

describe('a kept connection closed under a request', () => {
  it('is sent again on a new connection, and the caller gets its answer', async () => {
    // The second request on a connection finds it closed, as at a server's idle timeout.
    const srv = await droppingServer((onConnection) => onConnection === 2);
    const api = apiFor(srv);
    expect((await api.get('pods', 'shop', 'web-1')).metadata?.name).toBe('web-1');
    expect((await api.get('pods', 'shop', 'web-1')).metadata?.name).toBe('web-1');
    expect(srv.requests()).toBe(3);
    expect(srv.connections.size).toBe(2);
  });

  it('is sent again only once: a server that keeps dropping requests is an error', async () => {
    const srv = await droppingServer((onConnection, overall) => overall > 1);
    const api = apiFor(srv);
    await api.get('pods', 'shop', 'web-1');
    await expect(api.get('pods', 'shop', 'web-1')).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(srv.requests()).toBe(3);
  });

  it('is not sent again when it failed on a new connection', async () => {
    const srv = await droppingServer(() => true);
    const api = apiFor(srv);
    await expect(api.get('pods', 'shop', 'web-1')).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(srv.requests()).toBe(1);
  });
});

describe("the bench's own client", () => {
  it('sends a request again, once, when its kept connection was closed under it', async () => {
    const srv = await droppingServer((onConnection) => onConnection === 2);
    const access = readKubeconfig(srv.kubeconfig());
    for (let i = 0; i < 2; i++) expect(await getJson(access, '/api/v1/namespaces/shop/pods/web-1')).toMatchObject({ metadata: { name: 'web-1' } });
    expect(srv.requests()).toBe(3);
  });
});
