// `--churn RATE`: RATE pod status updates per second against the running demo cluster:
// container restarts (a new instance, the old one's log becomes `--previous`), readiness
// flips, and now and then a rollout (a ReplicaSet's pod replaced by a new one).
// Updates are batched on a timer rather than one timer per update, so 2,000/s costs 20
// callbacks a second. Objects are immutable: every change builds a new object.
import type { ContainerStatus, KubeObject, Pod } from '../model/kube.js';
import { objectKey } from '../model/kube.js';
import type { DemoWorldWriter } from './types.js';

const TICK_MS = 50;
const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

type Random = () => number;

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function hex(random: Random, n: number): string {
  let s = '';
  while (s.length < n) s += Math.floor(random() * 0x100000000).toString(16).padStart(8, '0');
  return s.slice(0, n);
}

function isReady(statuses: ContainerStatus[]): boolean {
  return statuses.length > 0 && statuses.every((s) => s.ready);
}

/** Ready and ContainersReady follow the container statuses; other conditions stay. */
function withReadiness(pod: Pod, statuses: ContainerStatus[], at: string): Pod['status'] {
  const ready = isReady(statuses);
  const unready = statuses.filter((s) => !s.ready).map((s) => s.name);
  const conditions = (pod.status?.conditions ?? []).map((c) => {
    if (c.type !== 'Ready' && c.type !== 'ContainersReady') return c;
    if ((c.status === 'True') === ready) return c;
    const next = { type: c.type, status: ready ? 'True' : 'False', lastProbeTime: c.lastProbeTime, lastTransitionTime: at };
    return ready ? next : { ...next, reason: 'ContainersNotReady', message: `containers with unready status: [${unready.join(' ')}]` };
  });
  return { ...pod.status, conditions, containerStatuses: statuses };
}

/** One container exits and the kubelet starts it again. */
export function restartContainer(world: DemoWorldWriter, pod: Pod, random: Random, nowMs: number): Pod | undefined {
  const statuses = pod.status?.containerStatuses ?? [];
  const running = statuses.map((s, i) => [s, i] as const).filter(([s]) => s.state?.running);
  if (!running.length) return undefined;
  const [old, index] = running[Math.floor(random() * running.length)];
  const at = iso(nowMs);
  const oom = random() < 0.3;
  const next: ContainerStatus = {
    ...old,
    restartCount: (old.restartCount ?? 0) + 1,
    containerID: `containerd://${hex(random, 64)}`,
    state: { running: { startedAt: at } },
    lastState: {
      terminated: { exitCode: oom ? 137 : 1, reason: oom ? 'OOMKilled' : 'Error', startedAt: old.state!.running!.startedAt, finishedAt: at, containerID: old.containerID },
    },
  };
  const updated: Pod = { ...pod, status: withReadiness(pod, statuses.map((s, i) => (i === index ? next : s)), at) };
  const ns = pod.metadata!.namespace!;
  const name = pod.metadata!.name!;
  const before = world.getLogs?.(ns, name, old.name);
  world.setLogs({
    namespace: ns,
    pod: name,
    container: old.name,
    previous: [...(before?.current.slice(-20) ?? []), { time: at, text: oom ? 'fatal: out of memory' : 'fatal: unexpected error, exiting 1' }],
    current: [{ time: at, text: `${old.name} restarted (restart ${next.restartCount})` }],
    ...(before?.ticker ? { ticker: before.ticker } : {}),
  });
  return world.upsert('pods', updated as KubeObject) as Pod;
}

/** One container's readiness probe starts failing, or recovers. */
export function flipReadiness(world: DemoWorldWriter, pod: Pod, random: Random, nowMs: number): Pod | undefined {
  const statuses = pod.status?.containerStatuses ?? [];
  const candidates = statuses.map((s, i) => [s, i] as const).filter(([s]) => s.state?.running);
  if (!candidates.length) return undefined;
  const [old, index] = candidates[Math.floor(random() * candidates.length)];
  const flipped = statuses.map((s, i) => (i === index ? { ...old, ready: !old.ready } : s));
  return world.upsert('pods', { ...pod, status: withReadiness(pod, flipped, iso(nowMs)) } as KubeObject) as Pod;
}

/** A ReplicaSet replaces one pod: the old one goes, a new one with a new name comes up on the same node. */
export function rollOut(world: DemoWorldWriter, pod: Pod, random: Random, nowMs: number): Pod | undefined {
  const owner = pod.metadata?.ownerReferences?.find((r) => r.controller);
  if (owner?.kind !== 'ReplicaSet' || !pod.status?.podIP) return undefined;
  let suffix = '';
  for (let i = 0; i < 5; i++) suffix += ALPHABET[Math.floor(random() * ALPHABET.length)];
  const at = iso(nowMs);
  const { uid: _uid, resourceVersion: _rv, creationTimestamp: _ct, deletionTimestamp: _dt, ...keep } = pod.metadata!;
  const ip = pod.status.podIP.replace(/\.\d+$/, `.${2 + Math.floor(random() * 250)}`);
  const statuses = (pod.status.containerStatuses ?? []).map((s) => ({
    ...s,
    ready: true,
    started: true,
    restartCount: 0,
    containerID: `containerd://${hex(random, 64)}`,
    state: { running: { startedAt: at } },
    lastState: {},
  }));
  const conditions = (pod.status.conditions ?? []).map((c) => ({ type: c.type, status: 'True', lastProbeTime: c.lastProbeTime, lastTransitionTime: at }));
  const fresh: Pod = {
    ...pod,
    metadata: { ...keep, name: `${owner.name}-${suffix}`, creationTimestamp: at },
    status: { ...pod.status, podIP: ip, podIPs: [{ ip }], startTime: at, conditions, containerStatuses: statuses },
  };
  world.remove('pods', objectKey(pod));
  return world.upsert('pods', fresh as KubeObject) as Pod;
}

export function startChurn(world: DemoWorldWriter, rate: number, opts: { random?: Random } = {}): { stop(): void } {
  if (!(rate > 0)) return { stop() {} };
  const random = opts.random ?? Math.random;
  let credit = 0;
  let last = Date.now();
  let pods: readonly KubeObject[] = [];
  let snapshotAt = 0;
  // Pods churn made unready, oldest first. Recovering them more often than new ones fail keeps
  // the cluster mostly ready, as a real one is, instead of drifting to half unready.
  const flipped: string[] = [];
  const recover = (now: number) => {
    const pod = world.get('pods', flipped.shift()!) as Pod | undefined;
    const statuses = pod?.status?.containerStatuses ?? [];
    if (!pod || isReady(statuses)) return;
    const fixed = statuses.map((st) => (st.state?.running && !st.ready ? { ...st, ready: true } : st));
    world.upsert('pods', { ...pod, status: withReadiness(pod, fixed, iso(now)) } as KubeObject);
  };
  const timer = setInterval(() => {
    const now = Date.now();
    // At most one second of updates at once: a stalled event loop does not cause a storm.
    credit = Math.min(rate, credit + (rate * (now - last)) / 1000);
    last = now;
    const count = Math.floor(credit);
    if (count < 1) return;
    credit -= count;
    // list() copies every pod: refresh the snapshot once a second, not on every tick.
    if (now - snapshotAt >= 1000) {
      pods = world.list('pods');
      snapshotAt = now;
    }
    if (!pods.length) return;
    for (let i = 0; i < count; i++) {
      const picked = pods[Math.floor(random() * pods.length)];
      // The snapshot may hold a pod this tick already replaced: act on the current object.
      const pod = world.get('pods', objectKey(picked)) as Pod | undefined;
      if (!pod || pod.status?.phase !== 'Running') continue;
      const roll = random();
      if (roll < 0.05) rollOut(world, pod, random, now);
      else if (roll < 0.5) restartContainer(world, pod, random, now);
      else if (flipped.length && random() < 0.6) recover(now);
      else {
        const after = flipReadiness(world, pod, random, now);
        if (after && !isReady(after.status?.containerStatuses ?? [])) flipped.push(objectKey(after));
      }
    }
  }, TICK_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
