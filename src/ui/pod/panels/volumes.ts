// Volumes panel: a volume × container matrix. Each cell says where that container mounts the
// volume and whether it may write (rw) or only read (ro); the row says what the volume is
// and whether its data outlives the pod.
import type { Finding } from '../../../analysis/types.js';
import type { VolumeRow } from '../../../model/pod-detail/volume-matrix.js';
import { sanitize } from '../../../model/sanitize.js';
import { seg, type Line } from '../lines.js';
import { findingLine, isVolumeFinding } from '../overlay.js';
import { tableLines, type Column } from '../table.js';
import { PanelBuilder, type PanelContent, type PanelInput } from './panel.js';

const LIFETIME_TONE = { ephemeral: 'warning', persistent: 'ok', node: 'warning', projected: 'muted' } as const;

export function volumesPanel({ data, overlay, width }: PanelInput): PanelContent {
  const m = data.volumes;
  const b = new PanelBuilder();
  if (m.rows.length === 0 && m.dangling.length === 0) {
    return b.push([seg('The pod declares no volumes: containers share no files.', 'muted')]).build();
  }
  const badges: Line = [seg('containers: ', 'muted')];
  data.containers.forEach((c, i) => {
    if (i > 0) badges.push(seg(' · ', 'muted'));
    badges.push(seg(sanitize(c.name), 'text', { bold: true }), seg(` (${c.badge})`, c.role?.role === 'sidecar' ? 'info' : 'muted'));
  });
  b.push(badges);
  const mountedBy = m.containers.filter((c) => m.rows.some((r) => r.mounts[c.name]));
  const columns: Column<VolumeRow>[] = [
    { header: 'VOLUME', cell: (r) => seg(sanitize(r.name), 'text', { bold: true }), min: 6 },
    { header: 'TYPE', cell: (r) => sanitize(r.detail), min: 8 },
    { header: 'LIFETIME', cell: (r) => seg(r.persistence, LIFETIME_TONE[r.persistence]), min: 5 },
    ...mountedBy.map(
      (c): Column<VolumeRow> => ({
        header: sanitize(c.name),
        min: 6,
        cell: (r) => {
          const mounts = r.mounts[c.name];
          if (!mounts) return seg('—', 'muted');
          return seg(mounts.map((x) => `${x.readOnly ? 'ro' : 'rw'} ${sanitize(x.mountPath)}`).join(', '), mounts.some((x) => !x.readOnly) ? 'accent' : 'text');
        },
      }),
    ),
  ];
  const t = tableLines(columns, m.rows, width);
  b.push(t.header).fixHeader();
  const mine = overlay.filter(isVolumeFinding);
  const placed = new Set<Finding>();
  for (const { row, line } of t.rows) {
    b.push(line);
    for (const f of mine) {
      if (f.volume === row.name) {
        b.push(findingLine(f, '  '));
        placed.add(f);
      }
    }
  }
  for (const d of m.dangling) {
    b.push([seg(`✖ ${sanitize(d.container)} mounts ${sanitize(d.volume)} at ${sanitize(d.mountPath)}, which the pod does not declare`, 'error')]);
  }
  const rest = mine.filter((f) => !placed.has(f));
  if (rest.length > 0) b.push(...rest.map((f) => findingLine(f, '')));
  return b.build();
}
