// The live context finds the Services and PDBs selecting a pod through an index of one
// selector pair each (context.ts SelectorIndex). The index may only narrow the search: for any
// Services, PDBs and pod labels, what it finds, and in what order, is what testing every
// object of the namespace finds.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LiveContextBuilder } from '../../src/analysis/context.js';
import { subjectFromPod } from '../../src/analysis/subjects.js';
import { matchLabelSelector, matchSelectorMap } from '../../src/model/selectors.js';
import type { KubeObject } from '../../src/model/kube.js';
import { storeOf } from './store-of.js';

// Few keys and values, so that selectors and labels meet often; a key holding the index's
// separator, values that are not strings, and odd shapes among them.
const key = fc.constantFrom('app', 'tier', 'a\nb', 'a', 'b\nc', 'x');
const value = fc.oneof(fc.constantFrom('web', 'db', '1', 'b\nc', ''), fc.constantFrom<unknown>(1, null, true));
const map = fc.dictionary(key, value, { maxKeys: 3 });
const serviceSelector = fc.oneof(map, fc.constantFrom<unknown>(undefined, null, 'x', []));
const expression = fc.record({ key, operator: fc.constantFrom('In', 'NotIn', 'Exists', 'DoesNotExist', 'Odd'), values: fc.array(fc.constantFrom('web', 'db', '1'), { maxLength: 2 }) });
const pdbSelector = fc.oneof(
  fc.record({ matchLabels: fc.option(map, { nil: undefined }), matchExpressions: fc.option(fc.array(expression, { maxLength: 2 }), { nil: undefined }) }, { requiredKeys: [] }),
  fc.constantFrom<unknown>(undefined, null, {}, 'x'),
);

function scene(services: unknown[], pdbs: unknown[], labels: Record<string, unknown>): KubeObject[] {
  const ns = 'shop';
  return [
    ...services.map((selector, i): KubeObject => ({ kind: 'Service', apiVersion: 'v1', metadata: { namespace: ns, name: `svc-${i}` }, spec: { selector, ports: [{ port: 80 }] } as never })),
    ...pdbs.map((selector, i): KubeObject => ({ kind: 'PodDisruptionBudget', apiVersion: 'policy/v1', metadata: { namespace: ns, name: `pdb-${i}` }, spec: { selector } as never })),
    { kind: 'Service', apiVersion: 'v1', metadata: { namespace: 'elsewhere', name: 'other' }, spec: { selector: { app: 'web' } } },
    { kind: 'Pod', apiVersion: 'v1', metadata: { namespace: ns, name: 'p', uid: 'p', labels: labels as Record<string, string> }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } },
  ];
}

describe('Services and PDBs selecting a pod, through the selector index', () => {
  it('finds what testing every object of the namespace finds, in the same order', () => {
    fc.assert(
      fc.property(fc.array(serviceSelector, { maxLength: 12 }), fc.array(pdbSelector, { maxLength: 6 }), fc.dictionary(key, value, { maxKeys: 4 }), (services, pdbs, labels) => {
        const store = storeOf(scene(services, pdbs, labels));
        const pod = store.get('pods', 'shop/p')!;
        const podLabels = (pod.metadata?.labels ?? {}) as Record<string, string>;
        const shared = new LiveContextBuilder(store).shared(subjectFromPod(pod));
        const names = (list: readonly KubeObject[]) => list.map((o) => o.metadata?.name);
        const everyService = store.byNamespace('services', 'shop').filter((s) => matchSelectorMap((s.spec as { selector?: Record<string, string> }).selector, podLabels));
        const everyPdb = store.byNamespace('poddisruptionbudgets', 'shop').filter((p) => matchLabelSelector((p.spec as { selector?: never }).selector, podLabels));
        expect(names(shared.services)).toEqual(names(everyService));
        expect(names(shared.pdbs)).toEqual(names(everyPdb));
      }),
      { numRuns: 400 },
    );
  });

  it('finds a Service by any of its pairs, and none whose pairs the pod lacks', () => {
    const store = storeOf(scene([{ app: 'web', tier: 'front' }, { tier: 'front' }, { app: 'db' }, {}], [{ matchLabels: { tier: 'front' } }, { matchExpressions: [{ key: 'app', operator: 'Exists' }] }], { app: 'web', tier: 'front' }));
    const shared = new LiveContextBuilder(store).shared(subjectFromPod(store.get('pods', 'shop/p')!));
    expect(shared.services.map((s) => s.metadata?.name)).toEqual(['svc-0', 'svc-1']);
    expect(shared.pdbs.map((p) => p.metadata?.name)).toEqual(['pdb-0', 'pdb-1']);
  });
});
