// privilege-escalation: unless allowPrivilegeEscalation is false, a setuid binary or file
// capability in the image can give the process more rights than it started with
// (no_new_privs is off).
//
// Precision: a privileged container, or one that adds SYS_ADMIN, can escalate by definition and
// the API server rejects allowPrivilegeEscalation: false on it; privileged and
// dangerous-capabilities already report those with the real fix, so this rule stays quiet
// there instead of asking for a setting that cannot be applied. Windows pods have no such
// setting.
import type { Rule } from '../rule.js';
import { memoText } from '../pod-helpers.js';
import { hitsByFacts } from '../container-facts.js';

/** The texts of a finding by container name and path: the same few in every template. */
const messageOf = memoText((name, setting) => `container ${name} may gain privileges through setuid binaries: allowPrivilegeEscalation is ${setting}`);
const evidenceOf = memoText((path, shown) => `${path}.securityContext.allowPrivilegeEscalation: ${shown}`);

export const rule: Rule = {
  id: 'privilege-escalation',
  severity: 'warning',
  runtime: false,
  title: 'Privilege escalation allowed',
  why:
    'With allowPrivilegeEscalation unset or true the kernel lets the process gain rights through setuid ' +
    'binaries and file capabilities in the image; an attacker who gets a shell uses them to become root in the container (CIS 5.2.5).',
  fix: 'Set securityContext.allowPrivilegeEscalation: false on every container (and drop capabilities: [ALL]).',
  explain: {
    fires: 'A container, init container or native sidecar does not set securityContext.allowPrivilegeEscalation: false.',
    guards: [
      'Privileged containers and containers adding SYS_ADMIN (or ALL) are skipped: they always can escalate, the API server refuses false for them, and privileged / dangerous-capabilities report them.',
      'Windows pods (spec.os.name: windows) have no such setting.',
    ],
    bad: `containers:
- name: app
  image: shop/app:1.4.2`,
    good: `containers:
- name: app
  image: shop/app:1.4.2
  securityContext: {allowPrivilegeEscalation: false}`,
  },
  // Windows pods have no such setting; privileged and SYS_ADMIN containers are reported by their own rules.
  severityOn: (c, pod) => (!pod.windows && c.allowPrivilegeEscalation !== false && !c.privileged && !c.addsSysAdmin ? rule.severity : undefined),
  check(subject, ctx, facts) {
    return hitsByFacts(subject, ctx, facts, rule.severityOn!, (ref, c) => {
      const value = c.allowPrivilegeEscalation;
      return {
        container: ref.name,
        message: messageOf(ref.name, value === true ? 'true' : 'not set to false'),
        evidence: [evidenceOf(ref.path, value === undefined ? 'unset' : String(JSON.stringify(value)))],
      };
    });
  },
};
