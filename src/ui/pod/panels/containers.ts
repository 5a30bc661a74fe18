// Containers panel: one row per container, init containers first, with its role badge and
// the findings about it right under it.
import { sanitize } from '../../../model/sanitize.js';
import { terminationText, type ContainerRow } from '../../../model/pod-detail/containers.js';
import { seg, type Line } from '../lines.js';
import type { Finding } from '../../../analysis/types.js';
import { severityGlyph } from '../../theme/severity.js';
import { findingLine, severityTone } from '../overlay.js';
import { tableLines } from '../table.js';
import { PanelBuilder, type PanelContent, type PanelInput } from './panel.js';

function readyCell(r: ContainerRow) {
  if (r.placement === 'init') return seg(r.finished ? 'done' : '-', 'muted');
  if (r.ready === true) return seg('yes', 'ok');
  if (r.ready === false) return seg('no', 'warning');
  return seg('-', 'muted');
}

/**
 * Every finding of a container as a compact chip (`▲ run-as-root`), wrapped over as many
 * lines as needed: a container with six findings costs two lines, not six. The messages are
 * in the panel each finding is anchored to and in Advice.
 */
export function chipLines(findings: Finding[], width: number, indent: string): Line[] {
  const lines: Line[] = [];
  let line: Line = [seg(indent)];
  let used = indent.length;
  for (const f of findings) {
    const chip = `${severityGlyph(f.severity)} ${f.rule}`;
    if (used > indent.length && used + 2 + chip.length > width) {
      lines.push(line);
      line = [seg(indent)];
      used = indent.length;
    }
    if (used > indent.length) {
      line.push(seg('  '));
      used += 2;
    }
    line.push(seg(chip, severityTone(f)));
    used += chip.length;
  }
  lines.push(line);
  return lines;
}

export function containersPanel({ data, overlay, width }: PanelInput): PanelContent {
  const b = new PanelBuilder();
  if (data.containers.length === 0) return b.push([seg('The pod declares no containers.', 'muted')]).build();
  const t = tableLines<ContainerRow>(
    [
      { header: 'ROLE', cell: (r) => seg(r.badge, r.role?.role === 'sidecar' || r.placement === 'native' ? 'info' : 'accent'), min: 4 },
      { header: 'NAME', cell: (r) => seg(sanitize(r.name), 'text', { bold: true }), min: 6 },
      { header: 'STATE', cell: (r) => seg(sanitize(r.state.text), r.state.tone), min: 7 },
      { header: 'READY', cell: readyCell },
      { header: 'RESTARTS', cell: (r) => seg(String(r.restarts), r.restarts > 0 ? 'warning' : 'text'), align: 'right', min: 3 },
      { header: 'IMAGE', cell: (r) => sanitize(r.image), min: 8 },
      { header: 'LAST TERMINATION', cell: (r) => seg(sanitize(terminationText(r.lastTermination)), 'muted'), min: 8 },
    ],
    data.containers,
    width,
  );
  b.push(t.header).fixHeader();
  for (const { row, line } of t.rows) {
    b.item(row.name, line);
    const extra: Line[] = [];
    if (row.state.message && row.state.kind === 'waiting') extra.push([seg('    '), seg(sanitize(row.state.message), 'muted')]);
    const mine = overlay.filter((f) => f.container === row.name);
    if (mine.length > 0) extra.push(...chipLines(mine, width, '    '));
    // Errors get their full message here too: they are why someone opened this pod at 2 a.m.
    for (const f of mine) if (f.severity === 'error') extra.push(findingLine(f, '    '));
    b.push(...extra);
  }
  return b.build();
}
