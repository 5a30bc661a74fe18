// The public shape of the analysis module: what a finding is, and the rule ids.
// Field names match `podscope analyze -o json` (SPEC section 3) one to one.

export type Severity = 'error' | 'warning' | 'info';

export const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

export const RULE_IDS = [
  'port-conflict',
  'probe-port-mismatch',
  'readiness-probe-missing',
  'liveness-probe-missing',
  'probes-identical',
  'resources-missing',
  'sidecar-unbounded',
  'unrelated-containers',
  'shared-volume-writers',
  'job-sidecar',
  'bare-pod',
  'single-replica',
  'replicas-same-node',
  'pdb-missing',
  'ephemeral-state',
  'stateful-deployment',
  'crash-loop',
  'not-ready',
  'unschedulable',
  'image-pull',
  'privileged',
  'privilege-escalation',
  'run-as-root',
  'dangerous-capabilities',
  'host-namespaces',
  'host-path',
  'image-tag',
] as const;

export type RuleId = (typeof RULE_IDS)[number];

/** The object a finding is reported on: the object as given (a Deployment file → the Deployment). */
export interface ObjectRef {
  kind: string;
  namespace?: string;
  name: string;
}

export type ProbeKind = 'liveness' | 'readiness' | 'startup';

export interface Finding {
  /** A RuleId, or `internal-error` when a rule threw on odd input (never a crash). */
  rule: RuleId | 'internal-error';
  severity: Severity;
  object: ObjectRef;
  /** The container the finding is about, when it is about one. */
  container?: string;
  /** One line with the concrete names and numbers. */
  message: string;
  /** Field paths relative to the object as given, with values: `spec.containers[1].ports[0]: 8080/TCP (api)`. */
  evidence: string[];
  why: string;
  fix: string;

  // Anchors for the UI overlay: what on screen the finding sits next to. Not in JSON output.
  port?: { port: number; protocol: string };
  volume?: string;
  probe?: ProbeKind;

  /** Set when silenced by an annotation or the config file; silenced findings are counted, never lost. */
  ignored?: { by: 'annotation' | 'config'; detail: string };
}

export type ContainerRole = 'init' | 'sidecar' | 'main';
export type SidecarKind = 'log-shipper' | 'proxy' | 'metrics' | 'agent';

export interface ContainerRoleInfo {
  name: string;
  role: ContainerRole;
  /** For sidecars: what kind of helper it was recognised as. */
  kind?: SidecarKind;
  /** Native sidecar: an init container with restartPolicy Always. */
  native?: boolean;
  /** Why it got this role, for the UI tooltip and explain: "reads volume logs read-only". */
  reason?: string;
}
