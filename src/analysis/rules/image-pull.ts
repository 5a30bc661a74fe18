// image-pull (runtime): the kubelet cannot get the image. The kubelet's message says whether
// the name is wrong, the tag does not exist, or the registry refused the credentials.
import type { Rule, RuleHit } from '../rule.js';
import { asArray, asRecord, asString, isRecord, podContainers, type Json } from '../pod-helpers.js';
import { sanitize } from '../../model/sanitize.js';

const PULL_FAILURES = new Set(['ErrImagePull', 'ImagePullBackOff', 'InvalidImageName', 'ErrImageNeverPull']);

function anyPullFailure(status: Json): boolean {
  for (const key of ['initContainerStatuses', 'containerStatuses']) {
    for (const s of asArray(status[key])) {
      const reason = isRecord(s) ? asRecord(asRecord(s.state).waiting).reason : undefined;
      if (typeof reason === 'string' && PULL_FAILURES.has(reason)) return true;
    }
  }
  return false;
}

export const rule: Rule = {
  id: 'image-pull',
  severity: 'error',
  runtime: true,
  statusSignals: ['waiting'],
  title: 'Image cannot be pulled',
  why:
    'The container cannot start until its image is on the node. A wrong name or tag, a private registry ' +
    'without imagePullSecrets, or a rate limit keeps the whole pod from running.',
  fix: 'Check the image reference (repository, tag or digest) and, for private registries, the pod\'s imagePullSecrets.',
  explain: {
    fires: 'A container or init container is waiting with reason ErrImagePull, ImagePullBackOff, InvalidImageName or ErrImageNeverPull. Live clusters only; the message quotes the kubelet.',
    guards: [
      'Containers that are pulling right now (ContainerCreating) are not failures.',
      'Manifests have no status: never fires on -f input.',
    ],
    bad: `spec:
  containers:
  - {name: app, image: registry.example.com/shop/app:v1.2.3-typo}`,
    good: `spec:
  imagePullSecrets: [{name: registry-credentials}]
  containers:
  - {name: app, image: registry.example.com/shop/app:v1.2.3}`,
  },
  check(subject) {
    if (!subject.pod) return [];
    const status = asRecord(asRecord(subject.pod).status);
    // Nearly every pod has no pull failure: a look at the statuses alone settles it.
    if (!anyPullFailure(status)) return [];
    const hits: RuleHit[] = [];
    for (const ref of podContainers(subject.spec, subject.specPath)) {
      const key = ref.group === 'initContainers' ? 'initContainerStatuses' : 'containerStatuses';
      const list = asArray(status[key]);
      const si = list.findIndex((s) => isRecord(s) && s.name === ref.name);
      if (si < 0) continue;
      const waiting = asRecord(asRecord((list[si] as Json).state).waiting);
      const reason = asString(waiting.reason);
      if (!reason || !PULL_FAILURES.has(reason)) continue;
      const said = sanitize(asString(waiting.message)?.trim() ?? '', 240);
      const image = sanitize(ref.image || '(no image)', 120);
      hits.push({
        container: ref.name,
        message: `container ${ref.name} cannot pull image ${image} (${reason})${said ? `: "${said}"` : ''}`,
        evidence: [`${ref.path}.image: ${image}`, `status.${key}[${si}].state.waiting: ${reason}${said ? `: ${said}` : ''}`],
      });
    }
    return hits;
  },
};
