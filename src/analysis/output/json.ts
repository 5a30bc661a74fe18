// `analyze -o json`: exactly the shape of SPEC section 3. UI anchors (port, volume, probe)
// stay out; silenced findings appear only with --show-ignored, marked `ignored`.
import type { Finding } from '../types.js';
import { summarize, visibleFindings, type Report, type Summary } from './report.js';

export interface JsonFinding {
  rule: string;
  severity: Finding['severity'];
  object: { kind: string; namespace?: string; name: string };
  container?: string;
  message: string;
  evidence: string[];
  why: string;
  fix: string;
  ignored?: { by: 'annotation' | 'config'; detail: string };
}

export interface JsonReport {
  findings: JsonFinding[];
  summary: Summary;
}

export function toJsonFinding(f: Finding): JsonFinding {
  const out: JsonFinding = {
    rule: f.rule,
    severity: f.severity,
    object: { kind: f.object.kind, ...(f.object.namespace ? { namespace: f.object.namespace } : {}), name: f.object.name },
    ...(f.container !== undefined ? { container: f.container } : {}),
    message: f.message,
    evidence: [...f.evidence],
    why: f.why,
    fix: f.fix,
  };
  if (f.ignored) out.ignored = { by: f.ignored.by, detail: f.ignored.detail };
  return out;
}

export function renderJson(report: Report): string {
  const doc: JsonReport = { findings: visibleFindings(report).map(toJsonFinding), summary: summarize(report) };
  return JSON.stringify(doc, null, 2) + '\n';
}
