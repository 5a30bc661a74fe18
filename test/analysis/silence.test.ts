import { describe, expect, it } from 'vitest';
import { analyzeManifests, analyzeSubject } from '../../src/analysis/engine.js';
import { ruleById } from '../../src/analysis/registry.js';
import { parseIgnoreAnnotation, parseSilenceConfig } from '../../src/analysis/silence.js';
import { subjectFromPod } from '../../src/analysis/subjects.js';
import { ManifestIndex } from '../../src/analysis/context.js';
import type { KubeObject } from '../../src/model/kube.js';

const rules = ['resources-missing', 'image-tag'].map((id) => ruleById(id)!);
const containers = [
  { name: 'app', image: 'example/app' },
  { name: 'log-shipper', image: 'fluent/fluent-bit:3.1' },
];
const dep = (annotations?: Record<string, string>, templateAnnotations?: Record<string, string>): KubeObject => ({
  kind: 'Deployment',
  metadata: { name: 'api', namespace: 'shop', ...(annotations ? { annotations } : {}) },
  spec: { template: { metadata: templateAnnotations ? { annotations: templateAnnotations } : {}, spec: { containers } } },
});
const summary = (fs: ReturnType<typeof analyzeManifests>) => fs.map((f) => `${f.rule}:${f.container ?? ''}:${f.ignored ? f.ignored.by : 'open'}`);

describe('silencing', () => {
  it('without silencing every finding is open', () => {
    expect(summary(analyzeManifests([dep()], { rules }))).toEqual(['resources-missing:app:open', 'resources-missing:log-shipper:open', 'image-tag:app:open']);
  });

  it('the pod template annotation silences rules; findings are kept, marked', () => {
    const f = analyzeManifests([dep(undefined, { 'podscope.io/ignore': 'image-tag, resources-missing[log-shipper]' })], { rules });
    expect(summary(f)).toEqual(['resources-missing:app:open', 'resources-missing:log-shipper:annotation', 'image-tag:app:annotation']);
    expect(f[1].ignored!.detail).toBe('podscope.io/ignore: resources-missing[log-shipper] on the pod template');
  });

  it('the workload annotation silences its template', () => {
    const f = analyzeManifests([dep({ 'podscope.io/ignore': 'resources-missing' })], { rules });
    expect(summary(f)).toEqual(['resources-missing:app:annotation', 'resources-missing:log-shipper:annotation', 'image-tag:app:open']);
    expect(f[0].ignored!.detail).toContain('on the Deployment');
  });

  it('a live pod is silenced by its own annotation and by its owners\'', () => {
    const pod: KubeObject = { kind: 'Pod', metadata: { name: 'api-1', namespace: 'shop' }, spec: { containers } };
    const subject = subjectFromPod(pod);
    const ctx = { ...new ManifestIndex([]).context(subject, 0), owners: [dep({ 'podscope.io/ignore': 'image-tag' })] };
    expect(summary(analyzeSubject(subject, ctx, { rules }))).toEqual(['resources-missing:app:open', 'resources-missing:log-shipper:open', 'image-tag:app:annotation']);
  });

  it('config entries match rule, namespace, name (object or owner) and container', () => {
    const silence = parseSilenceConfig(`
ignore:
  - rule: resources-missing
    namespace: shop
    name: api
    container: log-shipper
  - rule: image-tag
    namespace: other
`);
    const f = analyzeManifests([dep()], { rules, silence });
    expect(summary(f)).toEqual(['resources-missing:app:open', 'resources-missing:log-shipper:config', 'image-tag:app:open']);
    expect(f[1].ignored!.detail).toBe('config ignore: rule resources-missing, namespace shop, name api, container log-shipper');
    const all = analyzeManifests([dep()], { rules, silence: parseSilenceConfig('ignore: ["*"]') });
    expect(all.every((x) => x.ignored?.by === 'config')).toBe(true);
  });

  it('internal errors are never silenced', () => {
    const thrower = { ...rules[0], check: () => { throw new Error('boom'); } };
    const f = analyzeManifests([dep(undefined, { 'podscope.io/ignore': '*' })], { rules: [thrower] });
    expect(f[0].rule).toBe('internal-error');
    expect(f[0].ignored).toBeUndefined();
  });

  it('parses the annotation leniently', () => {
    expect(parseIgnoreAnnotation(' a , b[c] ,, [x], d[ e ] ')).toEqual([{ rule: 'a' }, { rule: 'b', container: 'c' }, { rule: 'd', container: 'e' }]);
    expect(parseIgnoreAnnotation(5)).toEqual([]);
  });

  it('a bad config says what is wrong in one line', () => {
    expect(parseSilenceConfig('')).toEqual({ ignore: [] });
    expect(() => parseSilenceConfig('ignore: {rule: x}')).toThrow(/^config: "ignore" must be a list/);
    expect(() => parseSilenceConfig('- a')).toThrow(/^config: expected a mapping/);
    expect(() => parseSilenceConfig('ignore: [{namespace: x}]')).toThrow('config: ignore[0] needs a "rule"');
    expect(() => parseSilenceConfig('ignore: [{rule: x, name: 5}]')).toThrow('config: ignore[0].name must be a string');
    expect(() => parseSilenceConfig('ignore: [')).toThrow(/^config: not valid YAML/);
    for (const text of ['ignore: [', 'a: b: c']) {
      try {
        parseSilenceConfig(text);
      } catch (e) {
        expect((e as Error).message).not.toContain('\n');
      }
    }
  });
});
