// dangerous-capabilities: a handful of Linux capabilities are each close to root on the node:
// SYS_ADMIN (mount, namespaces, most of the kernel), NET_ADMIN (the pod's firewall and
// routes), SYS_PTRACE (read other processes' memory), SYS_MODULE (load kernel code), ALL.
import type { Rule, RuleHit } from '../rule.js';
import { hitsByFacts } from '../container-facts.js';
import { sanitize } from '../../model/sanitize.js';

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
  // A mesh init container's NET_ADMIN alone is its iptables redirect: info, with that reason.
  severityOn: (c) => (c.dangerous.length === 0 ? undefined : c.meshInit && c.dangerous.every((f) => f.cap === 'NET_ADMIN') ? 'info' : rule.severity),
  check(subject, ctx, facts) {
    return hitsByFacts(subject, ctx, facts, rule.severityOn!, (ref, c, _pod, severity) => {
      const found = c.dangerous;
      const caps = found.map((f) => f.cap).join(', ');
      const hit: RuleHit = {
        container: ref.name,
        message: `container ${ref.name} adds ${caps}: ${found.length > 1 ? 'each is' : 'it is'} close to root on the node`,
        evidence: found.map((f) => `${ref.path}.securityContext.capabilities.add[${f.index}]: ${sanitize(f.raw, 40)}`),
      };
      if (severity === 'info') {
        hit.message = `service-mesh init container ${ref.name} adds NET_ADMIN to install its iptables redirect; the mesh CNI plugin removes the need`;
      }
      return hit;
    });
  },
};
