// ajv validators for the two machine-readable outputs. ajv-formats is not installed, so the
// two formats the schemas use are defined here: `uri` (absolute, parses as a URL) and
// `uri-reference` (a relative reference or a URI: no spaces or control characters, parses
// against a base).
import { readFileSync } from 'node:fs';
import AjvModule from 'ajv';
import AjvDraft04Module from 'ajv-draft-04';
import { createRequire } from 'node:module';

// ajv is CommonJS with a default export; under NodeNext the class sits on `.default`.
type AjvClass = typeof AjvModule.default;
const Ajv: AjvClass = (AjvModule as unknown as { default?: AjvClass }).default ?? (AjvModule as unknown as AjvClass);

function schema(name: string): object {
  return JSON.parse(readFileSync(new URL(name, import.meta.url), 'utf8')) as object;
}

function makeAjv() {
  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
  ajv.addFormat('uri', (s: string) => {
    try {
      new URL(s);
      return true;
    } catch {
      return false;
    }
  });
  ajv.addFormat('uri-reference', (s: string) => {
    if (/[\s\u0000-\u001f]/.test(s)) return false;
    try {
      new URL(s, 'file:///base/');
      return true;
    } catch {
      return false;
    }
  });
  return ajv;
}

const ajv = makeAjv();
export const validateFindings = ajv.compile(schema('findings.schema.json'));
const validateSarifSubset = ajv.compile(schema('sarif-2.1.0-subset.schema.json'));

// The official SARIF 2.1.0 (rtm.5) schema, as Microsoft ships it in @microsoft/jest-sarif. It
// is draft-04, which ajv 8 reads only through ajv-draft-04. Our own subset schema above adds
// what GitHub code scanning needs beyond the standard (e.g. a rules[] entry per rule id).
type Draft04Class = typeof AjvDraft04Module.default;
const AjvDraft04: Draft04Class =
  (AjvDraft04Module as unknown as { default?: Draft04Class }).default ?? (AjvDraft04Module as unknown as Draft04Class);
const officialSchemaPath = createRequire(import.meta.url).resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
// unicodeRegExp off: the official schema's `language` pattern has a stray ']' that the u flag rejects.
const draft04 = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false });
draft04.addFormat('uri', (s: string) => URL.canParse(s));
draft04.addFormat('uri-reference', (s: string) => !/[\s\u0000-\u001f]/.test(s) && URL.canParse(s, 'file:///base/'));
draft04.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)) && /^\d{4}-\d\d-\d\dT/.test(s));
const validateSarifOfficial = draft04.compile(JSON.parse(readFileSync(officialSchemaPath, 'utf8')) as object);

/** Valid against both the official SARIF 2.1.0 schema and our stricter subset. */
export const validateSarif = Object.assign(
  (doc: unknown): boolean => {
    const official = validateSarifOfficial(doc);
    const subset = validateSarifSubset(doc);
    validateSarif.errors = [...(validateSarifOfficial.errors ?? []), ...(validateSarifSubset.errors ?? [])];
    return official && subset;
  },
  { errors: [] as unknown[] },
);

export function errorsOf(v: { errors?: unknown }): string {
  return JSON.stringify(v.errors ?? [], null, 1);
}
