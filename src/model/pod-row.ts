// One pod as one row of the Pods view: kubectl's `get pods` printer logic (READY with native
// sidecars counted, STATUS with the reason when there is one, RESTARTS with the last restart),
// so podscope and kubectl agree on what a pod's state is. Called for every pod on every
// change (50,000 pods): no closures, no intermediate arrays.
import { objectKey, type KubeObject } from './kube.js';
import { formatDurationMs, parseTime } from './format.js';
import { sanitize } from './sanitize.js';

export type StatusTone = 'ok' | 'warning' | 'error' | 'muted';

export interface PodRow {
  key: string;
  uid: string;
  namespace: string;
  name: string;
  /** `ready/total`, native sidecars (restartable init containers) counted like kubectl. */
  ready: string;
  readyCount: number;
  totalCount: number;
  status: string;
  statusTone: StatusTone;
  restarts: number;
  /** `12 (3m ago)` when the last restart time is known, else `12`. */
  restartsText: string;
  /** When the last restart ended (ms since the epoch), 0 when unknown: restartsText at another `now`. */
  lastRestartMs: number;
  /** Age at the `now` the row was built; views re-format it from createdMs when they draw. */
  age: string;
  /** Creation time, ms since the epoch; NaN when unknown. */
  createdMs: number;
  ip: string;
  node: string;
  /** The pod's labels (the object's own map, not a copy), for `-l` filtering. */
  labels: Record<string, string> | undefined;
}

// Loose views of the fields read here: everything in a pod is untrusted and may be missing.
interface StateLike {
  waiting?: { reason?: unknown } | null;
  running?: unknown;
  terminated?: { reason?: unknown; exitCode?: unknown; signal?: unknown; finishedAt?: unknown } | null;
}
interface StatusLike {
  name?: unknown;
  ready?: unknown;
  started?: unknown;
  restartCount?: unknown;
  state?: StateLike | null;
  lastState?: StateLike | null;
}
interface ContainerLike {
  name?: unknown;
  restartPolicy?: unknown;
}

function arr<T>(v: unknown): T[] {
  return Array.isArray(v) ? (v as T[]) : EMPTY;
}
const EMPTY: never[] = [];

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function num(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

function obj<T>(v: unknown): T | undefined {
  return v !== null && typeof v === 'object' ? (v as T) : undefined;
}

function finishedAtMs(state: StateLike | null | undefined): number {
  const t = obj<NonNullable<StateLike['terminated']>>(state?.terminated);
  return t ? (parseTime(t.finishedAt) ?? 0) : 0;
}

function isRestartable(initContainers: ContainerLike[], name: unknown): boolean {
  for (let i = 0; i < initContainers.length; i++) {
    const c = initContainers[i];
    if (c && c.name === name) return c.restartPolicy === 'Always';
  }
  return false;
}

function terminatedReason(t: NonNullable<StateLike['terminated']>, prefix: string): string {
  const reason = str(t.reason);
  if (reason) return prefix + reason;
  const signal = num(t.signal);
  return signal !== 0 ? `${prefix}Signal:${signal}` : `${prefix}ExitCode:${num(t.exitCode)}`;
}

const ERROR_STATUSES = new Set([
  'CrashLoopBackOff',
  'Error',
  'OOMKilled',
  'ImagePullBackOff',
  'ErrImagePull',
  'InvalidImageName',
  'ErrImageNeverPull',
  'CreateContainerConfigError',
  'CreateContainerError',
  'RunContainerError',
  'ContainerStatusUnknown',
  'Evicted',
  'Failed',
  'NodeAffinity',
  'OutOfcpu',
  'OutOfmemory',
  'UnexpectedAdmissionError',
]);
const MUTED_STATUSES = new Set(['Completed', 'Succeeded', 'Unknown']);
const WARNING_STATUSES = new Set([
  'Pending',
  'ContainerCreating',
  'PodInitializing',
  'Terminating',
  'NotReady',
  'SchedulingGated',
]);

/** How a STATUS reads at a glance; also used for sorting by status (errors first). */
export function statusTone(status: string, readyCount: number, totalCount: number): StatusTone {
  if (status === 'Running') return readyCount === totalCount ? 'ok' : 'warning';
  if (ERROR_STATUSES.has(status)) return 'error';
  if (MUTED_STATUSES.has(status)) return 'muted';
  if (WARNING_STATUSES.has(status)) return 'warning';
  if (status.startsWith('Init:')) {
    return /^Init:\d+\/\d+$/.test(status) ? 'warning' : 'error';
  }
  if (status.startsWith('ExitCode:') || status.startsWith('Signal:')) return 'error';
  return 'warning';
}

/** kubectl's RESTARTS cell: `12 (3m ago)`, or `12` when the last restart time is unknown. */
export function formatRestarts(restarts: number, lastRestartMs: number, now: number): string {
  return restarts !== 0 && lastRestartMs !== 0 ? `${restarts} (${formatDurationMs(now - lastRestartMs)} ago)` : String(restarts);
}

/** The Pods-view row of one pod, as kubectl 1.32's printer would show it. */
export function podRow(pod: KubeObject, now: number): PodRow {
  const meta = obj<Record<string, unknown>>(pod?.metadata) ?? {};
  const spec = obj<Record<string, unknown>>(pod?.spec) ?? {};
  const status = obj<Record<string, unknown>>(pod?.status) ?? {};

  const containers = arr<ContainerLike>(spec.containers);
  const initContainers = arr<ContainerLike>(spec.initContainers);
  let totalCount = containers.length;
  for (let i = 0; i < initContainers.length; i++) {
    if (initContainers[i]?.restartPolicy === 'Always') totalCount++;
  }

  const phase = str(status.phase);
  let reason = str(status.reason) || phase;
  const conditions = arr<{ type?: unknown; status?: unknown; reason?: unknown }>(status.conditions);
  let initializedTrue = false;
  let readyConditionTrue = false;
  for (let i = 0; i < conditions.length; i++) {
    const c = conditions[i];
    if (!c) continue;
    if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
    if (c.type === 'Initialized' && c.status === 'True') initializedTrue = true;
    if (c.type === 'Ready' && c.status === 'True') readyConditionTrue = true;
  }

  let readyCount = 0;
  let restarts = 0;
  let lastRestart = 0;
  let sidecarRestarts = 0;
  let lastSidecarRestart = 0;
  let initializing = false;

  const initStatuses = arr<StatusLike>(status.initContainerStatuses);
  for (let i = 0; i < initStatuses.length; i++) {
    const cs = initStatuses[i];
    if (!cs) continue;
    const count = num(cs.restartCount);
    restarts += count;
    const finished = finishedAtMs(cs.lastState);
    if (finished > lastRestart) lastRestart = finished;
    const restartable = isRestartable(initContainers, cs.name);
    if (restartable) {
      sidecarRestarts += count;
      if (finished > lastSidecarRestart) lastSidecarRestart = finished;
    }
    const terminated = obj<NonNullable<StateLike['terminated']>>(cs.state?.terminated);
    const waiting = obj<NonNullable<StateLike['waiting']>>(cs.state?.waiting);
    if (terminated && num(terminated.exitCode) === 0) continue;
    if (restartable && cs.started === true) {
      if (cs.ready === true) readyCount++;
      continue;
    }
    if (terminated) reason = terminatedReason(terminated, 'Init:');
    else if (waiting && str(waiting.reason) && waiting.reason !== 'PodInitializing') reason = `Init:${str(waiting.reason)}`;
    else reason = `Init:${i}/${initContainers.length}`;
    initializing = true;
    break;
  }

  if (!initializing || initializedTrue) {
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    const statuses = arr<StatusLike>(status.containerStatuses);
    // kubectl walks the containers from last to first, so the first container's reason wins.
    for (let i = statuses.length - 1; i >= 0; i--) {
      const cs = statuses[i];
      if (!cs) continue;
      restarts += num(cs.restartCount);
      const finished = finishedAtMs(cs.lastState);
      if (finished > lastRestart) lastRestart = finished;
      const waiting = obj<NonNullable<StateLike['waiting']>>(cs.state?.waiting);
      const terminated = obj<NonNullable<StateLike['terminated']>>(cs.state?.terminated);
      if (waiting && str(waiting.reason)) reason = str(waiting.reason);
      else if (terminated) reason = terminatedReason(terminated, '');
      else if (cs.ready === true && cs.state?.running) {
        hasRunning = true;
        readyCount++;
      }
    }
    if (reason === 'Completed' && hasRunning) reason = readyConditionTrue ? 'Running' : 'NotReady';
  }

  const deleting = meta.deletionTimestamp !== undefined && meta.deletionTimestamp !== null;
  if (deleting && status.reason === 'NodeLost') reason = 'Unknown';
  else if (deleting && phase !== 'Succeeded' && phase !== 'Failed') reason = 'Terminating';
  if (reason === '') reason = 'Unknown';

  const createdMs = parseTime(meta.creationTimestamp) ?? NaN;
  const restartsText = formatRestarts(restarts, lastRestart, now);
  const namespace = sanitize(meta.namespace);
  const name = sanitize(meta.name);
  const statusText = sanitize(reason);
  const labels = obj<Record<string, string>>(meta.labels);

  return {
    // The store's key, from the raw names (sanitising is for display only).
    key: objectKey(pod as { metadata?: { namespace?: string; name?: string } }),
    uid: str(meta.uid),
    namespace,
    name,
    ready: `${readyCount}/${totalCount}`,
    readyCount,
    totalCount,
    status: statusText,
    statusTone: statusTone(statusText, readyCount, totalCount),
    restarts,
    restartsText,
    lastRestartMs: lastRestart,
    age: Number.isNaN(createdMs) ? '<unknown>' : formatDurationMs(now - createdMs),
    createdMs,
    ip: sanitize(status.podIP),
    node: sanitize(spec.nodeName),
    labels,
  };
}
