// Live access against the real demo server: sync, namespaces, selectors, paging, logs,
// R3 (403 → namespace fallback), R4 (unreachable at start, 401), context switch, silence.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { UserError } from '../../src/cluster/errors.js';
import { openCluster } from '../../src/cluster/session.js';
import type { ClusterSession } from '../../src/cluster/session.js';
import { startDemoServer } from '../../src/demo/server.js';
import type { DemoServer } from '../../src/demo/server.js';
import type { SyncState } from '../../src/model/store-view.js';
import { eventually, keysOf, testDataset, testPod } from './fixtures.js';
import { merge, removeTempKubeconfigs, variant, writeTempKubeconfig } from './kubeconfig-files.js';

const open: { sessions: ClusterSession[]; servers: DemoServer[] } = { sessions: [], servers: [] };
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'podscope-access-'));

async function server(opts: Parameters<typeof startDemoServer>[0] = {}): Promise<DemoServer> {
  const s = await startDemoServer({ dataset: testDataset({ shop: 6, data: 4 }), ...opts });
  open.servers.push(s);
  return s;
}

async function session(opts: Parameters<typeof openCluster>[0]): Promise<ClusterSession> {
  const s = await openCluster({ flushMs: 20, env: {}, home: tmp, ...opts });
  open.sessions.push(s);
  return s;
}

function audit(file: string): { verb: string; method: string; path: string; query: string; status: number }[] {
  if (!fs.existsSync(file)) return [];
  return fs.readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
}

async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise((resolve) => srv.close(resolve));
  return port;
}

afterEach(async () => {
  await Promise.all(open.sessions.splice(0).map((s) => s.close()));
  await Promise.all(open.servers.splice(0).map((s) => s.stop()));
});
afterAll(() => {
  removeTempKubeconfigs();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('live session on the demo server', () => {
  it('syncs every kind, all namespaces, and follows changes', async () => {
    const demo = await server();
    const s = await session({ kubeconfig: demo.kubeconfigPath, allNamespaces: true });
    expect(s.namespace).toBeUndefined();
    expect(s.contextName).toBe('podscope-demo');
    await s.waitForSync(undefined, 10_000);
    expect(keysOf(s.store.list('pods'))).toEqual(keysOf(demo.world.list('pods')));
    expect(s.store.list('nodes')).toHaveLength(2);
    expect(s.store.state('pods').phase).toBe('live');
    const fresh = await s.api.get('pods', 'shop', 'web-0');
    expect(fresh.metadata?.name).toBe('web-0');
    expect(fresh.kind).toBe('Pod');
    await expect(s.api.get('pods', 'shop', 'nope')).rejects.toMatchObject({ code: 404 });
    const pod = s.store.get('pods', 'shop/web-0')!;
    expect(typeof pod.metadata?.creationTimestamp).toBe('string');
    expect(pod.kind).toBe('Pod');
    expect(s.store.podsOnNode('node-1').length).toBeGreaterThan(0);

    demo.world.upsert('pods', testPod('shop', 'new-one'));
    demo.world.remove('pods', 'data/web-0');
    await eventually(() => !!s.store.get('pods', 'shop/new-one') && !s.store.get('pods', 'data/web-0'), 5_000, 'watch events');
  });

  it('-n limits namespaced kinds to one namespace, -l selects pods', async () => {
    const demo = await server();
    demo.world.upsert('pods', testPod('shop', 'db-0'));
    const s = await session({ kubeconfig: demo.kubeconfigPath, namespace: 'shop', labelSelector: 'app=web' });
    expect(s.namespace).toBe('shop');
    await s.waitForSync(['pods', 'nodes'], 10_000);
    expect(keysOf(s.store.list('pods'))).toEqual(keysOf(demo.world.list('pods').filter((p) => p.metadata?.namespace === 'shop' && p.metadata?.name?.startsWith('web-'))));
    expect(s.store.list('nodes')).toHaveLength(2);
    await s.switchNamespace('data');
    await s.waitForSync(['pods'], 10_000);
    expect(keysOf(s.store.list('pods'))).toEqual(['data/web-0', 'data/web-1', 'data/web-2', 'data/web-3']);
    await s.switchNamespace('all');
    await s.waitForSync(['pods'], 10_000);
    expect(s.namespace).toBeUndefined();
    expect(s.store.list('pods')).toHaveLength(10);
  });

  it('a selector the server cannot parse fails in one line instead of retrying fast', async () => {
    const demo = await server();
    const s = await session({ kubeconfig: demo.kubeconfigPath, kinds: ['pods'], labelSelector: 'app in (web' });
    const err = await s.waitForSync(['pods'], 5_000).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).message).toMatch(/^the server refused the request \(400 Bad Request\): .*; check the label selector/);
  });

  it('lists in pages, delivering each page as it arrives', async () => {
    const log = path.join(tmp, 'paging-audit.jsonl');
    const demo = await server({ dataset: testDataset({ shop: 40 }), auditLog: log });
    const s = await openCluster({ kubeconfig: demo.kubeconfigPath, allNamespaces: true, kinds: ['pods'], pageSize: 7, flushMs: 0, env: {}, home: tmp });
    open.sessions.push(s);
    // what a viewer sees at each batch: rows arrive page by page, before the list is done
    const partial: number[] = [];
    const progress: number[] = [];
    s.store.subscribe(() => {
      const rows = s.store.list('pods').length;
      if (rows > 0 && rows < 40) partial.push(rows);
      const st: SyncState = s.store.state('pods');
      if (st.phase === 'syncing') progress.push(st.loaded);
    });
    await s.waitForSync(['pods'], 10_000);
    expect(s.store.list('pods')).toHaveLength(40);
    const lists = audit(log).filter((r) => r.verb === 'list' && r.path === '/api/v1/pods');
    const pages = lists.slice(0, -1);
    expect(pages).toHaveLength(6);
    expect(pages.every((r) => /(^|&)limit=7(&|$)/.test(r.query))).toBe(true);
    expect(pages.slice(1).every((r) => /continue=/.test(r.query))).toBe(true);
    // After the pages, one object asked for: the server's version now, to catch up to.
    expect(lists.at(-1)?.query).toMatch(/(^|&)limit=1(&|$)/);
    expect(lists.at(-1)?.query).not.toMatch(/continue=/);
    expect(partial.length).toBeGreaterThan(0);
    expect(partial.every((rows) => rows % 7 === 0)).toBe(true);
    expect(progress.some((loaded) => loaded > 0 && loaded < 40)).toBe(true);
    await eventually(() => audit(log).some((r) => r.verb === 'watch'), 5_000, 'the watch after the list');
    const watches = audit(log).filter((r) => r.verb === 'watch');
    expect(watches.every((r) => /allowWatchBookmarks=true/.test(r.query))).toBe(true);
  });

  it('streams pod logs, follows them and stops cleanly on abort', async () => {
    const dataset = testDataset({ shop: 1 });
    dataset.logs.push({ namespace: 'shop', pod: 'web-0', container: 'app', current: [{ time: '2026-01-01T00:00:00Z', text: 'started' }], ticker: ['tick'] });
    const demo = await server({ dataset });
    const s = await session({ kubeconfig: demo.kubeconfigPath, kinds: ['pods'] });
    let text = '';
    await s.api.podLogs({ namespace: 'shop', pod: 'web-0', container: 'app', timestamps: true }, (t) => (text += t));
    expect(text).toBe('2026-01-01T00:00:00Z started\n');
    const controller = new AbortController();
    let followed = '';
    const done = s.api.podLogs({ namespace: 'shop', pod: 'web-0', follow: true, tailLines: 1 }, (t) => (followed += t), controller.signal);
    await eventually(() => followed.length > 0, 5_000, 'the tail of a followed log');
    demo.world.appendLog('shop', 'web-0', 'app', { time: '2026-01-01T00:00:01Z', text: 'appended' });
    await eventually(() => followed.includes('appended'), 5_000, 'a followed log line');
    controller.abort();
    await expect(done).resolves.toBeUndefined();
    expect(followed, JSON.stringify(followed)).toMatch(/^started\n/);
    await expect(s.api.podLogs({ namespace: 'shop', pod: 'nope' }, () => {})).rejects.toMatchObject({ code: 404 });
  });
});

describe('pod metrics', () => {
  it('are polled (not watched) when discovery says metrics.k8s.io/v1beta1 is served', async () => {
    const log = path.join(tmp, 'metrics-audit.jsonl');
    const demo = await server({ auditLog: log });
    const s = await session({ kubeconfig: demo.kubeconfigPath, allNamespaces: true, kinds: ['pods', 'podmetrics'], metricsIntervalMs: 200 });
    expect(s.store.kinds()).toEqual(['pods']);
    await eventually(() => s.store.kinds().includes('podmetrics') && s.store.state('podmetrics').phase === 'live', 5_000, 'metrics after discovery');
    await s.waitForSync(undefined, 5_000);
    expect(keysOf(s.store.list('podmetrics'))).toEqual(keysOf(demo.world.list('pods')));
    await eventually(() => audit(log).filter((r) => r.path === '/apis/metrics.k8s.io/v1beta1/pods').length >= 3, 5_000, 'repeated polls');
    expect(audit(log).some((r) => r.path.startsWith('/apis/metrics.k8s.io') && /watch=/.test(r.query))).toBe(false);
  });
});

describe('R3: 403 on a cluster-wide list', () => {
  it('falls back to the context namespace, says so, and keeps working there', async () => {
    const demo = await server();
    const limited = writeTempKubeconfig(variant(demo.kubeconfigPath, { token: demo.issueToken({ namespaces: ['shop'] }), namespace: 'shop' }));
    const s = await session({ kubeconfig: limited, allNamespaces: true, kinds: ['pods', 'nodes', 'deployments', 'podmetrics'], metricsIntervalMs: 200 });
    await s.waitForSync(undefined, 10_000);
    await eventually(() => s.store.state('podmetrics').phase === 'forbidden', 5_000, 'pod metrics falling back too');
    expect(s.store.state('podmetrics')).toMatchObject({ fallbackNamespace: 'shop' });
    expect(s.store.list('podmetrics').every((m) => m.metadata?.namespace === 'shop')).toBe(true);
    expect(s.store.list('podmetrics').length).toBeGreaterThan(0);
    const state = s.store.state('pods');
    expect(state).toMatchObject({ phase: 'forbidden', fallbackNamespace: 'shop' });
    expect(state.phase === 'forbidden' && state.message).toMatch(/forbidden; showing namespace "shop" only/);
    expect(keysOf(s.store.list('pods'))).toEqual(keysOf(demo.world.list('pods').filter((p) => p.metadata?.namespace === 'shop')));
    expect(s.store.state('deployments')).toMatchObject({ phase: 'forbidden', fallbackNamespace: 'shop' });
    // nodes are cluster-scoped: nothing to fall back to, shown as forbidden (not as empty)
    const nodes = s.store.state('nodes');
    expect(nodes.phase).toBe('forbidden');
    expect(nodes.phase === 'forbidden' && nodes.message).toMatch(/^access denied \(403 Forbidden\): .*nodes/);
    await expect(s.waitForSync(['nodes'], 2_000, { forbiddenIsError: true })).rejects.toThrow(/403 Forbidden/);
    // still live in the fallback namespace
    demo.world.upsert('pods', testPod('shop', 'late'));
    await eventually(() => !!s.store.get('pods', 'shop/late'), 5_000, 'a watch event in the fallback namespace');
  });
});

describe('R4: unreachable at start, and 401', () => {
  it('does not throw at open; reports reconnecting with the cause and growing attempts; waitForSync fails in one line', async () => {
    const port = await freePort();
    const demo = await server();
    const unreachable = writeTempKubeconfig(variant(demo.kubeconfigPath, { server: `https://127.0.0.1:${port}` }));
    const s = await session({ kubeconfig: unreachable, kinds: ['pods'] });
    await eventually(() => {
      const st = s.store.state('pods');
      return st.phase === 'reconnecting' && st.attempt >= 3;
    }, 8_000, 'three reconnect attempts');
    const st = s.store.state('pods');
    expect(st.phase === 'reconnecting' && st.cause).toBe(
      `cannot reach https://127.0.0.1:${port} (connection refused, ECONNREFUSED): check that the cluster is running and the address in context "podscope-demo" is right`,
    );
    const err = await s.waitForSync(['pods'], 300).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).message).toMatch(/^cannot reach .*ECONNREFUSED/);
  });

  it('401 → failed with the cause, retried slowly, and waitForSync rejects at once', async () => {
    const demo = await server();
    const bad = writeTempKubeconfig(variant(demo.kubeconfigPath, { token: 'not-a-valid-token' }));
    const s = await session({ kubeconfig: bad, kinds: ['pods'] });
    const started = Date.now();
    const err = await s.waitForSync(['pods'], 10_000).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect((err as UserError).message).toBe(
      'the server rejected your credentials (401 Unauthorized) for context "podscope-demo": log in again / refresh the token (retrying every 30s)',
    );
  });

  it('an untrusted CA is a TLS failure, named as such', async () => {
    const demo = await server();
    const doc = variant(demo.kubeconfigPath, {});
    delete doc.clusters[0].cluster['certificate-authority-data'];
    const s = await session({ kubeconfig: writeTempKubeconfig(doc), kinds: ['pods'] });
    const err = await s.waitForSync(['pods'], 1_500).catch((e: unknown) => e);
    expect((err as UserError).message).toMatch(/^TLS failure talking to https:\/\/127\.0\.0\.1:\d+: the server certificate/);
  });

  it('openCluster throws UserError for a bad kubeconfig and an unknown context', async () => {
    await expect(openCluster({ kubeconfig: path.join(tmp, 'missing'), env: {}, home: tmp })).rejects.toBeInstanceOf(UserError);
    const demo = await server();
    await expect(openCluster({ kubeconfig: demo.kubeconfigPath, context: 'prod', env: {}, home: tmp })).rejects.toThrow('context "prod" not found in kubeconfig (known: podscope-demo)');
  });
});

describe('credentials and TLS come from client-node', () => {
  it('an exec credential plugin supplies the token', async () => {
    const demo = await server();
    const doc = variant(demo.kubeconfigPath, {});
    const credential = JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status: { token: demo.token } });
    doc.users[0].user = {
      exec: { apiVersion: 'client.authentication.k8s.io/v1', command: process.execPath, args: ['-e', `process.stdout.write(${JSON.stringify(credential)})`], interactiveMode: 'Never' },
    };
    const s = await session({ kubeconfig: writeTempKubeconfig(doc), kinds: ['pods'], allNamespaces: true });
    await s.waitForSync(['pods'], 10_000);
    expect(s.store.list('pods')).toHaveLength(10);
  });

  it('a failing exec plugin is a failed state naming the credentials, not a stack trace', async () => {
    const demo = await server();
    const doc = variant(demo.kubeconfigPath, {});
    doc.users[0].user = {
      exec: { apiVersion: 'client.authentication.k8s.io/v1', command: process.execPath, args: ['-e', 'process.stderr.write("error: token expired, run sso login"); process.exit(1)'], interactiveMode: 'Never' },
    };
    const s = await session({ kubeconfig: writeTempKubeconfig(doc), kinds: ['pods'] });
    const err = await s.waitForSync(['pods'], 10_000).catch((e: unknown) => e);
    expect((err as UserError).message).toBe(
      'the credentials of context "podscope-demo" could not be obtained (error: token expired, run sso login): log in again or fix the exec plugin / token file in the kubeconfig (retrying every 30s)',
    );
  });

  it('insecure-skip-tls-verify works without a CA', async () => {
    const demo = await server();
    const doc = variant(demo.kubeconfigPath, {});
    delete doc.clusters[0].cluster['certificate-authority-data'];
    doc.clusters[0].cluster['insecure-skip-tls-verify'] = true;
    const s = await session({ kubeconfig: writeTempKubeconfig(doc), kinds: ['pods'], allNamespaces: true });
    await s.waitForSync(['pods'], 10_000);
    expect(s.store.list('pods')).toHaveLength(10);
  });
});

describe('context switch', () => {
  it('each server only ever sees its own token', async () => {
    const logOne = path.join(tmp, 'one.jsonl');
    const logTwo = path.join(tmp, 'two.jsonl');
    const one = await server({ dataset: testDataset({ shop: 3 }), auditLog: logOne });
    const two = await server({ dataset: testDataset({ data: 5 }), auditLog: logTwo });
    const file = writeTempKubeconfig(merge(variant(one.kubeconfigPath, { contextName: 'one' }), variant(two.kubeconfigPath, { contextName: 'two' })));
    const s = await session({ kubeconfig: file, allNamespaces: true, kinds: ['pods', 'nodes'] });
    expect(s.contexts()).toEqual(['one', 'two']);
    await s.waitForSync(undefined, 10_000);
    expect(keysOf(s.store.list('pods'))).toEqual(keysOf(one.world.list('pods')));
    const firstServerRequests = audit(logOne).length;
    await s.switchContext('two');
    expect(s.contextName).toBe('two');
    expect(s.server).toBe(two.url);
    await s.waitForSync(undefined, 10_000);
    expect(keysOf(s.store.list('pods'))).toEqual(keysOf(two.world.list('pods')));
    await s.switchContext('one');
    await s.waitForSync(undefined, 10_000);
    await s.switchContext('two');
    await s.waitForSync(undefined, 10_000);
    expect(audit(logOne).length).toBeGreaterThan(firstServerRequests);
    // a token sent to the wrong server would be a 401 there
    expect(audit(logOne).filter((r) => r.status === 401)).toEqual([]);
    expect(audit(logTwo).filter((r) => r.status === 401)).toEqual([]);
    expect(audit(logTwo).length).toBeGreaterThan(0);
    await expect(s.switchContext('three')).rejects.toThrow('context "three" not found in kubeconfig (known: one, two)');
  });
});

describe('silence detector', () => {
  it('a server that accepts connections but never answers is reported, with the cause', async () => {
    const silent = net.createServer(() => {}); // accepts, never speaks (not even TLS)
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as net.AddressInfo).port;
    try {
      const demo = await server();
      const file = writeTempKubeconfig(variant(demo.kubeconfigPath, { server: `https://127.0.0.1:${port}` }));
      const s = await session({ kubeconfig: file, kinds: ['pods'], silenceMs: 300 });
      await eventually(() => {
        const st = s.store.state('pods');
        return st.phase === 'reconnecting' && st.attempt >= 2 && /sent nothing for 0s/.test(st.cause);
      }, 5_000, 'the silence detector');
      await s.close();
    } finally {
      silent.close();
    }
  });

  it('a quiet but open watch is re-opened without alarm; heartbeats keep it open', async () => {
    const log = path.join(tmp, 'quiet-audit.jsonl');
    const quiet = await server({ heartbeatMs: 60_000, bookmarkMs: 60_000, auditLog: log });
    const s = await session({ kubeconfig: quiet.kubeconfigPath, kinds: ['pods'], silenceMs: 300, allNamespaces: true });
    await s.waitForSync(['pods'], 5_000);
    const phases = new Set<string>();
    s.store.subscribe(() => phases.add(s.store.state('pods').phase));
    await eventually(() => audit(log).filter((r) => r.verb === 'watch').length >= 3, 5_000, 'the watch re-opened after silence');
    expect(phases.has('reconnecting')).toBe(false);
    quiet.world.upsert('pods', testPod('shop', 'still-seen'));
    await eventually(() => !!s.store.get('pods', 'shop/still-seen'), 3_000, 'events after re-opening');

    const chattyLog = path.join(tmp, 'chatty-audit.jsonl');
    const chatty = await server({ heartbeatMs: 100, bookmarkMs: 60_000, auditLog: chattyLog });
    const t = await session({ kubeconfig: chatty.kubeconfigPath, kinds: ['pods'], silenceMs: 400 });
    await t.waitForSync(['pods'], 5_000);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(audit(chattyLog).filter((r) => r.verb === 'watch')).toHaveLength(1);
    expect(t.store.state('pods').phase).toBe('live');
  });
});
