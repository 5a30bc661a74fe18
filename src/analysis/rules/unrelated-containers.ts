// unrelated-containers: a pod is the unit of scheduling, scaling and replacement. Services
// that share nothing (no volume, no localhost traffic, different images) but sit in one pod
// must be deployed, scaled and restarted together, and one's crash loop holds the others.
// "If a container can fail, scale, and deploy on its own, it usually belongs in its own pod."
import type { Rule } from '../rule.js';
import {
  containerPorts,
  imagePath,
  localhostTargets,
  podVolumes,
  portEvidence,
  volumeMounts,
  type ContainerRef,
} from '../pod-helpers.js';
import { hitOfPod, type ContainerFacts, type PodFacts } from '../container-facts.js';

/** More main containers than this is a finding whatever links them. */
const MAX_MAIN = 4;
/** Volumes that carry configuration, not data two processes work on together. */
const CONFIG_VOLUMES = new Set(['configMap', 'secret', 'projected', 'downwardAPI']);

export const rule: Rule = {
  id: 'unrelated-containers',
  severity: 'warning',
  runtime: false,
  title: 'Independent services packed into one pod',
  why:
    'Containers of a pod are scheduled, scaled, restarted and rolled out together. Services that share no ' +
    'volume and do not talk over localhost gain nothing from that and lose independence: one cannot be scaled ' +
    'or deployed without the others, and a crash or an OOM of one disrupts all of them. If a container can ' +
    'fail, scale and deploy on its own, it belongs in its own pod.',
  fix: 'Run each service in its own Deployment and let them reach each other through a Service; keep in one pod only helpers that share its files or localhost.',
  explain: {
    fires:
      'Two or more main containers each declare their own ports, and among them are groups that share no volume, ' +
      'do not reach each other on localhost and run different images; or the pod has more than 4 main containers.',
    guards: [
      'Recognised sidecars (log shippers, proxies, exporters, agents) are never counted.',
      'Native sidecars and init containers are not main containers.',
      'Containers linked by a shared data volume, a localhost address in their command/args/env, or the same image count as one service.',
      'Main containers without ports (workers) are not counted as separate services.',
    ],
    bad: `containers:
- {name: frontend, image: example/frontend:1, ports: [{containerPort: 80}]}
- {name: api, image: example/api:1, ports: [{containerPort: 8080}]}
- {name: cache, image: redis:7, ports: [{containerPort: 6379}]}`,
    good: `# three Deployments (frontend, api, cache), each with a Service;
# api reaches the cache as cache:6379, not localhost:6379`,
  },
  severityOfPod(pod) {
    // Counted first, without lists: nearly every pod has one main container.
    let mains = 0;
    let servers = 0;
    for (const c of pod.containers) {
      if (!isMain(c)) continue;
      mains++;
      if (containerPorts(c.ref).length > 0) servers++;
    }
    if (mains > MAX_MAIN) return rule.severity;
    if (servers < 2) return undefined;
    return linkedGroups(serversOf(pod), pod.subject.spec).length >= 2 ? rule.severity : undefined;
  },
  check(subject, ctx, facts) {
    return hitOfPod(subject, ctx, facts, rule.severityOfPod!, (pod) => {
      const mains = pod.containers.filter(isMain).map((c) => c.ref);
      if (mains.length > MAX_MAIN) {
        return {
          message: `${mains.length} main containers in one pod (${mains.map((m) => m.name).join(', ')}): they can only be scaled, restarted and deployed together`,
          evidence: mains.map((m) => `${m.path}: ${m.name}`),
        };
      }
      const servers = serversOf(pod);
      const names = linkedGroups(servers, subject.spec).map((g) => g.map((c) => c.name).join('+'));
      return {
        message: `containers ${names.join(', ')} look like independent services: each serves its own ports, they share no volume, none reaches another on localhost, and they run different images`,
        evidence: servers.flatMap((s) => containerPorts(s).map((p) => portEvidence(s, p))),
      };
    });
  },
};

/** A regular container in the main role. */
function isMain(c: ContainerFacts): boolean {
  return c.ref.group === 'containers' && c.role === 'main';
}

/** The main containers that declare ports. */
function serversOf(pod: PodFacts): ContainerRef[] {
  return pod.containers.filter((c) => isMain(c) && containerPorts(c.ref).length > 0).map((c) => c.ref);
}

/** Groups of containers linked by a data volume, localhost traffic or the same image. */
function linkedGroups(servers: ContainerRef[], spec: unknown): ContainerRef[][] {
  const volumes = podVolumes(spec);
  const parent = servers.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  const dataVolumes = (c: ContainerRef) =>
    new Set(volumeMounts(c).map((m) => m.volume).filter((v) => !CONFIG_VOLUMES.has(volumes.get(v)?.type ?? '')));
  const ports = servers.map((s) => new Set(containerPorts(s).map((p) => p.port)));
  for (let i = 0; i < servers.length; i++) {
    for (let j = i + 1; j < servers.length; j++) {
      const a = servers[i];
      const b = servers[j];
      const sameImage = a.image !== '' && imagePath(a.image) === imagePath(b.image);
      const bVols = dataVolumes(b);
      const sharedVolume = [...dataVolumes(a)].some((v) => bVols.has(v));
      const localhost = localhostTargets(a).some((p) => ports[j].has(p)) || localhostTargets(b).some((p) => ports[i].has(p));
      if (sameImage || sharedVolume || localhost) parent[find(i)] = find(j);
    }
  }
  const byRoot = new Map<number, ContainerRef[]>();
  servers.forEach((s, i) => {
    const root = find(i);
    byRoot.set(root, [...(byRoot.get(root) ?? []), s]);
  });
  return [...byRoot.values()];
}
