// Silencing: a team may decide a finding does not apply to them. Silenced findings keep
// `ignored: {by, detail}`: they are counted and can be shown, never dropped.
//
//   annotation (pod, pod template or workload):  podscope.io/ignore: "port-conflict,image-tag"
//   per container:                               podscope.io/ignore: "resources-missing[log-shipper]"
//   config ($XDG_CONFIG_HOME/podscope/config.yaml): ignore: [{rule, namespace?, name?, container?}]
import { parse as parseYaml } from 'yaml';
import type { Finding } from './types.js';
import { asArray, asRecord, asString, isRecord } from './pod-helpers.js';

export const IGNORE_ANNOTATION = 'podscope.io/ignore';

export interface IgnoreEntry {
  /** A rule id, or `*` for every rule. */
  rule: string;
  namespace?: string;
  /** The object's name, or its workload's (a Deployment's name silences its pods too). */
  name?: string;
  container?: string;
}

export interface SilenceConfig {
  ignore: IgnoreEntry[];
}

/** One parsed term of the annotation: `rule` or `rule[container]`. */
interface AnnotationTerm {
  rule: string;
  container?: string;
}

export function parseIgnoreAnnotation(value: unknown): AnnotationTerm[] {
  if (typeof value !== 'string') return [];
  const out: AnnotationTerm[] = [];
  for (const raw of value.split(',')) {
    const term = raw.trim();
    if (!term) continue;
    const m = /^([^[\]\s]+)\s*(?:\[\s*([^\]]*?)\s*\])?$/.exec(term);
    if (!m) continue;
    out.push(m[2] ? { rule: m[1], container: m[2] } : { rule: m[1] });
  }
  return out;
}

/** Parses the config file's text. Throws one clear line on a bad shape. */
export function parseSilenceConfig(text: string): SilenceConfig {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (e) {
    const msg = e instanceof Error ? e.message.split('\n')[0] : String(e);
    throw new Error(`config: not valid YAML: ${msg}`);
  }
  if (doc === null || doc === undefined) return { ignore: [] };
  if (!isRecord(doc)) throw new Error('config: expected a mapping at the top level (ignore: [...])');
  if (doc.ignore === undefined || doc.ignore === null) return { ignore: [] };
  if (!Array.isArray(doc.ignore)) throw new Error('config: "ignore" must be a list of {rule, namespace?, name?, container?}');
  const ignore: IgnoreEntry[] = doc.ignore.map((item, i) => {
    if (typeof item === 'string') return { rule: item };
    if (!isRecord(item)) throw new Error(`config: ignore[${i}] must be a mapping with a "rule"`);
    const rule = asString(item.rule);
    if (!rule) throw new Error(`config: ignore[${i}] needs a "rule" (a rule id, or "*")`);
    const entry: IgnoreEntry = { rule };
    for (const key of ['namespace', 'name', 'container'] as const) {
      const v = item[key];
      if (v === undefined || v === null) continue;
      if (typeof v !== 'string') throw new Error(`config: ignore[${i}].${key} must be a string`);
      entry[key] = v;
    }
    return entry;
  });
  return { ignore };
}

/** Where a subject's silencing may come from. */
export interface SilenceScope {
  /** Annotation values, most specific first: pod (or template), then the workload. */
  annotations: { where: string; value: unknown }[];
  namespace?: string;
  /** Names a config entry's `name` may match: the object, its owners. */
  names: string[];
}

/**
 * The ignore annotation's value, undefined when there is none. Read without asRecord: it makes
 * an empty object for each absent part, and the live analysis asks this of every pod and owner,
 * most of which have no annotations (16 MB a cold pass of 50,027 pods).
 */
export function annotationsOf(meta: unknown): unknown {
  if (!isRecord(meta)) return undefined;
  const annotations = meta.annotations;
  return isRecord(annotations) ? annotations[IGNORE_ANNOTATION] : undefined;
}

function termMatches(term: { rule: string; container?: string }, f: Finding): boolean {
  if (term.rule !== '*' && term.rule !== f.rule) return false;
  if (term.container !== undefined && term.container !== f.container) return false;
  return true;
}

/** Marks silenced findings in place of copies; never removes one. `internal-error` is never silenced. */
export function applySilence(findings: Finding[], scope: SilenceScope, config?: SilenceConfig): Finding[] {
  if (findings.length === 0) return findings;
  const terms = scope.annotations.flatMap((a) => parseIgnoreAnnotation(a.value).map((t) => ({ ...t, where: a.where })));
  const entries = asArray(config?.ignore).filter(isRecord) as unknown as IgnoreEntry[];
  if (terms.length === 0 && entries.length === 0) return findings;
  return findings.map((f) => {
    if (f.rule === 'internal-error' || f.ignored) return f;
    const term = terms.find((t) => termMatches(t, f));
    if (term) {
      const what = term.container ? `${term.rule}[${term.container}]` : term.rule;
      return { ...f, ignored: { by: 'annotation', detail: `${IGNORE_ANNOTATION}: ${what} on the ${term.where}` } };
    }
    const entry = entries.find(
      (e) =>
        termMatches(e, f) &&
        (e.namespace === undefined || e.namespace === scope.namespace) &&
        (e.name === undefined || scope.names.includes(e.name)),
    );
    if (entry) {
      const parts = [`rule ${entry.rule}`];
      if (entry.namespace) parts.push(`namespace ${entry.namespace}`);
      if (entry.name) parts.push(`name ${entry.name}`);
      if (entry.container) parts.push(`container ${entry.container}`);
      return { ...f, ignored: { by: 'config', detail: `config ignore: ${parts.join(', ')}` } };
    }
    return f;
  });
}
