// Every rule podscope knows, in the order of RULES.md. A new rule is one file in rules/
// plus one line here (and its id in types.ts RULE_IDS).
import type { Rule } from './rule.js';
import { rule as portConflict } from './rules/port-conflict.js';
import { rule as probePortMismatch } from './rules/probe-port-mismatch.js';
import { rule as readinessProbeMissing } from './rules/readiness-probe-missing.js';
import { rule as livenessProbeMissing } from './rules/liveness-probe-missing.js';
import { rule as probesIdentical } from './rules/probes-identical.js';
import { rule as resourcesMissing } from './rules/resources-missing.js';
import { rule as sidecarUnbounded } from './rules/sidecar-unbounded.js';
import { rule as unrelatedContainers } from './rules/unrelated-containers.js';
import { rule as sharedVolumeWriters } from './rules/shared-volume-writers.js';
import { rule as jobSidecar } from './rules/job-sidecar.js';
import { rule as barePod } from './rules/bare-pod.js';
import { rule as singleReplica } from './rules/single-replica.js';
import { rule as replicasSameNode } from './rules/replicas-same-node.js';
import { rule as pdbMissing } from './rules/pdb-missing.js';
import { rule as ephemeralState } from './rules/ephemeral-state.js';
import { rule as statefulDeployment } from './rules/stateful-deployment.js';
import { rule as crashLoop } from './rules/crash-loop.js';
import { rule as notReady } from './rules/not-ready.js';
import { rule as unschedulable } from './rules/unschedulable.js';
import { rule as imagePull } from './rules/image-pull.js';
import { rule as privileged } from './rules/privileged.js';
import { rule as privilegeEscalation } from './rules/privilege-escalation.js';
import { rule as runAsRoot } from './rules/run-as-root.js';
import { rule as dangerousCapabilities } from './rules/dangerous-capabilities.js';
import { rule as hostNamespaces } from './rules/host-namespaces.js';
import { rule as hostPath } from './rules/host-path.js';
import { rule as imageTag } from './rules/image-tag.js';

export const ALL_RULES: readonly Rule[] = [
  portConflict,
  probePortMismatch,
  readinessProbeMissing,
  livenessProbeMissing,
  probesIdentical,
  resourcesMissing,
  sidecarUnbounded,
  unrelatedContainers,
  sharedVolumeWriters,
  jobSidecar,
  barePod,
  singleReplica,
  replicasSameNode,
  pdbMissing,
  ephemeralState,
  statefulDeployment,
  crashLoop,
  notReady,
  unschedulable,
  imagePull,
  privileged,
  privilegeEscalation,
  runAsRoot,
  dangerousCapabilities,
  hostNamespaces,
  hostPath,
  imageTag,
];

export function ruleById(id: string): Rule | undefined {
  return ALL_RULES.find((r) => r.id === id);
}
