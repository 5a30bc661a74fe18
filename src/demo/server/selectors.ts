// Label and field selectors with the apiserver's syntax and error messages.
//
// Label selectors follow apimachinery's labels.Parse: `k`, `!k`, `k=v`, `k==v`, `k!=v`,
// `k in (a,b)`, `k notin (a,b)`, `k>1`, `k<1`, joined by commas. Field selectors follow
// fields.ParseSelector (`f=v`, `f==v`, `f!=v`) over the fields each kind supports.
import type { KubeObject, ResourceKind } from '../../model/kube.js';
import { BadRequest } from './status.js';

export type ObjectTest = (obj: KubeObject) => boolean;

const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

type Token =
  | { t: 'id'; v: string }
  | { t: 'op'; v: '=' | '==' | '!=' | '!' | '>' | '<' | '(' | ')' | ',' }
  | { t: 'end' };

function tokenize(input: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i];
    if (c === ' ' || c === '\t') {
      i++;
    } else if (input.startsWith('==', i) || input.startsWith('!=', i)) {
      out.push({ t: 'op', v: input.slice(i, i + 2) as '==' | '!=' });
      i += 2;
    } else if ('=!<>(),'.includes(c)) {
      out.push({ t: 'op', v: c as '=' });
      i++;
    } else {
      let j = i;
      while (j < input.length && !' \t=!<>(),'.includes(input[j])) j++;
      out.push({ t: 'id', v: input.slice(i, j) });
      i = j;
    }
  }
  out.push({ t: 'end' });
  return out;
}

function describe(tok: Token): string {
  return tok.t === 'end' ? 'EOF' : `'${tok.v}'`;
}

function fail(detail: string): never {
  throw new BadRequest(`unable to parse requirement: ${detail}`);
}

function checkKey(key: string): void {
  const slash = key.lastIndexOf('/');
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const bad =
    name.length === 0 ||
    name.length > 63 ||
    !QUALIFIED_NAME.test(name) ||
    (prefix !== undefined && (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix)));
  if (bad) fail(`key: Invalid value: "${key}": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`);
}

function checkValue(key: string, value: string): void {
  if (value === '') return;
  if (value.length > 63 || !QUALIFIED_NAME.test(value)) {
    fail(`values[0][${key}]: Invalid value: "${value}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`);
  }
}

/** Parses a label selector; throws BadRequest (HTTP 400) on malformed input. Empty selects all. */
export function parseLabelSelector(input: string): ObjectTest {
  const toks = tokenize(input);
  let p = 0;
  const tests: ((labels: Record<string, string>) => boolean)[] = [];
  if (toks[0].t === 'end') return () => true;
  while (true) {
    let tok = toks[p++];
    if (tok.t === 'op' && tok.v === '!') {
      const key = toks[p++];
      if (key.t !== 'id') fail(`found ${describe(key)}, expected: identifier`);
      checkKey(key.v);
      tests.push((l) => !(key.v in l));
    } else if (tok.t === 'id') {
      const key = tok.v;
      checkKey(key);
      const op = toks[p];
      if (op.t === 'end' || (op.t === 'op' && op.v === ',')) {
        tests.push((l) => key in l);
      } else if (op.t === 'op' && (op.v === '=' || op.v === '==' || op.v === '!=')) {
        p++;
        const val = toks[p];
        let value = '';
        if (val.t === 'id') {
          value = val.v;
          p++;
        } else if (!(val.t === 'end' || (val.t === 'op' && val.v === ','))) {
          fail(`found ${describe(val)}, expected: identifier after '${op.v}'`);
        }
        checkValue(key, value);
        if (op.v === '!=') tests.push((l) => l[key] !== value);
        else tests.push((l) => l[key] === value);
      } else if (op.t === 'op' && (op.v === '>' || op.v === '<')) {
        p++;
        const val = toks[p++];
        if (val.t !== 'id' || !/^-?\d+$/.test(val.v)) {
          fail(`for 'Gt', 'Lt' operators, the value must be an integer`);
        }
        const bound = Number(val.v);
        const gt = op.v === '>';
        tests.push((l) => {
          if (!(key in l) || !/^-?\d+$/.test(l[key])) return false;
          return gt ? Number(l[key]) > bound : Number(l[key]) < bound;
        });
      } else if (op.t === 'id' && (op.v === 'in' || op.v === 'notin')) {
        p++;
        const open = toks[p++];
        if (!(open.t === 'op' && open.v === '(')) fail(`found ${describe(open)}, expected: '('`);
        const values = new Set<string>();
        while (true) {
          const v = toks[p];
          if (v.t === 'id') {
            checkValue(key, v.v);
            values.add(v.v);
            p++;
          } else {
            values.add('');
          }
          const sep = toks[p++];
          if (sep.t === 'op' && sep.v === ')') break;
          if (!(sep.t === 'op' && sep.v === ',')) fail(`found ${describe(sep)}, expected: ',' or ')'`);
        }
        if (op.v === 'in') tests.push((l) => key in l && values.has(l[key]));
        else tests.push((l) => !(key in l) || !values.has(l[key]));
      } else {
        fail(`found ${describe(op)}, expected: in, notin, =, ==, !=, gt, lt`);
      }
    } else {
      fail(`found ${describe(tok)}, expected: !, identifier, or 'end of string'`);
    }
    tok = toks[p++];
    if (tok.t === 'end') break;
    if (!(tok.t === 'op' && tok.v === ',')) fail(`found ${describe(tok)}, expected: ',' or 'end of string'`);
  }
  return (obj) => {
    const raw = obj.metadata?.labels;
    const labels = raw && typeof raw === 'object' ? (raw as Record<string, string>) : {};
    return tests.every((t) => t(labels));
  };
}

// ---- field selectors ----

type FieldGetter = (obj: KubeObject) => string;

const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));
const at = (obj: unknown, path: string[]): unknown => {
  let cur: unknown = obj;
  for (const part of path) {
    if (!cur || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
};
const field = (path: string): FieldGetter => {
  const parts = path.split('.');
  return (obj) => str(at(obj, parts));
};

const COMMON: Record<string, FieldGetter> = {
  'metadata.name': field('metadata.name'),
  'metadata.namespace': field('metadata.namespace'),
};

/** The fields each kind may be selected by, as the apiserver registers them. */
const FIELDS: Partial<Record<ResourceKind, Record<string, FieldGetter>>> = {
  pods: {
    'spec.nodeName': field('spec.nodeName'),
    'spec.restartPolicy': field('spec.restartPolicy'),
    'spec.schedulerName': field('spec.schedulerName'),
    'spec.serviceAccountName': field('spec.serviceAccountName'),
    'spec.hostNetwork': (o) => str(at(o, ['spec', 'hostNetwork']) ?? false),
    'status.phase': field('status.phase'),
    'status.podIP': field('status.podIP'),
    'status.nominatedNodeName': field('status.nominatedNodeName'),
  },
  events: {
    'involvedObject.kind': field('involvedObject.kind'),
    'involvedObject.namespace': field('involvedObject.namespace'),
    'involvedObject.name': field('involvedObject.name'),
    'involvedObject.uid': field('involvedObject.uid'),
    'involvedObject.apiVersion': field('involvedObject.apiVersion'),
    'involvedObject.resourceVersion': field('involvedObject.resourceVersion'),
    'involvedObject.fieldPath': field('involvedObject.fieldPath'),
    reason: field('reason'),
    reportingComponent: field('reportingComponent'),
    source: field('source.component'),
    type: field('type'),
  },
  nodes: { 'spec.unschedulable': (o) => str(at(o, ['spec', 'unschedulable']) ?? false) },
  namespaces: { 'status.phase': field('status.phase') },
  jobs: { 'status.successful': (o) => str(at(o, ['status', 'succeeded']) ?? 0) },
  replicasets: { 'status.replicas': (o) => str(at(o, ['status', 'replicas']) ?? 0) },
};

/** Parses a field selector for `kind`; throws BadRequest for malformed input or unsupported fields. */
export function parseFieldSelector(kind: ResourceKind, input: string): ObjectTest {
  const tests: ObjectTest[] = [];
  if (input.trim() === '') return () => true;
  const known = { ...COMMON, ...(FIELDS[kind] ?? {}) };
  for (const part of splitTerms(input)) {
    const m = /^([^=!]*?)(==|!=|=)(.*)$/.exec(part);
    if (!m) throw new BadRequest(`invalid selector: '${input}'; can't understand '${part}'`);
    const name = m[1].trim();
    const getter = known[name];
    if (!getter) throw new BadRequest(`field label not supported: ${name}`);
    const value = unescapeFieldValue(m[3]);
    if (m[2] === '!=') tests.push((o) => getter(o) !== value);
    else tests.push((o) => getter(o) === value);
  }
  return (obj) => tests.every((t) => t(obj));
}

/** Requirements on `metadata.name` (used by watches of one object). */
export function selectedName(input: string): string | undefined {
  for (const part of splitTerms(input)) {
    const m = /^metadata\.name(==|=)(.*)$/.exec(part.trim());
    if (m) return unescapeFieldValue(m[2]);
  }
  return undefined;
}

/** Splits on commas not escaped with a backslash (fields.ParseSelector's escaping). */
function splitTerms(input: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < input.length; i++) {
    if (input[i] === '\\' && i + 1 < input.length) {
      cur += input[i] + input[i + 1];
      i++;
    } else if (input[i] === ',') {
      out.push(cur);
      cur = '';
    } else {
      cur += input[i];
    }
  }
  out.push(cur);
  return out;
}

function unescapeFieldValue(v: string): string {
  return v.replace(/\\(.)/g, '$1');
}
