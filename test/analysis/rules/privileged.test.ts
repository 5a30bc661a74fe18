import { describe, expect, it } from 'vitest';
import { rule } from '../../../src/analysis/rules/privileged.js';
import { internalErrorsOnOddInput, manifestSubject, pod, run, workload } from './subject-builders.js';

describe('privileged', () => {
  it('fires on a privileged container, init container and native sidecar, with template paths', () => {
    const spec = {
      initContainers: [
        { name: 'setup', image: 'busybox:1.36', securityContext: { privileged: true } },
        { name: 'proxy', image: 'envoyproxy/envoy:v1.31.0', restartPolicy: 'Always', securityContext: { privileged: true } },
      ],
      containers: [{ name: 'app', image: 'shop/app:1', securityContext: { privileged: true } }],
    };
    const f = run(rule, manifestSubject(workload('DaemonSet', spec)));
    expect(f.map((x) => x.container)).toEqual(['setup', 'proxy', 'app']);
    expect(f[2]).toMatchObject({ severity: 'error', message: 'container app is privileged: it has full access to the node' });
    expect(f[2].evidence).toEqual(['spec.template.spec.containers[0].securityContext.privileged: true']);
  });

  it('does not fire on false, unset, or the string "true"', () => {
    for (const securityContext of [{ privileged: false }, {}, { privileged: 'true' }, undefined]) {
      expect(run(rule, manifestSubject(pod({ containers: [{ name: 'a', image: 'x:1', securityContext }] })))).toEqual([]);
    }
  });

  it('takes odd input without throwing', () => {
    expect(internalErrorsOnOddInput(rule)).toEqual([]);
  });
});
