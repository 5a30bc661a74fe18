import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../src/model/kube.js';
import { rule } from '../../../src/analysis/rules/stateful-deployment.js';
import { internalErrorsOnOddInput, liveSubject, manifestSubject, pod, run, workload } from './subject-builders.js';

const spec = (image: string) => ({
  volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'shared' } }],
  containers: [{ name: 'c', image, volumeMounts: [{ name: 'data', mountPath: '/data' }] }],
});
const pvc = (modes: string[]): Map<string, KubeObject> =>
  new Map([['shared', { kind: 'PersistentVolumeClaim', metadata: { name: 'shared' }, spec: { accessModes: modes } }]]);

describe('stateful-deployment', () => {
  it('fires when replicas > 1 share a ReadWriteOnce claim', () => {
    const s = manifestSubject(workload('Deployment', spec('example/app:1'), { replicas: 2 }));
    const f = run(rule, s, { pvcs: pvc(['ReadWriteOnce']) });
    expect(f).toHaveLength(1);
    expect(f[0].message).toBe('Deployment w runs 2 replicas on one ReadWriteOnce claim shared: replicas on other nodes cannot attach it');
    expect(f[0].evidence).toContain('spec.template.spec.volumes[0].persistentVolumeClaim.claimName: shared (ReadWriteOnce)');
  });

  it('fires when a Deployment runs a database on a claim, even with 1 replica', () => {
    const f = run(rule, manifestSubject(workload('Deployment', spec('mongo:7'), { replicas: 1 })));
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain('runs mongo on claim shared');
  });

  it('live: reads the Deployment from the owner chain', () => {
    const deployment = workload('Deployment', spec('example/app:1'), { replicas: 3 }) as KubeObject;
    const f = run(rule, liveSubject(pod(spec('example/app:1'))), { workload: deployment, owners: [deployment], pvcs: pvc(['ReadWriteOnce']) });
    expect(f).toHaveLength(1);
  });

  it('StatefulSets never fire; ReadWriteMany for a stateless app is fine; 1 replica of a stateless app is fine', () => {
    expect(run(rule, manifestSubject(workload('StatefulSet', spec('mongo:7'), { replicas: 3 })), { pvcs: pvc(['ReadWriteOnce']) })).toEqual([]);
    expect(run(rule, manifestSubject(workload('Deployment', spec('example/app:1'), { replicas: 3 })), { pvcs: pvc(['ReadWriteMany']) })).toEqual([]);
    expect(run(rule, manifestSubject(workload('Deployment', spec('example/app:1'), { replicas: 1 })), { pvcs: pvc(['ReadWriteOnce']) })).toEqual([]);
  });

  it('an unknown claim counts only through a database image', () => {
    expect(run(rule, manifestSubject(workload('Deployment', spec('example/app:1'), { replicas: 3 })))).toEqual([]);
  });

  it('never throws on odd input', () => {
    expect(internalErrorsOnOddInput(rule)).toEqual([]);
    expect(run(rule, manifestSubject(workload('Deployment', spec('mongo:7'), { replicas: 3 })), { pvcs: new Map([['shared', { spec: { accessModes: 'RWO' } }]]) as never })).toHaveLength(1);
  });
});
