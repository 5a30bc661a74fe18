// The fast path of the status-reading runtime rules. Four runtime rules speak only about a pod
// whose status shows a particular trouble: unschedulable about a Pending pod, not-ready about a
// Running pod whose Ready condition is False, image-pull about a container waiting for a reason,
// crash-loop about one waiting or restarted 3 times or more. Nearly every pod of a cluster
// shows none of these, and each rule read the status again on its own. One read here tells
// which of them a pod shows (its signals), and a rule whose signals (`statusSignals`, rule.ts)
// the pod does not show is not run for it: it would find nothing.
//
// Per signal, not one "quiet or not": at 50,027 demo pods, ~5,000 were not quiet, and four in
// five of those only because of restarts long past (Running and Ready, crash-loop's to judge)
// or because they completed (Succeeded Job pods, which none of the four speaks about); all four
// rules ran for each of them. Now each runs only where it may find something (crash-loop
// 2,731 times a pass, not-ready 748, image-pull 271, unschedulable 261, each 5,026 before):
// the four took ~38 ms of a cold pass, ~66 before. test/analysis/runtime-fast-path.test.ts
// proves the rules' output identical with and without this path over the demo dataset, the
// scenario pods and generated statuses.
import { asArray, asNumber, asRecord, isRecord } from './pod-helpers.js';
import { RESTART_THRESHOLD } from './rules/crash-loop.js';

/** What a pod's status may show that a status-reading runtime rule speaks about. */
export type StatusSignal = 'pending' | 'notReady' | 'waiting' | 'restarts';

/** Each signal's bit in statusSignals()'s answer. */
export const SIGNAL_BIT: Readonly<Record<StatusSignal, number>> = Object.freeze({ pending: 1, notReady: 2, waiting: 4, restarts: 8 });

/** Every signal: the answer whenever the status is not what the API writes. */
export const ALL_SIGNALS = 15;

/** Phases the API writes; any other is a doubt. */
const PHASES = new Set(['Pending', 'Running', 'Succeeded', 'Failed']);

const STATUS_LISTS = ['initContainerStatuses', 'containerStatuses'] as const;

/**
 * The signals the pod's status shows, as SIGNAL_BIT bits: `pending`, phase Pending; `notReady`,
 * phase Running and the first Ready condition False (not-ready reads that one only); `waiting`,
 * a container status waiting for any reason; `restarts`, a container restarted 3 times or more.
 * 0 is a quiet status. Conservative: any doubt (an unknown phase, odd shapes) answers
 * ALL_SIGNALS and every rule runs.
 */
export function statusSignals(pod: unknown): number {
  const status = asRecord(asRecord(pod).status);
  const phase = status.phase;
  if (typeof phase !== 'string' || !PHASES.has(phase)) return ALL_SIGNALS;
  let signals = phase === 'Pending' ? SIGNAL_BIT.pending : 0;
  if (phase === 'Running') {
    const conditions = asArray(status.conditions);
    for (let i = 0; i < conditions.length; i++) {
      const c = conditions[i];
      if (isRecord(c) && c.type === 'Ready') {
        if (c.status === 'False') signals |= SIGNAL_BIT.notReady;
        break;
      }
    }
  }
  for (const key of STATUS_LISTS) {
    const list = status[key];
    if (list === undefined) continue;
    if (!Array.isArray(list)) return ALL_SIGNALS;
    for (let i = 0; i < list.length; i++) {
      const s = list[i];
      if (!isRecord(s)) continue;
      const state = s.state;
      if (state !== undefined && !isRecord(state)) return ALL_SIGNALS;
      if (state && state.waiting !== undefined) {
        if (!isRecord(state.waiting)) return ALL_SIGNALS;
        if (state.waiting.reason !== undefined) signals |= SIGNAL_BIT.waiting;
      }
      if ((asNumber(s.restartCount) ?? 0) >= RESTART_THRESHOLD) signals |= SIGNAL_BIT.restarts;
    }
  }
  return signals;
}

/** Whether a rule that speaks only about these signals may find something on a pod showing `signals`. */
export function showsAny(signals: number, of: readonly StatusSignal[]): boolean {
  for (let i = 0; i < of.length; i++) if (signals & SIGNAL_BIT[of[i]]) return true;
  return false;
}
