import { describe, expect, it } from 'vitest';
import { rule } from '../../../src/analysis/rules/host-namespaces.js';
import { internalErrorsOnOddInput, liveSubject, manifestSubject, pod, run, workload } from './subject-builders.js';

const containers = [{ name: 'agent', image: 'prom/node-exporter:v1.8.2' }];

describe('host-namespaces', () => {
  it('fires as error on a Deployment using hostNetwork and hostPID', () => {
    const f = run(rule, manifestSubject(workload('Deployment', { hostNetwork: true, hostPID: true, containers })));
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe('error');
    expect(f[0].message).toContain('hostNetwork, hostPID');
    expect(f[0].evidence).toEqual(['spec.template.spec.hostNetwork: true', 'spec.template.spec.hostPID: true']);
  });

  it('DaemonSets and static pods get info with the reason', () => {
    const ds = run(rule, manifestSubject(workload('DaemonSet', { hostNetwork: true, containers })));
    expect(ds[0].severity).toBe('info');
    expect(ds[0].message).toContain('a DaemonSet: node agents often need this');
    const live = run(rule, liveSubject(pod({ hostIPC: true, containers })), { workload: workload('DaemonSet', {}) });
    expect(live[0].severity).toBe('info');
    const mirror = pod({ hostNetwork: true, containers }, { metadata: { name: 'kube-proxy', annotations: { 'kubernetes.io/config.mirror': 'x' } } });
    expect(run(rule, liveSubject(mirror))[0].message).toContain('static pod');
  });

  it('does not fire when false, unset or not a boolean', () => {
    expect(run(rule, manifestSubject(pod({ hostNetwork: false, hostPID: 'true', containers })))).toEqual([]);
  });

  it('takes odd input without throwing', () => {
    expect(internalErrorsOnOddInput(rule)).toEqual([]);
  });
});
