import { describe, expect, it } from 'vitest';
import { rule } from '../../../src/analysis/rules/port-conflict.js';
import { internalErrorsOnOddInput, liveSubject, manifestSubject, pod, run, workload } from './subject-builders.js';

const clash = {
  containers: [
    { name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 8080 }] },
    { name: 'api', image: 'example/api:1', ports: [{ containerPort: 8080, protocol: 'TCP' }] },
  ],
};

describe('port-conflict', () => {
  it('fires when two containers declare the same port and protocol, with both in the evidence', () => {
    const f = run(rule, manifestSubject(pod(clash)));
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ rule: 'port-conflict', severity: 'error', container: 'api', port: { port: 8080, protocol: 'TCP' } });
    expect(f[0].message).toBe('containers web and api both listen on 8080/TCP in one network namespace');
    expect(f[0].evidence).toEqual(['spec.containers[0].ports[0]: 8080/TCP (web)', 'spec.containers[1].ports[0]: 8080/TCP (api)']);
  });

  it('evidence paths are relative to a Deployment as given', () => {
    const f = run(rule, manifestSubject(workload('Deployment', clash)));
    expect(f[0].evidence).toEqual([
      'spec.template.spec.containers[0].ports[0]: 8080/TCP (web)',
      'spec.template.spec.containers[1].ports[0]: 8080/TCP (api)',
    ]);
    expect(f[0].object).toEqual({ kind: 'Deployment', namespace: 'ns', name: 'w' });
  });

  it('names the container that exited with "address already in use" as the likely victim', () => {
    const status = {
      containerStatuses: [
        { name: 'web', state: { running: {} } },
        { name: 'api', state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1, message: 'listen tcp :8080: bind: address already in use' } } },
      ],
    };
    const swapped = { containers: [clash.containers[1], clash.containers[0]] };
    const f = run(rule, liveSubject(pod(swapped, { status })));
    expect(f[0].container).toBe('api');
    expect(f[0].message).toContain('api exited with "listen tcp :8080: bind: address already in use": it is the likely victim');
  });

  it('53/TCP and 53/UDP do not conflict (a DNS server)', () => {
    const dns = {
      containers: [
        { name: 'dns-tcp', image: 'coredns/coredns:1.11', ports: [{ containerPort: 53, protocol: 'TCP' }] },
        { name: 'dns-udp', image: 'coredns/coredns:1.11', ports: [{ containerPort: 53, protocol: 'UDP' }] },
      ],
    };
    expect(run(rule, manifestSubject(pod(dns)))).toEqual([]);
  });

  it('a finished init container does not hold its port; a regular init container never meets the app containers', () => {
    const spec = {
      initContainers: [{ name: 'migrate', image: 'example/migrate:1', ports: [{ containerPort: 8080 }] }],
      containers: [{ name: 'app', image: 'example/app:1', ports: [{ containerPort: 8080 }] }],
    };
    expect(run(rule, manifestSubject(pod(spec)))).toEqual([]);
    const status = { initContainerStatuses: [{ name: 'migrate', state: { terminated: { exitCode: 0, reason: 'Completed' } } }] };
    expect(run(rule, liveSubject(pod(spec, { status })))).toEqual([]);
  });

  it('native sidecars share the port space with the app containers', () => {
    const spec = {
      initContainers: [{ name: 'proxy', image: 'envoyproxy/envoy:v1.31', restartPolicy: 'Always', ports: [{ containerPort: 9901 }] }],
      containers: [{ name: 'app', image: 'example/app:1', ports: [{ containerPort: 9901 }] }],
    };
    const f = run(rule, manifestSubject(pod(spec)));
    expect(f).toHaveLength(1);
    expect(f[0].evidence[0]).toBe('spec.initContainers[0].ports[0]: 9901/TCP (proxy)');
  });

  it('an init container running after a native sidecar meets its port', () => {
    const spec = {
      initContainers: [
        { name: 'proxy', image: 'envoyproxy/envoy:v1.31', restartPolicy: 'Always', ports: [{ containerPort: 15000 }] },
        { name: 'warmup', image: 'example/warmup:1', ports: [{ containerPort: 15000 }] },
      ],
      containers: [{ name: 'app', image: 'example/app:1' }],
    };
    expect(run(rule, manifestSubject(pod(spec)))).toHaveLength(1);
  });

  it('with hostNetwork, a hostPort of one container takes the port another declares', () => {
    const spec = {
      hostNetwork: true,
      containers: [
        { name: 'agent', image: 'example/agent:1', ports: [{ containerPort: 9100, hostPort: 9200 }] },
        { name: 'other', image: 'example/other:1', ports: [{ containerPort: 9200 }] },
      ],
    };
    const f = run(rule, manifestSubject(pod(spec)));
    expect(f).toHaveLength(1);
    expect(f[0].evidence).toContain('spec.containers[0].ports[0].hostPort: 9200/TCP (agent)');
    // Without hostNetwork the hostPort is NAT on the node and does not touch the pod's port space.
    expect(run(rule, manifestSubject(pod({ ...spec, hostNetwork: false })))).toEqual([]);
  });

  it('two containers asking for one hostPort clash on the node', () => {
    const spec = {
      containers: [
        { name: 'a', image: 'x:1', ports: [{ containerPort: 80, hostPort: 8080 }] },
        { name: 'b', image: 'y:1', ports: [{ containerPort: 81, hostPort: 8080 }] },
      ],
    };
    const f = run(rule, manifestSubject(pod(spec)));
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain('on the node (hostPort)');
  });

  it('one container declaring a port twice is not a conflict between containers', () => {
    const spec = { containers: [{ name: 'a', image: 'x:1', ports: [{ containerPort: 80 }, { containerPort: 80, name: 'again' }] }] };
    expect(run(rule, manifestSubject(pod(spec)))).toEqual([]);
  });

  it('reads ports written as strings ("8080") and skips garbage', () => {
    const spec = {
      containers: [
        { name: 'a', image: 'x:1', ports: [{ containerPort: '8080' }, null, 'http', { containerPort: 'eighty' }] },
        { name: 'b', image: 'y:1', ports: [{ containerPort: 8080 }] },
      ],
    };
    expect(run(rule, manifestSubject(pod(spec)))).toHaveLength(1);
    expect(run(rule, manifestSubject(pod({ containers: [{ name: 'a', ports: '8080' }, { name: 'b', ports: '8080' }] })))).toEqual([]);
  });

  it('never throws on odd input', () => {
    expect(internalErrorsOnOddInput(rule)).toEqual([]);
  });
});
