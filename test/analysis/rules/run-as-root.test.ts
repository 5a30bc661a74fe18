import { describe, expect, it } from 'vitest';
import { rule } from '../../../src/analysis/rules/run-as-root.js';
import { internalErrorsOnOddInput, manifestSubject, pod, run, workload } from './subject-builders.js';

function subject(podSc: unknown, containerSc: unknown) {
  return manifestSubject(workload('Deployment', { securityContext: podSc, containers: [{ name: 'app', image: 'shop/app:1', securityContext: containerSc }] }));
}

describe('run-as-root', () => {
  it('fires when nothing guarantees a non-root user', () => {
    const f = run(rule, subject(undefined, undefined));
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: 'warning', container: 'app' });
    expect(f[0].message).toContain("may run as root");
    expect(f[0].evidence[0]).toBe('spec.template.spec.securityContext.runAsNonRoot: unset');
  });

  it('fires on runAsUser 0, from the pod or the container', () => {
    expect(run(rule, subject({ runAsUser: 0 }, undefined))[0].message).toBe('container app runs as root (runAsUser 0)');
    const f = run(rule, subject({ runAsNonRoot: true }, { runAsUser: 0 }));
    expect(f[0].message).toContain('kubelet will refuse to start it');
    expect(f[0].evidence).toEqual(['spec.template.spec.containers[0].securityContext.runAsUser: 0']);
  });

  it('a container runAsNonRoot: false overrides the pod', () => {
    expect(run(rule, subject({ runAsNonRoot: true }, { runAsNonRoot: false }))).toHaveLength(1);
  });

  it('does not fire with runAsNonRoot: true on pod or container, or an explicit non-zero user', () => {
    expect(run(rule, subject({ runAsNonRoot: true }, undefined))).toEqual([]);
    expect(run(rule, subject(undefined, { runAsNonRoot: true }))).toEqual([]);
    expect(run(rule, subject({ runAsUser: 1000 }, undefined))).toEqual([]);
    expect(run(rule, subject(undefined, { runAsUser: 65532 }))).toEqual([]);
  });

  it('service-mesh init containers get info with the reason', () => {
    const s = manifestSubject(
      pod({
        securityContext: { runAsNonRoot: true, runAsUser: 1000 },
        initContainers: [{ name: 'istio-init', image: 'istio/proxyv2:1.22.0', securityContext: { runAsUser: 0, runAsNonRoot: false } }],
        containers: [{ name: 'app', image: 'shop/app:1' }],
      }),
    );
    const f = run(rule, s);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ container: 'istio-init', severity: 'info' });
    expect(f[0].message).toContain('service-mesh init container');
  });

  it('does not apply to Windows pods', () => {
    expect(run(rule, manifestSubject(pod({ os: { name: 'windows' }, containers: [{ name: 'a', image: 'x:1' }] })))).toEqual([]);
  });

  it('takes odd input without throwing', () => {
    expect(internalErrorsOnOddInput(rule)).toEqual([]);
  });
});
