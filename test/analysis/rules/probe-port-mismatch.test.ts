import { describe, expect, it } from 'vitest';
import { rule } from '../../../src/analysis/rules/probe-port-mismatch.js';
import { internalErrorsOnOddInput, manifestSubject, pod, run } from './subject-builders.js';

describe('probe-port-mismatch', () => {
  it('fires when a probe targets a port only another container declares, and says who owns it', () => {
    const spec = {
      containers: [
        { name: 'app', image: 'x:1', ports: [{ containerPort: 8080 }] },
        { name: 'proxy', image: 'envoyproxy/envoy:v1.31', ports: [{ containerPort: 8443 }], readinessProbe: { httpGet: { path: '/', port: 8080 } } },
      ],
    };
    const f = run(rule, manifestSubject(pod(spec)));
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ container: 'proxy', probe: 'readiness', severity: 'warning' });
    expect(f[0].message).toContain('belongs to app');
    expect(f[0].evidence).toEqual(['spec.containers[1].readinessProbe.httpGet.port: 8080', 'spec.containers[0].ports[0]: 8080/TCP (app)']);
  });

  it('resolves named ports against the container\'s own ports first', () => {
    const spec = {
      containers: [
        { name: 'app', image: 'x:1', ports: [{ name: 'http', containerPort: 8080 }], livenessProbe: { httpGet: { port: 'http' } } },
        { name: 'side', image: 'y:1', ports: [{ name: 'http', containerPort: 9090 }], livenessProbe: { tcpSocket: { port: 'http' } } },
      ],
    };
    expect(run(rule, manifestSubject(pod(spec)))).toEqual([]);
  });

  it('a named port declared only by another container fails (the kubelet looks in the probed container)', () => {
    const spec = {
      containers: [
        { name: 'app', image: 'x:1', ports: [{ name: 'metrics', containerPort: 9090 }] },
        { name: 'side', image: 'y:1', readinessProbe: { httpGet: { port: 'metrics' } } },
      ],
    };
    const f = run(rule, manifestSubject(pod(spec)));
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain('which only app declares');
  });

  it('only info on a port nobody declares, even when the container declares others (management ports often go undeclared)', () => {
    const spec = { containers: [{ name: 'app', image: 'x:1', ports: [{ containerPort: 8080 }], readinessProbe: { tcpSocket: { port: 8081 } } }] };
    const f = run(rule, manifestSubject(pod(spec)));
    expect(f[0].severity).toBe('info');
    expect(f[0].message).toBe('readiness probe of app checks port 8081, which no container declares (app declares 8080/TCP); if app listens there, declare it');
  });

  it("a recognised sidecar's undeclared probe port is its vendor's business (istio-proxy on 15021)", () => {
    const spec = {
      containers: [
        { name: 'app', image: 'x:1', ports: [{ containerPort: 8080 }] },
        { name: 'istio-proxy', image: 'docker.io/istio/proxyv2:1.22.1', ports: [{ containerPort: 15090, name: 'http-envoy-prom' }], readinessProbe: { httpGet: { path: '/healthz/ready', port: 15021 } } },
      ],
    };
    expect(run(rule, manifestSubject(pod(spec)))).toEqual([]);
  });

  it('only info when the container declares no ports at all (declaring is optional)', () => {
    const spec = { containers: [{ name: 'app', image: 'x:1', livenessProbe: { grpc: { port: 50051 } } }] };
    const f = run(rule, manifestSubject(pod(spec)));
    expect(f[0].severity).toBe('info');
  });

  it('exec probes are never checked', () => {
    const spec = { containers: [{ name: 'db', image: 'postgres:16', ports: [{ containerPort: 5432 }], readinessProbe: { exec: { command: ['pg_isready'] } } }] };
    expect(run(rule, manifestSubject(pod(spec)))).toEqual([]);
  });

  it('a UDP port does not satisfy an HTTP probe', () => {
    const spec = {
      containers: [
        { name: 'dns', image: 'coredns/coredns:1.11', ports: [{ containerPort: 53, protocol: 'UDP' }], livenessProbe: { tcpSocket: { port: 53 } } },
      ],
    };
    expect(run(rule, manifestSubject(pod(spec)))).toHaveLength(1);
  });

  it('Istio rewritten probes (/app-health/… on 15020) are not checked', () => {
    const spec = {
      containers: [
        { name: 'app', image: 'x:1', ports: [{ containerPort: 8080 }], readinessProbe: { httpGet: { path: '/app-health/app/readyz', port: 15020 } } },
        { name: 'istio-proxy', image: 'istio/proxyv2:1.22', ports: [{ containerPort: 15090 }] },
      ],
    };
    expect(run(rule, manifestSubject(pod(spec)))).toEqual([]);
  });

  it('init containers that run to completion are not checked', () => {
    const spec = {
      initContainers: [{ name: 'init', image: 'x:1', readinessProbe: { httpGet: { port: 1 } } }],
      containers: [{ name: 'app', image: 'x:1' }],
    };
    expect(run(rule, manifestSubject(pod(spec)))).toEqual([]);
  });

  it('never throws on odd input', () => {
    expect(internalErrorsOnOddInput(rule)).toEqual([]);
    const odd = { containers: [{ name: 'a', readinessProbe: { httpGet: null, tcpSocket: { port: null } } }, { name: 'b', livenessProbe: 'yes' }] };
    expect(run(rule, manifestSubject(pod(odd)))).toEqual([]);
  });
});
