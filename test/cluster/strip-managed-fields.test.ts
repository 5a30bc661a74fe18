// managedFields is cut out of list and watch text before parsing (strip-managed-fields.ts):
// the result parses to the same object without it, whatever its strings contain.
import { describe, expect, it } from 'vitest';
import { parseListPage, parseWatchLine } from '../../src/cluster/api.js';
import { stripManagedFields } from '../../src/cluster/strip-managed-fields.js';

const MANAGED = [{ manager: 'kubectl "quoted" ]}[{', fieldsV1: { 'f:metadata': { 'f:labels': { 'k:{"name":"a]"}': {} } }, 'f:x': ['\\', '"'] }, time: '2026-03-01T10:00:00Z' }];

function withoutManaged(obj: Record<string, unknown>): unknown {
  const { managedFields: _m, ...metadata } = obj.metadata as Record<string, unknown>;
  return { ...obj, metadata };
}

describe('stripManagedFields', () => {
  it('removes managedFields wherever it stands in metadata, strings with quotes and brackets included', () => {
    const orders = [
      { metadata: { managedFields: MANAGED, name: 'a', resourceVersion: '1' }, spec: {} },
      { metadata: { name: 'a', managedFields: MANAGED, resourceVersion: '1' }, spec: {} },
      { metadata: { name: 'a', resourceVersion: '1', managedFields: MANAGED }, spec: {} },
      { metadata: { managedFields: MANAGED } },
    ];
    for (const obj of orders) expect(JSON.parse(stripManagedFields(JSON.stringify(obj)))).toEqual(withoutManaged(obj));
  });

  it('removes it from every item of a list, and leaves text without it, or with a broken one, as it is', () => {
    const items = [1, 2, 3].map((i) => ({ metadata: { name: `p${i}`, managedFields: MANAGED, labels: { managedFields: 'x' } } }));
    const text = JSON.stringify({ metadata: { resourceVersion: '9' }, items });
    expect(JSON.parse(stripManagedFields(text))).toEqual({ metadata: { resourceVersion: '9' }, items: items.map(withoutManaged) });
    const plain = JSON.stringify({ metadata: { name: 'a', annotations: { note: 'see "managedFields"' } } });
    expect(stripManagedFields(plain)).toBe(plain);
    const broken = '{"metadata":{"managedFields":[{"a":"unterminated}]}';
    expect(stripManagedFields(broken)).toBe(broken);
  });

  it('is applied to list pages and watch lines', () => {
    const pod = { metadata: { name: 'p', namespace: 'n', managedFields: MANAGED }, spec: { nodeName: 'node-1' } };
    const page = parseListPage('pods', JSON.stringify({ metadata: { resourceVersion: '1' }, items: [pod] }));
    expect(page.items[0]?.metadata).toEqual({ name: 'p', namespace: 'n' });
    const event = parseWatchLine('pods', JSON.stringify({ type: 'MODIFIED', object: { kind: 'Pod', apiVersion: 'v1', ...pod } }));
    expect(event?.object.metadata).toEqual({ name: 'p', namespace: 'n' });
  });
});
