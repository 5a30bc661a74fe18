// `analyze -o text`: findings grouped by object, for a terminal or a CI log.
//
//   Deployment shop/web  (deploy/web.yaml:12)
//     ERROR    port-conflict  [api]  containers web and api both listen on 8080/TCP …
//              fix: …
//
// Severity is always a word; colour is added only for a terminal (and never with NO_COLOR).
// Everything printed is passed through sanitize(): names and messages come from a cluster.
import { sanitize } from '../../model/sanitize.js';
import type { Finding, Severity } from '../types.js';
import { objectGroupKey, summarize, visibleFindings, type Report } from './report.js';

export interface TextOptions {
  colour: boolean;
  /** Also print why and the evidence under each finding. */
  verbose?: boolean;
}

const SGR = { reset: '\x1b[0m', bold: '\x1b[1m', dim: '\x1b[2m', red: '\x1b[31m', yellow: '\x1b[33m', cyan: '\x1b[36m' };
const SEVERITY_COLOUR: Record<Severity, string> = { error: SGR.red, warning: SGR.yellow, info: SGR.cyan };

/** Colour for a stream: only a TTY, never with NO_COLOR (https://no-color.org) or FORCE_COLOR=0. */
export function wantsColour(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR === '0') return false;
  return stream.isTTY === true;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function renderText(report: Report, opts: TextOptions): string {
  const paint = (code: string, s: string) => (opts.colour ? `${code}${s}${SGR.reset}` : s);
  const findings = visibleFindings(report);
  const lines: string[] = [];
  const ruleWidth = Math.max(0, ...findings.map((f) => f.rule.length));
  let currentObject = '';
  findings.forEach((f, i) => {
    const key = objectGroupKey(f, report.sourceOf);
    if (key !== currentObject) {
      if (currentObject) lines.push('');
      currentObject = key;
      const ns = f.object.namespace ? `${sanitize(f.object.namespace)}/` : '';
      const src = report.sourceOf?.(f);
      const where = src ? `  (${sanitize(src.file)}:${src.line})` : '';
      lines.push(paint(SGR.bold, `${sanitize(f.object.kind)} ${ns}${sanitize(f.object.name)}`) + paint(SGR.dim, where));
    }
    // One fix line for a run of findings of one rule on one object (four containers without
    // limits need the advice once, not four times).
    const next = findings[i + 1];
    const sameAdviceNext = next !== undefined && objectGroupKey(next, report.sourceOf) === key && next.rule === f.rule && next.fix === f.fix;
    lines.push(...findingLines(f, ruleWidth, { ...opts, withFix: !sameAdviceNext || opts.verbose === true }, paint));
  });
  const s = summarize(report);
  if (lines.length > 0) lines.push('');
  const counts =
    s.error + s.warning + s.info === 0
      ? `no findings in ${plural(s.objects, 'object')}`
      : `${plural(s.error, 'error')}, ${plural(s.warning, 'warning')}, ${s.info} info in ${plural(s.objects, 'object')}`;
  const ignored = s.ignored > 0 ? ` (${s.ignored} ignored${report.showIgnored ? '' : ', --show-ignored lists them'})` : '';
  lines.push(counts + ignored);
  return lines.join('\n') + '\n';
}

function findingLines(f: Finding, ruleWidth: number, opts: TextOptions & { withFix: boolean }, paint: (code: string, s: string) => string): string[] {
  const word = f.severity.toUpperCase().padEnd(8);
  const container = f.container !== undefined ? `[${sanitize(f.container)}]  ` : '';
  const head = `  ${paint(SEVERITY_COLOUR[f.severity], word)} ${f.rule.padEnd(ruleWidth)}  ${container}${sanitize(f.message)}`;
  const indent = ' '.repeat(2 + 8 + 1);
  const out = [f.ignored ? paint(SGR.dim, `${head}  (ignored: ${sanitize(f.ignored.detail)})`) : head];
  if (opts.verbose) {
    out.push(`${indent}why: ${sanitize(f.why)}`);
    for (const e of f.evidence) out.push(`${indent}  - ${sanitize(e)}`);
  }
  if (opts.withFix) out.push(paint(SGR.dim, `${indent}fix: ${sanitize(f.fix)}`));
  return out;
}
