// privileged: a privileged container is root on the node. It sees every device, can load
// kernel modules and leave its namespaces; a compromise of it is a compromise of the node.
import type { Rule } from '../rule.js';
import { hitsByFacts } from '../container-facts.js';

export const rule: Rule = {
  id: 'privileged',
  severity: 'error',
  runtime: false,
  title: 'Privileged container',
  why:
    'privileged: true gives the container every capability and every host device and switches off seccomp and ' +
    'AppArmor confinement: whoever controls the process controls the node and every pod on it (CIS 5.2.2).',
  fix: 'Remove privileged: true and add only the capabilities the process needs (securityContext.capabilities.add), or move the node-level work into a vetted node agent.',
  explain: {
    fires: 'A container, init container or native sidecar sets securityContext.privileged: true.',
    guards: ['privileged: false or unset: no finding.', 'A string "true" is not a boolean to the API server either: no finding.'],
    bad: `containers:
- name: app
  image: shop/app:1.4.2
  securityContext: {privileged: true}`,
    good: `containers:
- name: app
  image: shop/app:1.4.2
  securityContext:
    allowPrivilegeEscalation: false
    capabilities: {drop: [ALL]}`,
  },
  severityOn: (c) => (c.privileged ? rule.severity : undefined),
  check(subject, ctx, facts) {
    return hitsByFacts(subject, ctx, facts, rule.severityOn!, (ref) => ({
      container: ref.name,
      message: `container ${ref.name} is privileged: it has full access to the node`,
      evidence: [`${ref.path}.securityContext.privileged: true`],
    }));
  },
};
