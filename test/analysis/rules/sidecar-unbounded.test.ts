import { describe, expect, it } from 'vitest';
import { rule } from '../../../src/analysis/rules/sidecar-unbounded.js';
import { internalErrorsOnOddInput, manifestSubject, pod, run } from './subject-builders.js';

const app = { name: 'app', image: 'x:1', resources: { limits: { memory: '512Mi' } } };
const shipper = { name: 'log-shipper', image: 'fluent/fluent-bit:3.1' };

describe('sidecar-unbounded', () => {
  it('fires when a sidecar has no limits and the main container has', () => {
    const f = run(rule, manifestSubject(pod({ containers: [app, shipper] })));
    expect(f).toHaveLength(1);
    expect(f[0].container).toBe('log-shipper');
    expect(f[0].message).toBe('log-shipper sidecar log-shipper has no limits while app is limited: it can take the resources app was sized for');
  });

  it('counts native sidecars', () => {
    const f = run(rule, manifestSubject(pod({ initContainers: [{ name: 'mesh', image: 'example/mesh:1', restartPolicy: 'Always' }], containers: [app] })));
    expect(f.map((x) => x.container)).toEqual(['mesh']);
  });

  it('no finding when the main container has no limits either, or the sidecar has a limit', () => {
    expect(run(rule, manifestSubject(pod({ containers: [{ name: 'app', image: 'x:1' }, shipper] })))).toEqual([]);
    expect(run(rule, manifestSubject(pod({ containers: [app, { ...shipper, resources: { limits: { cpu: '100m' } } }] })))).toEqual([]);
  });

  it('a second main container without limits is not a sidecar', () => {
    expect(run(rule, manifestSubject(pod({ containers: [app, { name: 'other', image: 'y:1' }] })))).toEqual([]);
  });

  it('never throws on odd input', () => {
    expect(internalErrorsOnOddInput(rule)).toEqual([]);
  });
});
