// Label selectors, with Kubernetes semantics: the text form users type after `-l`
// (kubectl's grammar) and the structured forms objects carry (a workload's or PDB's
// LabelSelector, a Service's plain selector map).

export type SelectorOperator = 'Equals' | 'NotEquals' | 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt';

export interface LabelRequirement {
  key: string;
  operator: SelectorOperator;
  values: string[];
}

export type Labels = Record<string, string> | null | undefined;

// A qualified name with an optional DNS prefix (`app.kubernetes.io/name`), as the API
// server validates label keys; values are the same name syntax, 63 characters at most.
const NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const PREFIX = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function checkKey(key: string): void {
  const slash = key.indexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && (prefix.length > 253 || !PREFIX.test(prefix))) {
    throw new Error(`invalid label selector: bad key prefix "${prefix}"`);
  }
  if (!NAME.test(name)) throw new Error(`invalid label selector: bad key "${key}"`);
}

function checkValue(value: string): void {
  if (value !== '' && !NAME.test(value)) throw new Error(`invalid label selector: bad value "${value}"`);
}

/** Splits on commas that are not inside `( )`. */
function splitTerms(text: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '(') depth++;
    else if (ch === ')') {
      depth--;
      if (depth < 0) throw new Error('invalid label selector: unbalanced ")"');
    } else if (ch === ',' && depth === 0) {
      terms.push(text.slice(start, i));
      start = i + 1;
    }
  }
  if (depth !== 0) throw new Error('invalid label selector: missing ")"');
  terms.push(text.slice(start));
  return terms;
}

const SET_TERM = /^(\S+)\s+(in|notin)\s*\((.*)\)$/;
const OP_TERM = /^([^=!<>\s]+)\s*(==|=|!=|>|<)\s*(.*)$/;

function parseTerm(raw: string): LabelRequirement {
  const term = raw.trim();
  if (term === '') throw new Error('invalid label selector: empty requirement');
  const set = SET_TERM.exec(term);
  if (set) {
    const [, key, op, inner] = set;
    checkKey(key);
    const values = inner.split(',').map((v) => v.trim());
    if (values.length === 1 && values[0] === '') {
      throw new Error(`invalid label selector: "${key} ${op}" needs at least one value`);
    }
    values.forEach(checkValue);
    return { key, operator: op === 'in' ? 'In' : 'NotIn', values };
  }
  const op = OP_TERM.exec(term);
  if (op) {
    const [, key, symbol, rawValue] = op;
    const value = rawValue.trim();
    checkKey(key);
    if (symbol === '>' || symbol === '<') {
      if (!/^-?\d+$/.test(value)) throw new Error(`invalid label selector: "${key}${symbol}" needs an integer`);
      return { key, operator: symbol === '>' ? 'Gt' : 'Lt', values: [value] };
    }
    checkValue(value);
    return { key, operator: symbol === '!=' ? 'NotEquals' : 'Equals', values: [value] };
  }
  if (term.startsWith('!')) {
    const key = term.slice(1).trim();
    checkKey(key);
    return { key, operator: 'DoesNotExist', values: [] };
  }
  checkKey(term);
  return { key: term, operator: 'Exists', values: [] };
}

/**
 * Parses kubectl's `-l` syntax: `a=b,c!=d,e in (x,y),f notin (z),g,!h`. An empty text
 * selects everything. Throws an Error with a one-line message on bad syntax.
 */
export function parseLabelSelector(text: string): LabelRequirement[] {
  if (text.trim() === '') return [];
  return splitTerms(text).map(parseTerm);
}

function has(labels: Labels, key: string): boolean {
  return !!labels && Object.prototype.hasOwnProperty.call(labels, key);
}

function matchRequirement(req: LabelRequirement, labels: Labels): boolean {
  const present = has(labels, req.key);
  const value = present ? labels![req.key] : undefined;
  switch (req.operator) {
    case 'Equals':
    case 'In':
      return present && req.values.includes(String(value));
    case 'NotEquals':
    case 'NotIn':
      return !present || !req.values.includes(String(value));
    case 'Exists':
      return present;
    case 'DoesNotExist':
      return !present;
    case 'Gt':
    case 'Lt': {
      if (!present || !/^-?\d+$/.test(String(value))) return false;
      const n = Number(value);
      const bound = Number(req.values[0]);
      return req.operator === 'Gt' ? n > bound : n < bound;
    }
  }
}

/** True when the labels satisfy every requirement (an empty list matches everything). */
export function matchLabels(reqs: readonly LabelRequirement[], labels: Labels): boolean {
  for (const req of reqs) if (!matchRequirement(req, labels)) return false;
  return true;
}

export interface LabelSelectorLike {
  matchLabels?: Record<string, string> | null;
  matchExpressions?: { key?: string; operator?: string; values?: string[] | null }[] | null;
}

/**
 * A structured LabelSelector (Deployment, StatefulSet, PDB …), as the API server reads it:
 * an empty selector `{}` matches every pod; a missing (null) selector matches none; an
 * expression with an unknown operator makes the selector invalid, which matches none.
 */
export function matchLabelSelector(selector: LabelSelectorLike | null | undefined, labels: Labels): boolean {
  if (!selector || typeof selector !== 'object') return false;
  const ml = selector.matchLabels;
  if (ml && typeof ml === 'object') {
    for (const [k, v] of Object.entries(ml)) {
      if (!has(labels, k) || labels![k] !== v) return false;
    }
  }
  const exprs = selector.matchExpressions;
  if (Array.isArray(exprs)) {
    for (const e of exprs) {
      if (!e || typeof e.key !== 'string') return false;
      const values = Array.isArray(e.values) ? e.values.map(String) : [];
      const present = has(labels, e.key);
      switch (e.operator) {
        case 'In':
          if (!present || !values.includes(labels![e.key])) return false;
          break;
        case 'NotIn':
          if (present && values.includes(labels![e.key])) return false;
          break;
        case 'Exists':
          if (!present) return false;
          break;
        case 'DoesNotExist':
          if (present) return false;
          break;
        default:
          return false;
      }
    }
  }
  return true;
}

/**
 * A Service's plain `spec.selector` map: every pair must match; an empty or missing map
 * selects nothing (such a Service has manually managed endpoints).
 */
export function matchSelectorMap(map: Record<string, string> | null | undefined, labels: Labels): boolean {
  if (!map || typeof map !== 'object') return false;
  const entries = Object.entries(map);
  if (entries.length === 0) return false;
  for (const [k, v] of entries) if (!has(labels, k) || labels![k] !== v) return false;
  return true;
}
