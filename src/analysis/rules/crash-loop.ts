// crash-loop (runtime): a container that keeps dying. The finding is only useful if it says
// why it died, so the message carries the last termination: reason, exit code, the
// container's own last words, and what those usually mean.
import type { Rule, RuleHit } from '../rule.js';
import {
  asArray,
  asNumber,
  asRecord,
  asString,
  isRecord,
  podContainers,
  type ContainerRef,
  type Json,
} from '../pod-helpers.js';
import { formatDurationMs, parseTime } from '../../model/format.js';
import { sanitize } from '../../model/sanitize.js';

const HOUR_MS = 60 * 60 * 1000;
/** Restarts that make a loop (runtime-fast-path.ts reads it too). */
export const RESTART_THRESHOLD = 3;

/** The container's status and where it sits in the pod's status. */
function statusOf(pod: unknown, ref: ContainerRef): { st: Json; path: string } | undefined {
  const key = ref.group === 'initContainers' ? 'initContainerStatuses' : 'containerStatuses';
  const list = asArray(asRecord(asRecord(pod).status)[key]);
  const i = list.findIndex((s) => isRecord(s) && s.name === ref.name);
  return i < 0 ? undefined : { st: list[i] as Json, path: `status.${key}[${i}]` };
}

/** What the last termination says, and what it usually means. */
function describeTermination(ref: ContainerRef, term: Json, termPath: string): { text: string; evidence: string[] } {
  const reason = asString(term.reason);
  const exitCode = asNumber(term.exitCode);
  const said = asString(term.message)?.trim();
  const parts: string[] = [];
  const evidence: string[] = [];
  if (reason) parts.push(sanitize(reason, 40));
  if (exitCode !== undefined) parts.push(`exit code ${exitCode}`);
  if (said) parts.push(`"${sanitize(said, 160)}"`);
  evidence.push(`${termPath}: ${parts.join(', ') || 'no details'}`);
  let text = parts.length > 0 ? `last terminated: ${parts.join(', ')}` : 'last termination gave no reason';

  if (reason === 'OOMKilled') {
    const limit = asRecord(asRecord(ref.c.resources).limits).memory;
    if (typeof limit === 'string' || typeof limit === 'number') {
      text += `; killed for exceeding its memory limit ${sanitize(String(limit), 20)}`;
      evidence.push(`${ref.path}.resources.limits.memory: ${sanitize(String(limit), 20)}`);
    } else {
      text += '; it has no memory limit, so the node itself ran out of memory';
    }
  } else if (exitCode === 137) {
    text += '; 137 = SIGKILL: killed from outside (failed liveness probe, or a kill after the grace period)';
  } else if (exitCode === 143) {
    text += '; 143 = SIGTERM: asked to stop from outside (failed liveness probe or shutdown)';
  }
  if (said && /address already in use/i.test(said)) {
    text += '; another container of the pod probably holds its port (see port-conflict)';
  }
  return { text, evidence };
}

function anyRestartTrouble(status: Json): boolean {
  for (const key of ['initContainerStatuses', 'containerStatuses']) {
    for (const s of asArray(status[key])) {
      if (!isRecord(s)) continue;
      if (asRecord(asRecord(s.state).waiting).reason === 'CrashLoopBackOff') return true;
      if ((asNumber(s.restartCount) ?? 0) >= RESTART_THRESHOLD) return true;
    }
  }
  return false;
}

export const rule: Rule = {
  id: 'crash-loop',
  severity: 'error',
  runtime: true,
  statusSignals: ['waiting', 'restarts'],
  readsClock: true,
  title: 'Container keeps crashing',
  why:
    'A container that keeps exiting is restarted with growing back-off (up to 5 minutes); while it is down the ' +
    'pod does its job partially or not at all, and every container of the pod shares the fallout.',
  fix:
    'Read the last termination (kubectl logs --previous, the reason and exit code): raise the memory limit for ' +
    'OOMKilled, fix the liveness probe for 137/143, free the port for "address already in use", fix the configuration otherwise.',
  explain: {
    fires:
      'A container (or init container) is waiting in CrashLoopBackOff, or has restarted 3 or more times with the last ' +
      'restart within the last hour. Live clusters only. The message names the last termination: reason, exit code, message; ' +
      'OOMKilled quotes the memory limit, exit codes 137/143 say it was killed, "address already in use" points at port-conflict.',
    guards: [
      'Restarts long ago do not count: the last termination must be within the hour.',
      'When the pod is older than an hour the kubelet cannot say when the restarts happened: only an average of 3 or more an hour over the pod\'s life counts, and as a warning, not an error.',
      'An init container that has completed, and pods that have Succeeded or Failed, are not crash looping.',
      'Manifests have no status: never fires on -f input.',
    ],
    bad: `status:
  containerStatuses:
  - name: worker
    restartCount: 7
    state: {waiting: {reason: CrashLoopBackOff}}
    lastState: {terminated: {reason: OOMKilled, exitCode: 137}}`,
    good: `spec:
  containers:
  - name: worker
    resources:
      requests: {memory: 512Mi}
      limits: {memory: 512Mi}   # sized from the working set, no more OOMKilled`,
  },
  check(subject, ctx) {
    const pod = subject.pod;
    if (!pod) return [];
    const status = asRecord(asRecord(pod).status);
    if (status.phase === 'Succeeded' || status.phase === 'Failed') return [];
    // Nearly every pod has no container in back-off nor 3 restarts: the statuses alone say so.
    if (!anyRestartTrouble(status)) return [];
    const startedAt = parseTime(status.startTime);
    const hits: RuleHit[] = [];
    for (const ref of podContainers(subject.spec, subject.specPath)) {
      const found = statusOf(pod, ref);
      if (!found) continue;
      const { st, path } = found;
      const state = asRecord(st.state);
      const waiting = asRecord(state.waiting);
      const restarts = asNumber(st.restartCount) ?? 0;
      const lastTerm = asRecord(asRecord(st.lastState).terminated);
      const nowTerm = asRecord(state.terminated);
      const term = Object.keys(lastTerm).length > 0 ? lastTerm : nowTerm;
      const termPath = Object.keys(lastTerm).length > 0 ? `${path}.lastState.terminated` : `${path}.state.terminated`;
      const finishedRunToCompletion = ref.group === 'initContainers' && !ref.native && asNumber(nowTerm.exitCode) === 0;

      let severity: 'error' | 'warning' | undefined;
      let head: string;
      const evidence: string[] = [];
      if (waiting.reason === 'CrashLoopBackOff') {
        severity = 'error';
        head = `container ${ref.name} is in CrashLoopBackOff (${restarts} restarts)`;
        evidence.push(`${path}.state.waiting.reason: CrashLoopBackOff`);
      } else {
        const finished = parseTime(term.finishedAt);
        if (finishedRunToCompletion || restarts < RESTART_THRESHOLD || finished === undefined) continue;
        if (ctx.now - finished > HOUR_MS || finished > ctx.now + 60_000) continue;
        const ago = formatDurationMs(Math.max(0, ctx.now - finished));
        if (startedAt !== undefined && ctx.now - startedAt <= HOUR_MS) {
          severity = 'error';
          head = `container ${ref.name} restarted ${restarts} times since the pod started ${formatDurationMs(ctx.now - startedAt)} ago`;
        } else {
          // restartCount covers the pod's whole life and the kubelet keeps no history: the last
          // restart was recent, and only the average rate over the pod's life says whether 3 an
          // hour is likely. Below that (3 restarts over a month) it is history, not a loop.
          if (startedAt === undefined) continue;
          const hours = (ctx.now - startedAt) / HOUR_MS;
          const perHour = restarts / Math.max(1, hours);
          if (perHour < RESTART_THRESHOLD) continue;
          severity = 'warning';
          head =
            `container ${ref.name} restarted ${restarts} times over the pod's ${formatDurationMs(ctx.now - startedAt)} ` +
            `(${Math.round(perHour)} an hour on average), the last ${ago} ago`;
        }
        evidence.push(`${path}.restartCount: ${restarts}`, `${termPath}.finishedAt: ${sanitize(term.finishedAt, 40)} (${ago} ago)`);
      }
      const described = describeTermination(ref, term, termPath);
      hits.push({
        severity,
        container: ref.name,
        message: `${head}; ${described.text}`,
        evidence: [...evidence, ...described.evidence],
      });
    }
    return hits;
  },
};
