// The healthy-pod fast path of the runtime rules. Four runtime rules (crash-loop, image-pull,
// not-ready, unschedulable) speak only about a pod whose status shows trouble: Pending, a
// Ready condition that is False, a container waiting for a reason, or 3+ restarts. Nearly
// every pod of a cluster is Running with ready containers, and each of the four rules read
// that status again on its own. One read here settles all four: a pod whose status is quiet
// gets no finding from any rule marked `quietOnHealthyStatus` (rule.ts), so those rules are
// not run for it. test/analysis/runtime-fast-path.test.ts proves the rules' output identical
// with and without this path over the demo dataset and the scenario pods.
import { asArray, asNumber, asRecord, isRecord } from './pod-helpers.js';
import { RESTART_THRESHOLD } from './rules/crash-loop.js';

const STATUS_LISTS = ['initContainerStatuses', 'containerStatuses'] as const;

/**
 * True when the pod's status shows nothing the status-reading runtime rules look for:
 * phase Running (not Pending, so not unschedulable; not Succeeded/Failed), no Ready
 * condition that is False (not-ready), and no container status waiting for any reason
 * (crash-loop's back-off, image-pull's failures) or restarted 3 times or more (crash-loop).
 * Conservative: any doubt (odd shapes included) answers false and the rules run.
 */
export function statusIsQuiet(pod: unknown): boolean {
  const status = asRecord(asRecord(pod).status);
  if (status.phase !== 'Running') return false;
  // not-ready reads the first Ready condition only.
  const conditions = asArray(status.conditions);
  for (let i = 0; i < conditions.length; i++) {
    const c = conditions[i];
    if (isRecord(c) && c.type === 'Ready') {
      if (c.status === 'False') return false;
      break;
    }
  }
  for (const key of STATUS_LISTS) {
    const list = status[key];
    if (list === undefined) continue;
    if (!Array.isArray(list)) return false;
    for (let i = 0; i < list.length; i++) {
      const s = list[i];
      if (!isRecord(s)) continue;
      const state = s.state;
      if (state !== undefined && !isRecord(state)) return false;
      if (state && state.waiting !== undefined) {
        if (!isRecord(state.waiting)) return false;
        if (state.waiting.reason !== undefined) return false;
      }
      if ((asNumber(s.restartCount) ?? 0) >= RESTART_THRESHOLD) return false;
    }
  }
  return true;
}
