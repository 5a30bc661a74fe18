// A pod's READY, STATUS and RESTARTS as kubectl's server-side printer computes them
// (k8s.io/kubernetes pkg/printers/internalversion printPod), so the demo's `kubectl get pods`
// reads like a real cluster's: CrashLoopBackOff, Init:1/2, Completed, Terminating, and
// native sidecars (init containers with restartPolicy Always) counted in READY.
import type { Container, ContainerStatus, Pod } from '../../model/kube.js';

export interface PodPrint {
  ready: string;
  status: string;
  restarts: string;
}

/** Go's duration.HumanDuration: the AGE column's "5m", "3h12m", "2d". */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`;
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(seconds / 3600);
  if (hours < 8) return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) return hours % 24 === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${hours % 24}h`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const days = Math.floor(hours / 24) % 365;
    return days === 0 ? `${Math.floor(hours / 24 / 365)}y` : `${Math.floor(hours / 24 / 365)}y${days}d`;
  }
  return `${Math.floor(hours / 24 / 365)}y`;
}

/** "5m" for an RFC 3339 timestamp, "<unknown>" when absent or unreadable. */
export function age(timestamp: unknown, now: number): string {
  if (typeof timestamp !== 'string') return '<unknown>';
  const t = Date.parse(timestamp);
  return Number.isNaN(t) ? '<unknown>' : humanDuration(now - t);
}

const arr = <T>(v: T[] | undefined | null): T[] => (Array.isArray(v) ? v : []);

function isSidecar(c: Container | undefined): boolean {
  return c?.restartPolicy === 'Always';
}

export function printPod(pod: Pod, now: number): PodPrint {
  const spec = pod.spec;
  const status = pod.status ?? {};
  const initSpecs = new Map(arr(spec?.initContainers).map((c) => [c.name, c]));
  let total = arr(spec?.containers).length + arr(spec?.initContainers).filter(isSidecar).length;
  let ready = 0;
  let restarts = 0;
  let sidecarRestarts = 0;
  let lastRestart = 0;
  let lastSidecarRestart = 0;
  let reason: string = status.reason || status.phase || '';
  for (const c of arr(status.conditions)) {
    if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }

  let initializing = false;
  const initStatuses = arr(status.initContainerStatuses);
  for (let i = 0; i < initStatuses.length; i++) {
    const cs = initStatuses[i];
    const count = cs.restartCount ?? 0;
    restarts += count;
    const finished = terminatedAt(cs);
    if (finished > lastRestart) lastRestart = finished;
    const sidecar = isSidecar(initSpecs.get(cs.name));
    if (sidecar) {
      sidecarRestarts += count;
      if (finished > lastSidecarRestart) lastSidecarRestart = finished;
    }
    const term = cs.state?.terminated;
    const wait = cs.state?.waiting;
    if (term && term.exitCode === 0) continue;
    if (sidecar && cs.started) {
      if (cs.ready) ready++;
      continue;
    }
    if (term) {
      reason = term.reason
        ? `Init:${term.reason}`
        : term.signal
          ? `Init:Signal:${term.signal}`
          : `Init:ExitCode:${term.exitCode}`;
    } else if (wait?.reason && wait.reason !== 'PodInitializing') {
      reason = `Init:${wait.reason}`;
    } else {
      reason = `Init:${i}/${arr(spec?.initContainers).length}`;
    }
    initializing = true;
    break;
  }

  const initializedTrue = arr(status.conditions).some((c) => c.type === 'Initialized' && c.status === 'True');
  if (!initializing || initializedTrue) {
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    const statuses = arr(status.containerStatuses);
    for (let i = statuses.length - 1; i >= 0; i--) {
      const cs = statuses[i];
      restarts += cs.restartCount ?? 0;
      const finished = terminatedAt(cs);
      if (finished > lastRestart) lastRestart = finished;
      const term = cs.state?.terminated;
      const wait = cs.state?.waiting;
      if (wait?.reason) reason = wait.reason;
      else if (term?.reason) reason = term.reason;
      else if (term) reason = term.signal ? `Signal:${term.signal}` : `ExitCode:${term.exitCode}`;
      else if (cs.ready && cs.state?.running) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      const podReady = arr(status.conditions).some((c) => c.type === 'Ready' && c.status === 'True');
      reason = podReady ? 'Running' : 'NotReady';
    }
  }

  const phase = status.phase ?? '';
  if (pod.metadata?.deletionTimestamp && status.reason === 'NodeLost') reason = 'Unknown';
  else if (pod.metadata?.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed') reason = 'Terminating';

  let restartText = String(restarts);
  if (restarts !== 0 && lastRestart > 0) restartText = `${restarts} (${humanDuration(now - lastRestart)} ago)`;
  total = Math.max(total, 0);
  return { ready: `${ready}/${total}`, status: reason, restarts: restartText };
}

function terminatedAt(cs: ContainerStatus): number {
  const t = cs.lastState?.terminated?.finishedAt;
  const ms = typeof t === 'string' ? Date.parse(t) : NaN;
  return Number.isNaN(ms) ? 0 : ms;
}

/** READINESS GATES column: "<none>" or "ready/total". */
export function readinessGates(pod: Pod): string {
  const gates = arr(pod.spec?.readinessGates);
  if (gates.length === 0) return '<none>';
  const conds = arr(pod.status?.conditions);
  const ok = gates.filter((g) => conds.some((c) => c.type === g.conditionType && c.status === 'True')).length;
  return `${ok}/${gates.length}`;
}
