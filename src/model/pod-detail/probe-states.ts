// The Probes panel: for each long-running container, its liveness, readiness and startup
// probes, and whether each one passes or fails RIGHT NOW. The API never reports a probe
// result directly; it is read from the container status (ready, started) and from the
// kubelet's `Unhealthy` events ("Readiness probe failed: …", fieldPath spec.containers{name}).
import type { ProbeKind } from '../../analysis/types.js';
import { formatAgo, parseTime } from '../format.js';
import type { KubeObject, Pod } from '../kube.js';
import { bool, count, num, obj, objs, str, strs, type Json } from './fields.js';
import { eventContainer, eventTime } from './events.js';
import { listContainers, type ContainerPlacement, type PodContainer } from './pod-containers.js';

export const PROBE_KINDS: readonly ProbeKind[] = ['liveness', 'readiness', 'startup'];

export type ProbeState = 'passing' | 'failing' | 'pending' | 'not-configured' | 'unknown';
export type ProbeHandler = 'httpGet' | 'tcpSocket' | 'exec' | 'grpc' | 'unknown';

export interface ProbeTiming {
  initialDelaySeconds: number;
  periodSeconds: number;
  timeoutSeconds: number;
  successThreshold: number;
  failureThreshold: number;
}

export interface ProbeFailure {
  /** The kubelet's message after the `… probe failed:` prefix. Raw: sanitize at render. */
  message: string;
  at?: string;
  ago: string;
  count: number;
}

export interface ProbeRow {
  container: string;
  placement: ContainerPlacement;
  kind: ProbeKind;
  /** `spec.containers[0].readinessProbe`. */
  specPath: string;
  configured: boolean;
  handler?: ProbeHandler;
  /** `HTTP GET :8080/healthz`, `TCP :5432`, `exec: pg_isready`, `gRPC :9090`. */
  target: string;
  timing?: ProbeTiming;
  /** `delay 5s · every 10s · timeout 1s · fails after 3`. */
  timingText: string;
  state: ProbeState;
  /** Why the state is what it is: `not ready`, `waiting for startup probe`, `container not running`. */
  detail?: string;
  /** The last Unhealthy event of this container and probe kind. */
  lastFailure?: ProbeFailure;
}

const PREFIX: Record<ProbeKind, RegExp> = {
  liveness: /^Liveness probe (?:failed|errored):\s*/,
  readiness: /^Readiness probe (?:failed|errored):\s*/,
  startup: /^Startup probe (?:failed|errored):\s*/,
};

/** Defaults the API server fills in (core/v1 SetDefaults_Probe). */
function timingOf(p: Json): ProbeTiming {
  const positive = (v: unknown, d: number) => {
    const n = num(v);
    return n !== undefined && n >= 0 ? n : d;
  };
  return {
    initialDelaySeconds: positive(p.initialDelaySeconds, 0),
    periodSeconds: positive(p.periodSeconds, 10) || 10,
    timeoutSeconds: positive(p.timeoutSeconds, 1) || 1,
    successThreshold: positive(p.successThreshold, 1) || 1,
    failureThreshold: positive(p.failureThreshold, 3) || 3,
  };
}

export function timingText(t: ProbeTiming): string {
  const parts = [];
  if (t.initialDelaySeconds > 0) parts.push(`delay ${t.initialDelaySeconds}s`);
  parts.push(`every ${t.periodSeconds}s`, `timeout ${t.timeoutSeconds}s`, `fails after ${t.failureThreshold}`);
  if (t.successThreshold > 1) parts.push(`passes after ${t.successThreshold}`);
  return parts.join(' · ');
}

/** A named port resolved against the container's own ports: `http` → `8080 (http)`. */
function portText(port: unknown, container: Json): string {
  const n = num(port);
  if (n !== undefined) return String(n);
  const name = str(port);
  if (!name) return '?';
  const declared = objs(container.ports).find((p) => str(p.name) === name);
  const number = num(declared?.containerPort);
  return number !== undefined ? `${number} (${name})` : name;
}

/** Handler and target of one probe as a user would say it. */
export function probeTarget(probe: unknown, container: Json = {}): { handler: ProbeHandler; target: string } {
  const p = obj(probe);
  if (p.httpGet !== undefined) {
    const h = obj(p.httpGet);
    const scheme = (str(h.scheme) ?? 'HTTP').toUpperCase();
    const path = str(h.path) ?? '/';
    const host = str(h.host) ?? '';
    return { handler: 'httpGet', target: `${scheme} GET ${host}:${portText(h.port, container)}${path}` };
  }
  if (p.tcpSocket !== undefined) {
    const t = obj(p.tcpSocket);
    return { handler: 'tcpSocket', target: `TCP ${str(t.host) ?? ''}:${portText(t.port, container)}` };
  }
  if (p.grpc !== undefined) {
    const g = obj(p.grpc);
    const service = str(g.service);
    return { handler: 'grpc', target: `gRPC :${portText(g.port, container)}${service ? ` ${service}` : ''}` };
  }
  if (p.exec !== undefined) {
    const command = strs(obj(p.exec).command);
    return { handler: 'exec', target: command.length > 0 ? `exec: ${command.join(' ')}` : 'exec' };
  }
  return { handler: 'unknown', target: '?' };
}

function lastFailure(events: readonly KubeObject[], c: PodContainer, kind: ProbeKind, now: number): ProbeFailure | undefined {
  let best: { e: KubeObject; t: number } | undefined;
  for (const e of events) {
    if (!e || typeof e !== 'object' || str(e.reason) !== 'Unhealthy') continue;
    if (eventContainer(e) !== c.name) continue;
    const message = str(e.message) ?? str(e.note) ?? '';
    if (!PREFIX[kind].test(message)) continue;
    const t = parseTime(eventTime(e)) ?? -Infinity;
    if (!best || t >= best.t) best = { e, t };
  }
  if (!best) return undefined;
  const at = eventTime(best.e);
  const message = (str(best.e.message) ?? str(best.e.note) ?? '').replace(PREFIX[kind], '');
  return {
    message,
    at,
    ago: formatAgo(at, now),
    count: Math.max(1, count(best.e.count), count(obj(best.e.series).count)),
  };
}

interface Live {
  running: boolean;
  startedAt?: number;
  ready?: boolean;
  started?: boolean;
}

function liveOf(c: PodContainer): Live | undefined {
  if (!c.status) return undefined;
  const state = obj(c.status.state);
  const running = state.running !== undefined && state.running !== null;
  return {
    running,
    startedAt: running ? parseTime(str(obj(state.running).startedAt)) : undefined,
    ready: bool(c.status.ready),
    started: bool(c.status.started),
  };
}

/** Passing/failing/pending for one configured probe, from status and its last failure. */
function judge(
  kind: ProbeKind,
  live: Live | undefined,
  timing: ProbeTiming,
  failure: ProbeFailure | undefined,
  now: number,
): { state: ProbeState; detail?: string } {
  if (!live) return { state: 'unknown', detail: 'no container status yet' };
  const failedAt = parseTime(failure?.at);
  // A failure is about this instance of the container unless it predates the instance's start.
  const failedThisRun = failure !== undefined && (failedAt === undefined || live.startedAt === undefined || failedAt >= live.startedAt);
  // How long a failure stays "current": the kubelet re-emits Unhealthy every period while failing.
  const windowMs = Math.max(60_000, 2 * timing.periodSeconds * timing.failureThreshold * 1000);
  const recent = failure !== undefined && (failedAt === undefined || now - failedAt <= windowMs);
  if (!live.running) {
    if (failure && recent) return { state: 'failing', detail: 'container not running' };
    return { state: 'unknown', detail: 'container not running' };
  }
  const starting = live.started === false;
  switch (kind) {
    case 'startup':
      if (live.started === true) return { state: 'passing' };
      if (starting) return failedThisRun ? { state: 'failing' } : { state: 'pending', detail: 'starting' };
      return live.ready === true ? { state: 'passing' } : { state: 'unknown' };
    case 'readiness':
      if (live.ready === true) return { state: 'passing' };
      if (starting) return { state: 'pending', detail: 'waiting for startup probe' };
      if (live.ready === undefined) return { state: 'unknown' };
      if (!failedThisRun && live.startedAt !== undefined && now - live.startedAt < timing.initialDelaySeconds * 1000) {
        return { state: 'pending', detail: 'initial delay' };
      }
      return { state: 'failing', detail: failedThisRun ? undefined : 'not ready' };
    case 'liveness':
      if (starting) return { state: 'pending', detail: 'waiting for startup probe' };
      if (failedThisRun && recent) return { state: 'failing' };
      // Failures before this instance started are most likely what restarted it.
      if (failure && !failedThisRun) return { state: 'passing', detail: 'failed before the last restart' };
      return { state: 'passing' };
  }
}

/**
 * Every probe slot of every long-running container (regular containers and native
 * sidecars; plain init containers cannot have probes). `events` are the pod's events.
 */
export function probeStates(pod: Pod | undefined | null, events: readonly KubeObject[] | undefined | null, now: number): ProbeRow[] {
  const list = Array.isArray(events) ? events : [];
  const rows: ProbeRow[] = [];
  for (const c of listContainers(pod)) {
    if (c.placement === 'init') continue;
    const live = liveOf(c);
    for (const kind of PROBE_KINDS) {
      const specPath = `${c.specPath}.${kind}Probe`;
      const raw = c.spec[`${kind}Probe`];
      if (raw === undefined || raw === null || typeof raw !== 'object') {
        rows.push({ container: c.name, placement: c.placement, kind, specPath, configured: false, target: '', timingText: '', state: 'not-configured' });
        continue;
      }
      const { handler, target } = probeTarget(raw, c.spec);
      const timing = timingOf(obj(raw));
      const failure = lastFailure(list, c, kind, now);
      const { state, detail } = judge(kind, live, timing, failure, now);
      rows.push({
        container: c.name,
        placement: c.placement,
        kind,
        specPath,
        configured: true,
        handler,
        target,
        timing,
        timingText: timingText(timing),
        state,
        detail,
        lastFailure: failure,
      });
    }
  }
  return rows;
}
