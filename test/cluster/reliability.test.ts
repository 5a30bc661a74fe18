// R1 (server stopped and restarted during watch), R2 (410 Expired → relist) and a 20 s churn
// at 500 updates/s, all against the real demo server. The store must end equal to the
// server's world: same keys and same resourceVersions, no ghosts, no duplicates.
import { afterEach, describe, expect, it } from 'vitest';
import { openCluster } from '../../src/cluster/session.js';
import type { ClusterSession } from '../../src/cluster/session.js';
import { startDemoServer } from '../../src/demo/server.js';
import type { DemoServer } from '../../src/demo/server.js';
import { startChurn } from '../../src/demo/churn.js';
import { buildDataset } from '../../src/demo/dataset.js';
import { DemoWorld } from '../../src/demo/world.js';
import type { KubeObject } from '../../src/model/kube.js';
import type { ChangeBatch, SyncState } from '../../src/model/store-view.js';
import { eventually, keysOf, storeMatches, testDataset, testPod, versionsOf } from './fixtures.js';

const running: { sessions: ClusterSession[]; servers: DemoServer[] } = { sessions: [], servers: [] };

afterEach(async () => {
  await Promise.all(running.sessions.splice(0).map((s) => s.close()));
  await Promise.all(running.servers.splice(0).map((s) => s.stop()));
});

async function serve(world: DemoWorld, port?: number, token?: string): Promise<DemoServer> {
  const server = await startDemoServer({ world, port, token });
  running.servers.push(server);
  return server;
}

async function watchPods(server: DemoServer): Promise<ClusterSession> {
  const s = await openCluster({ kubeconfig: server.kubeconfigPath, allNamespaces: true, kinds: ['pods'], flushMs: 50, env: {}, home: '/nonexistent' });
  running.sessions.push(s);
  await s.waitForSync(['pods'], 10_000);
  return s;
}

/** Stops a server and waits until the session has noticed. */
async function takeDown(server: DemoServer, s: ClusterSession): Promise<void> {
  await server.stop();
  await eventually(() => s.store.state('pods').phase === 'reconnecting', 5_000, 'reconnecting after the server stopped');
}

function withRestarts(pod: KubeObject, restarts: number): KubeObject {
  return { ...pod, status: { phase: 'Running', containerStatuses: [{ name: 'app', ready: restarts % 2 === 0, restartCount: restarts }] } };
}

function noDuplicates(objects: readonly KubeObject[]): boolean {
  return new Set(keysOf(objects)).size === objects.length;
}

describe('R1: API server stopped and restarted during watch', () => {
  it('shows reconnecting, then exactly the server pods (no ghosts) within 5 s of its return', async () => {
    const world = DemoWorld.fromDataset(testDataset({ shop: 30, data: 20 }));
    const first = await serve(world);
    const s = await watchPods(first);
    expect(storeMatches(s.store, 'pods', world.list('pods'))).toBe(true);

    await takeDown(first, s);
    const down = s.store.state('pods');
    expect(down.phase === 'reconnecting' && down.cause).toMatch(/cannot reach https:\/\/127\.0\.0\.1:\d+ \(connection (refused|reset)/);
    for (let i = 0; i < 10; i++) world.remove('pods', `shop/web-${i}`);
    for (let i = 0; i < 5; i++) world.upsert('pods', testPod('shop', `born-while-down-${i}`));
    world.upsert('pods', withRestarts(world.get('pods', 'data/web-3')!, 4));
    // the session keeps trying while the server is away
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    const attempts = s.store.state('pods');
    expect(attempts.phase === 'reconnecting' && attempts.attempt).toBeGreaterThanOrEqual(2);

    await serve(world, first.port, first.token);
    const took = await eventually(() => storeMatches(s.store, 'pods', world.list('pods')), 5_000, 'the store to equal the server');
    expect(took).toBeLessThanOrEqual(5_000);
    await eventually(() => s.store.state('pods').phase === 'live', 5_000, 'live again');
    expect(s.store.get('pods', 'shop/web-0')).toBeUndefined();
    expect(s.store.get('pods', 'shop/born-while-down-4')).toBeDefined();
    expect(versionsOf(s.store.list('pods'))).toEqual(versionsOf(world.list('pods')));
  });
});

describe('R2: watch answered with 410 Expired', () => {
  it('relists, replacing the kind wholesale: consistent, no duplicates', async () => {
    const world = DemoWorld.fromDataset(testDataset({ shop: 20 }), { historySize: 30 });
    const first = await serve(world);
    const s = await watchPods(first);
    const batches: ChangeBatch[] = [];
    s.store.subscribe((b) => batches.push(b));

    await takeDown(first, s);
    // more changes than the history keeps: resuming from the last seen version is impossible
    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < 20; i++) world.upsert('pods', withRestarts(world.get('pods', `shop/web-${i}`)!, round + 1));
    }
    for (let i = 0; i < 5; i++) world.remove('pods', `shop/web-${i}`);
    world.upsert('pods', testPod('shop', 'after-compaction'));
    expect(world.oldestResumableVersion).toBeGreaterThan(Number(s.store.get('pods', 'shop/web-19')!.metadata!.resourceVersion));

    await serve(world, first.port, first.token);
    await eventually(() => storeMatches(s.store, 'pods', world.list('pods')), 5_000, 'the store to equal the server after a relist');
    await eventually(() => batches.some((b) => b.resync?.includes('pods')), 2_000, 'a resync batch');
    expect(noDuplicates(s.store.list('pods'))).toBe(true);
    expect(s.store.list('pods')).toHaveLength(16);
    expect(s.store.byNamespace('pods', 'shop')).toHaveLength(16);
  });
});

describe('churn', () => {
  it('500 updates/s for 20 s (the demo churn), with a server restart in the middle: the store equals the server afterwards', async () => {
    const world = DemoWorld.fromDataset(await buildDataset({ now: new Date(), pods: 400 }), { historySize: 500 });
    let server = await serve(world);
    const s = await watchPods(server);
    const states: SyncState[] = [];
    s.store.subscribe((b) => {
      if (b.states?.includes('pods')) states.push(s.store.state('pods'));
    });
    let batches = 0;
    let relists = 0;
    s.store.subscribe((b) => {
      batches++;
      if (b.resync?.includes('pods')) relists++;
    });

    const rvBefore = world.resourceVersion;
    const churn = startChurn(world, 500);
    const started = Date.now();
    try {
      await new Promise((resolve) => setTimeout(resolve, 8_000));
      // down for ~1.5 s while churn goes on: more changes than the history holds → 410 → relist
      await server.stop();
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      server = await serve(world, server.port, server.token);
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, 20_000 - (Date.now() - started))));
    } finally {
      churn.stop();
    }
    expect(world.resourceVersion - rvBefore).toBeGreaterThan(7_000); // the machine really produced about 500/s
    await eventually(() => storeMatches(s.store, 'pods', world.list('pods')), 5_000, 'the store to equal the server after churn');
    expect(noDuplicates(s.store.list('pods'))).toBe(true);
    expect(states.map((st) => st.phase)).toContain('reconnecting');
    expect(relists).toBeGreaterThanOrEqual(1); // the resume was too old: 410 → relist
    expect(s.store.state('pods').phase).toBe('live');
    // coalesced: a few batches per second, never one per event
    expect(batches).toBeLessThan(((Date.now() - started) / 1000) * 25);
  }, 60_000);
});
