import { describe, expect, it } from 'vitest';
import { imageTag, rule } from '../../../src/analysis/rules/image-tag.js';
import { internalErrorsOnOddInput, manifestSubject, pod, run } from './subject-builders.js';

function withImage(image: unknown) {
  return manifestSubject(pod({ containers: [{ name: 'app', image }] }));
}

describe('image-tag', () => {
  it('parses tags, registry ports and digests', () => {
    expect(imageTag('nginx')).toEqual({ digest: false, tag: undefined });
    expect(imageTag('nginx:1.27')).toEqual({ digest: false, tag: '1.27' });
    expect(imageTag('registry:5000/app')).toEqual({ digest: false, tag: undefined });
    expect(imageTag('registry:5000/team/app:2.0')).toEqual({ digest: false, tag: '2.0' });
    expect(imageTag('app@sha256:abc')).toEqual({ digest: true, tag: undefined });
    expect(imageTag('app:latest@sha256:abc')).toEqual({ digest: true, tag: 'latest' });
  });

  it('fires on no tag, :latest, and a registry port mistaken for a tag', () => {
    for (const image of ['nginx', 'docker.io/library/nginx:latest', 'registry:5000/app', 'localhost:5000/shop/app']) {
      const f = run(rule, withImage(image));
      expect(f, image).toHaveLength(1);
      expect(f[0]).toMatchObject({ severity: 'warning', container: 'app' });
      expect(f[0].evidence).toEqual([`spec.containers[0].image: ${image}`]);
    }
    expect(run(rule, withImage('registry:5000/app'))[0].message).toContain('without a tag');
  });

  it('does not fire on a pinned tag or a digest', () => {
    for (const image of ['nginx:1.27', 'registry:5000/app:1.0', 'app@sha256:0123', 'app:latest@sha256:0123']) {
      expect(run(rule, withImage(image)), image).toEqual([]);
    }
  });

  it('does not fire on a missing or non-string image', () => {
    for (const image of [undefined, '', 5, null]) expect(run(rule, withImage(image))).toEqual([]);
  });

  it('takes odd input without throwing', () => {
    expect(internalErrorsOnOddInput(rule)).toEqual([]);
  });
});
