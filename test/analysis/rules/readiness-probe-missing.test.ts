import { describe, expect, it } from 'vitest';
import { rule } from '../../../src/analysis/rules/readiness-probe-missing.js';
import { internalErrorsOnOddInput, liveSubject, manifestSubject, pod, run, workload } from './subject-builders.js';

const web = { name: 'web', image: 'example/web:1', ports: [{ containerPort: 8080 }] };

describe('readiness-probe-missing', () => {
  it('fires on a serving container without a readinessProbe', () => {
    const f = run(rule, manifestSubject(workload('Deployment', { containers: [web] })));
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ container: 'web', probe: 'readiness', severity: 'warning' });
    expect(f[0].message).toBe('container web serves 8080/TCP but has no readinessProbe: it gets traffic before it is ready');
    expect(f[0].evidence[0]).toBe('spec.template.spec.containers[0].readinessProbe: not set');
  });

  it('a container without ports serves when a Service selects the pod', () => {
    const s = manifestSubject(pod({ containers: [{ name: 'app', image: 'x:1' }] }));
    expect(run(rule, s)).toEqual([]);
    const f = run(rule, s, { services: [{ kind: 'Service', metadata: { name: 'svc' } }] });
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain('serves behind a Service');
  });

  it('native sidecars with ports need one too', () => {
    const spec = { initContainers: [{ name: 'proxy', image: 'envoyproxy/envoy:v1', restartPolicy: 'Always', ports: [{ containerPort: 15001 }] }], containers: [{ ...web, readinessProbe: { tcpSocket: { port: 8080 } } }] };
    const f = run(rule, manifestSubject(pod(spec)));
    expect(f.map((x) => x.container)).toEqual(['proxy']);
    expect(f[0].message).toMatch(/^sidecar proxy/);
  });

  it('not for Jobs, CronJobs, pods owned by a Job, or one-shot pods', () => {
    expect(run(rule, manifestSubject(workload('Job', { containers: [web] })))).toEqual([]);
    expect(run(rule, manifestSubject(workload('CronJob', { containers: [web] })))).toEqual([]);
    expect(run(rule, liveSubject(pod({ containers: [web] }, { metadata: { name: 'p', ownerReferences: [{ kind: 'Job', name: 'j', controller: true }] } })))).toEqual([]);
    expect(run(rule, manifestSubject(pod({ restartPolicy: 'Never', containers: [web] })))).toEqual([]);
  });

  it('not for init containers that run to completion, nor sidecars without ports', () => {
    const spec = {
      initContainers: [{ name: 'init', image: 'x:1', ports: [{ containerPort: 1 }] }],
      containers: [
        { ...web, readinessProbe: { httpGet: { port: 8080 } } },
        { name: 'shipper', image: 'fluent/fluent-bit:3' },
      ],
    };
    expect(run(rule, manifestSubject(pod(spec)), { services: [{ kind: 'Service' }] })).toEqual([]);
  });

  it('never throws on odd input', () => {
    expect(internalErrorsOnOddInput(rule)).toEqual([]);
    expect(run(rule, manifestSubject(pod({ containers: [web] })), { services: null as never, roles: 'x' as never })).toHaveLength(1);
  });
});
