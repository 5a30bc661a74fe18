// The header's findings summary (✖ 3 ▲ 12 ● 40) without freezing the screen. Summing means
// analysing every pod; measured at 50,000 pods a cold pass took seconds, which as one
// synchronous call froze keys and frames. So the pods are walked in small slices between
// frames, and the summary is published when a pass completes (the previous one stays on
// screen meanwhile). A new pass starts after the store changed, at most every `intervalMs`,
// and never while the first list is still loading, nor while keys are arriving.
import { useEffect, useRef, useState } from 'react';
import type { StoreView } from '../../model/store-view.js';
import type { AnalysisLike, FindingsSummary } from '../app-context.js';
import { objectKey } from '../../model/kube.js';

// A key pressed during a slice waits for it: keep slices well under a frame (P3: 16 ms).
const SLICE_MS = 4;
/**
 * A pass waits at least this many times its own busy time after the previous one, so the
 * summary takes at most ~1/(1+this) of the CPU: under --churn 2000 at 50,000 pods every pass
 * finds the store changed, and passes every 2 s were ~12% of the process (P5: <= 1 core).
 */
const IDLE_FACTOR = 8;
/**
 * The pass waits while the person is typing: keys come first. Measured at 50,000 pods: the
 * first pass after the sync (every pod analysed cold, ~2.6 s of CPU in slices, and the garbage
 * it leaves) ran under the bench's key sequence and its slices and collections held keys up to
 * ~1 s (P3 p95 ~900 ms with the rows painted beside Ink).
 */
const KEYS_QUIET_MS = 300;

/** Milliseconds since the last key (Infinity: none yet). */
export type SinceLastKey = () => number;

export function useFindingsSummary(
  store: StoreView,
  analysis: AnalysisLike,
  version: number,
  intervalMs = 2000,
  sinceLastKey: SinceLastKey = () => Number.POSITIVE_INFINITY,
): FindingsSummary | undefined {
  const [summary, setSummary] = useState<FindingsSummary | undefined>(undefined);
  const job = useRef<{ version: number; startedAt: number; busyMs: number; timer?: NodeJS.Timeout }>({ version: -1, startedAt: 0, busyMs: 0 });

  useEffect(() => {
    const phase = store.state('pods').phase;
    if (phase === 'syncing' || phase === 'idle') return;
    const j = job.current;
    if (j.version === version || j.timer) return;
    const wait = Math.max(0, Math.max(intervalMs, j.busyMs * IDLE_FACTOR) - (Date.now() - j.startedAt));
    const start = () => {
      j.version = store.version;
      j.startedAt = Date.now();
      const pods = store.list('pods');
      const sum: FindingsSummary = { error: 0, warning: 0, info: 0, ignored: 0 };
      let i = 0;
      j.busyMs = 0;
      const step = () => {
        const quiet = sinceLastKey();
        if (quiet < KEYS_QUIET_MS) {
          j.timer = setTimeout(step, KEYS_QUIET_MS - quiet);
          return;
        }
        const began = Date.now();
        const until = began + SLICE_MS;
        while (i < pods.length && Date.now() < until) {
          // Counts, not findings: findingsForPod copies each finding onto its pod (193,296 at 50k pods per pass).
          const counts = analysis.countsForPod(objectKey(pods[i++]));
          sum.error += counts.error;
          sum.warning += counts.warning;
          sum.info += counts.info;
          sum.ignored += counts.ignored;
        }
        j.busyMs += Date.now() - began;
        // After every slice, not only the last: the per-pass memos the slice filled go, so the
        // walk's peak memory is a slice's worth of them. Held to the end of a cold walk at
        // 50,027 pods they were 34 MB (heap after a gc, before and after endWalk), on top of
        // the store (P4). Replicas are listed side by side, so little is worked out twice.
        analysis.endWalk?.();
        if (i < pods.length) {
          j.timer = setTimeout(step, 0);
        } else {
          j.timer = undefined;
          setSummary({ ...sum });
        }
      };
      step();
    };
    j.timer = setTimeout(start, wait);
  }, [store, analysis, version, intervalMs, sinceLastKey]);

  useEffect(
    () => () => {
      if (job.current.timer) clearTimeout(job.current.timer);
    },
    [],
  );
  return summary;
}
