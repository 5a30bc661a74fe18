// Events panel: what the scheduler and kubelet said about the pod, newest first.
import type { EventRow } from '../../../model/pod-detail/events.js';
import { sanitize } from '../../../model/sanitize.js';
import { seg } from '../lines.js';
import { tableLines } from '../table.js';
import { PanelBuilder, type PanelContent, type PanelInput } from './panel.js';

export function eventsPanel({ data, width }: PanelInput): PanelContent {
  const b = new PanelBuilder();
  if (data.events.length === 0) return b.push([seg('No events (the API keeps them for about an hour).', 'muted')]).build();
  const t = tableLines<EventRow>(
    [
      { header: 'TYPE', cell: (e) => (e.type === 'Warning' ? seg('▲ Warning', 'warning') : seg(sanitize(e.type), 'muted')), min: 4 },
      { header: 'REASON', cell: (e) => seg(sanitize(e.reason), e.type === 'Warning' ? 'warning' : 'text'), min: 6 },
      { header: 'AGE', cell: (e) => e.age },
      { header: 'COUNT', cell: (e) => (e.count > 1 ? `×${e.count}` : ''), align: 'right', min: 3 },
      { header: 'OBJECT', cell: (e) => seg(sanitize(e.subject), 'muted'), min: 5 },
      { header: 'MESSAGE', cell: (e) => sanitize(e.message), min: 10 },
    ],
    data.events,
    width,
  );
  b.push(t.header).fixHeader();
  for (const { line } of t.rows) b.push(line);
  return b.build();
}
