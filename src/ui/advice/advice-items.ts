// The Advice view's list: a pod's findings, or the cluster's grouped by rule (worst rules
// first), as rows for the table, and the long text of one finding.
import type { Finding } from '../../analysis/types.js';
import { SEVERITY_RANK } from '../../analysis/types.js';
import { sanitize } from '../../model/sanitize.js';
import { severityGlyph, severityLabel } from '../theme/severity.js';
import { wordWrap } from '../components/word-wrap.js';

/** `id`: the item's position, a stable React key. */
export type AdviceItem =
  | { kind: 'heading'; id: number; rule: string; count: number; worst: Finding['severity'] }
  | { kind: 'finding'; id: number; finding: Finding };

function bySeverity(a: Finding, b: Finding): number {
  return SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || a.rule.localeCompare(b.rule) || objectName(a).localeCompare(objectName(b));
}

export function objectName(f: Finding): string {
  const o = f.object ?? { kind: '?', name: '?' };
  return `${o.namespace ? `${o.namespace}/` : ''}${o.name}`;
}

/** Findings of one pod, worst first; silenced ones left out (they are counted). */
export function podAdviceItems(findings: readonly Finding[]): AdviceItem[] {
  return findings
    .filter((f) => !f.ignored)
    .sort(bySeverity)
    .map((finding, id) => ({ kind: 'finding', id, finding }));
}

/** Every finding of the cluster under a heading per rule; rules with errors first. */
export function clusterAdviceItems(findings: readonly Finding[]): AdviceItem[] {
  const byRule = new Map<string, Finding[]>();
  for (const f of findings) {
    if (f.ignored) continue;
    let list = byRule.get(f.rule);
    if (!list) byRule.set(f.rule, (list = []));
    list.push(f);
  }
  const groups = [...byRule.entries()].map(([rule, list]) => {
    list.sort(bySeverity);
    return { rule, list, worst: list[0].severity };
  });
  groups.sort((a, b) => SEVERITY_RANK[b.worst] - SEVERITY_RANK[a.worst] || b.list.length - a.list.length || a.rule.localeCompare(b.rule));
  const items: AdviceItem[] = [];
  for (const g of groups) {
    items.push({ kind: 'heading', id: items.length, rule: g.rule, count: g.list.length, worst: g.worst });
    for (const finding of g.list) items.push({ kind: 'finding', id: items.length, finding });
  }
  return items;
}

/** The full text of one finding: what, where, evidence, why, fix. Sanitised. */
export function findingDetail(f: Finding): string[] {
  const lines = [
    `${severityGlyph(f.severity)} ${severityLabel(f.severity)}  ${f.rule}  ${sanitize(f.object?.kind)} ${sanitize(objectName(f))}${f.container ? `  container ${sanitize(f.container)}` : ''}`,
    '',
    sanitize(f.message),
    '',
  ];
  if (f.evidence?.length) {
    lines.push('Evidence');
    for (const e of f.evidence) lines.push(`  ${sanitize(e)}`);
    lines.push('');
  }
  lines.push('Why', `  ${sanitize(f.why)}`, '', 'Fix', `  ${sanitize(f.fix)}`);
  return lines;
}

/** The finding's text wrapped to `width`, indented lines (evidence, why, fix) kept indented. */
export function wrappedDetail(lines: readonly string[], width: number): string[] {
  const out: string[] = [];
  for (const l of lines) {
    if (l === '') {
      out.push('');
      continue;
    }
    const indent = /^ */.exec(l)![0];
    const room = width - indent.length;
    if (room < 10) out.push(...wordWrap(l.trimStart(), width));
    else for (const piece of wordWrap(l.trimStart(), room)) out.push(indent + piece);
  }
  return out;
}

/** The nearest finding (not a rule heading) at or after `from` in direction `dir`, else the other way. */
export function nearestFinding(items: readonly AdviceItem[], from: number, dir: 1 | -1): number {
  const at = Math.max(0, Math.min(from, items.length - 1));
  for (let i = at; i >= 0 && i < items.length; i += dir) if (items[i].kind === 'finding') return i;
  for (let i = at; i >= 0 && i < items.length; i -= dir) if (items[i].kind === 'finding') return i;
  return at;
}
