// The Container view's content as lines: identity and state, resources, ports, mounts,
// probes, env names, findings. Pure: the view only slices these to the screen.
import type { Finding } from '../../analysis/types.js';
import { formatAgo } from '../../model/format.js';
import { terminationText, type ContainerState } from '../../model/pod-detail/containers.js';
import type { ContainerDetail, EnvEntry, MountEntry, ResourceEntry } from '../../model/pod-detail/container-detail.js';
import type { ProbeRow } from '../../model/pod-detail/probe-states.js';
import type { PortRow } from '../../model/pod-detail/shared-port-space.js';
import { sanitize } from '../../model/sanitize.js';
import { seg, wrapText, type Line } from '../pod/lines.js';
import { findingLine, isNetworkFinding, isVolumeFinding, probeOf } from '../pod/overlay.js';
import { failureLine, probeStateCell } from '../pod/panels/probes.js';
import { tableLines } from '../pod/table.js';

const LABEL = 11;
const field = (label: string, ...value: Line): Line => [seg(label.padEnd(LABEL), 'muted'), ...value];
const section = (title: string, note = ''): Line[] => [[], [seg(title, 'accent', { bold: true }), seg(note ? `  ${note}` : '', 'muted')]];

function stateLine(label: string, s: ContainerState, now: number): Line {
  const when = s.since ? `  ${s.kind === 'running' ? 'since' : 'at'} ${formatAgo(s.since, now)}` : '';
  return field(label, seg(sanitize(s.text), s.tone, { bold: true }), seg(when, 'muted'), seg(s.message ? `  ${sanitize(s.message)}` : '', 'muted'));
}

export interface ContainerLinesInput {
  podKey: string;
  detail: ContainerDetail;
  /** The container's findings the overlay shows (empty when it is off). */
  findings: Finding[];
  width: number;
  now: number;
}

export function containerLines({ podKey, detail, findings, width, now }: ContainerLinesInput): Line[] {
  const r = detail.row;
  const out: Line[] = [];
  out.push([seg('Container ', 'muted'), seg(sanitize(r.name), 'accent', { bold: true }), seg(`  [${r.badge}]`, 'info'), seg(`  in pod ${sanitize(podKey)}`, 'muted')]);
  if (r.role?.reason) out.push(field('Role', seg(sanitize(r.role.reason), 'muted')));
  out.push(field('Image', seg(sanitize(r.image))));
  out.push(field('Image ID', seg(r.imageID ? sanitize(r.imageID) : '-', 'muted')));
  out.push(stateLine('State', r.state, now));
  if (r.lastTermination) {
    const t = r.lastTermination;
    out.push(field('Last', seg(sanitize(terminationText(t)), t.exitCode === 0 ? 'muted' : 'error'), seg(t.finishedAt ? `  ${formatAgo(t.finishedAt, now)}` : '', 'muted')));
  } else if (r.lastState) {
    out.push(stateLine('Last', r.lastState, now));
  }
  const ready = r.placement === 'init' ? (r.finished ? 'done' : '-') : r.ready === true ? 'yes' : r.ready === false ? 'no' : '-';
  out.push(field('Ready', seg(ready, r.ready === false ? 'warning' : 'text'), seg('   restarts ', 'muted'), seg(String(r.restarts), r.restarts > 0 ? 'warning' : 'text')));
  if (detail.command.length > 0 || detail.args.length > 0) {
    out.push(field('Command', seg(sanitize([...detail.command, ...detail.args].join(' ')))));
  }

  out.push(...section('Resources'));
  if (detail.resources.length === 0) {
    out.push([seg('no requests or limits: the scheduler reserves nothing, nothing caps it', 'warning')]);
  } else {
    const t = tableLines<ResourceEntry>(
      [
        { header: 'RESOURCE', cell: (e) => sanitize(e.resource) },
        { header: 'REQUEST', cell: (e) => seg(e.request ? sanitize(e.request) : '—', e.request ? 'text' : 'muted') },
        { header: 'LIMIT', cell: (e) => seg(e.limit ? sanitize(e.limit) : '—', e.limit ? 'text' : 'muted') },
      ],
      detail.resources,
      width,
    );
    out.push(t.header, ...t.rows.map((x) => x.line));
  }

  out.push(...section('Ports', 'one port space shared with every container of the pod'));
  if (detail.ports.length === 0) out.push([seg('declares no ports', 'muted')]);
  else {
    const t = tableLines<PortRow>(
      [
        { header: 'PORT', cell: (p) => seg(p.port !== undefined ? `${p.port}/${p.protocol}` : `?/${p.protocol}`, p.conflict ? 'error' : 'text'), min: 8 },
        { header: 'NAME', cell: (p) => sanitize(p.name ?? '') },
        { header: 'HOST', cell: (p) => (p.hostPort !== undefined ? String(p.hostPort) : '') },
        { header: 'CLASH', cell: (p) => (p.conflict ? seg(`✖ ${p.conflictsWith.map((c) => sanitize(c)).join(',')}`, 'error') : seg('')) },
        { header: 'LOCALHOST REACHES', cell: (p) => seg(sanitize(p.reaches), 'muted'), min: 10 },
      ],
      detail.ports,
      width,
    );
    out.push(t.header);
    for (const { row, line } of t.rows) {
      out.push(line);
      for (const f of findings) if (f.port && f.port.port === row.port && f.port.protocol.toUpperCase() === row.protocol) out.push(findingLine(f));
    }
  }

  out.push(...section('Mounts'));
  if (detail.mounts.length === 0) out.push([seg('mounts no volumes', 'muted')]);
  else {
    const t = tableLines<MountEntry>(
      [
        { header: 'PATH', cell: (m) => seg(sanitize(m.mountPath), 'text', { bold: true }), min: Math.min(32, Math.max(8, width >> 2)) },
        { header: 'MODE', cell: (m) => seg(m.readOnly ? 'ro' : 'rw', m.readOnly ? 'text' : 'accent') },
        { header: 'VOLUME', cell: (m) => sanitize(m.volume), min: 6 },
        { header: 'TYPE', cell: (m) => sanitize(m.detail), min: 8 },
        { header: 'LIFETIME', cell: (m) => seg(m.persistence ?? '?', m.persistence === 'ephemeral' ? 'warning' : 'muted') },
      ],
      detail.mounts,
      width,
    );
    out.push(t.header);
    for (const { row, line } of t.rows) {
      out.push(line);
      for (const f of findings) if (f.volume === row.volume) out.push(findingLine(f));
    }
  }

  if (detail.probes.length > 0) {
    out.push(...section('Probes'));
    const t = tableLines<ProbeRow>(
      [
        { header: 'PROBE', cell: (p) => p.kind },
        { header: 'STATE', cell: probeStateCell, min: 9 },
        { header: 'CHECK', cell: (p) => sanitize(p.target), min: 8 },
        { header: 'TIMING', cell: (p) => seg(p.timingText, 'muted'), min: 6 },
      ],
      detail.probes,
      width,
    );
    out.push(t.header);
    for (const { row, line } of t.rows) {
      out.push(line);
      const failure = failureLine(row, '  ');
      if (failure) out.push(failure);
      for (const f of findings) if (probeOf(f) === row.kind && !isNetworkFinding(f) && !isVolumeFinding(f)) out.push(findingLine(f));
    }
  }

  out.push(...section('Environment', 'names only: values are never shown, secrets never read'));
  if (detail.env.length === 0) out.push([seg('no environment variables', 'muted')]);
  for (const e of detail.env) out.push(envLine(e));

  out.push(...section('Findings'));
  if (findings.length === 0) out.push([seg('none shown (no advice, or the overlay is off)', 'muted')]);
  for (const f of findings) {
    out.push(findingLine(f, ''));
    out.push(...wrapText(`fix: ${sanitize(f.fix)}`, width, 'muted', '  '));
  }
  return out;
}

function envLine(e: EnvEntry): Line {
  const name = seg(sanitize(e.name), 'text', { bold: true });
  if (!e.source) return [name, seg('  (literal value)', 'muted')];
  return [name, seg(' ← ', 'muted'), seg(sanitize(e.source), e.source.startsWith('secret') ? 'warning' : 'info')];
}
