// What every output format renders: the findings of one `analyze` run, in a stable order,
// with where each object came from when it came from a file.
import { RULE_IDS, SEVERITY_RANK, type Finding, type ObjectRef, type Severity } from '../types.js';

export interface SourceLocation {
  file: string;
  line: number;
  /** The line of a field of the object, when the file format tells (YAML). */
  locate?: (path: (string | number)[]) => number | undefined;
}

/**
 * The field path an evidence line starts with: `spec.containers[1].ports[0]: 8080/TCP (api)`
 * → `['spec', 'containers', 1, 'ports', 0]`; `metadata.annotations["a/b"]: x` → `['metadata',
 * 'annotations', 'a/b']`. Evidence that does not start with a path of the object gives undefined.
 */
export function evidencePath(evidence: string): (string | number)[] | undefined {
  const m = /^(spec|metadata|status)((?:\.[A-Za-z_$][\w$-]*|\[\d+\]|\["[^"]*"\])*)(?::|$)/.exec(evidence);
  if (!m) return undefined;
  const path: (string | number)[] = [m[1]];
  for (const t of m[2].matchAll(/\.([A-Za-z_$][\w$-]*)|\[(\d+)\]|\["([^"]*)"\]/g)) {
    path.push(t[1] ?? (t[2] !== undefined ? Number(t[2]) : t[3]));
  }
  return path;
}

/** The line a finding points at: its first evidence field that the source can locate, else the object. */
export function findingLine(f: Finding, src: SourceLocation): number {
  if (src.locate) {
    for (const e of f.evidence) {
      const path = evidencePath(e);
      const line = path ? src.locate(path) : undefined;
      if (line !== undefined) return line;
    }
  }
  return src.line;
}

export interface Report {
  /** Every finding, silenced ones included (marked `ignored`). */
  findings: Finding[];
  /** How many objects (pods, or workloads of manifests) were analysed. */
  objects: number;
  /** Show silenced findings (they are always counted). */
  showIgnored: boolean;
  /** Where the object of a finding came from, for manifests. */
  sourceOf?: (f: Finding) => SourceLocation | undefined;
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

/** The object a finding is on: its ref, and its place in a file when it has one (two files may
 * hold objects of the same name, e.g. kustomize bases and overlays). */
export function objectGroupKey(f: Finding, sourceOf?: (f: Finding) => SourceLocation | undefined): string {
  const src = sourceOf?.(f);
  return src ? `${refKey(f.object)}@${src.file}:${src.line}` : refKey(f.object);
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
export function orderFindings(findings: Finding[], sourceOf?: (f: Finding) => SourceLocation | undefined): Finding[] {
  const key = (f: Finding) => objectGroupKey(f, sourceOf);
  const firstSeen = new Map<string, number>();
  findings.forEach((f) => {
    const k = key(f);
    if (!firstSeen.has(k)) firstSeen.set(k, firstSeen.size);
  });
  return [...findings].sort(
    (a, b) =>
      firstSeen.get(key(a))! - firstSeen.get(key(b))! ||
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
