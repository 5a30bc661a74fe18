// The Pods view's columns (SPEC 4): one place to add or change a column. Narrow terminals
// drop the columns that matter least first: IP, then NODE, then RESTARTS/AGE, then NAMESPACE.
import type { PodRow } from '../../model/pod-row.js';
import { formatDurationMs } from '../../model/format.js';
import { formatRestarts } from '../../model/pod-row.js';
import type { TableColumn } from '../components/WindowedTable.js';
import type { PodAdvice } from '../../model/pod-list.js';
import type { Palette } from '../theme/theme.js';
import { adviceBadge } from './advice.js';

export interface PodColumnOptions {
  width: number;
  /** Hide NAMESPACE when the view shows a single namespace. */
  showNamespace: boolean;
  /** The advice overlay (`a`): the ADVICE column. */
  showAdvice: boolean;
  now: number;
  advice: (key: string) => PodAdvice;
}

const TONE: Record<PodRow['statusTone'], keyof Palette> = { ok: 'ok', warning: 'warning', error: 'error', muted: 'muted' };

export function podColumns(o: PodColumnOptions): TableColumn<PodRow>[] {
  // Narrow terminals keep what identifies a pod and its health: NAME, READY, STATUS, ADVICE.
  const roomy = o.width >= 64;
  const cols: TableColumn<PodRow>[] = [];
  if (o.showNamespace && o.width >= 50) cols.push({ id: 'namespace', header: 'NAMESPACE', flex: 1, minWidth: 9, render: (r) => r.namespace });
  cols.push({ id: 'name', header: 'NAME', flex: 3, minWidth: 10, render: (r) => r.name });
  cols.push({ id: 'ready', header: 'READY', width: 5, render: (r) => r.ready });
  cols.push({ id: 'status', header: 'STATUS', width: o.width >= 100 ? 18 : 16, render: (r) => r.status, tone: (r) => TONE[r.statusTone] });
  if (roomy) {
    cols.push({
      id: 'restarts',
      header: 'RESTARTS',
      width: o.width >= 110 ? 13 : 8,
      align: 'right',
      render: (r) => (o.width >= 110 ? formatRestarts(r.restarts, r.lastRestartMs, o.now) : String(r.restarts)),
    });
    cols.push({
      id: 'age',
      header: 'AGE',
      width: 6,
      align: 'right',
      render: (r) => (Number.isNaN(r.createdMs) ? '<unknown>' : formatDurationMs(o.now - r.createdMs)),
    });
  }
  if (o.width >= 100) cols.push({ id: 'ip', header: 'IP', width: 15, render: (r) => r.ip });
  if (o.width >= 80) cols.push({ id: 'node', header: 'NODE', flex: 1, minWidth: 8, render: (r) => r.node });
  if (o.showAdvice) {
    cols.push({
      id: 'advice',
      header: 'ADVICE',
      width: 6,
      render: (r) => adviceBadge(o.advice(r.key)),
      tone: (r) => {
        const w = o.advice(r.key).worst;
        return w === 'error' ? 'error' : w === 'warning' ? 'warning' : w === 'info' ? 'info' : undefined;
      },
    });
  }
  return cols;
}
