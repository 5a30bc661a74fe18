import { describe, expect, it } from 'vitest';
import { rule } from '../../../src/analysis/rules/pdb-missing.js';
import { internalErrorsOnOddInput, liveSubject, manifestSubject, pod, run, workload } from './subject-builders.js';

const spec = { containers: [{ name: 'web', image: 'nginx:1.27' }] };

describe('pdb-missing', () => {
  it('fires on a Deployment with 3 replicas and no PDB', () => {
    const f = run(rule, manifestSubject(workload('Deployment', spec, { replicas: 3 })));
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: 'info', rule: 'pdb-missing' });
    expect(f[0].message).toContain('runs 3 replicas');
    expect(f[0].evidence).toContain('spec.replicas: 3');
  });

  it('live: fires through the top controller', () => {
    const sts = workload('StatefulSet', spec, { replicas: 2 });
    expect(run(rule, liveSubject(pod(spec)), { workload: sts })).toHaveLength(1);
  });

  it('does not fire when a PDB selects the pods', () => {
    const pdb = { kind: 'PodDisruptionBudget', metadata: { name: 'w' } };
    expect(run(rule, manifestSubject(workload('Deployment', spec, { replicas: 3 })), { pdbs: [pdb] })).toEqual([]);
  });

  it('does not fire on 1 replica, unset replicas, DaemonSets, Jobs or bare pods', () => {
    expect(run(rule, manifestSubject(workload('Deployment', spec, { replicas: 1 })))).toEqual([]);
    expect(run(rule, manifestSubject(workload('Deployment', spec)))).toEqual([]);
    expect(run(rule, manifestSubject(workload('DaemonSet', spec)))).toEqual([]);
    expect(run(rule, manifestSubject(workload('CronJob', spec)))).toEqual([]);
    expect(run(rule, manifestSubject(pod(spec)))).toEqual([]);
  });

  it('takes odd input without throwing', () => {
    expect(internalErrorsOnOddInput(rule)).toEqual([]);
  });
});
