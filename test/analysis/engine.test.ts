import { describe, expect, it } from 'vitest';
import { analyzeManifests, analyzeRaw, analyzeSubject, countRaw, runRule } from '../../src/analysis/engine.js';
import { countInto } from '../../src/analysis/pod-findings.js';
import { ALL_RULES, ruleById } from '../../src/analysis/registry.js';
import type { Rule } from '../../src/analysis/rule.js';
import { RULE_IDS } from '../../src/analysis/types.js';
import { subjectFromManifest, subjectFromPod } from '../../src/analysis/subjects.js';
import { ManifestIndex } from '../../src/analysis/context.js';
import { buildScenarios } from '../../src/demo/scenarios/index.js';
import type { KubeObject } from '../../src/model/kube.js';

const NOW = Date.parse('2026-03-01T12:00:00Z');

const deployment = (spec: unknown, meta: Record<string, unknown> = {}, templateMeta: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'shop', ...meta },
  spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' }, ...templateMeta }, spec } },
});

const throwing: Rule = {
  ...ALL_RULES[0],
  id: 'image-tag',
  check() {
    throw new TypeError("Cannot read properties of null (reading 'ports')");
  },
};

describe('engine', () => {
  it('registers every rule id exactly once', () => {
    expect(ALL_RULES.map((r) => r.id).sort()).toEqual([...RULE_IDS].sort());
    for (const r of ALL_RULES) expect(r.explain.bad.length).toBeGreaterThan(0);
  });

  it('a rule that throws becomes an internal-error finding, and the other rules still run', () => {
    const obj = deployment({ containers: [{ name: 'web', image: 'nginx' }] });
    const f = analyzeManifests([obj], { rules: [throwing, ruleById('resources-missing')!] });
    expect(f.map((x) => x.rule)).toEqual(['internal-error', 'resources-missing']);
    expect(f[0]).toMatchObject({ severity: 'info', object: { kind: 'Deployment', namespace: 'shop', name: 'web' } });
    expect(f[0].message).toBe("rule image-tag failed on this object: TypeError: Cannot read properties of null (reading 'ports')");
  });

  it('a rule that returns garbage is an internal error too', () => {
    const subject = subjectFromManifest(deployment({}))!;
    const ctx = new ManifestIndex([]).context(subject, NOW);
    const bad = { ...throwing, check: () => 'nope' as never };
    const worse = { ...throwing, check: () => [{ message: 5 }] as never };
    expect(runRule(bad, subject, ctx)[0].rule).toBe('internal-error');
    expect(runRule(worse, subject, ctx)[0].rule).toBe('internal-error');
  });

  it('counts what it would find, without making the findings: every scenario, and rules that throw or return garbage', () => {
    const zero = () => ({ error: 0, warning: 0, info: 0, ignored: 0 });
    const garbage = [
      throwing,
      { ...throwing, check: () => 'nope' as never },
      // One good hit and one malformed: the whole rule is one internal error, as runRule makes it.
      { ...throwing, check: () => [{ message: 'fine', severity: 'error' }, { message: 5 }] as never },
      { ...throwing, check: () => [{ message: 'raised', severity: 'error' }, { message: 'default' }] as never },
    ];
    const rules = [...ALL_RULES, ...garbage];
    const objects = buildScenarios(new Date(NOW)).objects;
    const index = new ManifestIndex(objects);
    let counted = 0;
    for (const obj of objects) {
      const live = (obj as KubeObject).kind === 'Pod' ? subjectFromPod(obj as KubeObject) : subjectFromManifest(obj);
      if (!live) continue;
      const ctx = index.context(live, NOW);
      const expected = countInto(zero(), analyzeRaw(live, ctx, rules));
      expect(countRaw(live, ctx, rules, zero())).toEqual(expected);
      counted += expected.error + expected.warning + expected.info;
    }
    expect(counted).toBeGreaterThan(100);
  });

  it('fills severity, why and fix from the rule', () => {
    const f = analyzeManifests([deployment({ containers: [{ name: 'web', image: 'nginx:1.27' }] })], { rules: [ruleById('resources-missing')!] });
    expect(f[0].why).toBe(ruleById('resources-missing')!.why);
    expect(f[0].fix).toBe(ruleById('resources-missing')!.fix);
    expect(f[0].severity).toBe('warning');
  });

  it('is deterministic: the same input gives the same findings', () => {
    const objects = buildScenarios(new Date(NOW)).objects;
    const a = analyzeManifests(objects, { now: NOW });
    const b = analyzeManifests(structuredClone(objects), { now: NOW });
    expect(a.length).toBeGreaterThan(20);
    expect(b).toEqual(a);
  });

  it('runtime rules never fire on manifests, even when the manifest carries a status', () => {
    const crashing = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', namespace: 'ns', ownerReferences: [{ kind: 'ReplicaSet', name: 'rs', controller: true }] },
      spec: { containers: [{ name: 'a', image: 'x:1' }] },
      status: { phase: 'Running', containerStatuses: [{ name: 'a', restartCount: 40, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1, reason: 'Error' } } }] },
    };
    expect(analyzeManifests([crashing]).some((f) => f.rule === 'crash-loop')).toBe(false);
    const live = subjectFromPod(crashing as KubeObject);
    const ctx = new ManifestIndex([]).context(live, NOW);
    expect(analyzeSubject(live, ctx).some((f) => f.rule === 'crash-loop')).toBe(true);
  });

  it('analyzes the pod template of every workload kind with evidence paths into the object as given', () => {
    const spec = { containers: [{ name: 'a', image: 'x:1' }] };
    const paths: Record<string, string> = {
      Deployment: 'spec.template.spec.containers[0]',
      ReplicaSet: 'spec.template.spec.containers[0]',
      StatefulSet: 'spec.template.spec.containers[0]',
      DaemonSet: 'spec.template.spec.containers[0]',
      Job: 'spec.template.spec.containers[0]',
      CronJob: 'spec.jobTemplate.spec.template.spec.containers[0]',
      Pod: 'spec.containers[0]',
    };
    for (const [kind, path] of Object.entries(paths)) {
      const obj =
        kind === 'Pod'
          ? { kind, metadata: { name: 'x' }, spec }
          : kind === 'CronJob'
            ? { kind, metadata: { name: 'x' }, spec: { jobTemplate: { spec: { template: { spec } } } } }
            : { kind, metadata: { name: 'x' }, spec: { template: { spec } } };
      const f = analyzeManifests([obj], { rules: [ruleById('resources-missing')!] });
      expect(f[0].evidence[0]).toBe(`${path}.resources: not set`);
      expect(f[0].object.kind).toBe(kind);
    }
  });

  it('ignores kinds without pods and flattens Lists', () => {
    const list = { kind: 'List', items: [{ kind: 'ConfigMap', metadata: { name: 'c' } }, deployment({ containers: [{ name: 'a', image: 'x:1' }] })] };
    const f = analyzeManifests([list], { rules: [ruleById('resources-missing')!] });
    expect(f.map((x) => x.object.name)).toEqual(['web']);
  });

  it('manifest context: Services, PVCs and PDBs in the same input count, other namespaces do not', () => {
    const app = deployment({
      containers: [{ name: 'web', image: 'example/web:1', volumeMounts: [{ name: 'd', mountPath: '/d' }] }],
      volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'shared' } }],
    });
    const svc = { kind: 'Service', metadata: { name: 'web', namespace: 'shop' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } };
    const otherSvc = { ...svc, metadata: { name: 'web', namespace: 'elsewhere' } };
    const pvc = { kind: 'PersistentVolumeClaim', metadata: { name: 'shared', namespace: 'shop' }, spec: { accessModes: ['ReadWriteOnce'] } };
    const pdb = { kind: 'PodDisruptionBudget', metadata: { name: 'web', namespace: 'shop' }, spec: { selector: { matchLabels: { app: 'web' } }, minAvailable: 1 } };
    const rules = ['readiness-probe-missing', 'stateful-deployment', 'pdb-missing'].map((id) => ruleById(id)!);
    const alone = analyzeManifests([app], { rules }).map((f) => f.rule);
    expect(alone).toEqual(['pdb-missing']);
    expect(analyzeManifests([app, otherSvc], { rules }).map((f) => f.rule)).toEqual(['pdb-missing']);
    const together = analyzeManifests([svc, pvc, pdb, app], { rules }).map((f) => f.rule);
    expect(together).toEqual(['readiness-probe-missing', 'stateful-deployment']);
  });

  it('takes anything as input without throwing', () => {
    for (const input of [[], [null], [5, 'x', []], [{ kind: 'Deployment' }], [{ kind: 'Deployment', spec: { template: null } }], [{ kind: 'List', items: 'x' }], 'x' as never]) {
      expect(() => analyzeManifests(input)).not.toThrow();
    }
  });
});
