import { describe, expect, it } from 'vitest';
import { rule } from '../../../src/analysis/rules/single-replica.js';
import { internalErrorsOnOddInput, liveSubject, manifestSubject, pod, run, workload } from './subject-builders.js';

const serving = { containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] };
const worker = { containers: [{ name: 'worker', image: 'shop/worker:1.0' }] };

describe('single-replica', () => {
  it('fires on a serving Deployment with replicas unset (default 1)', () => {
    const f = run(rule, manifestSubject(workload('Deployment', serving)));
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: 'info', object: { kind: 'Deployment', name: 'w' } });
    expect(f[0].message).toContain('runs 1 replica');
    expect(f[0].message).toContain('80/TCP (web)');
    expect(f[0].evidence[0]).toBe('spec.replicas: unset (defaults to 1)');
  });

  it('fires on a StatefulSet with replicas: 1 selected by a Service but declaring no port', () => {
    const svc = { kind: 'Service', metadata: { name: 'db' } };
    const f = run(rule, manifestSubject(workload('StatefulSet', worker, { replicas: 1 })), { services: [svc] });
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain('Service db');
  });

  it('live: reads the top controller', () => {
    const dep = workload('Deployment', serving, { replicas: 1 });
    const f = run(rule, liveSubject(pod(serving)), { workload: dep });
    expect(f).toHaveLength(1);
    expect(f[0].evidence[0]).toBe('Deployment w: spec.replicas: 1');
  });

  it('does not fire on 2+ replicas, 0 replicas, or malformed replicas', () => {
    for (const replicas of [2, 0, 'one']) expect(run(rule, manifestSubject(workload('Deployment', serving, { replicas })))).toEqual([]);
  });

  it('does not fire on Jobs, CronJobs, DaemonSets or bare pods', () => {
    for (const kind of ['DaemonSet', 'CronJob', 'ReplicaSet']) expect(run(rule, manifestSubject(workload(kind, serving)))).toEqual([]);
    expect(run(rule, manifestSubject(pod(serving)))).toEqual([]);
  });

  it('does not fire on a worker that serves nothing', () => {
    expect(run(rule, manifestSubject(workload('Deployment', worker)))).toEqual([]);
  });

  it('ports of a sidecar do not make it serving', () => {
    const spec = {
      containers: [
        { name: 'worker', image: 'shop/worker:1.0' },
        { name: 'metrics', image: 'prom/statsd-exporter:v0.26.0', ports: [{ containerPort: 9102 }] },
      ],
    };
    expect(run(rule, manifestSubject(workload('Deployment', spec)))).toEqual([]);
  });

  it('takes odd input without throwing', () => {
    expect(internalErrorsOnOddInput(rule)).toEqual([]);
  });
});
