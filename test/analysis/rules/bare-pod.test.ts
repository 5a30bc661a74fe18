import { describe, expect, it } from 'vitest';
import { rule } from '../../../src/analysis/rules/bare-pod.js';
import { internalErrorsOnOddInput, liveSubject, manifestSubject, pod, run, workload } from './subject-builders.js';

const spec = { containers: [{ name: 'shell', image: 'busybox:1.36' }] };

describe('bare-pod', () => {
  it('fires on a pod without owners', () => {
    const f = run(rule, manifestSubject(pod(spec)));
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ rule: 'bare-pod', severity: 'warning', object: { kind: 'Pod', name: 'p' } });
    expect(f[0].evidence).toEqual(['metadata.ownerReferences: none']);
  });

  it('fires when owners exist but none is the controller', () => {
    const p = pod(spec, { metadata: { name: 'p', ownerReferences: [{ kind: 'ConfigMap', name: 'cm' }] } });
    const f = run(rule, liveSubject(p));
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain('none is its controller');
  });

  it('does not fire on a pod owned by a ReplicaSet or Job', () => {
    for (const kind of ['ReplicaSet', 'Job', 'StatefulSet', 'DaemonSet']) {
      const p = pod(spec, { metadata: { name: 'p', ownerReferences: [{ kind, name: 'o', controller: true }] } });
      expect(run(rule, liveSubject(p))).toEqual([]);
    }
  });

  it('static (mirror) pods get info, not a warning', () => {
    const byAnnotation = pod(spec, { metadata: { name: 'etcd-node1', annotations: { 'kubernetes.io/config.mirror': 'abc' } } });
    const byNode = pod({ ...spec, nodeName: 'node1' }, { metadata: { name: 'kube-apiserver-node1', ownerReferences: [{ kind: 'Node', name: 'node1', controller: true }] } });
    for (const p of [byAnnotation, byNode]) {
      const f = run(rule, liveSubject(p));
      expect(f).toHaveLength(1);
      expect(f[0].severity).toBe('info');
      expect(f[0].message).toContain('static pod');
    }
  });

  it('never looks at workload templates', () => {
    expect(run(rule, manifestSubject(workload('Deployment', spec)))).toEqual([]);
  });

  it('takes odd input without throwing', () => {
    expect(internalErrorsOnOddInput(rule)).toEqual([]);
  });
});
