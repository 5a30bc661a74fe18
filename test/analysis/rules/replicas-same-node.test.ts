import { describe, expect, it } from 'vitest';
import { rule } from '../../../src/analysis/rules/replicas-same-node.js';
import { contextFor, internalErrorsOnOddInput, liveSubject, manifestSubject, pod, run, workload } from './subject-builders.js';

const spec = { containers: [{ name: 'api', image: 'shop/payments:2.1' }] };

function replica(name: string, node: string, phase = 'Running', extraMeta: Record<string, unknown> = {}) {
  return { kind: 'Pod', metadata: { name, namespace: 'shop', ...extraMeta }, spec: { ...spec, nodeName: node }, status: { phase } };
}

const deployment = workload('Deployment', spec, { replicas: 2 });

describe('replicas-same-node', () => {
  it('fires when all running replicas share one node', () => {
    const a = replica('payments-a', 'node-1');
    const b = replica('payments-b', 'node-1');
    const f = run(rule, liveSubject(a), { workload: deployment, siblings: [a, b] as never });
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: 'warning' });
    expect(f[0].message).toBe('all 2 running pods of Deployment w are on node node-1: one node failure stops them all');
    expect(f[0].evidence).toEqual(['pod payments-a: spec.nodeName: node-1', 'pod payments-b: spec.nodeName: node-1']);
  });

  it('gives every replica the same message so the roll-up can merge them', () => {
    const a = replica('payments-a', 'node-1');
    const b = replica('payments-b', 'node-1');
    const fa = run(rule, liveSubject(a), { workload: deployment, siblings: [a, b] as never });
    const fb = run(rule, liveSubject(b), { workload: deployment, siblings: [b, a] as never });
    expect(fa[0].message).toBe(fb[0].message);
    expect(fa[0].evidence).toEqual(fb[0].evidence);
  });

  it('does not fire when replicas are spread', () => {
    const a = replica('a', 'node-1');
    const b = replica('b', 'node-2');
    expect(run(rule, liveSubject(a), { workload: deployment, siblings: [a, b] as never })).toEqual([]);
  });

  it('counts only running pods that are not being deleted', () => {
    const a = replica('a', 'node-1');
    const pending = replica('b', 'node-1', 'Pending');
    const leaving = replica('c', 'node-1', 'Running', { deletionTimestamp: '2026-03-01T11:59:00Z' });
    expect(run(rule, liveSubject(a), { workload: deployment, siblings: [a, pending, leaving] as never })).toEqual([]);
  });

  it('never fires for DaemonSets or Jobs', () => {
    const a = replica('a', 'node-1');
    const b = replica('b', 'node-1');
    for (const kind of ['DaemonSet', 'Job', 'CronJob']) {
      expect(run(rule, liveSubject(a), { workload: workload(kind, spec), siblings: [a, b] as never })).toEqual([]);
    }
  });

  it('never fires on manifests or pods without a controller', () => {
    expect(run(rule, manifestSubject(deployment))).toEqual([]);
    const a = replica('a', 'node-1');
    expect(run(rule, liveSubject(a), { siblings: [a, replica('b', 'node-1')] as never })).toEqual([]);
    expect(run(rule, liveSubject(pod(spec)), { workload: deployment })).toEqual([]);
  });

  it("asks the controller first: no replica is checked unless its running pods share one node, and then a replica elsewhere finds nothing", () => {
    const gate = (siblings: unknown[], over: Record<string, unknown> = {}) =>
      rule.mayFireOnController!(liveSubject(siblings[0]), contextFor(liveSubject(siblings[0]), { workload: deployment, siblings: siblings as never, ...over }));
    const cases: [string, unknown[], Record<string, unknown>?][] = [
      ['spread', [replica('a', 'node-1'), replica('b', 'node-2')]],
      ['one running', [replica('a', 'node-1'), replica('b', 'node-1', 'Pending')]],
      ['one left', [replica('a', 'node-1'), replica('b', 'node-1', 'Running', { deletionTimestamp: '2026-03-01T11:59:00Z' })]],
      ['a DaemonSet', [replica('a', 'node-1'), replica('b', 'node-1')], { workload: workload('DaemonSet', spec) }],
      ['no controller', [replica('a', 'node-1'), replica('b', 'node-1')], { workload: undefined }],
    ];
    for (const [what, siblings, over] of cases) {
      expect(gate(siblings, over), what).toBe(false);
      // What the live analysis relies on when it leaves the rule out: no replica gets a finding.
      for (const p of siblings) expect(run(rule, liveSubject(p), { workload: deployment, siblings: siblings as never, ...over }), what).toEqual([]);
    }
    const together = [replica('a', 'node-1'), replica('b', 'node-1'), replica('c', 'node-2', 'Failed')];
    expect(gate(together)).toBe(true);
    expect(run(rule, liveSubject(together[2]), { workload: deployment, siblings: together as never })).toEqual([]);
  });

  it('takes odd input without throwing', () => {
    expect(internalErrorsOnOddInput(rule)).toEqual([]);
  });
});
