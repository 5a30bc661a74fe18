// Probes panel: per container, liveness / readiness / startup with handler, target, timing,
// and whether the probe passes or fails now (with the kubelet's last Unhealthy message).
import type { Finding } from '../../../analysis/types.js';
import type { ProbeRow, ProbeState } from '../../../model/pod-detail/probe-states.js';
import { sanitize } from '../../../model/sanitize.js';
import type { Palette } from '../../theme/theme.js';
import { seg, type Line } from '../lines.js';
import { findingLine, isProbeFinding, probeOf } from '../overlay.js';
import { tableLines } from '../table.js';
import { PanelBuilder, type PanelContent, type PanelInput } from './panel.js';

/** Glyph + word: the state never rests on colour alone. */
export const PROBE_STATE: Record<ProbeState, { text: string; tone: keyof Palette }> = {
  passing: { text: '✔ passing', tone: 'ok' },
  failing: { text: '✖ failing', tone: 'error' },
  pending: { text: '… pending', tone: 'warning' },
  'not-configured': { text: '— not configured', tone: 'muted' },
  unknown: { text: '? unknown', tone: 'muted' },
};

export function probeStateCell(r: ProbeRow) {
  const s = PROBE_STATE[r.state];
  return seg(r.detail ? `${s.text} (${r.detail})` : s.text, s.tone, { bold: r.state === 'failing' });
}

/** `    last failure 20s ago ×40: HTTP probe failed with statuscode: 503`. */
export function failureLine(r: ProbeRow, indent = '    '): Line | undefined {
  const f = r.lastFailure;
  if (!f) return undefined;
  const tone = r.state === 'failing' ? 'error' : 'muted';
  const when = f.ago ? ` ${f.ago}` : '';
  const times = f.count > 1 ? ` ×${f.count}` : '';
  return [seg(indent), seg(`└ last Unhealthy${when}${times}: `, tone), seg(sanitize(f.message), tone)];
}

export function probesPanel({ data, overlay, width }: PanelInput): PanelContent {
  const b = new PanelBuilder();
  if (data.probes.length === 0) return b.push([seg('No long-running containers to probe.', 'muted')]).build();
  const t = tableLines<ProbeRow>(
    [
      { header: 'CONTAINER', cell: (r) => seg(sanitize(r.container), 'text', { bold: true }), min: 6 },
      { header: 'PROBE', cell: (r) => r.kind, min: 5 },
      { header: 'STATE', cell: probeStateCell, min: 9 },
      { header: 'CHECK', cell: (r) => sanitize(r.target), min: 8 },
      { header: 'TIMING', cell: (r) => seg(r.timingText, 'muted'), min: 6 },
    ],
    data.probes,
    width,
  );
  b.push(t.header).fixHeader();
  const mine = overlay.filter(isProbeFinding);
  const placed = new Set<Finding>();
  for (const { row, line } of t.rows) {
    b.item(row.container, line);
    const failure = failureLine(row);
    if (failure) b.push(failure);
    for (const f of mine) {
      if (f.container === row.container && probeOf(f) === row.kind && !placed.has(f)) {
        b.push(findingLine(f, '    '));
        placed.add(f);
      }
    }
  }
  const rest = mine.filter((f) => !placed.has(f));
  if (rest.length > 0) b.push(...rest.map((f) => findingLine(f, '')));
  return b.build();
}
