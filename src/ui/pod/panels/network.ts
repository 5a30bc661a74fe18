// Network panel: the pod IP every container shares and the ONE port space they share,
// with clashes marked and what `localhost:PORT` reaches from inside the pod.
import type { Finding } from '../../../analysis/types.js';
import type { PortRow } from '../../../model/pod-detail/shared-port-space.js';
import { sanitize } from '../../../model/sanitize.js';
import { seg, type Line } from '../lines.js';
import { findingLine, isNetworkFinding } from '../overlay.js';
import { tableLines } from '../table.js';
import { PanelBuilder, type PanelContent, type PanelInput } from './panel.js';

function containerCell(r: PortRow) {
  const name = sanitize(r.container);
  if (r.finished) return seg(`${name} (finished)`, 'muted');
  if (r.placement === 'native') return seg(`${name} (native)`, 'text');
  if (r.placement === 'init') return seg(`${name} (init)`, 'muted');
  return seg(name, 'text');
}

export function networkPanel({ data, overlay, width }: PanelInput): PanelContent {
  const space = data.ports;
  const b = new PanelBuilder();
  const ips = space.podIPs.length > 0 ? space.podIPs.map((ip) => sanitize(ip)).join(', ') : '<none yet>';
  const holders = new Set(space.rows.filter((r) => !r.finished).map((r) => r.container)).size;
  b.push([seg('Pod IP ', 'muted'), seg(ips, 'accent', { bold: true }), seg(`  one network namespace, one port space`, 'muted')]);
  if (space.hostNetwork) {
    b.push([seg('hostNetwork: ', 'warning'), seg(`ports are the node's ports (${sanitize(space.hostIP ?? '?')})`, 'warning')]);
  }
  const mine = overlay.filter(isNetworkFinding);
  const placed = new Set<Finding>();
  if (space.rows.length === 0) {
    b.push([seg('No container declares a port.', 'muted')]);
  } else {
    b.push([seg(`${space.rows.length} port${space.rows.length === 1 ? '' : 's'} declared by ${holders} container${holders === 1 ? '' : 's'}`, 'muted')]);
    const t = tableLines<PortRow>(
      [
        { header: 'CONTAINER', cell: containerCell, min: 6 },
        { header: 'PORT', cell: (r) => seg(r.port !== undefined ? `${r.port}/${r.protocol}` : `?/${r.protocol}`, r.conflict ? 'error' : 'text', { bold: r.conflict }), min: 8 },
        { header: 'NAME', cell: (r) => sanitize(r.name ?? ''), min: 4 },
        { header: 'HOST', cell: (r) => (r.hostPort !== undefined ? String(r.hostPort) : '') },
        { header: 'CLASH', cell: (r) => (r.conflict ? seg(`✖ ${r.conflictsWith.map((c) => sanitize(c)).join(',')}`, 'error') : seg('')), min: 5 },
        { header: 'LOCALHOST REACHES', cell: (r) => seg(sanitize(r.reaches), r.conflict ? 'error' : 'muted'), min: 10 },
      ],
      space.rows,
      width,
    );
    b.push(t.header).fixHeader();
    t.rows.forEach(({ row, line }, i) => {
      b.item(row.container, line);
      // A finding about a port goes under the LAST row of that port, once both clashing rows are on screen.
      const later = t.rows.slice(i + 1).some((o) => o.row.port === row.port && o.row.protocol === row.protocol);
      if (later) return;
      for (const f of mine) {
        if (placed.has(f) || !f.port) continue;
        if (f.port.port === row.port && f.port.protocol.toUpperCase() === row.protocol) {
          b.push(findingLine(f, '  '));
          placed.add(f);
        }
      }
    });
  }
  // Traffic that never leaves the pod: a proxy sidecar in front of another container.
  for (const r of data.roles) {
    if (r.role === 'sidecar' && r.kind === 'proxy' && r.reason) {
      b.push([seg('↳ ', 'muted'), seg(sanitize(r.name), 'info', { bold: true }), seg(` (sidecar:proxy) ${sanitize(r.reason)}`, 'muted')]);
    }
  }
  const rest = mine.filter((f) => !placed.has(f));
  if (rest.length > 0) b.push(...rest.map((f): Line => findingLine(f, '')));
  return b.build();
}
