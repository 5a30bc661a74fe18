// The cached JSON texts: a list item, and a Table row's PartialObjectMetadata cut from it.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { DemoWorld } from '../../../src/demo/world.js';
import { fullJson, itemJson, rowObjectJson } from '../../../src/demo/server/encoding.js';
import type { KubeObject } from '../../../src/model/kube.js';

describe('encoding', () => {
  test('item, full object and row metadata are exact for any metadata text (escapes, braces, unicode)', () => {
    const text = fc.string({ unit: 'binary', maxLength: 12 });
    fc.assert(
      fc.property(fc.dictionary(text, text, { maxKeys: 4 }), fc.dictionary(text, text, { maxKeys: 4 }), text, (labels, annotations, extra) => {
        const w = new DemoWorld();
        const obj: KubeObject = { kind: 'Pod', apiVersion: 'v1', metadata: { name: 'p', namespace: 'n', labels, annotations }, spec: { nodeName: extra }, status: { message: extra } };
        w.upsert('pods', obj);
        const stored = w.getStored('pods', 'n/p')!;
        const { kind: _k, apiVersion: _a, ...item } = stored.object;
        expect(JSON.parse(itemJson(stored))).toEqual(item);
        expect(JSON.parse(fullJson(stored))).toEqual(stored.object);
        const row = rowObjectJson(stored, 'Metadata');
        expect(JSON.parse(row)).toEqual({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: stored.object.metadata });
        // Again from the measured offset, and for a replaced version (nothing cached).
        expect(rowObjectJson(stored, 'Metadata')).toBe(row);
        w.upsert('pods', { ...obj, status: { message: 'later' } });
        expect(rowObjectJson(stored, 'Metadata')).toBe(row);
        expect(stored.metadataEnd).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });

  test('a row keeps no second copy of the metadata text: only its end offset', () => {
    const w = new DemoWorld();
    w.upsert('pods', { kind: 'Pod', apiVersion: 'v1', metadata: { name: 'p', namespace: 'n', annotations: { big: 'x'.repeat(1000) } } });
    const stored = w.getStored('pods', 'n/p')!;
    rowObjectJson(stored, 'Metadata');
    expect(Object.values(stored).filter((v) => typeof v === 'string' && v.length > 1000)).toEqual([stored.itemJson]);
    expect(stored.itemJson!.slice(12, stored.metadataEnd)).toBe(JSON.stringify(stored.object.metadata));
  });
});
