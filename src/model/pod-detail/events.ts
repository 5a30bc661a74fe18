// The Events panel: what the scheduler and the kubelet said about the pod, newest first.
import { formatAge, parseTime } from '../format.js';
import type { KubeObject } from '../kube.js';
import { count, obj, str } from './fields.js';

export interface EventRow {
  type: string;
  reason: string;
  message: string;
  /** `container web`, or the involved object's kind when it is not about one container. */
  subject: string;
  /** The container named by involvedObject.fieldPath (`spec.containers{web}`), if any. */
  container?: string;
  count: number;
  lastSeen?: string;
  age: string;
  source?: string;
}

/**
 * When an event last happened. core/v1 events fill lastTimestamp; events written through
 * events.k8s.io/v1 leave it empty and set eventTime or series.lastObservedTime instead.
 */
export function eventTime(event: unknown): string | undefined {
  const e = obj(event);
  return (
    str(obj(e.series).lastObservedTime) ??
    str(e.lastTimestamp) ??
    str(e.eventTime) ??
    str(e.firstTimestamp) ??
    str(obj(e.metadata).creationTimestamp)
  );
}

const FIELD_PATH = /^spec\.(?:initContainers|containers|ephemeralContainers)\{([^}]*)\}$/;

/** The container an event is about, from involvedObject.fieldPath. */
export function eventContainer(event: unknown): string | undefined {
  const fieldPath = str(obj(obj(event).involvedObject).fieldPath);
  if (!fieldPath) return undefined;
  const m = FIELD_PATH.exec(fieldPath);
  return m ? m[1] || undefined : undefined;
}

/** Events newest first; the ones without a time go last. Never throws on odd events. */
export function eventRows(events: readonly KubeObject[] | undefined | null, now: number): EventRow[] {
  const list = Array.isArray(events) ? events : [];
  const rows = list
    .filter((e) => e !== null && typeof e === 'object')
    .map((e) => {
      const container = eventContainer(e);
      const involved = obj(e.involvedObject);
      const lastSeen = eventTime(e);
      const source = obj(e.source);
      return {
        type: str(e.type) ?? 'Normal',
        reason: str(e.reason) ?? '',
        message: str(e.message) ?? str(e.note) ?? '',
        subject: container ? `container ${container}` : (str(involved.kind) ?? ''),
        container,
        count: Math.max(1, count(e.count), count(obj(e.series).count)),
        lastSeen,
        age: formatAge(lastSeen, now),
        source: str(source.component) ?? str(e.reportingComponent),
      } satisfies EventRow;
    });
  return rows
    .map((row, i) => ({ row, i, t: parseTime(row.lastSeen) ?? -Infinity }))
    .sort((a, b) => b.t - a.t || a.i - b.i)
    .map((x) => x.row);
}
