// What every output format renders: the findings of one `analyze` run, in a stable order,
// with where each object came from when it came from a file.
import { RULE_IDS, SEVERITY_RANK, type Finding, type ObjectRef, type Severity } from '../types.js';

export interface SourceLocation {
  file: string;
  line: number;
}

export interface Report {
  /** Every finding, silenced ones included (marked `ignored`). */
  findings: Finding[];
  /** How many objects (pods, or workloads of manifests) were analysed. */
  objects: number;
  /** Show silenced findings (they are always counted). */
  showIgnored: boolean;
  /** Where an object came from, for manifests. */
  sourceOf?: (ref: ObjectRef) => SourceLocation | undefined;
}

export interface Summary {
  error: number;
  warning: number;
  info: number;
  objects: number;
  ignored: number;
}

export function refKey(ref: ObjectRef): string {
  return `${ref.kind}/${ref.namespace ?? ''}/${ref.name}`;
}

export function summarize(report: Report): Summary {
  const s: Summary = { error: 0, warning: 0, info: 0, objects: report.objects, ignored: 0 };
  for (const f of report.findings) {
    if (f.ignored) s.ignored++;
    else s[f.severity]++;
  }
  return s;
}

/** The findings to print: silenced ones only when asked. */
export function visibleFindings(report: Report): Finding[] {
  return report.showIgnored ? report.findings : report.findings.filter((f) => !f.ignored);
}

function ruleRank(rule: string): number {
  const i = (RULE_IDS as readonly string[]).indexOf(rule);
  return i < 0 ? RULE_IDS.length : i;
}

/**
 * Objects in the order they first appear (file order for manifests), and within an object the
 * worst first, then the order of RULES.md, then by container.
 */
export function orderFindings(findings: Finding[]): Finding[] {
  const firstSeen = new Map<string, number>();
  findings.forEach((f) => {
    const k = refKey(f.object);
    if (!firstSeen.has(k)) firstSeen.set(k, firstSeen.size);
  });
  return [...findings].sort(
    (a, b) =>
      firstSeen.get(refKey(a.object))! - firstSeen.get(refKey(b.object))! ||
      SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
      ruleRank(a.rule) - ruleRank(b.rule) ||
      (a.container ?? '').localeCompare(b.container ?? ''),
  );
}

/** True when a finding at or above `failOn` is present (silenced findings never fail a build). */
export function failsAt(findings: Finding[], failOn: Severity | 'never'): boolean {
  if (failOn === 'never') return false;
  return findings.some((f) => !f.ignored && SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn]);
}
