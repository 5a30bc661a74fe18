// shared-volume-writers: two containers that write one volume at the same time must agree
// on who writes what (file names, locking, rotation). Often that is intended; it is worth
// knowing, and a reader that only reads should say so with readOnly.
import type { Decision, Rule } from '../rule.js';
import { podVolumes, volumeMounts, type ContainerRef, type MountInfo } from '../pod-helpers.js';
import { hitsOfDecisions, NOTHING, type PodFacts } from '../container-facts.js';

/** The kubelet mounts these read-only whatever the mount says. */
const READ_ONLY_TYPES = new Set(['configMap', 'secret', 'projected', 'downwardAPI']);

export const rule: Rule = {
  id: 'shared-volume-writers',
  severity: 'info',
  runtime: false,
  title: 'Two containers write one volume',
  why:
    'Containers of a pod can share a volume, which is how a sidecar reads what the app writes. When two of them ' +
    'mount it read-write at the same time, both can change the same files: writes interleave, rotation and ' +
    'cleanup race, and a bug in the helper can destroy the app\'s data.',
  fix: 'Mount the volume readOnly: true in every container that only reads it; if both must write, give each its own directory (subPath) or its own volume.',
  explain: {
    fires: 'Two containers that run at the same time (app containers, native sidecars) mount the same volume read-write.',
    guards: [
      'A reader that mounts the volume read-only is the healthy pattern: no finding.',
      'An init container that fills a volume before the app starts is a hand-over, not a shared write: no finding.',
      'configMap, secret, projected and downwardAPI volumes are read-only whatever the mount says.',
      'Different subPaths of one volume do not overlap: no finding.',
    ],
    bad: `volumes: [{name: logs, emptyDir: {}}]
containers:
- {name: app, volumeMounts: [{name: logs, mountPath: /var/log/app}]}
- {name: log-shipper, volumeMounts: [{name: logs, mountPath: /logs}]}`,
    good: `volumes: [{name: logs, emptyDir: {}}]
containers:
- {name: app, volumeMounts: [{name: logs, mountPath: /var/log/app}]}
- {name: log-shipper, volumeMounts: [{name: logs, mountPath: /logs, readOnly: true}]}`,
  },
  decide: sharedWrites,
  check(subject, ctx, facts) {
    return hitsOfDecisions(subject, ctx, facts, sharedWrites, ({ volume, writers }) => ({
      volume,
      message: `volume ${volume} is mounted read-write by ${writers.map((w) => w.ref.name).join(' and ')}: both can change the same files`,
      evidence: writers.map((w) => `${w.m.path}: ${volume} at ${w.m.mountPath} read-write (${w.ref.name})`),
    }));
  },
};

/** A container's read-write mount of a volume, and the subPath it mounts. */
interface Writer {
  ref: ContainerRef;
  m: MountInfo;
  subPath: string;
}

/** A volume that two or more containers write, in places that overlap. */
interface SharedWrite extends Decision {
  volume: string;
  writers: Writer[];
}

function sharedWrites(pod: PodFacts): readonly SharedWrite[] {
  // A writer needs another to share with: most pods run one container.
  let running = 0;
  for (const c of pod.containers) if (c.longRunning) running++;
  if (running < 2) return NOTHING;
  const volumes = podVolumes(pod.subject.spec, pod.subject.specPath);
  const writers = new Map<string, Writer[]>();
  for (const c of pod.containers) {
    if (!c.longRunning) continue;
    const ref = c.ref;
    const raw = Array.isArray(ref.c.volumeMounts) ? ref.c.volumeMounts : [];
    for (const m of volumeMounts(ref)) {
      if (m.readOnly || READ_ONLY_TYPES.has(volumes.get(m.volume)?.type ?? '')) continue;
      const rawMount = raw.find((r) => typeof r === 'object' && r !== null && (r as { name?: unknown }).name === m.volume) as { subPath?: unknown } | undefined;
      const subPath = typeof rawMount?.subPath === 'string' ? rawMount.subPath : '';
      const list = writers.get(m.volume) ?? [];
      if (!list.some((w) => w.ref === ref)) list.push({ ref, m, subPath });
      writers.set(m.volume, list);
    }
  }
  let found: SharedWrite[] | undefined;
  for (const [volume, list] of writers) {
    if (list.length < 2) continue;
    // Distinct, non-nested subPaths are separate directories.
    const overlapping = list.filter((w) => list.some((o) => o !== w && overlaps(o.subPath, w.subPath)));
    if (overlapping.length < 2) continue;
    (found ??= []).push({ severity: rule.severity, volume, writers: overlapping });
  }
  return found ?? NOTHING;
}

function overlaps(a: string, b: string): boolean {
  if (a === '' || b === '') return true;
  const na = a.replace(/\/+$/, '') + '/';
  const nb = b.replace(/\/+$/, '') + '/';
  return na.startsWith(nb) || nb.startsWith(na);
}
