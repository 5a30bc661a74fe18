// The contract between the demo cluster's data (scenarios, generator, churn, --from loader)
// and the server that serves it. The data side produces objects; the server keeps them with
// a resourceVersion history and answers the Kubernetes API.
import type { KubeObject, ResourceKind } from '../model/kube.js';
export { KIND_INFO, resourceForKind } from '../model/kinds.js';

/** One log line of one container. `time` is RFC 3339 (what `--timestamps` prints). */
export interface LogLine {
  time: string;
  text: string;
}

export interface ContainerLogs {
  namespace: string;
  pod: string;
  container: string;
  /** Lines of the running (or last) instance. */
  current: LogLine[];
  /** Lines of the previous instance (what `kubectl logs --previous` shows); absent → 400 like a real kubelet. */
  previous?: LogLine[];
  /** Lines the server appends, in a cycle, while a client follows the log (a running container keeps talking). */
  ticker?: string[];
}

/** What the data side hands to the server at start. Objects carry `kind` and `apiVersion`. */
export interface DemoDataset {
  objects: KubeObject[];
  logs: ContainerLogs[];
}

/**
 * What churn may do to the running cluster. The server's world implements it: every call
 * bumps the resourceVersion and is seen by watchers.
 */
export interface DemoWorldWriter {
  list(kind: ResourceKind): readonly KubeObject[];
  get(kind: ResourceKind, key: string): KubeObject | undefined;
  /** Adds or replaces (by namespace/name); the server sets uid/resourceVersion/creationTimestamp when missing. */
  upsert(kind: ResourceKind, obj: KubeObject): KubeObject;
  remove(kind: ResourceKind, key: string): void;
  appendLog(namespace: string, pod: string, container: string, line: LogLine): void;
  /** Replaces a container's logs (a restart moves current to previous). */
  setLogs(logs: ContainerLogs): void;
  /** A container's logs as they stand, so a restart can move `current` to `previous`. Optional: churn writes a short previous log without it. */
  getLogs?(namespace: string, pod: string, container: string): ContainerLogs | undefined;
}
