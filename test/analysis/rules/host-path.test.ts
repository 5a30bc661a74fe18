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

describe('host-path on folders that hold the runtime socket', () => {
  it('read-write is an error; read-only says that read-only does not protect a socket', () => {
    for (const path of ['/var/run', '/run/', '/', '/run/containerd']) {
      const rw = run(rule, manifestSubject(pod(spec(path, false))));
      expect(rw[0].severity, path).toBe('error');
      expect(rw[0].message).toContain('holds the container runtime socket');
    }
    const ro = run(rule, manifestSubject(pod(spec('/var/run', true))));
    expect(ro[0].severity).toBe('warning');
    expect(ro[0].message).toContain('which a read-only mount does not protect');
    const agent = run(rule, manifestSubject(workload('DaemonSet', spec('/', true))));
    expect(agent[0].severity).toBe('info');
    expect(agent[0].message).toContain('read-only mount does not protect');
    expect(run(rule, manifestSubject(pod(spec('/var/lib/app', false))))[0].message).not.toContain('socket');
  });
});

describe('host-path socket folders, continued', () => {
  it('a subPath mount or no mount at all does not reach the socket', () => {
    const sub = spec('/', false);
    (sub.containers[0].volumeMounts[0] as Record<string, unknown>).subPath = 'etc/app';
    expect(run(rule, manifestSubject(pod(sub)))[0].severity).toBe('warning');
    const unmounted = { ...spec('/', false), containers: [{ name: 'agent', image: 'x:1' }] };
    expect(run(rule, manifestSubject(pod(unmounted)))[0].severity).toBe('warning');
  });
});
