import { describe, expect, it } from 'vitest';
import { rule } from '../../../src/analysis/rules/host-path.js';
import { internalErrorsOnOddInput, manifestSubject, pod, run, workload } from './subject-builders.js';

function spec(path: string, readOnly: boolean) {
  return {
    volumes: [{ name: 'host', hostPath: { path } }, { name: 'scratch', emptyDir: {} }],
    containers: [{ name: 'agent', image: 'x:1', volumeMounts: [{ name: 'host', mountPath: '/host', readOnly }, { name: 'scratch', mountPath: '/tmp' }] }],
  };
}

describe('host-path', () => {
  it('fires as warning on a hostPath volume, naming the path and who mounts it', () => {
    const f = run(rule, manifestSubject(pod(spec('/etc', false))));
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: 'warning', volume: 'host', container: 'agent' });
    expect(f[0].message).toBe('volume host mounts /etc from the node read-write (mounted by agent)');
    expect(f[0].evidence).toEqual(['spec.volumes[0].hostPath.path: /etc', 'spec.containers[0].volumeMounts[0]: /host rw (agent)']);
  });

  it('is an error for container runtime sockets, even in DaemonSets', () => {
    for (const path of ['/var/run/docker.sock', '/run/containerd/containerd.sock', '/var/run/crio/crio.sock']) {
      const f = run(rule, manifestSubject(workload('DaemonSet', spec(path, true))));
      expect(f[0].severity, path).toBe('error');
      expect(f[0].message).toContain('container runtime socket');
    }
  });

  it('node agents reading host files read-only get info', () => {
    expect(run(rule, manifestSubject(workload('DaemonSet', spec('/proc', true))))[0].severity).toBe('info');
    expect(run(rule, manifestSubject(workload('DaemonSet', spec('/var/lib', false))))[0].severity).toBe('warning');
    expect(run(rule, manifestSubject(workload('Deployment', spec('/proc', true))))[0].severity).toBe('warning');
  });

  it('does not fire without hostPath volumes', () => {
    expect(run(rule, manifestSubject(pod({ volumes: [{ name: 'd', emptyDir: {} }], containers: [{ name: 'a', image: 'x:1' }] })))).toEqual([]);
  });

  it('takes odd input without throwing', () => {
    expect(internalErrorsOnOddInput(rule)).toEqual([]);
  });
});
