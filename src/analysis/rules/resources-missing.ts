// resources-missing: requests are what the scheduler places a pod by; the memory limit is
// what keeps one container from taking the node's memory. Without them a pod lands on a
// node that cannot hold it, and a leak in one container gets its neighbours OOM-killed.
import type { Rule } from '../rule.js';
import { asRecord, hasQuantity } from '../pod-helpers.js';
import { hitsByFacts } from '../container-facts.js';
import { PassMemo } from '../pass-memo.js';

export const rule: Rule = {
  id: 'resources-missing',
  severity: 'warning',
  runtime: false,
  title: 'Container without memory limit or requests',
  why:
    'The scheduler places pods by their requests: without them a pod can land on a node that has no room for ' +
    'it, and it is the first to be evicted under pressure (BestEffort). Without a memory limit one leaking ' +
    'container can use the node\'s memory until the kernel kills processes of other pods.',
  fix: 'Set resources.requests.cpu and resources.requests.memory to what the container normally uses, and resources.limits.memory to what it may use at most.',
  explain: {
    fires: 'A long-running container (app container or native sidecar) has no memory limit, no memory request or no cpu request.',
    guards: [
      'A missing CPU limit alone is not a finding: it only throttles, and many teams leave it off on purpose.',
      'A request left out next to a limit is not missing: Kubernetes sets the request to the limit.',
      'Init containers that run to completion are not checked.',
    ],
    bad: `containers:
- name: app
  image: example/app:3.0`,
    good: `containers:
- name: app
  image: example/app:3.0
  resources:
    requests: {cpu: 100m, memory: 256Mi}
    limits: {memory: 512Mi}`,
  },
  severityOn: (c) => (c.longRunning && shortfallOf(c.resources).missing.length ? rule.severity : undefined),
  check(subject, ctx, facts) {
    return hitsByFacts(subject, ctx, facts, rule.severityOn!, (ref, c) => {
      const { missing, described } = shortfallOf(c.resources);
      return {
        container: ref.name,
        message: `container ${ref.name} has no ${missing.join(', no ')}`,
        evidence: [`${ref.path}.resources: ${described}`],
      };
    });
  },
};

interface Shortfall {
  missing: readonly string[];
  described: string;
}

/**
 * What a resources object lacks, per frozen object: the store shares equal ones (17 distinct
 * in 70,633 containers of the 50,027-pod demo), so each is read once a pass, not once per container.
 */
const shortfalls = new PassMemo<object, Shortfall>();

function shortfallOf(resources: unknown): Shortfall {
  const shared = resources !== null && typeof resources === 'object' && Object.isFrozen(resources);
  const known = shared ? shortfalls.get(resources) : undefined;
  if (known) return known;
  const res = asRecord(resources);
  const missing: string[] = [];
  const memLimit = hasQuantity(res, 'limits', 'memory');
  if (!memLimit) missing.push('memory limit');
  // The API server defaults a missing request to the limit.
  if (!hasQuantity(res, 'requests', 'memory') && !memLimit) missing.push('memory request');
  if (!hasQuantity(res, 'requests', 'cpu') && !hasQuantity(res, 'limits', 'cpu')) missing.push('cpu request');
  const out: Shortfall = Object.freeze({ missing: Object.freeze(missing), described: missing.length ? describe(res) : '' });
  if (shared) shortfalls.set(resources, out);
  return out;
}

function describe(res: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const section of ['requests', 'limits'] as const) {
    for (const name of ['cpu', 'memory']) {
      if (hasQuantity(res, section, name)) parts.push(`${section}.${name}`);
    }
  }
  return parts.length ? `only ${parts.join(', ')} set` : 'not set';
}
