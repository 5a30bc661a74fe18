// `analyze -o sarif`: SARIF 2.1.0 (OASIS), for code-scanning tools. One driver rule per rule
// id; results point at the file and line of the object when it came from a file, and name the
// object as a logical location always. Silenced findings, when shown, carry a suppression.
import { createHash } from 'node:crypto';
import { isAbsolute, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Rule } from '../rule.js';
import type { Finding, Severity } from '../types.js';
import { findingLine, visibleFindings, type Report } from './report.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

export interface SarifOptions {
  rules: readonly Rule[];
  toolVersion: string;
  /** Paths are made relative to this folder (the working directory). */
  baseDir: string;
}

/** A relative path as a URI reference (forward slashes, percent-encoded); a file:// URI outside baseDir. */
export function artifactUri(file: string, baseDir: string): { uri: string; uriBaseId?: string } {
  const rel = isAbsolute(file) ? relative(baseDir, file) : file;
  if (isAbsolute(rel) || rel.startsWith('..')) return { uri: pathToFileURL(file).href };
  const uri = rel
    .split(sep)
    .join('/')
    .split('/')
    .filter((seg) => seg !== '.')
    .map(encodeURIComponent)
    .join('/');
  return { uri, uriBaseId: '%SRCROOT%' };
}

function ruleHelp(rule: Rule): { text: string; markdown: string } {
  const guards = rule.explain.guards.map((g) => `- ${g}`).join('\n');
  const text = `${rule.why}\n\nFires when: ${rule.explain.fires}\n\nDoes not fire:\n${guards}\n\nFix: ${rule.fix}`;
  const markdown =
    `${rule.why}\n\n**Fires when:** ${rule.explain.fires}\n\n**Does not fire:**\n${guards}\n\n**Fix:** ${rule.fix}\n\n` +
    `Bad:\n\n\`\`\`yaml\n${rule.explain.bad}\n\`\`\`\n\nGood:\n\n\`\`\`yaml\n${rule.explain.good}\n\`\`\`\n`;
  return { text, markdown };
}

function driverRule(rule: Rule) {
  return {
    id: rule.id,
    name: rule.id.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase()),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.why },
    help: ruleHelp(rule),
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: { runtime: rule.runtime },
  };
}

const INTERNAL_ERROR_RULE = {
  id: 'internal-error',
  name: 'InternalError',
  shortDescription: { text: 'A rule failed on this object' },
  fullDescription: { text: 'A rule met input it did not expect; the other rules ran.' },
  help: { text: 'Report the object shape (without secrets) to the podscope maintainers.', markdown: 'Report the object shape (without secrets) to the podscope maintainers.' },
  defaultConfiguration: { level: 'note' as const },
};

export function renderSarif(report: Report, opts: SarifOptions): string {
  const findings = visibleFindings(report);
  const driverRules: object[] = opts.rules.map(driverRule);
  const index = new Map<string, number>(opts.rules.map((r, i) => [r.id, i]));
  for (const f of findings) {
    if (!index.has(f.rule)) {
      index.set(f.rule, driverRules.length);
      driverRules.push(f.rule === 'internal-error' ? INTERNAL_ERROR_RULE : { id: f.rule, shortDescription: { text: f.rule } });
    }
  }
  const results = findings.map((f) => result(f, index.get(f.rule)!, report, opts));
  const doc = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        // No informationUri/helpUri: the project has no published home yet, and a made-up link is worse than none.
        tool: { driver: { name: 'podscope', version: opts.toolVersion, rules: driverRules } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(doc, null, 2) + '\n';
}

/**
 * What makes a finding the same finding on the next run, for code-scanning tools that track
 * alerts: the rule, the object, the container and the field it is about; not the message,
 * whose numbers change (restarts, durations), nor the line, which moves with edits.
 */
export function fingerprint(f: Finding): string {
  const field = (f.evidence[0] ?? '').split(': ')[0];
  const key = [f.rule, f.object.kind, f.object.namespace ?? '', f.object.name, f.container ?? '', field].join('\u0000');
  return createHash('sha256').update(key).digest('hex').slice(0, 32);
}

function result(f: Finding, ruleIndex: number, report: Report, opts: SarifOptions) {
  const ns = f.object.namespace ? `${f.object.namespace}/` : '';
  const objectName = `${f.object.kind} ${ns}${f.object.name}`;
  const logical = {
    name: f.container ?? f.object.name,
    fullyQualifiedName: f.container !== undefined ? `${objectName}[${f.container}]` : objectName,
    kind: f.container !== undefined ? 'member' : 'object',
  };
  const src = report.sourceOf?.(f);
  const location: Record<string, unknown> = { logicalLocations: [logical] };
  if (src) {
    location.physicalLocation = {
      artifactLocation: artifactUri(src.file, opts.baseDir),
      region: { startLine: Math.max(1, findingLine(f, src)) },
    };
  }
  const out: Record<string, unknown> = {
    ruleId: f.rule,
    ruleIndex,
    level: LEVEL[f.severity],
    message: { text: `${objectName}${f.container !== undefined ? ` [${f.container}]` : ''}: ${f.message}` },
    locations: [location],
    partialFingerprints: { 'podscopeFinding/v1': fingerprint(f) },
    properties: { object: f.object, ...(f.container !== undefined ? { container: f.container } : {}), evidence: f.evidence, fix: f.fix },
  };
  if (f.ignored) {
    out.suppressions = [{ kind: f.ignored.by === 'annotation' ? 'inSource' : 'external', justification: f.ignored.detail }];
  }
  return out;
}
