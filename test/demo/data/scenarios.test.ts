import { describe, expect, it } from 'vitest';
import type { KubeObject, Pod } from '../../../src/model/kube.js';
import { buildScenarios } from '../../../src/demo/scenarios/index.js';

const NOW = new Date('2025-03-14T12:00:00Z');
const ds = buildScenarios(NOW);
const of = (kind: string) => ds.objects.filter((o) => o.kind === kind);
const pods = of('Pod') as Pod[];
const podsOf = (ns: string, prefix: string) => pods.filter((p) => p.metadata?.namespace === ns && p.metadata?.name?.startsWith(prefix));
const byUid = new Map(ds.objects.map((o) => [o.metadata?.uid, o]));
const one = (ns: string, name: string) => {
  const p = pods.find((x) => x.metadata?.namespace === ns && x.metadata?.name === name);
  if (!p) throw new Error(`no pod ${ns}/${name}`);
  return p;
};
const status = (p: Pod, c: string) => [...(p.status?.containerStatuses ?? []), ...(p.status?.initContainerStatuses ?? [])].find((s) => s.name === c)!;
const cond = (p: Pod, type: string) => p.status?.conditions?.find((c) => c.type === type);

/** Owner chain by uid, from the pod up. */
function chain(obj: KubeObject): string[] {
  const out: string[] = [];
  let cur: KubeObject | undefined = obj;
  while (cur) {
    const ref: { uid?: string; controller?: boolean } | undefined = cur.metadata?.ownerReferences?.find((r) => r.controller);
    if (!ref) break;
    cur = byUid.get(ref.uid);
    expect(cur, `owner ${ref.uid} of ${obj.metadata?.name} resolves`).toBeDefined();
    out.push(`${cur!.kind}/${cur!.metadata?.name}`);
  }
  return out;
}

describe('scenario cluster', () => {
  it('has namespaces, three ready nodes and every object stamped with kind/apiVersion', () => {
    expect(of('Namespace').map((n) => n.metadata?.name)).toEqual(expect.arrayContaining(['shop', 'data', 'batch', 'legacy', 'ops', 'default']));
    const nodes = of('Node');
    expect(nodes.map((n) => n.metadata?.name)).toEqual(['node-a', 'node-b', 'node-c']);
    for (const n of nodes) expect((n.status as { conditions: { type: string; status: string }[] }).conditions.find((c) => c.type === 'Ready')?.status).toBe('True');
    for (const o of ds.objects) {
      expect(o.kind, JSON.stringify(o.metadata)).toBeTruthy();
      expect(o.apiVersion).toBeTruthy();
    }
  });

  it('has unique uids and unique namespace/name per kind', () => {
    const uids = ds.objects.map((o) => o.metadata?.uid);
    expect(new Set(uids).size).toBe(uids.length);
    const keys = ds.objects.map((o) => `${o.kind}/${o.metadata?.namespace}/${o.metadata?.name}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('is deterministic for one `now`', () => {
    expect(JSON.stringify(buildScenarios(NOW))).toBe(JSON.stringify(ds));
  });

  it('gives every pod managedFields as a server records them: the manager, and the kubelet for status', () => {
    for (const p of pods) {
      const managers = (p.metadata?.managedFields ?? []).map((m) => m.manager);
      expect(managers[0], p.metadata?.name).toBe(p.metadata?.ownerReferences?.length ? 'kube-controller-manager' : 'kubectl-client-side-apply');
      expect(managers).toContain('kubelet');
      expect(JSON.stringify(p.metadata?.managedFields)).toContain('"f:containers"');
    }
  });

  it('gives every scheduled pod an IP in its node range, conditions and a QoS class', () => {
    const index: Record<string, number> = { 'node-a': 0, 'node-b': 1, 'node-c': 2 };
    for (const p of pods) {
      expect(p.status?.qosClass).toMatch(/Guaranteed|Burstable|BestEffort/);
      if (!p.spec?.nodeName) continue;
      if (!p.spec.hostNetwork) expect(p.status?.podIP).toMatch(new RegExp(`^10\\.244\\.${index[p.spec.nodeName]}\\.\\d+$`));
      expect(p.status?.podIPs?.[0]?.ip).toBe(p.status?.podIP);
      expect(cond(p, 'Ready')?.lastTransitionTime).toBeTruthy();
      expect(p.spec.volumes?.some((v) => v.name.startsWith('kube-api-access-'))).toBe(true);
    }
  });

  it('shop/web: 3 replicas over 3 nodes, Deployment → ReplicaSet → Pod, probes, resources, a PDB', () => {
    const web = podsOf('shop', 'web-');
    expect(web).toHaveLength(3);
    expect(new Set(web.map((p) => p.spec?.nodeName)).size).toBe(3);
    expect(web[0].metadata?.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{10}-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(chain(web[0])).toEqual([expect.stringMatching(/^ReplicaSet\/web-\w{10}$/), 'Deployment/web']);
    const c = web[0].spec!.containers[0];
    expect(c.readinessProbe && c.livenessProbe && c.resources?.limits?.memory).toBeTruthy();
    expect(web.every((p) => cond(p, 'Ready')?.status === 'True')).toBe(true);
    expect(of('PodDisruptionBudget').map((p) => `${p.metadata?.namespace}/${p.metadata?.name}`)).toContain('shop/web');
    expect(of('Service').some((s) => s.metadata?.name === 'web' && (s.spec as { selector: Record<string, string> }).selector.app === 'web')).toBe(true);
  });

  it('shop/api: log-shipper reads the emptyDir logs read-only and has 5+ log lines', () => {
    const [api] = podsOf('shop', 'api-');
    expect(api.spec?.volumes?.find((v) => v.name === 'logs')?.emptyDir).toBeDefined();
    const mount = (c: string) => api.spec!.containers.find((x) => x.name === c)!.volumeMounts!.find((m) => m.name === 'logs')!;
    expect(mount('api').readOnly).toBeFalsy();
    expect(mount('log-shipper').readOnly).toBe(true);
    expect(api.spec!.containers.find((c) => c.name === 'log-shipper')!.image).toMatch(/fluent-bit/);
    const lines = ds.logs.find((l) => l.pod === api.metadata?.name && l.container === 'log-shipper')!;
    expect(lines.current.length).toBeGreaterThanOrEqual(5);
  });

  it('shop/checkout: tls-proxy on 8443 forwards to localhost:8080 where the app listens', () => {
    const [p] = podsOf('shop', 'checkout-');
    const proxy = p.spec!.containers.find((c) => c.name === 'tls-proxy')!;
    expect(proxy.ports?.[0].containerPort).toBe(8443);
    expect(JSON.stringify(proxy.env)).toContain('localhost:8080');
    expect(p.spec!.containers.find((c) => c.name === 'checkout')!.ports?.[0].containerPort).toBe(8080);
  });

  it('shop/payments: both replicas on one node; shop/cart: liveness equals readiness', () => {
    const pay = podsOf('shop', 'payments-');
    expect(pay).toHaveLength(2);
    expect(pay[0].spec?.nodeName).toBe(pay[1].spec?.nodeName);
    const [cart] = podsOf('shop', 'cart-');
    const c = cart.spec!.containers[0];
    expect(c.livenessProbe).toEqual(c.readinessProbe);
  });

  it('data: postgres StatefulSet with a bound claim, redis on emptyDir, mongo sharing one RWO claim', () => {
    const pg = one('data', 'postgres-0');
    expect(chain(pg)).toEqual(['StatefulSet/postgres']);
    const sts = of('StatefulSet').find((s) => s.metadata?.name === 'postgres')!;
    expect((sts.spec as { volumeClaimTemplates: unknown[] }).volumeClaimTemplates).toHaveLength(1);
    expect(pg.spec?.volumes?.find((v) => v.name === 'data')?.persistentVolumeClaim?.claimName).toBe('data-postgres-0');
    const pvc = of('PersistentVolumeClaim').find((c) => c.metadata?.name === 'data-postgres-0')!;
    const pv = of('PersistentVolume').find((v) => v.metadata?.name === (pvc.spec as { volumeName: string }).volumeName)!;
    expect((pv.spec as { claimRef: { uid: string } }).claimRef.uid).toBe(pvc.metadata?.uid);
    const [redis] = podsOf('data', 'redis-');
    expect(redis.spec?.volumes?.find((v) => v.name === 'data')?.emptyDir).toBeDefined();
    expect(redis.spec!.containers[0].volumeMounts?.some((m) => m.mountPath === '/data')).toBe(true);
    const mongo = podsOf('data', 'mongo-');
    expect(mongo).toHaveLength(2);
    const claims = mongo.map((p) => p.spec?.volumes?.find((v) => v.persistentVolumeClaim)?.persistentVolumeClaim?.claimName);
    expect(claims).toEqual(['mongo-data', 'mongo-data']);
    const claim = of('PersistentVolumeClaim').find((c) => c.metadata?.name === 'mongo-data')!;
    expect((claim.spec as { accessModes: string[] }).accessModes).toEqual(['ReadWriteOnce']);
  });

  it('batch: init container feeding an emptyDir, a Job stuck on its sidecar, a CronJob run', () => {
    const [nr] = podsOf('batch', 'nightly-report-');
    expect(nr.spec?.initContainers?.[0].volumeMounts?.[0].name).toBe('work');
    expect(nr.status?.phase).toBe('Succeeded');
    const [exp] = podsOf('batch', 'export-');
    expect(exp.status?.phase).toBe('Running');
    expect(status(exp, 'export').state?.terminated?.exitCode).toBe(0);
    expect(status(exp, 'log-forwarder').state?.running).toBeDefined();
    const job = of('Job').find((j) => j.metadata?.name === 'export')!;
    expect((job.status as { active?: number; conditions?: unknown[] }).active).toBe(1);
    expect((job.status as { conditions?: unknown[] }).conditions).toBeUndefined();
    const [cl] = podsOf('batch', 'cleanup-');
    expect(chain(cl)).toEqual([expect.stringMatching(/^Job\/cleanup-\d+$/), 'CronJob/cleanup']);
    expect(cl.status?.phase).toBe('Succeeded');
  });

  it('legacy: monolith has 4 independent services, debug has no owner', () => {
    const m = one('legacy', 'monolith');
    expect(m.spec!.containers.map((c) => c.name)).toEqual(['frontend', 'api', 'cache', 'worker']);
    expect(m.spec!.containers.every((c) => c.ports?.length)).toBe(true);
    expect(m.metadata?.ownerReferences).toBeUndefined();
    expect(one('legacy', 'debug').metadata?.ownerReferences).toBeUndefined();
  });

  it('legacy/port-clash: web and api both on 8080/TCP, api crash-looping on "address already in use"', () => {
    const p = one('legacy', 'port-clash');
    for (const c of p.spec!.containers) expect(c.ports).toEqual([expect.objectContaining({ containerPort: 8080, protocol: 'TCP' })]);
    const api = status(p, 'api');
    expect(api.state?.waiting?.reason).toBe('CrashLoopBackOff');
    expect(api.restartCount).toBe(12);
    expect(api.lastState?.terminated?.exitCode).toBe(1);
    expect(api.lastState?.terminated?.message).toContain('bind: address already in use');
    const log = ds.logs.find((l) => l.pod === 'port-clash' && l.container === 'api')!;
    expect(log.previous?.map((l) => l.text).join('\n')).toContain('listen tcp :8080: bind: address already in use');
    const events = of('Event').filter((e) => (e.involvedObject as { name: string }).name === 'port-clash');
    expect(events.some((e) => e.reason === 'BackOff' && String(e.message).startsWith('Back-off restarting failed container api in pod port-clash_legacy('))).toBe(true);
  });

  it('ops: node-exporter on every node with hostNetwork and hostPort 9100', () => {
    const ne = podsOf('ops', 'node-exporter-');
    expect(ne.map((p) => p.spec?.nodeName).sort()).toEqual(['node-a', 'node-b', 'node-c']);
    for (const p of ne) {
      expect(p.spec?.hostNetwork).toBe(true);
      expect(p.spec!.containers[0].ports?.[0].hostPort).toBe(9100);
      expect(p.status?.podIP).toBe(p.status?.hostIP);
      expect(chain(p)).toEqual(['DaemonSet/node-exporter']);
    }
  });

  it('ops: worker OOMKilled, typo ImagePullBackOff, big unschedulable, flaky not ready with Unhealthy events', () => {
    const [w] = podsOf('ops', 'worker-');
    expect(status(w, 'worker').lastState?.terminated).toMatchObject({ reason: 'OOMKilled', exitCode: 137 });
    expect(status(w, 'worker').state?.waiting?.reason).toBe('CrashLoopBackOff');
    expect(w.spec!.containers[0].resources?.limits?.memory).toBe('256Mi');
    const [t] = podsOf('ops', 'typo-');
    expect(status(t, 'notifier').state?.waiting?.reason).toBe('ImagePullBackOff');
    expect(status(t, 'notifier').state?.waiting?.message).toContain('not found');
    expect(t.status?.phase).toBe('Pending');
    const [b] = podsOf('ops', 'big-');
    expect(b.status?.phase).toBe('Pending');
    expect(cond(b, 'PodScheduled')).toMatchObject({ status: 'False', reason: 'Unschedulable' });
    expect(cond(b, 'PodScheduled')?.message).toMatch(/^0\/3 nodes are available: 3 Insufficient memory/);
    const [f] = podsOf('ops', 'flaky-');
    expect(f.status?.phase).toBe('Running');
    expect(cond(f, 'Ready')?.status).toBe('False');
    expect(NOW.getTime() - Date.parse(cond(f, 'Ready')!.lastTransitionTime!)).toBeGreaterThan(60_000);
    const unhealthy = of('Event').find((e) => e.reason === 'Unhealthy' && (e.involvedObject as { name: string }).name === f.metadata?.name)!;
    expect(unhealthy.message).toBe('Readiness probe failed: HTTP probe failed with statuscode: 503');
    expect((unhealthy.involvedObject as { uid: string; fieldPath: string })).toMatchObject({ uid: f.metadata?.uid, fieldPath: 'spec.containers{flaky}' });
  });

  it('every scenario pod has events and every container of a started pod has logs', () => {
    for (const p of pods) {
      const events = of('Event').filter((e) => (e.involvedObject as { uid: string }).uid === p.metadata?.uid);
      expect(events.length, `${p.metadata?.name} events`).toBeGreaterThan(0);
      for (const s of p.status?.containerStatuses ?? []) {
        if (!s.containerID) continue;
        expect(ds.logs.some((l) => l.pod === p.metadata?.name && l.container === s.name), `${p.metadata?.name}/${s.name} logs`).toBe(true);
      }
    }
    for (const l of ds.logs) for (const line of [...l.current, ...(l.previous ?? [])]) expect(line.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('every object is older than `now` and timestamps are RFC 3339', () => {
    for (const o of ds.objects) {
      const ts = o.metadata?.creationTimestamp;
      expect(ts).toMatch(/Z$/);
      expect(Date.parse(ts!)).toBeLessThanOrEqual(NOW.getTime());
    }
  });

  it('events tell the stories: scheduling, pulls, back-offs, OOM, a rollout', () => {
    const events = of('Event');
    const reasons = new Set(events.map((e) => e.reason));
    for (const r of ['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started', 'Unhealthy', 'BackOff', 'OOMKilling', 'FailedScheduling', 'Failed', 'Killing', 'ScalingReplicaSet', 'SuccessfulCreate']) {
      expect(reasons.has(r), r).toBe(true);
    }
    expect(events.some((e) => e.message === 'Error: ErrImagePull')).toBe(true);
    for (const e of events) {
      expect(e.firstTimestamp).toBeTruthy();
      expect(Date.parse(String(e.lastTimestamp))).toBeGreaterThanOrEqual(Date.parse(String(e.firstTimestamp)));
      expect((e.source as { component: string }).component).toBeTruthy();
    }
    // shop/web was rolled out: an old ReplicaSet at 0 replicas, owned by the same Deployment.
    const rs = of('ReplicaSet').filter((r) => r.metadata?.name?.startsWith('web-'));
    expect(rs.map((r) => (r.spec as { replicas: number }).replicas).sort()).toEqual([0, 3]);
    const dep = of('Deployment').find((d) => d.metadata?.name === 'web')!;
    for (const r of rs) expect(r.metadata?.ownerReferences?.[0].uid).toBe(dep.metadata?.uid);
  });
});
