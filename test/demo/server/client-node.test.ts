// The demo server through @kubernetes/client-node, as podscope itself talks to it.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ApiException, CoreV1Api, Watch } from '@kubernetes/client-node';
import { startDemoServer, type DemoServer } from '../../../src/demo/server.js';
import type { KubeObject } from '../../../src/model/kube.js';
import { fixtureDataset, FIXTURE_POD_COUNT } from './fixture.js';
import { get, kubeConfigFor, sleep, until } from './http.js';

let server: DemoServer;
let core: CoreV1Api;

beforeAll(async () => {
  server = await startDemoServer({ dataset: fixtureDataset(), historySize: 200, bookmarkMs: 150, heartbeatMs: 100 });
  core = kubeConfigFor(server).makeApiClient(CoreV1Api);
});
afterAll(() => server.stop());

function podNamed(ns: string, name: string, labels: Record<string, string> = {}): KubeObject {
  return { kind: 'Pod', apiVersion: 'v1', metadata: { name, namespace: ns, labels }, spec: { containers: [{ name: 'c', image: 'i' }] }, status: { phase: 'Running' } };
}

async function apiError(p: Promise<unknown>): Promise<{ code: number; body: any }> {
  try {
    await p;
  } catch (err) {
    // client-node drops the body of a 401 (its generated code throws with body undefined).
    if (err instanceof ApiException) return { code: err.code, body: typeof err.body === 'string' ? JSON.parse(err.body) : err.body };
    throw err;
  }
  throw new Error('expected the call to fail');
}

type Seen = { type: string; name: string; rv: string; object: any };

async function watchPods(query: Record<string, string | boolean>, seen: Seen[], path = '/api/v1/pods'): Promise<AbortController> {
  const done: unknown[] = [];
  return new Watch(kubeConfigFor(server)).watch(
    path,
    query,
    (type, obj) => seen.push({ type, name: obj?.metadata?.name, rv: obj?.metadata?.resourceVersion, object: obj }),
    (err) => done.push(err),
  );
}

describe('list', () => {
  test('lists every pod, items without kind/apiVersion', async () => {
    const list = await core.listPodForAllNamespaces();
    expect(list.items).toHaveLength(FIXTURE_POD_COUNT);
    expect(Number(list.metadata?.resourceVersion)).toBe(server.world.resourceVersion);
  });

  test('pages stay consistent with the first page while pods are added, changed and removed', async () => {
    const before = new Set((await core.listPodForAllNamespaces()).items.map((p) => `${p.metadata?.namespace}/${p.metadata?.name}`));
    const names: string[] = [];
    let page = await core.listPodForAllNamespaces({ limit: 4 });
    const listRv = page.metadata?.resourceVersion;
    expect(page.metadata?.remainingItemCount).toBe(FIXTURE_POD_COUNT - 4);
    let round = 0;
    while (true) {
      for (const p of page.items) {
        names.push(`${p.metadata?.namespace}/${p.metadata?.name}`);
        expect(Number(p.metadata?.resourceVersion)).toBeLessThanOrEqual(Number(listRv));
      }
      if (!page.metadata?._continue) break;
      // Change the world between pages: before, at and after the cursor.
      server.world.upsert('pods', podNamed('alpha', `aaa-new-${round}`));
      server.world.upsert('pods', podNamed('zeta', `late-${round}`));
      server.world.remove('pods', round === 0 ? 'gamma/batch-5' : `zeta/late-${round - 1}`);
      const victim = server.world.get('pods', 'beta/web-3')!;
      server.world.upsert('pods', { ...victim, status: { phase: 'Failed' } });
      round++;
      page = await core.listPodForAllNamespaces({ limit: 4, _continue: page.metadata._continue });
      expect(page.metadata?.resourceVersion).toBe(listRv);
    }
    expect(round).toBeGreaterThan(3);
    expect(names).toEqual([...before].sort());
    // A fresh list sees the changes.
    const after = (await core.listPodForAllNamespaces()).items;
    expect(after.find((p) => p.metadata?.name === 'web-3' && p.metadata.namespace === 'beta')?.status?.phase).toBe('Failed');
    expect(after.some((p) => p.metadata?.name === 'batch-5')).toBe(false);
    // Restore what later tests count on.
    for (let i = 0; i < round; i++) server.world.remove('pods', `alpha/aaa-new-${i}`);
    server.world.remove('pods', `zeta/late-${round - 1}`);
    server.world.upsert('pods', fixtureDataset().objects.find((o) => o.metadata?.name === 'batch-5')!);
    server.world.upsert('pods', fixtureDataset().objects.find((o) => o.metadata?.namespace === 'beta' && o.metadata?.name === 'web-3')!);
  });

  test('label and field selectors select, namespaced lists stay in their namespace', async () => {
    const front = await core.listPodForAllNamespaces({ labelSelector: 'app=web,tier in (front)' });
    expect(front.items.map((p) => p.metadata?.name).sort()).toEqual(['web-1', 'web-3', 'web-5', 'web-7', 'web-9']);
    const notWeb = await core.listNamespacedPod({ namespace: 'alpha', labelSelector: 'app!=web,!tier' });
    expect(notWeb.items.map((p) => p.metadata?.name).sort()).toEqual(['crasher', 'initting', 'with-sidecar']);
    const onB = await core.listPodForAllNamespaces({ fieldSelector: 'spec.nodeName=node-b' });
    expect(onB.items.every((p) => p.spec?.nodeName === 'node-b')).toBe(true);
    expect(onB.items).toHaveLength(8 + 4);
    const pending = await core.listPodForAllNamespaces({ fieldSelector: 'status.phase=Pending' });
    expect(pending.items.map((p) => p.metadata?.name)).toEqual(['initting']);
    const events = await core.listNamespacedEvent({ namespace: 'alpha', fieldSelector: 'involvedObject.name=crasher,involvedObject.kind=Pod,type=Warning' });
    expect(events.items.map((e) => e.reason)).toEqual(['BackOff']);
    const beta = await core.listNamespacedPod({ namespace: 'beta', limit: 3 });
    expect(beta.items.every((p) => p.metadata?.namespace === 'beta')).toBe(true);
    const rest = await core.listNamespacedPod({ namespace: 'beta', _continue: beta.metadata?._continue });
    expect(beta.items.length + rest.items.length).toBe(8);
  });

  test('malformed selectors, limits, continue tokens and versions get 400 Status', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ labelSelector: 'app in web' }, /unable to parse requirement/],
      [{ labelSelector: 'app=(' }, /unable to parse requirement/],
      [{ labelSelector: '=x' }, /unable to parse requirement/],
      [{ fieldSelector: 'spec.foo=bar' }, /^field label not supported: spec\.foo$/],
      [{ fieldSelector: 'nonsense' }, /invalid selector/],
      [{ _continue: 'not-a-token' }, /continue key is not valid/],
      [{ limit: -1, resourceVersion: 'abc' }, /resourceVersion/],
    ];
    for (const [query, message] of cases) {
      const { code, body } = await apiError(core.listPodForAllNamespaces(query as never));
      expect(code, JSON.stringify(query)).toBe(400);
      expect(body).toMatchObject({ kind: 'Status', status: 'Failure', reason: 'BadRequest', code: 400 });
      expect(body.message).toMatch(message);
    }
  });

  test('get returns the object with kind and apiVersion; a missing one is a 404 Status', async () => {
    const pod = await core.readNamespacedPod({ namespace: 'alpha', name: 'crasher' });
    expect(pod.kind).toBe('Pod');
    expect(pod.metadata?.uid).toBeTruthy();
    const { code, body } = await apiError(core.readNamespacedPod({ namespace: 'alpha', name: 'nope' }));
    expect(code).toBe(404);
    expect(body).toMatchObject({ reason: 'NotFound', message: 'pods "nope" not found' });
  });
});

describe('watch', () => {
  test('resumes from a resourceVersion with exactly the missed events, then live ones', async () => {
    const rv = server.world.resourceVersion;
    server.world.upsert('pods', podNamed('alpha', 'w1'));
    const w1 = server.world.get('pods', 'alpha/w1')!;
    server.world.upsert('pods', { ...w1, status: { phase: 'Succeeded' } });
    server.world.remove('pods', 'alpha/w1');
    const seen: Seen[] = [];
    const ctl = await watchPods({ resourceVersion: String(rv) }, seen);
    await until(() => seen.length >= 3);
    expect(seen.map((s) => `${s.type} ${s.name}`)).toEqual(['ADDED w1', 'MODIFIED w1', 'DELETED w1']);
    expect(seen.map((s) => Number(s.rv))).toEqual([rv + 1, rv + 2, rv + 3]);
    expect(seen[1].object.kind).toBe('Pod');
    server.world.upsert('pods', podNamed('beta', 'w2'));
    await until(() => seen.length >= 4);
    expect(`${seen[3].type} ${seen[3].name}`).toBe('ADDED w2');
    server.world.remove('pods', 'beta/w2');
    await until(() => seen.length >= 5);
    ctl.abort();
  });

  test('without a resourceVersion it starts with every object as ADDED; selectors filter', async () => {
    const seen: Seen[] = [];
    const ctl = await watchPods({ labelSelector: 'app=batch' }, seen, '/api/v1/namespaces/gamma/pods');
    await until(() => seen.length >= 6);
    await sleep(100);
    expect(seen.map((s) => s.type)).toEqual(Array(6).fill('ADDED'));
    // A pod that stops matching the selector leaves the watch as DELETED.
    const b0 = server.world.get('pods', 'gamma/batch-0')!;
    server.world.upsert('pods', { ...b0, metadata: { ...b0.metadata, labels: { app: 'other' } } });
    server.world.upsert('pods', podNamed('alpha', 'elsewhere', { app: 'batch' }));
    await until(() => seen.length >= 7);
    await sleep(100);
    expect(seen.slice(6).map((s) => `${s.type} ${s.name}`)).toEqual(['DELETED batch-0']);
    server.world.upsert('pods', b0);
    server.world.remove('pods', 'alpha/elsewhere');
    ctl.abort();
  });

  test('a resourceVersion older than the history gets an ERROR event with 410 Expired', async () => {
    const old = server.world.resourceVersion;
    for (let i = 0; i < 210; i++) server.world.upsert('pods', podNamed('alpha', `churn-${i % 3}`));
    for (let i = 0; i < 3; i++) server.world.remove('pods', `alpha/churn-${i}`);
    const seen: Seen[] = [];
    await watchPods({ resourceVersion: String(old) }, seen);
    await until(() => seen.length >= 1);
    expect(seen[0].type).toBe('ERROR');
    expect(seen[0].object).toMatchObject({ kind: 'Status', code: 410, reason: 'Expired' });
    expect(seen[0].object.message).toMatch(/^too old resource version: \d+ \(\d+\)$/);
  });

  test('a continue token outlives the history while its list is pinned, and gets 410 Expired once it is not', async () => {
    const page = await core.listPodForAllNamespaces({ limit: 2 });
    for (let i = 0; i < 205; i++) server.world.upsert('pods', podNamed('alpha', 'churn-x'));
    server.world.remove('pods', 'alpha/churn-x');
    expect(server.world.oldestResumableVersion).toBeGreaterThan(Number(page.metadata?.resourceVersion));
    const next = await core.listPodForAllNamespaces({ limit: 2, _continue: page.metadata?._continue });
    expect(next.metadata?.resourceVersion).toBe(page.metadata?.resourceVersion);
    expect(next.items).toHaveLength(2);

    // A server whose pins live 50 ms: past that, only the history could serve the token.
    const brief = await startDemoServer({ dataset: fixtureDataset(), historySize: 200, continueLifetimeMs: 50 });
    try {
      const briefCore = kubeConfigFor(brief).makeApiClient(CoreV1Api);
      const first = await briefCore.listPodForAllNamespaces({ limit: 2 });
      for (let i = 0; i < 205; i++) brief.world.upsert('pods', podNamed('alpha', 'churn-x'));
      await sleep(80);
      const { code, body } = await apiError(briefCore.listPodForAllNamespaces({ limit: 2, _continue: first.metadata?._continue }));
      expect(code).toBe(410);
      expect(body).toMatchObject({ reason: 'Expired', code: 410 });
    } finally {
      await brief.stop();
    }
  });

  test('BOOKMARK events only when asked', async () => {
    const plain: Seen[] = [];
    const asked: Seen[] = [];
    const rv = String(server.world.resourceVersion);
    const c1 = await watchPods({ resourceVersion: rv }, plain);
    const c2 = await watchPods({ resourceVersion: rv, allowWatchBookmarks: true }, asked);
    await sleep(500);
    c1.abort();
    c2.abort();
    expect(plain.filter((s) => s.type === 'BOOKMARK')).toHaveLength(0);
    const bookmarks = asked.filter((s) => s.type === 'BOOKMARK');
    expect(bookmarks.length).toBeGreaterThanOrEqual(2);
    expect(bookmarks[0].object).toMatchObject({ kind: 'Pod', apiVersion: 'v1', metadata: { resourceVersion: rv } });
  });
});

describe('auth', () => {
  test('a wrong token gets 401 Unauthorized', async () => {
    const bad = kubeConfigFor(server, 'wrong-token').makeApiClient(CoreV1Api);
    const { code } = await apiError(bad.listPodForAllNamespaces());
    expect(code).toBe(401);
    const raw = await get(server, '/api/v1/pods', { token: 'wrong-token' });
    expect(raw.status).toBe(401);
    expect((await get(server, '/api/v1/pods', { token: null })).status).toBe(401);
    expect(raw.json()).toMatchObject({ kind: 'Status', reason: 'Unauthorized', message: 'Unauthorized', code: 401 });
  });

  test('a namespace-limited token may read its namespaces only', async () => {
    const token = server.issueToken({ namespaces: ['alpha', 'gamma'] });
    const limited = kubeConfigFor(server, token).makeApiClient(CoreV1Api);
    const all = await apiError(limited.listPodForAllNamespaces());
    expect(all.code).toBe(403);
    expect(all.body.reason).toBe('Forbidden');
    expect(all.body.message).toMatch(/^pods is forbidden: User "[^"]+" cannot list resource "pods" in API group "" at the cluster scope$/);
    const other = await apiError(limited.listNamespacedPod({ namespace: 'beta' }));
    expect(other.body.message).toMatch(/cannot list resource "pods" in API group "" in the namespace "beta"$/);
    expect((await limited.listNamespacedPod({ namespace: 'alpha' })).items.length).toBeGreaterThan(0);
    expect((await limited.readNamespacedPod({ namespace: 'gamma', name: 'batch-1' })).metadata?.name).toBe('batch-1');
  });

  test('writes are refused with 405 and change nothing', async () => {
    const rv = server.world.resourceVersion;
    const { code, body } = await apiError(core.deleteNamespacedPod({ namespace: 'alpha', name: 'web-1' }));
    expect(code).toBe(405);
    expect(body).toMatchObject({ kind: 'Status', reason: 'MethodNotAllowed', code: 405 });
    const create = await apiError(core.createNamespacedPod({ namespace: 'alpha', body: podNamed('alpha', 'intruder') as never }));
    expect(create.code).toBe(405);
    expect(server.world.get('pods', 'alpha/web-1')).toBeDefined();
    expect(server.world.get('pods', 'alpha/intruder')).toBeUndefined();
    expect(server.world.resourceVersion).toBe(rv);
  });
});
