// The Containers panel: one row per container with its role, image, state, readiness,
// restarts and last termination, as the kubelet reports them.
import type { ContainerRoleInfo } from '../../analysis/types.js';
import type { Pod } from '../kube.js';
import { bool, count, num, obj, str, type Json } from './fields.js';
import { listContainers, isFinishedInit, type ContainerPlacement } from './pod-containers.js';

/** How a row should look: the UI maps it to a palette colour plus a word. */
export type Tone = 'ok' | 'warning' | 'error' | 'muted';

export interface Termination {
  reason?: string;
  exitCode?: number;
  signal?: number;
  message?: string;
  startedAt?: string;
  finishedAt?: string;
}

export interface ContainerState {
  kind: 'running' | 'waiting' | 'terminated' | 'unknown';
  /** `Running`, `Waiting: CrashLoopBackOff`, `Terminated: Completed (exit 0)`. */
  text: string;
  reason?: string;
  message?: string;
  /** running.startedAt or terminated.finishedAt. */
  since?: string;
  tone: Tone;
}

export interface ContainerRow {
  name: string;
  placement: ContainerPlacement;
  specPath: string;
  /** The role from analysis/roles.ts when given; the badge the UI shows. */
  role?: ContainerRoleInfo;
  /** `init`, `native`, `main`, `sidecar:log-shipper`…: role when known, else the placement. */
  badge: string;
  image: string;
  imageID?: string;
  state: ContainerState;
  /** The state before the current one (status.lastState), when there was a restart. */
  lastState?: ContainerState;
  ready?: boolean;
  started?: boolean;
  restarts: number;
  lastTermination?: Termination;
  /** A plain init container that ran to completion. */
  finished: boolean;
}

/** Waiting reasons that mean the container cannot run until someone acts. */
const FAILING_WAIT = new Set([
  'CrashLoopBackOff',
  'ErrImagePull',
  'ImagePullBackOff',
  'InvalidImageName',
  'CreateContainerConfigError',
  'CreateContainerError',
  'RunContainerError',
]);

function termination(v: unknown): Termination | undefined {
  const t = obj(v);
  if (Object.keys(t).length === 0) return undefined;
  return {
    reason: str(t.reason),
    exitCode: num(t.exitCode),
    signal: num(t.signal),
    message: str(t.message),
    startedAt: str(t.startedAt),
    finishedAt: str(t.finishedAt),
  };
}

/** One of the three mutually exclusive kubelet states, as text a user reads. */
export function describeState(stateField: unknown, ready?: boolean): ContainerState {
  const state = obj(stateField);
  if (state.running !== undefined && state.running !== null) {
    const r = obj(state.running);
    return { kind: 'running', text: 'Running', since: str(r.startedAt), tone: ready === false ? 'warning' : 'ok' };
  }
  if (state.waiting !== undefined && state.waiting !== null) {
    const w = obj(state.waiting);
    const reason = str(w.reason);
    return {
      kind: 'waiting',
      text: reason ? `Waiting: ${reason}` : 'Waiting',
      reason,
      message: str(w.message),
      tone: reason && FAILING_WAIT.has(reason) ? 'error' : 'warning',
    };
  }
  if (state.terminated !== undefined && state.terminated !== null) {
    const t = termination(state.terminated) ?? {};
    const reason = t.reason ?? (t.exitCode === 0 ? 'Completed' : 'Error');
    const exit = t.exitCode !== undefined ? ` (exit ${t.exitCode})` : t.signal !== undefined ? ` (signal ${t.signal})` : '';
    return {
      kind: 'terminated',
      text: `Terminated: ${reason}${exit}`,
      reason,
      message: t.message,
      since: t.finishedAt,
      tone: t.exitCode === 0 ? 'muted' : 'error',
    };
  }
  return { kind: 'unknown', text: 'Unknown', tone: 'muted' };
}

/** The badge text for a container: the analysis role when known, else where it sits in the spec. */
export function roleBadge(placement: ContainerPlacement, role?: ContainerRoleInfo): string {
  if (role) {
    if (role.role === 'sidecar') {
      const base = role.kind ? `sidecar:${role.kind}` : 'sidecar';
      return role.native || placement === 'native' ? `${base} native` : base;
    }
    return role.role;
  }
  return placement === 'native' ? 'sidecar native' : placement === 'init' ? 'init' : 'main';
}

/** Every container of the pod as a row of the Containers panel. */
export function containerRows(pod: Pod | undefined | null, roles?: ContainerRoleInfo[]): ContainerRow[] {
  const podPhase = str(obj(obj(pod).status).phase);
  return listContainers(pod).map((c) => {
    const s: Json = c.status ?? {};
    const ready = bool(s.ready);
    const role = roles?.find((r) => r.name === c.name);
    let state = describeState(s.state, ready);
    if (!c.status && podPhase === 'Pending') state = { kind: 'unknown', text: 'Pending', tone: 'warning' };
    const last = obj(s.lastState);
    const lastTermination = termination(last.terminated);
    return {
      name: c.name,
      placement: c.placement,
      specPath: c.specPath,
      role,
      badge: roleBadge(c.placement, role),
      image: str(c.spec.image) ?? '',
      imageID: str(s.imageID),
      state,
      lastState: Object.keys(last).length > 0 ? describeState(last) : undefined,
      ready,
      started: bool(s.started),
      restarts: count(s.restartCount),
      lastTermination,
      finished: isFinishedInit(c),
    };
  });
}

/** `OOMKilled (exit 137)`, `Error (exit 1): bind: address already in use`. Text is raw: sanitize at render. */
export function terminationText(t: Termination | undefined): string {
  if (!t) return '';
  const reason = t.reason ?? (t.exitCode === 0 ? 'Completed' : 'Error');
  const exit = t.exitCode !== undefined ? ` (exit ${t.exitCode})` : t.signal !== undefined ? ` (signal ${t.signal})` : '';
  return t.message ? `${reason}${exit}: ${t.message}` : `${reason}${exit}`;
}
