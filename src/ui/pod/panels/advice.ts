// Advice panel: every finding for the pod, worst first; enter opens one to show its why,
// evidence and fix.
import { SEVERITY_RANK, type Finding } from '../../../analysis/types.js';
import { sanitize } from '../../../model/sanitize.js';
import { seg, wrapText } from '../lines.js';
import { findingLine } from '../overlay.js';
import { PanelBuilder, type PanelContent, type PanelInput } from './panel.js';

/** A stable id for a finding within one pod: rule, container and anchors. */
export function findingId(f: Finding): string {
  const anchor = f.port ? `${f.port.port}/${f.port.protocol}` : (f.volume ?? f.probe ?? '');
  return `${f.rule}|${f.container ?? ''}|${anchor}|${f.message}`;
}

export function sortedFindings(findings: readonly Finding[]): Finding[] {
  return findings
    .filter((f) => !f.ignored)
    .map((f, i) => ({ f, i }))
    .sort((a, b) => SEVERITY_RANK[b.f.severity] - SEVERITY_RANK[a.f.severity] || a.i - b.i)
    .map((x) => x.f);
}

export function advicePanel({ data, width, expanded }: PanelInput): PanelContent {
  const b = new PanelBuilder();
  const list = sortedFindings(data.findings);
  const silenced = data.findings.length - list.length;
  if (list.length === 0) {
    b.push([seg('No advice for this pod.', 'ok')]);
  }
  for (const f of list) {
    const id = findingId(f);
    const open = expanded.has(id);
    const head = findingLine(f, open ? '▾ ' : '▸ ');
    if (f.container) head.push(seg(`  [${sanitize(f.container)}]`, 'muted'));
    b.item(id, head);
    if (!open) continue;
    b.push(...wrapText(`why: ${sanitize(f.why)}`, width, 'text', '    '));
    if (f.evidence.length > 0) {
      b.push([seg('    evidence:', 'muted')]);
      for (const e of f.evidence) b.push(...wrapText(`- ${sanitize(e)}`, width, 'muted', '      '));
    }
    b.push(...wrapText(`fix: ${sanitize(f.fix)}`, width, 'accent', '    '));
  }
  if (silenced > 0) b.push([seg(`${silenced} silenced finding${silenced === 1 ? '' : 's'} (podscope.io/ignore or config)`, 'muted')]);
  return b.build();
}
