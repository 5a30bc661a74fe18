// run-as-root: the user a container runs as is decided by the pod/container securityContext,
// and only when nothing is set, by the image's USER line, which the manifest does not show.
// The finding says which of the two cases it is: "runs as root" (runAsUser 0) or "may run as
// root" (nothing guarantees otherwise).
import type { Rule, RuleHit } from '../rule.js';
import { memoText } from '../pod-helpers.js';
import { hitsByFacts } from '../container-facts.js';

/** Texts by container name or field path: the same few recur in every template of a cluster. */
const refusedMessage = memoText((name) => `container ${name} sets runAsUser 0 with runAsNonRoot: true: the kubelet will refuse to start it`);
const rootMessage = memoText((name) => `container ${name} runs as root (runAsUser 0)`);
const mayMessage = memoText((name) => `container ${name} may run as root: nothing sets runAsNonRoot: true or a non-root runAsUser, so the image's USER decides`);
/** `spec.containers[0]` + `.securityContext.runAsUser: 0`. */
const fieldText = memoText((path, rest) => `${path}${rest}`);

export const rule: Rule = {
  id: 'run-as-root',
  severity: 'warning',
  runtime: false,
  title: 'Container may run as root',
  why:
    'Root in a container is root on the node\'s kernel, held back only by namespaces and capabilities: a ' +
    'container escape or a writable host mount is then a node compromise (CIS 5.2.6, NIST SP 800-190 4.4).',
  fix: 'Set securityContext.runAsNonRoot: true (pod or container) with a non-zero runAsUser, and build the image with a non-root USER.',
  explain: {
    fires:
      'The effective runAsUser (container, else pod) is 0; or neither the container nor the pod sets runAsNonRoot: true ' +
      'and no non-zero runAsUser is set, so the image decides and may use root.',
    guards: [
      'runAsNonRoot: true on the pod applies to every container, unless a container sets runAsNonRoot: false.',
      'An explicit non-zero runAsUser runs as that user: no finding even without runAsNonRoot.',
      'Service-mesh init containers (istio-init, istio-validation, linkerd-init) need root for iptables: info, with that reason.',
      'Windows pods use runAsUserName: not checked.',
    ],
    bad: `spec:
  containers:
  - {name: app, image: shop/app:1.4.2}`,
    good: `spec:
  securityContext: {runAsNonRoot: true, runAsUser: 10001}
  containers:
  - {name: app, image: shop/app:1.4.2}`,
  },
  severityOn(c, pod) {
    if (pod.windows) return undefined;
    const user = c.runAsUser ?? pod.runAsUser;
    const nonRoot = c.runAsNonRoot ?? pod.runAsNonRoot;
    if (user !== 0 && (nonRoot === true || user !== undefined)) return undefined;
    // Service-mesh init containers that program iptables must run as root; the mesh's CNI
    // plugin is the way out, not a change to the pod.
    return c.meshInit ? 'info' : rule.severity;
  },
  check(subject, ctx, facts) {
    return hitsByFacts(subject, ctx, facts, rule.severityOn!, (ref, c, pod, severity) => {
      const user = c.runAsUser ?? pod.runAsUser;
      const nonRootSet = c.runAsNonRoot ?? pod.runAsNonRoot;
      const hit: RuleHit =
        user === 0
          ? {
              container: ref.name,
              message: nonRootSet === true ? refusedMessage(ref.name, '') : rootMessage(ref.name, ''),
              evidence: [fieldText(c.runAsUser !== undefined ? ref.path : subject.specPath, '.securityContext.runAsUser: 0')],
            }
          : {
              container: ref.name,
              message: mayMessage(ref.name, ''),
              evidence: [
                fieldText(c.runAsNonRoot !== undefined ? ref.path : subject.specPath, nonRootSet === false ? '.securityContext.runAsNonRoot: false' : '.securityContext.runAsNonRoot: unset'),
                fieldText(ref.path, '.securityContext.runAsUser: unset (pod: unset)'),
              ],
            };
      if (severity === 'info') {
        hit.message += ' (service-mesh init container: needs root for iptables; the mesh CNI plugin removes it)';
      }
      return hit;
    });
  },
};
