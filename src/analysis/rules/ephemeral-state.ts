// ephemeral-state: a pod is replaceable; its emptyDir and its container's writable layer
// go with it. A database that keeps its files there loses them on every reschedule, node
// drain or eviction, and a restart from scratch is silent until someone looks for the data.
import type { Rule, RuleContext } from '../rule.js';
import type { KubeObject } from '../../model/kube.js';
import { hitsByFacts, type ContainerFacts, type PodFacts } from '../container-facts.js';
import {
  asArray,
  asRecord,
  asString,
  commandLine,
  dataEngine,
  isPersistentVolume,
  isWithin,
  podVolumes,
  volumeMounts,
  type ContainerRef,
  type DataEngine,
  type MountInfo,
  type VolumeInfo,
} from '../pod-helpers.js';

/** Redis told not to persist anything is a cache: losing its data is by design. */
function isRedisCache(ref: ContainerRef): boolean {
  const text = commandLine(ref).join(' ');
  const noSave = /--save(\s+|=)(""|''|\s*$)/.test(text) || /--save\s+(""|'')/.test(text) || argsSaveEmpty(ref);
  const noAof = /--appendonly(\s+|=)["']?no\b/.test(text);
  return noSave || noAof;
}

/** `args: ["--save", ""]` as a list: the empty string is its own element. */
function argsSaveEmpty(ref: ContainerRef): boolean {
  const args = [...(Array.isArray(ref.c.command) ? ref.c.command : []), ...(Array.isArray(ref.c.args) ? ref.c.args : [])];
  return args.some((a, i) => a === '--save' && (args[i + 1] === '' || args[i + 1] === '""' || args[i + 1] === "''"));
}

/** Claim names a StatefulSet creates per replica: mounts of these are persistent. */
function claimTemplateNames(...objects: (KubeObject | undefined)[]): Set<string> {
  const out = new Set<string>();
  for (const o of objects) {
    if (!o || o.kind !== 'StatefulSet') continue;
    for (const t of asArray(asRecord(o.spec).volumeClaimTemplates)) {
      const name = asString(asRecord(asRecord(t).metadata).name);
      if (name) out.add(name);
    }
  }
  return out;
}

export const rule: Rule = {
  id: 'ephemeral-state',
  severity: 'warning',
  runtime: false,
  title: 'Database data on ephemeral storage',
  why:
    'Pods are replaceable: a reschedule, a node drain or an eviction creates a new pod with a new emptyDir and a ' +
    'fresh container filesystem. A database or queue that keeps its files there starts empty after any of those, ' +
    'and nothing reports it.',
  fix:
    'Keep the data on a PersistentVolumeClaim, ideally from a StatefulSet with volumeClaimTemplates; or, if the ' +
    'data may be lost (a cache), configure the engine not to persist and say so.',
  explain: {
    fires:
      'A container running a database or queue (postgres, mysql, mariadb, mongo, redis, elasticsearch, opensearch, kafka, ' +
      'zookeeper, rabbitmq, etcd, cassandra, clickhouse, minio), or one that mounts a database data path such as ' +
      '/var/lib/postgresql/data, keeps its data on an emptyDir or on no volume at all.',
    guards: [
      'A PersistentVolumeClaim (or another persistent volume, or a StatefulSet volumeClaimTemplate) mounted by the container: no finding.',
      'A mount of a volume the spec does not declare is left to the API server to reject: no finding.',
      'Redis configured as a pure cache (--save "" or --appendonly no): no finding.',
      'Exporters, operators and clients of a database (postgres-exporter, kafka-ui, …) are not the database.',
      'Sidecars and init containers are not checked.',
      'Job and CronJob pods run a task (a pg_dump, a migration) with the database image: not a database keeping data.',
    ],
    bad: `containers:
- name: redis
  image: redis:7.4
  volumeMounts: [{name: data, mountPath: /data}]
volumes: [{name: data, emptyDir: {}}]`,
    good: `kind: StatefulSet
spec:
  template:
    spec:
      containers:
      - name: redis
        image: redis:7.4
        volumeMounts: [{name: data, mountPath: /data}]
  volumeClaimTemplates:
  - metadata: {name: data}
    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 5Gi}}}`,
  },
  severityOn: (c, pod, ctx) => (keepsDataInPod(c, pod, ctx) ? rule.severity : undefined),
  check(subject, ctx, facts) {
    return hitsByFacts(subject, ctx, facts, rule.severityOn!, (ref, c, pod) => {
      const { engine, mounts, volumes } = keepsDataInPod(c, pod, ctx)!;
      const atData = mounts.find((m) => engine.dataPaths.some((p) => isWithin(m.mountPath, p)) && volumes.get(m.volume)?.type === 'emptyDir');
      const name = engine.engine === 'data path' ? ref.name : `${ref.name} (${engine.engine})`;
      if (atData) {
        const v = volumes.get(atData.volume)!;
        return {
          container: ref.name,
          volume: atData.volume,
          message: `${name} keeps its data at ${atData.mountPath} on emptyDir ${atData.volume}: it is lost whenever the pod is replaced`,
          evidence: [`${atData.path}: ${atData.volume} at ${atData.mountPath}`, `${v.path}: emptyDir`],
        };
      }
      const where = engine.dataPaths[0];
      return {
        container: ref.name,
        message: `${name} has no persistent volume: its data (${where}) lives in the container and is lost on every restart`,
        evidence: [
          `${ref.path}.image: ${ref.image || 'not set'}`,
          mounts.length ? `${ref.path}.volumeMounts: ${mounts.map((m) => `${m.volume} at ${m.mountPath}`).join(', ')} (none persistent)` : `${ref.path}.volumeMounts: none`,
        ],
      };
    });
  },
};

/**
 * A database or queue container of the pod with no persistent volume mounted: its engine, its
 * mounts and the pod's volumes, or undefined. Most containers run no database, which settles
 * them before anything else is looked at.
 */
function keepsDataInPod(c: ContainerFacts, pod: PodFacts, ctx: RuleContext): { engine: DataEngine; mounts: MountInfo[]; volumes: Map<string, VolumeInfo> } | undefined {
  const ref = c.ref;
  if (ref.group !== 'containers' || c.role === 'sidecar' || pod.batch) return undefined;
  const engine = dataEngine(ref);
  if (!engine) return undefined;
  const subject = pod.subject;
  const volumes = podVolumes(subject.spec, subject.specPath);
  const templates = claimTemplateNames(subject.object, ctx.workload);
  const mounts = volumeMounts(ref);
  const persistentOrUnknown = (v: string) => templates.has(v) || !volumes.has(v) || isPersistentVolume(volumes.get(v));
  if (mounts.some((m) => persistentOrUnknown(m.volume))) return undefined;
  if (engine.engine === 'redis' && isRedisCache(ref)) return undefined;
  return { engine, mounts, volumes };
}
