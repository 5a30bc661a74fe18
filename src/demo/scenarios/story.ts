// Events and logs that tell a pod's story. The routine events (Scheduled, Pulled, Created,
// Started, BackOff, image pull failures, FailedScheduling) follow from the pod's status, as
// the scheduler and kubelet would have written them; scenarios add the particular ones
// (Unhealthy, OOMKilling, Killing) and the log lines.
import type { ContainerStatus, KubeObject, Pod } from '../../model/kube.js';
import type { LogLine } from '../types.js';
import { digest } from './ids.js';
import type { Scene } from './scene.js';

export interface EventPlan {
  reason: string;
  message: string;
  type?: 'Normal' | 'Warning';
  count?: number;
  first: string;
  last?: string;
  /** `spec.containers{api}`; for pods, `container` builds it. */
  fieldPath?: string;
  container?: string;
  component?: string;
}

/** Adds one v1 Event about `obj`. */
export function event(scene: Scene, obj: KubeObject, plan: EventPlan): void {
  const ns = obj.metadata?.namespace ?? 'default';
  const name = obj.metadata?.name ?? '';
  const host = (obj as Pod).spec?.nodeName;
  const component = plan.component ?? (obj.kind === 'Pod' ? 'kubelet' : 'controller');
  const fieldPath = plan.fieldPath ?? (plan.container ? containerPath(obj as Pod, plan.container) : undefined);
  const id = digest(`${ns}/${name}/${plan.reason}/${plan.first}/${fieldPath ?? ''}/${plan.message}`);
  scene.add('events', {
    metadata: { name: `${name}.${id.slice(0, 16)}`, namespace: ns, uid: `${id.slice(16, 24)}-${id.slice(24, 28)}-4${id.slice(29, 32)}-a${id.slice(33, 36)}-${id.slice(36, 48)}`, creationTimestamp: plan.first },
    involvedObject: {
      apiVersion: obj.apiVersion,
      kind: obj.kind,
      name,
      namespace: ns,
      uid: obj.metadata?.uid,
      ...(fieldPath ? { fieldPath } : {}),
    },
    reason: plan.reason,
    message: plan.message,
    source: { component, ...(host && component === 'kubelet' ? { host } : {}) },
    firstTimestamp: plan.first,
    lastTimestamp: plan.last ?? plan.first,
    count: plan.count ?? 1,
    type: plan.type ?? 'Normal',
    eventTime: null,
    reportingComponent: component,
    reportingInstance: component === 'kubelet' && host ? host : '',
  });
}

function containerPath(pod: Pod, container: string): string {
  const isInit = pod.spec?.initContainers?.some((c) => c.name === container);
  return `spec.${isInit ? 'initContainers' : 'containers'}{${container}}`;
}

function startedAt(s: ContainerStatus): string | undefined {
  return s.state?.running?.startedAt ?? s.state?.terminated?.startedAt ?? s.lastState?.terminated?.startedAt;
}

/** The kubelet's pull message; duration and size vary by image, deterministically. */
function pulledMessage(image: string): string {
  const h = parseInt(digest(image).slice(0, 8), 16);
  const secs = (0.8 + (h % 5000) / 1000).toFixed(3);
  return `Successfully pulled image "${image}" in ${secs}s (${secs}s including waiting). Image size: ${20_000_000 + (h % 180_000_000)} bytes.`;
}

function containerEvents(scene: Scene, pod: Pod, s: ContainerStatus, podStart: string): void {
  const { clock } = scene;
  const base = { container: s.name };
  const waiting = s.state?.waiting;
  const ns = pod.metadata?.namespace;
  if (waiting && /ImagePull|ErrImage/.test(waiting.reason ?? '')) {
    const tries = 6;
    const last = clock.ago('40s');
    event(scene, pod, { ...base, reason: 'Pulling', message: `Pulling image "${s.image}"`, count: tries, first: podStart, last });
    // The waiting message wraps the pull error ("Back-off pulling image …: ErrImagePull: <error>"); the event carries the error itself.
    const pullError = (waiting.message ?? 'not found').replace(/^.*?ErrImagePull: /, '');
    event(scene, pod, { ...base, reason: 'Failed', type: 'Warning', message: `Failed to pull image "${s.image}": ${pullError}`, count: tries, first: clock.after(podStart, 2), last });
    event(scene, pod, { ...base, reason: 'Failed', type: 'Warning', message: 'Error: ErrImagePull', count: tries, first: clock.after(podStart, 2), last });
    event(scene, pod, { ...base, reason: 'BackOff', message: `Back-off pulling image "${s.image}"`, count: 94, first: clock.after(podStart, 3), last: clock.ago('12s') });
    event(scene, pod, { ...base, reason: 'Failed', type: 'Warning', message: 'Error: ImagePullBackOff', count: 94, first: clock.after(podStart, 3), last: clock.ago('12s') });
    return;
  }
  const first = startedAt(s) ?? podStart;
  const restarts = s.restartCount ?? 0;
  const firstStart = restarts ? podStart : clock.after(first, -1);
  event(scene, pod, { ...base, reason: 'Pulled', message: pulledMessage(s.image ?? ''), first: firstStart });
  if (restarts) {
    event(scene, pod, { ...base, reason: 'Pulled', message: `Container image "${s.image}" already present on machine`, count: restarts, first: clock.after(podStart, 30), last: first });
  }
  event(scene, pod, { ...base, reason: 'Created', message: `Created container: ${s.name}`, count: restarts + 1, first: firstStart, last: first });
  event(scene, pod, { ...base, reason: 'Started', message: `Started container ${s.name}`, count: restarts + 1, first: firstStart, last: first });
  if (waiting?.reason === 'CrashLoopBackOff') {
    event(scene, pod, {
      ...base,
      reason: 'BackOff',
      type: 'Warning',
      message: `Back-off restarting failed container ${s.name} in pod ${pod.metadata?.name}_${ns}(${pod.metadata?.uid})`,
      count: restarts * 4 + 3,
      first: clock.after(podStart, 40),
      last: clock.ago('25s'),
    });
  }
}

/** The routine events that follow from the pod's status. */
export function routineEvents(scene: Scene, pod: Pod): void {
  const { clock } = scene;
  const created = pod.metadata!.creationTimestamp!;
  const scheduled = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
  if (scheduled?.status === 'False') {
    event(scene, pod, { reason: 'FailedScheduling', type: 'Warning', component: 'default-scheduler', message: scheduled.message ?? '', count: 37, first: created, last: clock.ago('2m') });
    return;
  }
  event(scene, pod, { reason: 'Scheduled', component: 'default-scheduler', message: `Successfully assigned ${pod.metadata?.namespace}/${pod.metadata?.name} to ${pod.spec?.nodeName}`, first: created });
  const podStart = pod.status?.startTime ?? created;
  for (const s of [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])]) containerEvents(scene, pod, s, podStart);
}

type LogText = string | ((time: string) => string);

/** Log lines `step` seconds apart from `start`; a line may be a function of its own time. */
export function timed(scene: Scene, start: string, step: number, texts: LogText[]): LogLine[] {
  return texts.map((t, i) => {
    const time = scene.clock.after(start, i * step);
    return { time, text: typeof t === 'function' ? t(time) : t };
  });
}

/** Registers a container's logs: `current` starts when the running instance started, `previous` when the last one did. */
export function logs(scene: Scene, pod: Pod, container: string, plan: { current: LogText[]; previous?: LogText[]; ticker?: string[]; step?: number }): void {
  const all = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  const s = all.find((c) => c.name === container);
  if (!s) throw new Error(`scenario logs name unknown container ${container} of ${pod.metadata?.name}`);
  const step = plan.step ?? 2;
  const start = s.state?.running?.startedAt ?? s.state?.terminated?.startedAt ?? s.lastState?.terminated?.startedAt ?? pod.status?.startTime ?? scene.clock.ago('1m');
  const prevStart = s.lastState?.terminated?.startedAt;
  const prevEnd = s.lastState?.terminated?.finishedAt;
  const prevStep = prevStart && prevEnd && plan.previous ? (Date.parse(prevEnd) - Date.parse(prevStart)) / 1000 / Math.max(1, plan.previous.length) : 0;
  scene.addLogs({
    namespace: pod.metadata!.namespace!,
    pod: pod.metadata!.name!,
    container,
    current: timed(scene, start, step, plan.current),
    ...(plan.previous && prevStart ? { previous: timed(scene, prevStart, prevStep, plan.previous) } : {}),
    ...(plan.ticker ? { ticker: plan.ticker } : {}),
  });
}
