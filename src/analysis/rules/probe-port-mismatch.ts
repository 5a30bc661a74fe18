// probe-port-mismatch: the kubelet probes the pod's IP, which every container shares. A
// probe aimed at a port that another container owns checks that container's health, and
// a probe aimed at a port nobody declares often checks nothing that exists.
import type { Decision, Rule } from '../rule.js';
import { sanitize } from '../../model/sanitize.js';
import {
  containerPorts,
  containerProbe,
  formatPort,
  portEvidence,
  type ContainerRef,
  type PortDecl,
  type ProbeInfo,
  type ProbeKindName,
} from '../pod-helpers.js';
import { hitsOfDecisions, NOTHING, type PodFacts } from '../container-facts.js';

const KINDS: ProbeKindName[] = ['liveness', 'readiness', 'startup'];

export const rule: Rule = {
  id: 'probe-port-mismatch',
  severity: 'warning',
  runtime: false,
  title: 'Probe aimed at a port the container does not declare',
  why:
    'All containers of a pod share one IP and one port space, so a probe on a port that another container ' +
    'owns passes or fails with that other container: the probed container can hang and never be restarted, ' +
    'or be restarted for a fault that is not its own. A named probe port resolves only against the ' +
    "container's own ports.",
  fix: "Point the probe at a port this container listens on (and declare it in the container's ports), or move the probe to the container that owns the port.",
  explain: {
    fires:
      'An httpGet, tcpSocket or grpc probe of a container targets a port no container of the pod declares, a port ' +
      'declared only by another container, or a port name the container itself does not declare.',
    guards: [
      'Named ports are resolved against the container\'s own ports first, as the kubelet does.',
      'exec probes run inside the container and are never checked.',
      'A port that no container declares is info, not a warning: declaring ports is optional, and apps often serve health on an undeclared management port.',
      "A recognised sidecar's undeclared probe port is not checked: its vendor's injector writes the probe for its own agent (Istio's 15021, for one).",
      'Init containers that run to completion are not probed.',
      "Istio's probe rewrite (httpGet path /app-health/… on the agent's port 15020) is forwarded to the app by the sidecar: not checked.",
    ],
    bad: `containers:
- name: app
  ports: [{name: http, containerPort: 8080}]
- name: proxy
  ports: [{containerPort: 8443}]
  readinessProbe: {httpGet: {path: /healthz, port: 8080}}`,
    good: `containers:
- name: app
  ports: [{name: http, containerPort: 8080}]
  readinessProbe: {httpGet: {path: /healthz, port: http}}
- name: proxy
  ports: [{containerPort: 8443}]
  readinessProbe: {tcpSocket: {port: 8443}}`,
  },
  decide: mismatches,
  check(subject, ctx, facts) {
    return hitsOfDecisions(subject, ctx, facts, mismatches, ({ ref, kind, probe, port, owner, own }) => {
      const at = `${probe.path}.${probe.handler}.port: ${sanitize(port, 60)}`;
      if (typeof port === 'string') {
        return {
          container: ref.name,
          probe: kind,
          message: owner
            ? `${kind} probe of ${ref.name} names port "${sanitize(port, 40)}", which only ${owner.ref.name} declares: the kubelet resolves names in the probed container only, so the probe fails`
            : `${kind} probe of ${ref.name} names port "${sanitize(port, 40)}", which no container declares: the probe fails`,
          evidence: owner ? [at, portEvidence(owner.ref, owner.decl)] : [at],
        };
      }
      if (owner) {
        return {
          container: ref.name,
          probe: kind,
          port: { port, protocol: 'TCP' },
          message: `${kind} probe of ${ref.name} checks ${formatPort({ port, protocol: 'TCP' })}, which belongs to ${owner.ref.name}: it tests ${owner.ref.name}'s health, not ${ref.name}'s`,
          evidence: [at, portEvidence(owner.ref, owner.decl)],
        };
      }
      return {
        container: ref.name,
        probe: kind,
        port: { port, protocol: 'TCP' },
        message: own.length
          ? `${kind} probe of ${ref.name} checks port ${port}, which no container declares (${ref.name} declares ${own.map(formatPort).join(', ')}); if ${ref.name} listens there, declare it`
          : `${kind} probe of ${ref.name} checks port ${port}, which no container declares; if ${ref.name} listens there, declare it`,
        evidence: [at, ...own.map((p) => portEvidence(ref, p))],
      };
    });
  },
};

/** A probe whose port the probed container does not declare, with who does (`owner`), if anyone. */
interface Mismatch extends Decision {
  ref: ContainerRef;
  kind: ProbeKindName;
  probe: ProbeInfo;
  port: number | string;
  owner?: { ref: ContainerRef; decl: PortDecl };
  /** The probed container's own ports. */
  own: PortDecl[];
}

function mismatches(pod: PodFacts): readonly Mismatch[] {
  let found: Mismatch[] | undefined;
  for (const c of pod.containers) {
    if (!c.longRunning) continue;
    const ref = c.ref;
    const own = containerPorts(ref);
    for (const kind of KINDS) {
      const probe = containerProbe(ref, kind);
      if (!probe || probe.handler === 'exec' || probe.handler === 'none' || probe.port === undefined) continue;
      if (isMeshRewrite(probe.raw)) continue;
      const port = probe.port;
      if (typeof port === 'string' ? own.some((p) => p.name === port) : own.some((p) => p.port === port && p.protocol === 'TCP')) continue;
      // Nearly every probe targets its own container's port: the others are looked at only for the rest.
      const others = pod.containers.filter((o) => o.longRunning && o !== c).map((o) => o.ref);
      const owner = typeof port === 'string' ? findOwner(others, (p) => p.name === port) : findOwner(others, (p) => p.port === port && p.protocol === 'TCP');
      // A recognised sidecar's undeclared port is its injector's business.
      if (typeof port === 'number' && !owner && c.role === 'sidecar') continue;
      const severity = typeof port === 'number' && !owner ? 'info' : rule.severity;
      (found ??= []).push({ severity, ref, kind, probe, port, ...(owner ? { owner } : {}), own });
    }
  }
  return found ?? NOTHING;
}

function findOwner(containers: ContainerRef[], match: (p: PortDecl) => boolean): { ref: ContainerRef; decl: PortDecl } | undefined {
  for (const ref of containers) {
    const decl = containerPorts(ref).find(match);
    if (decl) return { ref, decl };
  }
  return undefined;
}

/** Istio rewrites app probes to its agent, which forwards them to the app's real port. */
function isMeshRewrite(raw: Record<string, unknown>): boolean {
  const http = raw.httpGet;
  return typeof http === 'object' && http !== null && String((http as Record<string, unknown>).path ?? '').startsWith('/app-health/');
}
