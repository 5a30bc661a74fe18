import { describe, expect, it } from 'vitest';
import { rule } from '../../../src/analysis/rules/job-sidecar.js';
import { internalErrorsOnOddInput, liveSubject, manifestSubject, pod, run, workload } from './subject-builders.js';

const task = { name: 'export', image: 'example/export:1' };
const shipper = { name: 'log-forwarder', image: 'fluent/fluent-bit:3.1' };

describe('job-sidecar', () => {
  it('fires on a Job and a CronJob with a regular sidecar container', () => {
    for (const kind of ['Job', 'CronJob']) {
      const f = run(rule, manifestSubject(workload(kind, { restartPolicy: 'Never', containers: [task, shipper] })));
      expect(f).toHaveLength(1);
      expect(f[0].container).toBe('log-forwarder');
      expect(f[0].message).toContain('never exits, so the Job never completes');
    }
  });

  it('fires on a live pod owned by a Job', () => {
    const p = pod({ containers: [task, shipper] }, { metadata: { name: 'export-x', ownerReferences: [{ kind: 'Job', name: 'export', controller: true }] } });
    expect(run(rule, liveSubject(p))).toHaveLength(1);
  });

  it('native sidecars are the fix, not the problem', () => {
    const spec = { initContainers: [{ ...shipper, restartPolicy: 'Always' }], containers: [task] };
    expect(run(rule, manifestSubject(workload('Job', spec)))).toEqual([]);
  });

  it('not for Deployments', () => {
    expect(run(rule, manifestSubject(workload('Deployment', { containers: [task, shipper] })))).toEqual([]);
  });

  it('never throws on odd input', () => {
    expect(internalErrorsOnOddInput(rule)).toEqual([]);
  });
});
