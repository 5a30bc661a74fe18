import { describe, expect, it } from 'vitest';
import { rule } from '../../../src/analysis/rules/image-pull.js';
import { internalErrorsOnOddInput, liveSubject, manifestSubject, pod, run } from './subject-builders.js';

const spec = {
  initContainers: [{ name: 'init', image: 'busybox:1.36' }],
  containers: [{ name: 'app', image: 'shop/app:v1.2.3-typo' }],
};

function waiting(reason: string, message?: string, group: 'containerStatuses' | 'initContainerStatuses' = 'containerStatuses') {
  const name = group === 'containerStatuses' ? 'app' : 'init';
  return liveSubject(pod(spec, { status: { phase: 'Pending', [group]: [{ name, state: { waiting: { reason, message } } }] } }));
}

describe('image-pull', () => {
  it('fires on each pull failure reason and quotes the kubelet', () => {
    for (const reason of ['ErrImagePull', 'ImagePullBackOff', 'InvalidImageName']) {
      const f = run(rule, waiting(reason, 'Back-off pulling image "shop/app:v1.2.3-typo"'));
      expect(f).toHaveLength(1);
      expect(f[0]).toMatchObject({ severity: 'error', container: 'app' });
      expect(f[0].message).toBe(`container app cannot pull image shop/app:v1.2.3-typo (${reason}): "Back-off pulling image "shop/app:v1.2.3-typo""`);
      expect(f[0].evidence).toContain('spec.containers[0].image: shop/app:v1.2.3-typo');
    }
  });

  it('fires on init containers too', () => {
    const f = run(rule, waiting('ImagePullBackOff', undefined, 'initContainerStatuses'));
    expect(f[0].container).toBe('init');
    expect(f[0].evidence[1]).toBe('status.initContainerStatuses[0].state.waiting: ImagePullBackOff');
  });

  it('does not fire while the container is being created, or on manifests', () => {
    expect(run(rule, waiting('ContainerCreating'))).toEqual([]);
    expect(run(rule, manifestSubject(pod(spec, { status: { containerStatuses: [{ name: 'app', state: { waiting: { reason: 'ErrImagePull' } } }] } })))).toEqual([]);
  });

  it('takes odd input without throwing', () => {
    expect(internalErrorsOnOddInput(rule)).toEqual([]);
  });
});
