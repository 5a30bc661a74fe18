// ajv validators for the two machine-readable outputs. ajv-formats is not installed, so the
// two formats the schemas use are defined here: `uri` (absolute, parses as a URL) and
// `uri-reference` (a relative reference or a URI: no spaces or control characters, parses
// against a base).
import { readFileSync } from 'node:fs';
import AjvModule from 'ajv';

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
export const validateSarif = ajv.compile(schema('sarif-2.1.0-subset.schema.json'));

export function errorsOf(v: { errors?: unknown }): string {
  return JSON.stringify(v.errors ?? [], null, 1);
}
