// Summary panel: what the pod is, where it runs, the address its containers share, who owns it.
import { sanitize } from '../../../model/sanitize.js';
import { seg, wrapText, type Line } from '../lines.js';
import { findingLine, isSummaryFinding } from '../overlay.js';
import { tableLines } from '../table.js';
import { PanelBuilder, type PanelContent, type PanelInput } from './panel.js';

const LABEL_WIDTH = 11;

function field(label: string, ...value: Line): Line {
  return [seg(label.padEnd(LABEL_WIDTH), 'muted'), ...value];
}

function phaseTone(phase: string): 'ok' | 'warning' | 'error' | 'muted' {
  if (phase === 'Running' || phase === 'Succeeded') return 'ok';
  if (phase === 'Failed') return 'error';
  if (phase === 'Pending') return 'warning';
  return 'muted';
}

export function summaryPanel({ data, overlay, width }: PanelInput): PanelContent {
  const s = data.summary;
  const b = new PanelBuilder();
  const phase = sanitize(s.deleting ? `${s.phase} (Terminating)` : s.phase);
  b.push(field('Pod', seg(sanitize(s.key), 'text', { bold: true })));
  b.push(field('Phase', seg(phase, phaseTone(s.phase)), seg(s.reason ? `  ${sanitize(s.reason)}` : '', 'warning')));
  // What kubectl and the Pods list call it when that says more than the phase (CrashLoopBackOff).
  if (data.row.status !== s.phase) b.push(field('Status', seg(data.row.status, data.row.statusTone), seg(`  ready ${data.row.ready}`, 'muted')));
  if (s.message) b.push(field('Message', seg(sanitize(s.message), 'warning')));
  b.push(field('Node', seg(s.node ? sanitize(s.node) : '<not scheduled>', s.node ? 'text' : 'warning')));
  const shared = data.containers.filter((c) => c.placement !== 'init').length;
  b.push(
    field(
      s.podIPs.length > 1 ? 'Pod IPs' : 'Pod IP',
      seg(s.podIPs.length > 0 ? s.podIPs.map((ip) => sanitize(ip)).join(', ') : '<none yet>', 'accent'),
      seg(s.hostNetwork ? '  host network: the node\'s IP' : `  shared by ${shared} container${shared === 1 ? '' : 's'}`, 'muted'),
    ),
  );
  b.push(field('Host IP', seg(s.hostIP ? sanitize(s.hostIP) : '-')));
  b.push(field('QoS', seg(sanitize(s.qos)), seg(s.qosDerived ? '  (derived from resources)' : '', 'muted')));
  const chain: Line = [seg('Pod')];
  for (const o of s.owners) {
    chain.push(seg(' → ', 'muted'), seg(`${sanitize(o.kind)} ${sanitize(o.name)}`, o.missing ? 'warning' : 'text'));
    if (o.missing) chain.push(seg(' (not found)', 'warning'));
    if (o.inferred) chain.push(seg(' (by name)', 'muted'));
  }
  if (s.owners.length === 0) chain.push(seg('  no owner: nothing recreates it', 'warning'));
  b.push(field('Owners', ...chain));
  b.push(field('Age', seg(s.age)));
  if (s.serviceAccount) b.push(field('Account', seg(sanitize(s.serviceAccount))));
  if (s.labels.length > 0) {
    b.push(field('Labels', seg(s.labels.map(([k, v]) => `${sanitize(k)}=${sanitize(v)}`).join(' '), 'muted')));
  }
  const mine = overlay.filter(isSummaryFinding);
  if (mine.length > 0) {
    b.push([]);
    for (const f of mine) b.push(findingLine(f, ''));
  }
  if (s.conditions.length > 0) {
    b.push([], [seg('Conditions', 'muted', { bold: true })]);
    const t = tableLines(
      [
        { header: 'TYPE', cell: (c: (typeof s.conditions)[number]) => sanitize(c.type) },
        { header: 'STATUS', cell: (c) => seg(sanitize(c.status), c.status === 'True' ? 'ok' : c.status === 'False' ? 'warning' : 'muted') },
        { header: 'AGE', cell: (c) => c.age },
        { header: 'REASON', cell: (c) => sanitize([c.reason, c.message].filter(Boolean).join(': ')), min: 10 },
      ],
      s.conditions,
      width,
    );
    b.push(t.header, ...t.rows.map((r) => r.line));
  }
  if (s.message && width < 40) b.push(...wrapText(sanitize(s.message), width, 'warning'));
  return b.build();
}
