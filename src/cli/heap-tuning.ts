// V8 heap sizing for the TUI, a long-running process whose peak RSS is a goal of its own
// (SPEC §6, P4: <= 300 MB at 50,000 pods).
//
// By default V8 lets garbage pile up far past the live heap before a full collection: at
// 50,027 pods the TUI's live heap was 262 MB after a forced gc, yet its peak RSS 619 MB. Two
// settings close most of that gap, both read by V8 at each collection (not only at start-up,
// which is why setting them from here works; flags fixed at heap set-up, such as
// --max-semi-space-size, would do nothing this late):
// - heap growing factor 1.1 while the pods sync, from the first page on (start-up keeps 1.3,
//   see TUI_HEAP_FLAGS): after a full collection the next one comes
//   once the heap has grown by 10%, instead of by up to 4x under a fast mutator. Peak RSS at
//   50k pods: 619 → 408 MB at 1.5 (with the next setting), 319 MB at 1.3; then, once each
//   generated pod mounted its own token as on a real cluster (more memory per pod), 308 MB
//   at 1.3 against 290 at 1.15 and 282 at 1.1 (medians of 3 runs each, 2026-11-22; the peak
//   comes at the end of the sync). The collections it adds cost the sync ~1.5 s at 50k
//   (12.8 → 14.5 s), far inside its goal (P2: kubectl's `-o json` took 68 s).
// - semi-spaces do not grow: the young generation stays where it is instead of growing to
//   32 MB committed, ~30 MB of RSS that would hold only garbage between frames. Scavenges
//   get more frequent, and each one shorter. Set once the first pods are in the store, not at
//   start: module loading and the first frame under a 2 MB young generation scavenged often
//   enough to delay the first pod row (SPEC P1) by 25–60 ms (medians of 20 interleaved runs
//   each at 50,027 pods: 512 → 454 and 454 → 427 ms).
// - once the pods are live and the cluster is quiet, growing factor 1.1 still. What the TUI then
//   allocates is mostly its frames (a render every 2 s for the ages), which V8 promotes and
//   leaves in the old generation until the next full collection: idle at 50,027 pods, RSS
//   climbed ~0.4 MB/s from 297 to 339 MB before one came, with 1.3; with 1.1 it stayed at
//   286 MB over the same 100 s. Under churn (2,000 events/s) 1.1 meant a full collection
//   every few seconds, 0.93 cores against 0.69 (P5: <= 1), so a store whose live pods
//   change fast gets 1.3. With the switch (tuneHeapToActivity): idle 291 MB flat over 100 s,
//   churn 0.65 cores.
// Headless commands (`analyze`) keep V8's defaults: they are short and throughput-bound.
import { setFlagsFromString } from 'node:v8';
import type { StoreView } from '../model/store-view.js';

export const BUSY_HEAP_FLAG = '--heap-growing-percent=30';
export const QUIET_HEAP_FLAG = '--heap-growing-percent=10';
/** Set once the first pods are in (see the header). */
export const YOUNG_GENERATION_FLAG = '--semi-space-growth-factor=1';
/**
 * What the TUI starts with, until the first pods are in: module loading and the first frame
 * under 1.1 would collect more often, on the way to the first pod row (P1).
 */
const TUI_HEAP_FLAGS = [BUSY_HEAP_FLAG] as const;
/** A store with fewer changes than this in the last QUIET_WINDOW_MS is quiet. */
const QUIET_CHANGES = 100;
const QUIET_WINDOW_MS = 5000;

export function tuneHeapForTui(): void {
  for (const flag of TUI_HEAP_FLAGS) setFlagsFromString(flag);
}

/**
 * Once the first pods are in, holds the young generation and sets the growing factor to 1.1,
 * the sync included; 1.3 while the live pods change fast. Returns the stopper.
 */
export function tuneHeapToActivity(store: StoreView, setFlag: (flag: string) => void = setFlagsFromString, now: () => number = Date.now): () => void {
  let current = BUSY_HEAP_FLAG;
  let live = false;
  const recent: { at: number; changes: number }[] = [];
  let youngHeld = false;
  const decide = () => {
    const t = now();
    // The sync's pages are not churn: counted from then on, they kept the factor at 1.3 for
    // the first collections after live, whose limits set how high the idle heap may climb.
    if (!live && store.state('pods').phase === 'live') recent.length = 0;
    live = store.state('pods').phase === 'live';
    while (recent.length && t - recent[0].at > QUIET_WINDOW_MS) recent.shift();
    const changes = recent.reduce((sum, b) => sum + b.changes, 0);
    const starting = !youngHeld && !live;
    const flag = starting || (live && changes >= QUIET_CHANGES) ? BUSY_HEAP_FLAG : QUIET_HEAP_FLAG;
    if (flag !== current) setFlag((current = flag));
  };
  const unsubscribe = store.subscribe((batch) => {
    // Pod changes only: the other kinds are listed after the pods, and their pages are no churn either.
    let changes = 0;
    for (const change of batch.changes ?? []) if (change.kind === 'pods') changes++;
    if (changes) recent.push({ at: now(), changes });
    if (changes && !youngHeld) {
      youngHeld = true;
      setFlag(YOUNG_GENERATION_FLAG);
    }
    decide();
  });
  // A store that goes quiet sends no batch to say so.
  const timer = setInterval(decide, QUIET_WINDOW_MS / 2);
  timer.unref?.();
  decide();
  return () => {
    unsubscribe();
    clearInterval(timer);
  };
}
