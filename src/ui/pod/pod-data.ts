// Everything the Pod view shows about one pod, derived from the store in one pass: the
// pod-detail model (pure) plus the container roles and findings from the analysis.
import { containerRoles } from '../../analysis/roles.js';
import type { ContainerRoleInfo, Finding } from '../../analysis/types.js';
import type { KubeObject, Pod } from '../../model/kube.js';
import { containerRows, type ContainerRow } from '../../model/pod-detail/containers.js';
import { eventRows, type EventRow } from '../../model/pod-detail/events.js';
import { probeStates, type ProbeRow } from '../../model/pod-detail/probe-states.js';
import { sharedPortSpace, type SharedPortSpace } from '../../model/pod-detail/shared-port-space.js';
import { podSummary, type PodSummary } from '../../model/pod-detail/summary.js';
import { volumeMatrix, type VolumeMatrix } from '../../model/pod-detail/volume-matrix.js';
import { podRow, type PodRow } from '../../model/pod-row.js';
import type { StoreView } from '../../model/store-view.js';
import type { AnalysisLike } from '../app-context.js';

export interface PodDetailData {
  key: string;
  pod: Pod;
  summary: PodSummary;
  /** The pod as the Pods list shows it: STATUS with kubectl's reason (CrashLoopBackOff), READY, RESTARTS. */
  row: PodRow;
  roles: ContainerRoleInfo[];
  containers: ContainerRow[];
  ports: SharedPortSpace;
  volumes: VolumeMatrix;
  probes: ProbeRow[];
  /** The pod's events, raw (for probe states) and as rows (newest first). */
  rawEvents: readonly KubeObject[];
  events: EventRow[];
  /** Every finding for the pod, silenced ones included (the Advice panel counts them). */
  findings: Finding[];
  pvcsByName: Map<string, KubeObject>;
}

function safe<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch {
    // A store or analysis hiccup on odd data must not take the view down (SPEC R8).
    return fallback;
  }
}

export function podDetailData(store: StoreView, analysis: AnalysisLike | undefined, key: string, now: number): PodDetailData | undefined {
  const pod = safe(() => store.get('pods', key), undefined) as Pod | undefined;
  if (!pod || typeof pod !== 'object') return undefined;
  const namespace = pod.metadata?.namespace;
  const pvcsByName = new Map<string, KubeObject>();
  if (typeof namespace === 'string') {
    for (const pvc of safe(() => store.byNamespace('persistentvolumeclaims', namespace), [])) {
      const name = pvc.metadata?.name;
      if (typeof name === 'string') pvcsByName.set(name, pvc);
    }
  }
  const rawEvents = safe(() => store.eventsFor(pod as KubeObject), []);
  const roles = safe(() => containerRoles(pod.spec), []);
  return {
    key,
    pod,
    summary: podSummary(pod, store, now),
    row: podRow(pod as KubeObject, now),
    roles,
    containers: containerRows(pod, roles),
    ports: sharedPortSpace(pod),
    volumes: volumeMatrix(pod, pvcsByName),
    probes: probeStates(pod, rawEvents, now),
    rawEvents,
    events: eventRows(rawEvents, now),
    findings: safe(() => analysis?.findingsForPod(key) ?? [], []),
    pvcsByName,
  };
}
