// port-conflict: all containers of a pod share one network namespace, so one port space.
// Two containers that declare the same port and protocol cannot both bind it: the second
// one to start fails with "address already in use" and crash-loops.
import type { Rule, RuleHit } from '../rule.js';
import { sanitize } from '../../model/sanitize.js';
import {
  asRecord,
  asString,
  containerPorts,
  containerStatus,
  formatPort,
  isRecord,
  isTerminated,
  podContainers,
  portEvidence,
  type ContainerRef,
  type PortDecl,
} from '../pod-helpers.js';
import type { Pod } from '../../model/kube.js';

interface Holder {
  ref: ContainerRef;
  decl: PortDecl;
  /** The port it takes in the shared space: the containerPort, or the hostPort under hostNetwork. */
  port: number;
  via: 'containerPort' | 'hostPort';
}

const IN_USE = /address already in use|EADDRINUSE/i;

/** The container whose last run ended with "address already in use", if any. */
function bindFailure(pod: Pod | undefined, ref: ContainerRef): string | undefined {
  const st = asRecord(containerStatus(pod, ref));
  for (const s of [asRecord(st.state).terminated, asRecord(st.lastState).terminated]) {
    const msg = isRecord(s) ? asString(s.message) : undefined;
    if (msg && IN_USE.test(msg)) return sanitize(msg.split('\n').find((l) => IN_USE.test(l)) ?? msg, 120);
  }
  return undefined;
}

/**
 * Whether some port number is taken twice among the ports a clash is looked for in (the
 * containerPort, or a distinct positive hostPort, of each declared port). Read from the
 * remembered declarations (containerPorts), without a set unless there are several ports.
 */
function anyRepeatedPort(containers: readonly ContainerRef[]): boolean {
  let first: number | undefined;
  let seen: Set<number> | undefined;
  for (const ref of containers) {
    const decls = containerPorts(ref);
    for (let i = 0; i < decls.length; i++) {
      const d = decls[i];
      const host = d.hostPort !== undefined && d.hostPort !== d.port && d.hostPort > 0 ? d.hostPort : undefined;
      for (const n of host === undefined ? [d.port] : [d.port, host]) {
        if (first === undefined) {
          first = n;
          continue;
        }
        seen ??= new Set([first]);
        if (seen.has(n)) return true;
        seen.add(n);
      }
    }
  }
  return false;
}

/** A clash takes two containers, and a port number declared twice (nearly no pod has one). */
function mayClash(containers: readonly ContainerRef[]): boolean {
  return containers.length >= 2 && anyRepeatedPort(containers);
}

export const rule: Rule = {
  id: 'port-conflict',
  severity: 'error',
  runtime: false,
  // Names the victim from the pod's container statuses.
  perPod: true,
  title: 'Two containers of one pod declare the same port',
  why:
    'Containers of a pod share one network namespace and therefore one port space. Only one of them ' +
    'can bind a port: the other fails with "address already in use" at start and restarts forever.',
  fix: 'Give each container its own port (change the listen address of one of them), or move the second service to its own pod.',
  explain: {
    fires:
      'Two containers that run at the same time (app containers, native sidecars) declare the same containerPort ' +
      'and protocol; or, with hostNetwork, a container declares a port another container takes as hostPort; or ' +
      'two containers ask for the same hostPort.',
    guards: [
      'Different protocols do not conflict: a DNS server on 53/TCP and 53/UDP is fine.',
      'An init container that has run to completion does not hold its port; one that runs before the app containers only meets native sidecars started before it.',
      'A port declared twice by the same container is not a conflict between containers.',
      'With status: the container that exited with "address already in use" is named as the likely victim.',
    ],
    bad: `spec:
  containers:
  - name: web
    image: nginx:1.27
    ports: [{containerPort: 8080}]
  - name: api
    image: example/api:1.4
    ports: [{containerPort: 8080}]`,
    good: `spec:
  containers:
  - name: web
    image: nginx:1.27
    ports: [{containerPort: 8080}]
  - name: api
    image: example/api:1.4
    args: [--listen=:9090]
    ports: [{containerPort: 9090}]`,
  },
  // The clash is in the spec; only its victim is read from the pod: replicas without a
  // repeated port (nearly all of them) need not be looked at one by one.
  mayFireOnTemplate: (subject) => mayClash(podContainers(subject.spec, subject.specPath)),
  check(subject) {
    const hostNetwork = asRecord(subject.spec).hostNetwork === true;
    const containers = podContainers(subject.spec, subject.specPath);
    if (!mayClash(containers)) return [];
    // Which containers are up at the same time as which: app containers and native sidecars
    // run together; a run-to-completion init container runs after the native sidecars that
    // precede it and before the app containers.
    const holders: Holder[] = [];
    for (const ref of containers) {
      const finishedInit = ref.group === 'initContainers' && !ref.native && isTerminated(subject.pod, ref);
      if (finishedInit) continue;
      for (const decl of containerPorts(ref)) {
        holders.push({ ref, decl, port: decl.port, via: 'containerPort' });
        if (decl.hostPort !== undefined && decl.hostPort !== decl.port && decl.hostPort > 0) {
          holders.push({ ref, decl, port: decl.hostPort, via: 'hostPort' });
        }
      }
    }
    const together = (a: ContainerRef, b: ContainerRef): boolean => {
      const aInit = a.group === 'initContainers' && !a.native;
      const bInit = b.group === 'initContainers' && !b.native;
      if (aInit && bInit) return false; // init containers run one at a time
      if (aInit) return b.native && b.index < a.index;
      if (bInit) return a.native && a.index < b.index;
      return true;
    };
    // hostPort (NAT on the node) only shares the pod's port space under hostNetwork; two
    // equal hostPorts clash on the node either way.
    const clash = (a: Holder, b: Holder): boolean => {
      if (a.port !== b.port || a.decl.protocol !== b.decl.protocol) return false;
      if (a.via === b.via) return true;
      return hostNetwork;
    };
    const hits: RuleHit[] = [];
    const seen = new Set<string>();
    for (let i = 0; i < holders.length; i++) {
      for (let j = i + 1; j < holders.length; j++) {
        const a = holders[i];
        const b = holders[j];
        if (a.ref === b.ref || !clash(a, b) || !together(a.ref, b.ref)) continue;
        const key = `${a.ref.path}|${b.ref.path}|${a.port}/${a.decl.protocol}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const port = { port: a.port, protocol: a.decl.protocol };
        const victimA = bindFailure(subject.pod, a.ref);
        const victimB = bindFailure(subject.pod, b.ref);
        const victim = victimB ? b.ref : victimA ? a.ref : undefined;
        const where = a.via === 'hostPort' || b.via === 'hostPort' ? 'on the node (hostPort)' : 'in one network namespace';
        let message = `containers ${a.ref.name} and ${b.ref.name} both listen on ${formatPort(port)} ${where}`;
        if (victim) message += `; ${victim.name} exited with "${victim === b.ref ? victimB : victimA}": it is the likely victim`;
        const evidence = [a, b].map((h) =>
          h.via === 'hostPort'
            ? `${h.decl.path}.hostPort: ${h.port}/${h.decl.protocol} (${h.ref.name})`
            : portEvidence(h.ref, h.decl),
        );
        hits.push({ container: (victim ?? b.ref).name, message, evidence, port });
      }
    }
    return hits;
  },
};

