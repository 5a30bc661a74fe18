// DemoWorld on its own: versions, history, snapshots as of an old version, logs.
import fc from 'fast-check';
import { describe, expect, test, vi } from 'vitest';
import { DemoWorld, ExpiredError } from '../../../src/demo/world.js';
import { itemJson } from '../../../src/demo/server/encoding.js';
import type { KubeObject } from '../../../src/model/kube.js';

const pod = (ns: string, name: string, phase = 'Running'): KubeObject => ({
  kind: 'Pod',
  apiVersion: 'v1',
  metadata: { name, namespace: ns },
  status: { phase },
});

describe('DemoWorld', () => {
  test('fills uid, creationTimestamp and resourceVersion; keeps uid across updates', () => {
    const w = new DemoWorld();
    const a = w.upsert('pods', { metadata: { name: 'a', namespace: 'x' } });
    expect(a).toMatchObject({ kind: 'Pod', apiVersion: 'v1', metadata: { resourceVersion: '1' } });
    expect(a.metadata?.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.metadata?.creationTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const b = w.upsert('pods', pod('x', 'a', 'Failed'));
    expect(b.metadata?.uid).toBe(a.metadata?.uid);
    expect(b.metadata?.resourceVersion).toBe('2');
    expect(w.upsert('deployments', { metadata: { name: 'd', namespace: 'x' } }).apiVersion).toBe('apps/v1');
    expect(() => w.upsert('pods', { metadata: { namespace: 'x' } })).toThrow(/without metadata.name/);
  });

  test('watchers get ADDED, MODIFIED, DELETED of their kind only', () => {
    const w = new DemoWorld();
    const seen: string[] = [];
    const off = w.watch('pods', (e) => seen.push(`${e.type} ${e.key} ${e.rv}`));
    w.upsert('pods', pod('x', 'a'));
    w.upsert('services', { metadata: { name: 's', namespace: 'x' } });
    w.upsert('pods', pod('x', 'a', 'Failed'));
    w.remove('pods', 'x/a');
    w.remove('pods', 'x/never');
    off();
    w.upsert('pods', pod('x', 'b'));
    expect(seen).toEqual(['ADDED x/a 1', 'MODIFIED x/a 3', 'DELETED x/a 4']);
  });

  test('history is bounded: older versions expire', () => {
    const w = new DemoWorld({ historySize: 5 });
    for (let i = 0; i < 8; i++) w.upsert('pods', pod('x', `p${i}`));
    expect(w.eventsSince(3).map((e) => e.rv)).toEqual([4, 5, 6, 7, 8]);
    expect(() => w.eventsSince(2)).toThrow(ExpiredError);
    expect(w.oldestResumableVersion).toBe(3);
  });

  test('history by time: changes younger than the window are kept, older ones beyond the newest 10,000 are not', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(1_000_000);
      const w = new DemoWorld({ historySize: 50_000, historyWindowMs: 60_000 });
      for (let i = 0; i < 12_000; i++) w.upsert('pods', pod('x', `p${i % 100}`));
      vi.setSystemTime(1_000_000 + 59_000);
      w.upsert('pods', pod('x', 'late'));
      // All 12,001 are inside the window: a watcher from the very start can resume.
      expect(w.oldestResumableVersion).toBe(0);
      expect(w.eventsSince(0)).toHaveLength(12_001);
      vi.setSystemTime(1_000_000 + 61_000);
      w.upsert('pods', pod('x', 'later'));
      // The first 12,000 are now older than the window: only the newest 10,000 stay.
      expect(w.oldestResumableVersion).toBe(2_002);
      expect(w.eventsSince(2_002)).toHaveLength(10_000);
      expect(() => w.eventsSince(2_001)).toThrow(ExpiredError);
    } finally {
      vi.useRealTimers();
    }
  });

  test('a replaced version drops its cached JSON and never caches it again; its JSON stays right', () => {
    const w = new DemoWorld();
    w.upsert('pods', pod('x', 'a'));
    const old = w.getStored('pods', 'x/a')!;
    const oldJson = itemJson(old);
    expect(old.itemJson).toBe(oldJson);
    w.upsert('pods', pod('x', 'a', 'Failed'));
    expect(old.superseded).toBe(true);
    expect(old.itemJson).toBeUndefined();
    expect(itemJson(old)).toBe(oldJson);
    expect(old.itemJson).toBeUndefined();
    const current = w.getStored('pods', 'x/a')!;
    expect(JSON.parse(itemJson(current)).status.phase).toBe('Failed');
    expect(current.itemJson).toBeDefined();
    w.remove('pods', 'x/a');
    expect(current.itemJson).toBeUndefined();
  });

  test("a deleted pod's logs go with it; other pods keep theirs", () => {
    const w = new DemoWorld();
    const withContainers = (name: string): KubeObject => ({ ...pod('x', name), spec: { initContainers: [{ name: 'init' }], containers: [{ name: 'app' }] } });
    for (const name of ['a', 'b']) {
      w.upsert('pods', withContainers(name));
      for (const c of ['init', 'app']) w.setLogs({ namespace: 'x', pod: name, container: c, current: [{ time: 't', text: `${name} ${c}` }] });
    }
    w.remove('pods', 'x/a');
    expect(w.getLogs('x', 'a', 'app')).toBeUndefined();
    expect(w.getLogs('x', 'a', 'init')).toBeUndefined();
    expect(w.getLogs('x', 'b', 'app')?.current[0].text).toBe('b app');
  });

  test('list() is cached until the next change', () => {
    const w = new DemoWorld();
    w.upsert('pods', pod('x', 'a'));
    const first = w.list('pods');
    expect(w.list('pods')).toBe(first);
    w.upsert('pods', pod('x', 'b'));
    expect(w.list('pods')).toHaveLength(2);
  });

  test('a snapshot at any kept version equals the state at that version (random changes)', () => {
    const op = fc.record({
      remove: fc.boolean(),
      ns: fc.constantFrom('a', 'b', 'c'),
      name: fc.constantFrom('p1', 'p2', 'p3', 'p4', 'p5', 'p6'),
      phase: fc.constantFrom('Running', 'Failed'),
    });
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 60 }), fc.nat(60), fc.constantFrom('', 'a/', 'b/'), (ops, cut, prefix) => {
        const w = new DemoWorld({ historySize: 1000 });
        let stateAtCut: Map<string, string> | undefined;
        let rvAtCut = 0;
        ops.forEach((o, i) => {
          if (i === Math.min(cut, ops.length - 1)) {
            rvAtCut = w.resourceVersion;
            stateAtCut = new Map(w.list('pods').map((p) => [`${p.metadata?.namespace}/${p.metadata?.name}`, p.metadata?.resourceVersion as string]));
          }
          if (o.remove) w.remove('pods', `${o.ns}/${o.name}`);
          else w.upsert('pods', pod(o.ns, o.name, o.phase));
        });
        const expected = [...stateAtCut!.entries()].filter(([k]) => k.startsWith(prefix)).sort(([x], [y]) => (x < y ? -1 : 1));
        const got = [...w.snapshot('pods', rvAtCut, '', prefix)].map((s) => [s.key, s.object.metadata?.resourceVersion]);
        expect(got).toEqual(expected);
        expect(w.countSnapshot('pods', rvAtCut, '', prefix)).toBe(expected.length);
        // Resuming after any key gives the rest, and counts agree.
        if (expected.length > 1) {
          const after = expected[0][0];
          const rest = [...w.snapshot('pods', rvAtCut, after, prefix)].map((s) => s.key);
          expect(rest).toEqual(expected.slice(1).map(([k]) => k));
          expect(w.countSnapshot('pods', rvAtCut, after, prefix)).toBe(expected.length - 1);
        }
      }),
      { numRuns: 300 },
    );
  });

  test('logs: set, append, follow with a ticker', async () => {
    const w = new DemoWorld({ logTickMs: 20 });
    w.setLogs({ namespace: 'x', pod: 'a', container: 'c', current: [{ time: 't', text: 'one' }], ticker: ['tick'] });
    const got: string[] = [];
    const stop = w.followLog('x', 'a', 'c', (l) => got.push(l.text));
    w.appendLog('x', 'a', 'c', { time: 't', text: 'two' });
    await new Promise((r) => setTimeout(r, 70));
    stop();
    const n = got.length;
    await new Promise((r) => setTimeout(r, 50));
    expect(got.length).toBe(n);
    expect(got[0]).toBe('two');
    expect(got.slice(1).every((t) => t === 'tick')).toBe(true);
    expect(got.length).toBeGreaterThanOrEqual(2);
    expect(w.getLogs('x', 'a', 'c')?.current.map((l) => l.text).slice(0, 2)).toEqual(['one', 'two']);
  });
});
