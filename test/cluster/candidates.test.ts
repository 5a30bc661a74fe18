// The sharing tables' lookup (candidates.ts): a key keeps its newest few values, and a full
// table starts over.
import { describe, expect, it } from 'vitest';
import { CandidateTable } from '../../src/cluster/candidates.js';

const same = (value: object) => (candidate: object) => candidate === value;

describe('CandidateTable', () => {
  it('finds a value under its key, keeps the newest values per key, and starts over when full', () => {
    const table = new CandidateTable<string>(2, 2);
    const [a, b, c, d] = [{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }];
    table.add('k', a);
    expect(table.find('k', same(a))).toBe(a);
    expect(table.find('k', same(b))).toBeUndefined();
    table.add('k', b);
    table.add('k', c); // the oldest (a) goes
    expect([a, b, c].map((v) => table.find('k', same(v)))).toEqual([undefined, b, c]);
    expect(table.find('k', (v) => (v as { n: number }).n > 1)).toBe(b); // the first match, oldest first
    table.add('other', d);
    expect(table.size).toBe(2);
    table.add('third', a); // full: cleared, then added
    expect(table.size).toBe(1);
    expect(table.find('k', same(b))).toBeUndefined();
    expect(table.find('third', same(a))).toBe(a);
  });
});
