// Whatever the findings hold (cluster text with escape sequences, odd names, empty lists), the
// three outputs stay valid: JSON against its schema, SARIF against the 2.1.0 subset, and text
// without a single raw control character.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALL_RULES } from '../../../src/analysis/registry.js';
import { RULE_IDS, type Finding } from '../../../src/analysis/types.js';
import { orderFindings } from '../../../src/analysis/output/report.js';
import { renderJson } from '../../../src/analysis/output/json.js';
import { renderSarif } from '../../../src/analysis/output/sarif.js';
import { renderText } from '../../../src/analysis/output/text.js';
import { errorsOf, validateFindings, validateSarif } from './validators.js';

const clusterText = fc.oneof(
  fc.string({ minLength: 1, maxLength: 20 }),
  fc.constantFrom('web', 'x\u001b[2Jy', '\u009b31m', 'a\nb', 'rtl\u202eevil', 'ünïcødé', '日本語', ' '),
);

const finding: fc.Arbitrary<Finding> = fc.record(
  {
    rule: fc.constantFrom(...RULE_IDS, 'internal-error' as const),
    severity: fc.constantFrom('error' as const, 'warning' as const, 'info' as const),
    object: fc.record({ kind: fc.constantFrom('Pod', 'Deployment', 'CronJob'), namespace: fc.option(clusterText, { nil: undefined }), name: clusterText }),
    container: fc.option(clusterText, { nil: undefined }),
    message: clusterText.map((s) => s.replace(/\n/g, ' ')),
    evidence: fc.array(clusterText, { maxLength: 3 }),
    why: clusterText,
    fix: clusterText,
    ignored: fc.option(fc.record({ by: fc.constantFrom('annotation' as const, 'config' as const), detail: clusterText }), { nil: undefined }),
  },
  { requiredKeys: ['rule', 'severity', 'object', 'message', 'evidence', 'why', 'fix'] },
);

const source = fc.option(fc.record({ file: fc.constantFrom('a.yaml', 'dir/my file.yaml', '<stdin>', '/abs/x.yml', '../up.json'), line: fc.integer({ min: 1, max: 5000 }) }), { nil: undefined });

describe('outputs on arbitrary findings', () => {
  it('JSON and SARIF validate, text stays inert', () => {
    fc.assert(
      fc.property(fc.array(finding, { maxLength: 8 }), fc.boolean(), source, (findings, showIgnored, src) => {
        // Namespaces are never empty in a real ref; objectRef() omits them instead.
        for (const f of findings) if (f.object.namespace === '') delete f.object.namespace;
        const report = { findings: orderFindings(findings), objects: findings.length, showIgnored, sourceOf: () => (src?.file === '<stdin>' ? undefined : src) };
        const json = JSON.parse(renderJson(report));
        expect(validateFindings(json), errorsOf(validateFindings)).toBe(true);
        const sarif = JSON.parse(renderSarif(report, { rules: ALL_RULES, toolVersion: '0.0.0', baseDir: '/abs' }));
        expect(validateSarif(sarif), errorsOf(validateSarif)).toBe(true);
        const text = renderText(report, { colour: false, verbose: true });
        expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
      }),
      { numRuns: 500 },
    );
  });
});
