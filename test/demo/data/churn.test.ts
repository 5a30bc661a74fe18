import { describe, expect, it } from 'vitest';
import type { KubeObject, Pod, ResourceKind } from '../../../src/model/kube.js';
import { objectKey } from '../../../src/model/kube.js';
import { flipReadiness, restartContainer, rollOut, startChurn } from '../../../src/demo/churn.js';
import { buildScenarios } from '../../../src/demo/scenarios/index.js';
import { generatePods } from '../../../src/demo/generator.js';
import { seededRandom } from '../../../src/demo/scenarios/ids.js';
import type { ContainerLogs, DemoDataset, DemoWorldWriter, LogLine } from '../../../src/demo/types.js';
import { DemoWorld } from '../../../src/demo/world.js';

/** The smallest world churn can write to: maps, frozen objects (so a mutation throws), a change log. */
class MapWorld implements DemoWorldWriter {
  readonly objects = new Map<string, KubeObject>();
  readonly logMap = new Map<string, ContainerLogs>();
  readonly changes: string[] = [];
  private uidSerial = 0;
  constructor(ds: DemoDataset) {
    for (const o of ds.objects) if (o.kind === 'Pod') this.upsert('pods', o);
    for (const l of ds.logs) this.setLogs(l);
  }
  list(kind: ResourceKind) {
    return [...this.objects.entries()].filter(([k]) => k.startsWith(`${kind}:`)).map(([, o]) => o);
  }
  get(kind: ResourceKind, key: string) {
    return this.objects.get(`${kind}:${key}`);
  }
  upsert(kind: ResourceKind, obj: KubeObject) {
    const stored = deepFreeze({ ...obj, metadata: { ...obj.metadata, uid: obj.metadata?.uid ?? `new-${++this.uidSerial}` } });
    this.objects.set(`${kind}:${objectKey(obj)}`, stored);
    this.changes.push(`upsert ${objectKey(obj)}`);
    return stored;
  }
  remove(kind: ResourceKind, key: string) {
    this.objects.delete(`${kind}:${key}`);
    this.changes.push(`remove ${key}`);
  }
  appendLog(namespace: string, pod: string, container: string, line: LogLine) {
    this.logMap.get(`${namespace}/${pod}/${container}`)?.current.push(line);
  }
  setLogs(logs: ContainerLogs) {
    this.logMap.set(`${logs.namespace}/${logs.pod}/${logs.container}`, logs);
  }
  getLogs(namespace: string, pod: string, container: string) {
    return this.logMap.get(`${namespace}/${pod}/${container}`);
  }
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}

const NOW = Date.parse('2025-03-14T12:00:00Z');
const webPod = (w: DemoWorldWriter) => w.list('pods').find((p) => p.metadata?.name?.startsWith('web-')) as Pod;
const ready = (p: Pod) => p.status?.conditions?.find((c) => c.type === 'Ready')?.status;

describe('churn updates', () => {
  it('a restart bumps restartCount, records the last termination and moves the log to previous', () => {
    const world = new MapWorld(buildScenarios(new Date(NOW)));
    const before = webPod(world);
    const oldStatus = before.status!.containerStatuses![0];
    const oldLog = world.getLogs('shop', before.metadata!.name!, 'web')!;
    const after = restartContainer(world, before, seededRandom(1), NOW + 60_000)!;
    const s = after.status!.containerStatuses![0];
    expect(s.restartCount).toBe(1);
    expect(s.lastState?.terminated?.containerID).toBe(oldStatus.containerID);
    expect(s.lastState?.terminated?.startedAt).toBe(oldStatus.state?.running?.startedAt);
    expect([1, 137]).toContain(s.lastState?.terminated?.exitCode);
    expect(s.containerID).not.toBe(oldStatus.containerID);
    expect(s.state?.running?.startedAt).toBe('2025-03-14T12:01:00Z');
    const log = world.getLogs('shop', before.metadata!.name!, 'web')!;
    expect(log.previous!.slice(0, -1)).toEqual(oldLog.current.slice(-20));
    expect(log.current).toHaveLength(1);
    expect(log.ticker).toEqual(oldLog.ticker);
    // The old object is untouched (it is frozen: a mutation would have thrown).
    expect(before.status!.containerStatuses![0].restartCount).toBe(0);
  });

  it('a readiness flip changes the container and the Ready/ContainersReady conditions', () => {
    const world = new MapWorld(buildScenarios(new Date(NOW)));
    const before = webPod(world);
    const down = flipReadiness(world, before, seededRandom(2), NOW)!;
    expect(ready(down)).toBe('False');
    expect(down.status!.conditions!.find((c) => c.type === 'ContainersReady')).toMatchObject({ status: 'False', reason: 'ContainersNotReady', lastTransitionTime: '2025-03-14T12:00:00Z' });
    expect(down.status!.containerStatuses![0].ready).toBe(false);
    const up = flipReadiness(world, down, seededRandom(2), NOW + 5000)!;
    expect(ready(up)).toBe('True');
    expect(up.status!.conditions!.find((c) => c.type === 'Ready')?.reason).toBeUndefined();
  });

  it('a rollout replaces a ReplicaSet pod by a new name under the same owner; other pods are left alone', () => {
    const world = new MapWorld(buildScenarios(new Date(NOW)));
    const before = webPod(world);
    const fresh = rollOut(world, before, seededRandom(3), NOW)!;
    expect(world.get('pods', objectKey(before))).toBeUndefined();
    expect(fresh.metadata!.name).not.toBe(before.metadata!.name);
    expect(fresh.metadata!.name).toMatch(new RegExp(`^${before.metadata!.ownerReferences![0].name}-[a-z0-9]{5}$`));
    expect(fresh.metadata!.ownerReferences).toEqual(before.metadata!.ownerReferences);
    expect(fresh.metadata!.uid).not.toBe(before.metadata!.uid);
    expect(fresh.status!.startTime).toBe('2025-03-14T12:00:00Z');
    const debug = world.get('pods', 'legacy/debug') as Pod;
    expect(rollOut(world, debug, seededRandom(3), NOW)).toBeUndefined();
  });

  it('startChurn applies about RATE updates per second in batches and stops', async () => {
    const world = new MapWorld(buildScenarios(new Date(NOW)));
    const podCount = world.list('pods').length;
    const churn = startChurn(world, 200, { random: seededRandom(4) });
    await new Promise((r) => setTimeout(r, 500));
    churn.stop();
    const applied = world.changes.length - podCount;
    expect(applied).toBeGreaterThan(30);
    expect(applied).toBeLessThan(400);
    const settled = world.changes.length;
    await new Promise((r) => setTimeout(r, 150));
    expect(world.changes.length).toBe(settled);
    // Rollouts keep the pod count.
    expect(world.list('pods')).toHaveLength(podCount);
  });

  it('keeps the cluster mostly ready under heavy churn (unready pods recover)', async () => {
    const world = new MapWorld(generatePods({ now: new Date(NOW), count: 1000 }));
    const unready = () => world.list('pods').filter((p) => (p as Pod).status?.phase === 'Running' && ready(p as Pod) === 'False').length;
    const before = unready();
    const churn = startChurn(world, 3000, { random: seededRandom(9) });
    await new Promise((r) => setTimeout(r, 400));
    churn.stop();
    expect(world.changes.length - 1000).toBeGreaterThan(500);
    expect(unready()).toBeLessThan(before + 150);
  });

  it('runs against the server world: changes get resourceVersions and rollouts new uids', async () => {
    const world = DemoWorld.fromDataset(buildScenarios(new Date(NOW)));
    const rv0 = world.resourceVersion;
    const podCount = world.list('pods').length;
    const before = webPod(world);
    const after = restartContainer(world, before, seededRandom(5), NOW)!;
    expect(Number(after.metadata!.resourceVersion)).toBeGreaterThan(rv0);
    expect(world.getLogs('shop', before.metadata!.name!, 'web')!.previous!.length).toBeGreaterThan(1);
    const fresh = rollOut(world, after, seededRandom(5), NOW)!;
    expect(fresh.metadata!.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(fresh.metadata!.uid).not.toBe(before.metadata!.uid);
    const churn = startChurn(world, 400, { random: seededRandom(6) });
    await new Promise((r) => setTimeout(r, 300));
    churn.stop();
    expect(world.resourceVersion - rv0).toBeGreaterThan(40);
    expect(world.list('pods')).toHaveLength(podCount);
  });
});
