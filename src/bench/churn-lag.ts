// P5's lag: from a server event to the frame that shows it.
//
// Method: the bench watches (by fieldSelector metadata.name) each pod whose row is on screen
// when the window opens, and notes when each event arrives that changes what the row shows
// (READY, STATUS, RESTARTS, IP, NODE, deletion; read with podscope's row model). It polls the
// screen every 50 ms; when such a pod's row changes (ignoring the AGE column), the lag is the
// time since the oldest event not yet seen on screen. Not waited for: an event that brings
// the pod back to what the screen shows (a restart's not-ready and ready again inside one
// store batch: the row is right without changing), and events of a row pushed off screen by
// pods created above it. Both used to stay pending until some later change and count that
// change's wait (samples of 4–25 s among 0.0–1.0 s at 50k pods). The bench's own watch receives the event a little
// after the server sent it, so each figure is a lower bound short by that delivery time (a few
// ms on one machine), and the 50 ms poll adds up to 50 ms of resolution.
//
// The window opens once podscope has caught up with the server (catchUp): the events that
// piled up while it listed the pods are worked off while its header says `catching up…`. When
// it said live before that (until 9e3d95e), working them off took 11–15 s after live at
// 50,000 pods and 2,000 events/s. Samples then were of 1.5–3 s; measured from the start,
// they were what made the p95 move between runs (0.7–2.2 s), while the steady state's
// slowest sample was 0.6 s.
import type { TerminalSession } from './terminal-session.js';
import { getJson, watch, type ClusterAccess, type WatchEventLine } from './kube-client.js';
import { POD_ROW } from './podscope-side.js';
import { podRow } from '../model/pod-row.js';
import type { KubeObject } from '../model/kube.js';

const NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
const AGE = /^\d+[smhdy](\d+[smh])?$/;
const POLL_MS = 50;
/** How long no event may wait past a second before podscope counts as caught up (catchUp). */
export const CAUGHT_UP_MS = 3000;

/**
 * What a row shows about a pod (READY, STATUS, RESTARTS, IP, NODE, being deleted), read with
 * podscope's own row model, so that an event the row cannot show (a second container's
 * waiting reason under the pod's status word, a new startedAt) is not waited for: it used to
 * stay pending until some later change, and count that change's wait as its own lag.
 */
export function rowSignature(pod: KubeObject): string {
  const row = podRow(pod, 0);
  return JSON.stringify([row.ready, row.status, row.restarts, row.ip, row.node, Boolean(pod.metadata?.deletionTimestamp)]);
}

/** The first two name-like words of a pod row: namespace and pod name (`-A` puts them first). */
export function rowPod(line: string): { namespace: string; name: string } | undefined {
  if (!POD_ROW.test(line)) return undefined;
  const words = line.trim().split(/\s+/).filter((w) => NAME.test(w));
  return words.length >= 2 ? { namespace: words[0], name: words[1] } : undefined;
}

function rowText(line: string): string {
  return line
    .trim()
    .split(/\s+/)
    .filter((w) => !AGE.test(w))
    .join(' ');
}

interface TrackedPod {
  key: string;
  /** The row signature of the pod's latest event. */
  signature: string;
  /**
   * The signature the screen shows: the latest one when the row last changed. An event that
   * brings the pod back to it (not ready and ready again within one store batch) leaves
   * nothing to wait for: the row is right without a change.
   */
  shown: string;
  pending: number[];
  lastRow?: string;
}

/** Starts watching the pods on screen; call `measure` for the window, then `stop`. */
export async function trackVisiblePods(session: TerminalSession, access: ClusterAccess): Promise<{
  tracked: number;
  catchUp: (maxMs: number) => Promise<number | undefined>;
  measure: (windowMs: number) => Promise<number[]>;
  stop: () => void;
}> {
  const pods = new Map<string, TrackedPod>();
  const stops: (() => void)[] = [];
  for (const line of session.screenText()) {
    const pod = rowPod(line);
    if (!pod) continue;
    const key = `${pod.namespace}/${pod.name}`;
    if (pods.has(key)) continue;
    const path = `/api/v1/namespaces/${encodeURIComponent(pod.namespace)}/pods`;
    let current: KubeObject;
    try {
      current = await getJson<KubeObject>(access, `${path}/${encodeURIComponent(pod.name)}`);
    } catch {
      continue; // a truncated name, or a pod deleted meanwhile
    }
    const signature = rowSignature(current);
    const tracked: TrackedPod = { key, signature, shown: signature, pending: [] };
    pods.set(key, tracked);
    const rv = current.metadata?.resourceVersion ?? '';
    const query = `watch=true&fieldSelector=${encodeURIComponent(`metadata.name=${pod.name}`)}&resourceVersion=${encodeURIComponent(rv)}`;
    stops.push(
      await watch(access, `${path}?${query}`, (event: WatchEventLine, at: number) => {
        if (event.type !== 'MODIFIED' && event.type !== 'DELETED') return;
        const signature = event.type === 'DELETED' ? 'deleted' : rowSignature(event.object as KubeObject);
        if (signature === tracked.signature) return;
        tracked.signature = signature;
        if (signature === tracked.shown) tracked.pending = [];
        else tracked.pending.push(at);
      }),
    );
  }

  /** One look at the screen: each tracked row that changed while an event waited gives a lag sample. */
  const look = (now: number, onSample: (lagMs: number) => void): void => {
    const seen = new Map<string, string>();
    for (const line of session.screenText()) {
      const pod = rowPod(line);
      if (pod) seen.set(`${pod.namespace}/${pod.name}`, rowText(line));
    }
    for (const tracked of pods.values()) {
      const row = seen.get(tracked.key);
      if (row === undefined) {
        // Off screen (pods created or deleted above it shift the rows): what it waits for
        // cannot be seen, and its return is not a change. Its wait is not counted.
        tracked.pending = [];
        tracked.lastRow = undefined;
        tracked.shown = tracked.signature;
        continue;
      }
      if (tracked.lastRow !== undefined && row !== tracked.lastRow && tracked.pending.length > 0) {
        onSample(now - tracked.pending[0]);
        tracked.pending = tracked.pending.filter((t) => t > now);
        tracked.shown = tracked.signature;
      }
      tracked.lastRow = row;
    }
  };

  /** The oldest event still waiting to show, in ms (0: none). */
  const oldestWait = (now: number): number => {
    let oldest = 0;
    for (const tracked of pods.values()) if (tracked.pending.length) oldest = Math.max(oldest, now - tracked.pending[0]);
    return oldest;
  };

  const measure = async (windowMs: number): Promise<number[]> => {
    const samples: number[] = [];
    // Events before the window are not waited for: the first look at each row is the baseline.
    for (const tracked of pods.values()) tracked.pending = [];
    const end = performance.now() + windowMs;
    while (performance.now() < end) {
      await session.settle();
      look(performance.now(), (lagMs) => samples.push(lagMs / 1000));
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
    return samples;
  };

  /**
   * Waits until podscope has caught up with the server: for CAUGHT_UP_MS no event on screen
   * waited more than a second. A server churning while podscope lists 50,000 pods has piled
   * up the watch events of the whole sync (~28,000 at 2,000/s); podscope works them off while
   * it says `catching up…`, before `live`. P5 is the steady state under churn: its window
   * starts once calm, which now takes CAUGHT_UP_MS, the least (it took 11–15 s more when
   * podscope said live before working the backlog off).
   * Returns the ms it took, or undefined if it did not happen within `maxMs`.
   */
  const catchUp = async (maxMs: number): Promise<number | undefined> => {
    for (const tracked of pods.values()) tracked.pending = [];
    const start = performance.now();
    let calmSince = start;
    while (performance.now() - start < maxMs) {
      await session.settle();
      const now = performance.now();
      let late = false;
      look(now, (lagMs) => (late ||= lagMs > 1000));
      if (late || oldestWait(now) > 1000) calmSince = now;
      if (now - calmSince >= CAUGHT_UP_MS) return now - start;
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
    return undefined;
  };

  return { tracked: pods.size, catchUp, measure, stop: () => stops.forEach((s) => s()) };
}
