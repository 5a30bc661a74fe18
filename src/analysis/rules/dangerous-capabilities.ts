// dangerous-capabilities: a handful of Linux capabilities are each close to root on the node:
// SYS_ADMIN (mount, namespaces, most of the kernel), NET_ADMIN (the pod's firewall and
// routes), SYS_PTRACE (read other processes' memory), SYS_MODULE (load kernel code), ALL.
import type { Rule, RuleHit } from '../rule.js';
import { asArray, asRecord, podContainers } from '../pod-helpers.js';
import { sanitize } from '../../model/sanitize.js';

const DANGEROUS = new Set(['ALL', 'SYS_ADMIN', 'NET_ADMIN', 'SYS_PTRACE', 'SYS_MODULE']);

// Service-mesh init containers add NET_ADMIN to install the iptables redirect to the proxy.
const MESH_INIT = new Set(['istio-init', 'istio-validation', 'linkerd-init']);

/** `cap_sys_admin` and `CAP_SYS_ADMIN` are written too; the runtime accepts both. */
function normalise(cap: string): string {
  return cap.toUpperCase().replace(/^CAP_/, '');
}

export const rule: Rule = {
  id: 'dangerous-capabilities',
  severity: 'error',
  runtime: false,
  title: 'Dangerous Linux capabilities',
  why:
    'SYS_ADMIN, NET_ADMIN, SYS_PTRACE, SYS_MODULE and ALL each give a process powers close to root on the node: ' +
    'mounting filesystems, rewriting the network, reading other processes, loading kernel modules (CIS 5.2.8-5.2.9).',
  fix: 'Drop ALL capabilities and add back only narrow ones the process needs (e.g. NET_BIND_SERVICE); move node-level work into a vetted agent.',
  explain: {
    fires: 'A container, init container or native sidecar lists ALL, SYS_ADMIN, NET_ADMIN, SYS_PTRACE or SYS_MODULE (with or without CAP_) under securityContext.capabilities.add.',
    guards: [
      'Capabilities under drop, and narrow ones (NET_BIND_SERVICE, CHOWN, NET_RAW…), are not reported here.',
      'Service-mesh init containers (istio-init, istio-validation, linkerd-init) adding NET_ADMIN for their iptables redirect: info, with that reason.',
    ],
    bad: `securityContext:
  capabilities:
    add: [SYS_ADMIN]`,
    good: `securityContext:
  capabilities:
    drop: [ALL]
    add: [NET_BIND_SERVICE]`,
  },
  check(subject) {
    const hits: RuleHit[] = [];
    for (const ref of podContainers(subject.spec, subject.specPath)) {
      const add = asRecord(asRecord(ref.c.securityContext).capabilities).add;
      // Most containers add no capability: nothing to look at, no list to make.
      if (!Array.isArray(add) || add.length === 0) continue;
      const added = asArray(add);
      const found: { cap: string; i: number }[] = [];
      added.forEach((c, i) => {
        if (typeof c === 'string' && DANGEROUS.has(normalise(c))) found.push({ cap: normalise(c), i });
      });
      if (found.length === 0) continue;
      const caps = found.map((f) => f.cap).join(', ');
      const hit: RuleHit = {
        container: ref.name,
        message: `container ${ref.name} adds ${caps}: ${found.length > 1 ? 'each is' : 'it is'} close to root on the node`,
        evidence: found.map((f) => `${ref.path}.securityContext.capabilities.add[${f.i}]: ${sanitize(added[f.i], 40)}`),
      };
      const meshOnly = found.every((f) => f.cap === 'NET_ADMIN');
      if (ref.group === 'initContainers' && MESH_INIT.has(ref.name) && meshOnly) {
        hit.severity = 'info';
        hit.message = `service-mesh init container ${ref.name} adds NET_ADMIN to install its iptables redirect; the mesh CNI plugin removes the need`;
      }
      hits.push(hit);
    }
    return hits;
  },
};
