// The advice overlay of the YAML view: each finding goes under the YAML line it is about.
// A finding's evidence names paths (`spec.containers[1].ports[0]: 8080/TCP (api)`); the first
// path found in the document decides the line, else the finding's container, else the top.
import { isCollection, isPair, isScalar, parseDocument, type Document } from 'yaml';
import type { Finding } from '../../analysis/types.js';

type PathPart = string | number;

/** `spec.containers[1].ports[0]` → ['spec', 'containers', 1, 'ports', 0]; undefined when it is not a path. */
export function evidencePath(evidence: string): PathPart[] | undefined {
  const head = evidence.split(/[:\s]/, 1)[0];
  if (!/^[A-Za-z][\w-]*(\.[A-Za-z][\w-]*|\[\d+\])*$/.test(head)) return undefined;
  const parts: PathPart[] = [];
  for (const m of head.matchAll(/([A-Za-z][\w-]*)|\[(\d+)\]/g)) parts.push(m[1] ?? Number(m[2]));
  return parts.length > 1 ? parts : undefined;
}

/** The line a path starts on in the document, or undefined when the document lacks it. */
function lineOfPath(doc: Document, lineStarts: number[], path: PathPart[]): number | undefined {
  let node: unknown = doc.contents;
  let offset: number | undefined;
  for (const part of path) {
    if (!isCollection(node)) return undefined;
    const item = (node.items as unknown[]).find((it, i) => (typeof part === 'number' ? i === part : isPair(it) && isScalar(it.key) && it.key.value === part));
    if (item === undefined) return undefined;
    if (isPair(item)) {
      offset = isScalar(item.key) ? item.key.range?.[0] : undefined;
      node = item.value;
    } else {
      node = item;
      offset = (item as { range?: [number, number, number] }).range?.[0];
    }
  }
  if (offset === undefined) return undefined;
  // The last line starting at or before the offset.
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Findings by the YAML line (0-based) they belong under. */
export function findingsByLine(yamlText: string, findings: readonly Finding[], obj: unknown): Map<number, Finding[]> {
  const out = new Map<number, Finding[]>();
  if (!yamlText || findings.length === 0) return out;
  const doc = parseDocument(yamlText);
  const lineStarts = [0];
  for (let i = 0; i < yamlText.length; i++) if (yamlText.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const spec = (obj as { spec?: { containers?: { name?: unknown }[]; initContainers?: { name?: unknown }[] } } | undefined)?.spec;
  const containerPath = (name: string): PathPart[] | undefined => {
    const i = Array.isArray(spec?.containers) ? spec.containers.findIndex((c) => c?.name === name) : -1;
    if (i >= 0) return ['spec', 'containers', i];
    const j = Array.isArray(spec?.initContainers) ? spec.initContainers.findIndex((c) => c?.name === name) : -1;
    return j >= 0 ? ['spec', 'initContainers', j] : undefined;
  };
  for (const f of findings) {
    let line: number | undefined;
    for (const e of f.evidence ?? []) {
      const path = evidencePath(e);
      if (path) line = lineOfPath(doc, lineStarts, path);
      if (line !== undefined) break;
    }
    if (line === undefined && f.container) {
      const path = containerPath(f.container);
      if (path) line = lineOfPath(doc, lineStarts, path);
    }
    line ??= 0;
    const list = out.get(line);
    if (list) list.push(f);
    else out.set(line, [f]);
  }
  return out;
}
