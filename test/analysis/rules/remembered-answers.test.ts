// Rules that remember answers by value (a frozen part the store shares, an image text) must
// answer anew when the value differs, and name each container where it sits.
import { describe, expect, it } from 'vitest';
import { rule as resourcesMissing } from '../../../src/analysis/rules/resources-missing.js';
import { rule as imageTag } from '../../../src/analysis/rules/image-tag.js';
import { rule as portConflict } from '../../../src/analysis/rules/port-conflict.js';
import { rule as sidecarUnbounded } from '../../../src/analysis/rules/sidecar-unbounded.js';
import { liveSubject, manifestSubject, pod, run } from './subject-builders.js';

function frozen<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value as object)) frozen(child);
  }
  return value;
}

describe('remembered answers follow their input', () => {
  it('resources-missing: one frozen resources object in two containers, then another object', () => {
    const resources = frozen({ requests: { cpu: '100m' } });
    const both = run(resourcesMissing, liveSubject(frozen(pod({ containers: [{ name: 'a', image: 'a:1', resources }, { name: 'b', image: 'b:1', resources }] }))));
    expect(both.map((f) => [f.message, f.evidence])).toEqual([
      ['container a has no memory limit, no memory request', ['spec.containers[0].resources: only requests.cpu set']],
      ['container b has no memory limit, no memory request', ['spec.containers[1].resources: only requests.cpu set']],
    ]);
    const full = frozen({ requests: { cpu: '100m', memory: '64Mi' }, limits: { memory: '64Mi' } });
    expect(run(resourcesMissing, liveSubject(frozen(pod({ containers: [{ name: 'a', image: 'a:1', resources: full }] }))))).toEqual([]);
    const none = run(resourcesMissing, liveSubject(frozen(pod({ containers: [{ name: 'a', image: 'a:1' }] }))));
    expect(none[0].message).toBe('container a has no memory limit, no memory request, no cpu request');
    expect(none[0].evidence).toEqual(['spec.containers[0].resources: not set']);
  });

  it('image-tag: answers per image text', () => {
    const images = ['shop/app', 'shop/app:latest', 'shop/app:1.2', 'registry:5000/shop/app', 'shop/app:latest@sha256:abc', ' shop/app:latest '];
    const found = images.map((image) => run(imageTag, manifestSubject(pod({ containers: [{ name: 'a', image }] }))).map((f) => f.message));
    expect(found).toEqual([
      ['container a uses image shop/app without a tag, which means :latest'],
      ['container a uses image shop/app:latest: :latest moves, so replicas may run different code'],
      [],
      ['container a uses image registry:5000/shop/app without a tag, which means :latest'],
      [],
      ['container a uses image shop/app:latest: :latest moves, so replicas may run different code'],
    ]);
  });

  it('port-conflict: a hostPort that another container declares as its containerPort is looked at', () => {
    const s = manifestSubject(pod({ hostNetwork: true, containers: [{ name: 'a', image: 'a:1', ports: [{ containerPort: 80, hostPort: 9090 }] }, { name: 'b', image: 'b:1', ports: [{ containerPort: 9090 }] }] }));
    expect(run(portConflict, s).map((f) => f.message)).toEqual(['containers a and b both listen on 9090/TCP on the node (hostPort)']);
    const apart = manifestSubject(pod({ containers: [{ name: 'a', image: 'a:1', ports: [{ containerPort: 80 }] }, { name: 'b', image: 'b:1', ports: [{ containerPort: 81 }] }] }));
    expect(run(portConflict, apart)).toEqual([]);
  });

  it('sidecar-unbounded: no sidecar role, no finding; a sidecar role, the finding', () => {
    const spec = { containers: [{ name: 'app', image: 'a:1', resources: { limits: { memory: '1Gi' } } }, { name: 'fluent-bit', image: 'fluent/fluent-bit:3' }] };
    const s = manifestSubject(pod(spec));
    expect(run(sidecarUnbounded, s).map((f) => f.container)).toEqual(['fluent-bit']);
    expect(run(sidecarUnbounded, s, { roles: [{ name: 'app', role: 'main' }, { name: 'fluent-bit', role: 'main' }] as never })).toEqual([]);
  });
});
