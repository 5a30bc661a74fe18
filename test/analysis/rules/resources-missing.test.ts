import { describe, expect, it } from 'vitest';
import { rule } from '../../../src/analysis/rules/resources-missing.js';
import { internalErrorsOnOddInput, manifestSubject, pod, run } from './subject-builders.js';

const withResources = (resources: unknown) => pod({ containers: [{ name: 'app', image: 'x:1', resources }] });

describe('resources-missing', () => {
  it('fires when nothing is set, naming what is missing', () => {
    const f = run(rule, manifestSubject(withResources(undefined)));
    expect(f).toHaveLength(1);
    expect(f[0].message).toBe('container app has no memory limit, no memory request, no cpu request');
    expect(f[0].evidence).toEqual(['spec.containers[0].resources: not set']);
  });

  it('fires on a missing memory limit alone', () => {
    const f = run(rule, manifestSubject(withResources({ requests: { cpu: '100m', memory: '128Mi' } })));
    expect(f[0].message).toBe('container app has no memory limit');
  });

  it('a missing CPU limit alone is not a finding', () => {
    expect(run(rule, manifestSubject(withResources({ requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } })))).toEqual([]);
  });

  it('a request left out next to a limit defaults to the limit: not missing', () => {
    expect(run(rule, manifestSubject(withResources({ limits: { cpu: '1', memory: '256Mi' } })))).toEqual([]);
  });

  it('native sidecars are checked; run-to-completion init containers are not', () => {
    const spec = {
      initContainers: [
        { name: 'migrate', image: 'x:1' },
        { name: 'proxy', image: 'y:1', restartPolicy: 'Always' },
      ],
      containers: [{ name: 'app', image: 'x:1', resources: { requests: { cpu: '1' }, limits: { memory: '1Gi' } } }],
    };
    expect(run(rule, manifestSubject(pod(spec))).map((f) => f.container)).toEqual(['proxy']);
  });

  it('takes odd resources (resources: 5, empty strings) as missing without throwing', () => {
    expect(run(rule, manifestSubject(withResources(5)))).toHaveLength(1);
    expect(run(rule, manifestSubject(withResources({ limits: { memory: '' }, requests: 'x' })))).toHaveLength(1);
    expect(internalErrorsOnOddInput(rule)).toEqual([]);
  });
});
