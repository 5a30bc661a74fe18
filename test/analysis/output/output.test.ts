import { describe, expect, it } from 'vitest';
import { ALL_RULES } from '../../../src/analysis/registry.js';
import type { Finding } from '../../../src/analysis/types.js';
import { failsAt, orderFindings, summarize, type Report } from '../../../src/analysis/output/report.js';
import { renderJson } from '../../../src/analysis/output/json.js';
import { artifactUri, renderSarif } from '../../../src/analysis/output/sarif.js';
import { renderText, wantsColour } from '../../../src/analysis/output/text.js';
import { errorsOf, validateFindings, validateSarif } from './validators.js';

function finding(over: Partial<Finding>): Finding {
  return {
    rule: 'port-conflict',
    severity: 'error',
    object: { kind: 'Pod', namespace: 'legacy', name: 'port-clash' },
    container: 'api',
    message: 'containers web and api both listen on 8080/TCP in one network namespace',
    evidence: ['spec.containers[0].ports[0]: 8080/TCP (web)', 'spec.containers[1].ports[0]: 8080/TCP (api)'],
    why: 'why text',
    fix: 'fix text',
    port: { port: 8080, protocol: 'TCP' },
    ...over,
  };
}

const findings: Finding[] = [
  finding({}),
  finding({ rule: 'image-tag', severity: 'warning', object: { kind: 'Deployment', namespace: 'shop', name: 'web' }, container: 'web', message: 'no tag' }),
  finding({ rule: 'bare-pod', severity: 'warning', container: undefined, message: 'pod has no controller', ignored: { by: 'annotation', detail: 'podscope.io/ignore: bare-pod on the pod' } }),
  finding({ rule: 'pdb-missing', severity: 'info', object: { kind: 'Deployment', name: 'nons' }, container: undefined, message: 'no pdb' }),
];

function report(over: Partial<Report> = {}): Report {
  return { findings: orderFindings(findings), objects: 3, showIgnored: false, ...over };
}

describe('report', () => {
  it('summarises without counting silenced findings as findings', () => {
    expect(summarize(report())).toEqual({ error: 1, warning: 1, info: 1, objects: 3, ignored: 1 });
  });

  it('fails at or above the threshold, never on silenced findings', () => {
    expect(failsAt(findings, 'error')).toBe(true);
    expect(failsAt(findings.slice(1), 'error')).toBe(false);
    expect(failsAt(findings.slice(1), 'warning')).toBe(true);
    expect(failsAt([findings[2]], 'info')).toBe(false);
    expect(failsAt(findings, 'never')).toBe(false);
  });

  it('orders by first appearance of the object, then worst first', () => {
    const ordered = orderFindings([findings[2], findings[1], findings[0]]);
    expect(ordered.map((f) => f.rule)).toEqual(['port-conflict', 'bare-pod', 'image-tag']);
  });
});

describe('-o json', () => {
  it('matches the schema, with no UI anchors, and hides silenced findings by default', () => {
    const doc = JSON.parse(renderJson(report()));
    expect(validateFindings(doc), errorsOf(validateFindings)).toBe(true);
    expect(doc.findings).toHaveLength(3);
    expect(doc.findings[0]).toEqual({
      rule: 'port-conflict',
      severity: 'error',
      object: { kind: 'Pod', namespace: 'legacy', name: 'port-clash' },
      container: 'api',
      message: 'containers web and api both listen on 8080/TCP in one network namespace',
      evidence: ['spec.containers[0].ports[0]: 8080/TCP (web)', 'spec.containers[1].ports[0]: 8080/TCP (api)'],
      why: 'why text',
      fix: 'fix text',
    });
    expect(doc.summary).toEqual({ error: 1, warning: 1, info: 1, objects: 3, ignored: 1 });
  });

  it('--show-ignored lists silenced findings marked ignored', () => {
    const doc = JSON.parse(renderJson(report({ showIgnored: true })));
    expect(validateFindings(doc), errorsOf(validateFindings)).toBe(true);
    const silenced = doc.findings.filter((f: { ignored?: unknown }) => f.ignored);
    expect(silenced).toEqual([expect.objectContaining({ rule: 'bare-pod', ignored: { by: 'annotation', detail: 'podscope.io/ignore: bare-pod on the pod' } })]);
  });

  it('the schema rejects what the contract forbids', () => {
    const doc = JSON.parse(renderJson(report()));
    doc.findings[0].port = { port: 8080 };
    expect(validateFindings(doc)).toBe(false);
    const bad = JSON.parse(renderJson(report()));
    bad.findings[0].severity = 'critical';
    expect(validateFindings(bad)).toBe(false);
  });
});

describe('-o text', () => {
  it('groups by object with severity words, containers and the source line', () => {
    const text = renderText(report({ sourceOf: (f) => (f.object.name === 'web' ? { file: 'deploy/web.yaml', line: 12 } : undefined) }), { colour: false });
    const lines = text.split('\n');
    expect(lines[0]).toBe('Pod legacy/port-clash');
    expect(lines[1]).toBe('  ERROR    port-conflict  [api]  containers web and api both listen on 8080/TCP in one network namespace');
    expect(lines[2]).toBe('           fix: fix text');
    expect(text).toContain('Deployment shop/web  (deploy/web.yaml:12)\n  WARNING  image-tag      [web]  no tag');
    expect(text).toContain('Deployment nons\n  INFO     pdb-missing    no pdb');
    expect(text).not.toContain('bare-pod');
    expect(text.trimEnd().split('\n').pop()).toBe('1 error, 1 warning, 1 info in 3 objects (1 ignored, --show-ignored lists them)');
    expect(text).not.toContain('\x1b');
  });

  it('--verbose adds why and evidence; silenced findings say by what', () => {
    const text = renderText(report({ showIgnored: true }), { colour: false, verbose: true });
    expect(text).toContain('           why: why text\n             - spec.containers[0].ports[0]: 8080/TCP (web)');
    expect(text).toContain('(ignored: podscope.io/ignore: bare-pod on the pod)');
  });

  it('colours only when asked, and makes cluster text inert', () => {
    const evil = finding({ message: 'bad \x1b]0;pwned\x07 title', object: { kind: 'Pod', name: 'x\x1b[2J' } });
    const plain = renderText({ findings: [evil], objects: 1, showIgnored: false }, { colour: false });
    expect(plain).not.toContain('\x1b');
    expect(plain).toContain('bad \\x1b]0;pwned\\x07 title');
    expect(plain).toContain('Pod x\\x1b[2J');
    const coloured = renderText({ findings: [evil], objects: 1, showIgnored: false }, { colour: true });
    expect(coloured).toContain('\x1b[31mERROR');
    expect(coloured).not.toContain('\x1b]0;');
  });

  it('says so when nothing was found', () => {
    expect(renderText({ findings: [], objects: 1, showIgnored: false }, { colour: false })).toBe('no findings in 1 object\n');
  });

  it('wants colour only on a TTY without NO_COLOR or FORCE_COLOR=0', () => {
    expect(wantsColour({ isTTY: true }, {})).toBe(true);
    expect(wantsColour({ isTTY: false }, {})).toBe(false);
    expect(wantsColour({}, {})).toBe(false);
    expect(wantsColour({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(wantsColour({ isTTY: true }, { FORCE_COLOR: '0' })).toBe(false);
  });
});

describe('-o sarif', () => {
  const opts = { rules: ALL_RULES, toolVersion: '1.2.3', baseDir: '/repo' };

  it('is valid SARIF 2.1.0 with one driver rule per rule id', () => {
    const doc = JSON.parse(renderSarif(report({ sourceOf: (f) => (f.object.name === 'web' ? { file: '/repo/deploy/my web.yaml', line: 12 } : undefined) }), opts));
    expect(validateSarif(doc), errorsOf(validateSarif)).toBe(true);
    expect(doc.version).toBe('2.1.0');
    const driver = doc.runs[0].tool.driver;
    expect(driver).toMatchObject({ name: 'podscope', version: '1.2.3' });
    const ids = driver.rules.map((r: { id: string }) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(ALL_RULES.map((r) => r.id));
    const portConflict = driver.rules.find((r: { id: string }) => r.id === 'port-conflict');
    expect(portConflict.defaultConfiguration.level).toBe('error');
    expect(portConflict.help.markdown).toContain('```yaml');
    expect(driver.rules.find((r: { id: string }) => r.id === 'pdb-missing').defaultConfiguration.level).toBe('note');
  });

  it('results carry level, message, a file location when known and the object always', () => {
    const doc = JSON.parse(renderSarif(report({ sourceOf: (f) => (f.object.name === 'web' ? { file: '/repo/deploy/my web.yaml', line: 12 } : undefined) }), opts));
    const results = doc.runs[0].results;
    expect(results.map((r: { level: string }) => r.level)).toEqual(['error', 'warning', 'note']);
    const web = results[1];
    expect(web.ruleId).toBe('image-tag');
    expect(doc.runs[0].tool.driver.rules[web.ruleIndex].id).toBe('image-tag');
    expect(web.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'deploy/my%20web.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 12 } });
    expect(web.locations[0].logicalLocations[0]).toEqual({ name: 'web', fullyQualifiedName: 'Deployment shop/web[web]', kind: 'member' });
    expect(results[0].locations[0].physicalLocation).toBeUndefined();
    expect(results[0].message.text).toBe('Pod legacy/port-clash [api]: containers web and api both listen on 8080/TCP in one network namespace');
  });

  it('silenced findings, when shown, carry a suppression', () => {
    const doc = JSON.parse(renderSarif(report({ showIgnored: true }), opts));
    expect(validateSarif(doc), errorsOf(validateSarif)).toBe(true);
    const suppressed = doc.runs[0].results.filter((r: { suppressions?: unknown }) => r.suppressions);
    expect(suppressed).toHaveLength(1);
    expect(suppressed[0].suppressions).toEqual([{ kind: 'inSource', justification: 'podscope.io/ignore: bare-pod on the pod' }]);
  });

  it('internal-error findings get a driver rule too', () => {
    const doc = JSON.parse(renderSarif({ findings: [finding({ rule: 'internal-error', severity: 'info' })], objects: 1, showIgnored: false }, opts));
    expect(validateSarif(doc), errorsOf(validateSarif)).toBe(true);
    const r = doc.runs[0].results[0];
    expect(doc.runs[0].tool.driver.rules[r.ruleIndex].id).toBe('internal-error');
  });

  it('the subset schema rejects a wrong level', () => {
    const doc = JSON.parse(renderSarif(report(), opts));
    doc.runs[0].results[0].level = 'info';
    expect(validateSarif(doc)).toBe(false);
  });

  it('paths outside the base folder become file URIs', () => {
    expect(artifactUri('/elsewhere/a.yaml', '/repo')).toEqual({ uri: 'file:///elsewhere/a.yaml' });
    expect(artifactUri('./k8s/a b.yaml', '/repo')).toEqual({ uri: 'k8s/a%20b.yaml', uriBaseId: '%SRCROOT%' });
  });
});

describe('-o text advice', () => {
  it('prints one fix line for a run of one rule on one object', () => {
    const same = ['a', 'b', 'c'].map((c) => finding({ rule: 'resources-missing', severity: 'warning', container: c, message: `container ${c} has no limits`, fix: 'set limits' }));
    const text = renderText({ findings: same, objects: 1, showIgnored: false }, { colour: false });
    expect(text.match(/fix: set limits/g)).toHaveLength(1);
    expect(text.indexOf('fix: set limits')).toBeGreaterThan(text.indexOf('container c has no limits'));
    const verbose = renderText({ findings: same, objects: 1, showIgnored: false }, { colour: false, verbose: true });
    expect(verbose.match(/fix: set limits/g)).toHaveLength(3);
  });
});

describe('evidence paths', () => {
  it('parses the field path an evidence line starts with', async () => {
    const { evidencePath } = await import('../../../src/analysis/output/report.js');
    expect(evidencePath('spec.containers[1].ports[0]: 8080/TCP (api)')).toEqual(['spec', 'containers', 1, 'ports', 0]);
    expect(evidencePath('metadata.annotations["kubernetes.io/config.mirror"]: present')).toEqual(['metadata', 'annotations', 'kubernetes.io/config.mirror']);
    expect(evidencePath('spec.template.spec.hostNetwork: true')).toEqual(['spec', 'template', 'spec', 'hostNetwork']);
    expect(evidencePath('status.containerStatuses[0].state.waiting.reason: CrashLoopBackOff')).toEqual(['status', 'containerStatuses', 0, 'state', 'waiting', 'reason']);
    expect(evidencePath('Deployment w: spec.replicas: 1')).toBeUndefined();
    expect(evidencePath('PodDisruptionBudgets selecting the pods: none')).toBeUndefined();
    expect(evidencePath('specimen: x')).toBeUndefined();
  });
});

describe('SARIF fingerprints', () => {
  it('stay the same when only numbers in the message change, and differ per container and field', async () => {
    const { fingerprint } = await import('../../../src/analysis/output/sarif.js');
    const a = finding({ rule: 'crash-loop', message: 'container api is in CrashLoopBackOff (7 restarts)', evidence: ['status.containerStatuses[1].state.waiting.reason: CrashLoopBackOff'] });
    const later = { ...a, message: 'container api is in CrashLoopBackOff (9 restarts)' };
    expect(fingerprint(later)).toBe(fingerprint(a));
    expect(fingerprint({ ...a, container: 'web' })).not.toBe(fingerprint(a));
    expect(fingerprint({ ...a, evidence: ['status.containerStatuses[0].state.waiting.reason: CrashLoopBackOff'] })).not.toBe(fingerprint(a));
    const doc = JSON.parse(renderSarif({ findings: [a], objects: 1, showIgnored: false }, { rules: ALL_RULES, toolVersion: '1', baseDir: '/' }));
    expect(doc.runs[0].results[0].partialFingerprints).toEqual({ 'podscopeFinding/v1': fingerprint(a) });
    expect(validateSarif(doc), errorsOf(validateSarif)).toBe(true);
  });
});
