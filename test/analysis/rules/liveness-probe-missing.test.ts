import { describe, expect, it } from 'vitest';
import { rule } from '../../../src/analysis/rules/liveness-probe-missing.js';
import { internalErrorsOnOddInput, manifestSubject, pod, run, workload } from './subject-builders.js';

describe('liveness-probe-missing', () => {
  it('fires (info) on a long-running container without a livenessProbe, ports or not', () => {
    const f = run(rule, manifestSubject(workload('Deployment', { containers: [{ name: 'worker', image: 'x:1' }] })));
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: 'info', container: 'worker', probe: 'liveness' });
    expect(f[0].evidence).toEqual(['spec.template.spec.containers[0].livenessProbe: not set']);
  });

  it('a configured probe of any handler is enough', () => {
    for (const probe of [{ exec: { command: ['true'] } }, { httpGet: { port: 80 } }, { tcpSocket: { port: 80 } }, { grpc: { port: 80 } }]) {
      expect(run(rule, manifestSubject(pod({ containers: [{ name: 'a', image: 'x:1', livenessProbe: probe }] })))).toEqual([]);
    }
  });

  it('not for Job/CronJob pods, init containers, or sidecars without ports', () => {
    expect(run(rule, manifestSubject(workload('Job', { containers: [{ name: 'a', image: 'x:1' }] })))).toEqual([]);
    expect(run(rule, manifestSubject(workload('CronJob', { containers: [{ name: 'a', image: 'x:1' }] })))).toEqual([]);
    const spec = {
      initContainers: [{ name: 'init', image: 'x:1' }],
      containers: [
        { name: 'app', image: 'x:1', livenessProbe: { exec: { command: ['true'] } } },
        { name: 'shipper', image: 'fluent/fluent-bit:3' },
      ],
    };
    expect(run(rule, manifestSubject(pod(spec)))).toEqual([]);
  });

  it('never throws on odd input', () => {
    expect(internalErrorsOnOddInput(rule)).toEqual([]);
  });
});
