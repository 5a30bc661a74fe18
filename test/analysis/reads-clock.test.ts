// Which rules' findings age with the clock. The live analysis keeps a pod's findings until the
// pod or its context changes, and re-runs only the runtime rules marked `readsClock` as time
// passes (live.ts). So every other rule must give the same findings at any clock, and each
// marked rule must be one whose findings do move with it: checked over the demo dataset and
// the scenario pods, at the dataset's clock and at clocks from two hours before to a month after.
import { describe, expect, it } from 'vitest';
import { LiveContextBuilder } from '../../src/analysis/context.js';
import { LiveAnalysis, runRule } from '../../src/analysis/engine.js';
import { ALL_RULES } from '../../src/analysis/registry.js';
import { subjectFromPod } from '../../src/analysis/subjects.js';
import { buildDataset } from '../../src/demo/dataset.js';
import { buildScenarios } from '../../src/demo/scenarios/index.js';
import { objectKey, type KubeObject } from '../../src/model/kube.js';
import { storeOf } from './store-of.js';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const OTHER_CLOCKS = [NOW - 2 * 3600_000, NOW - 61_000, NOW + 61_000, NOW + 2 * 3600_000, NOW + 86400_000, NOW + 30 * 86400_000];

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');

/** A pod started 30 minutes before NOW whose container restarted 5 times since, the last 10 minutes before NOW: crash-loop counts restarts of the last hour. */
const RESTARTED: KubeObject = {
  kind: 'Pod',
  apiVersion: 'v1',
  metadata: { namespace: 'clock', name: 'restarted', uid: 'uid-restarted' },
  spec: { containers: [{ name: 'app', image: 'app:1' }] },
  status: {
    phase: 'Running',
    startTime: iso(NOW - 1800_000),
    containerStatuses: [
      { name: 'app', ready: true, restartCount: 5, state: { running: { startedAt: iso(NOW - 600_000) } }, lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: iso(NOW - 600_000) } } },
    ],
  },
};

async function stores() {
  return [
    ['demo dataset', storeOf((await buildDataset({ now: new Date(NOW), pods: 2000 })).objects)],
    ['scenarios', storeOf([...buildScenarios(new Date(NOW)).objects, RESTARTED])],
  ] as const;
}

describe('rules and the clock', () => {
  it('only the marked runtime rules give other findings at another clock, and each of them does somewhere', async () => {
    const moved = new Set<string>();
    for (const [name, store] of await stores()) {
      const builder = new LiveContextBuilder(store);
      for (const pod of store.list('pods')) {
        const subject = subjectFromPod(pod);
        const at = (now: number) => builder.context(subject, now);
        for (const rule of ALL_RULES) {
          const first = runRule(rule, subject, at(NOW));
          for (const other of OTHER_CLOCKS) {
            const again = runRule(rule, subject, at(other));
            if (JSON.stringify(again) === JSON.stringify(first)) continue;
            moved.add(rule.id);
            expect(rule.readsClock, `${name}: ${rule.id} on ${objectKey(pod)} changed with the clock but is not marked readsClock`).toBe(true);
          }
        }
      }
    }
    const marked = ALL_RULES.filter((r) => r.readsClock).map((r) => r.id);
    expect(marked.every((id) => ALL_RULES.find((r) => r.id === id)!.runtime)).toBe(true);
    expect([...moved].sort()).toEqual([...marked].sort());
  });

  it("the live analysis refreshes a pod's clock-bound findings as time passes, and keeps the others", async () => {
    const [, scenarios] = (await stores())[1];
    let now = NOW;
    const live = new LiveAnalysis(scenarios, { now: () => now });
    const keys = scenarios.list('pods').map((p) => objectKey(p));
    const before = new Map(keys.map((k) => [k, JSON.stringify(live.findingsForPod(k))]));
    now = NOW + 30 * 86400_000;
    const fresh = new LiveAnalysis(scenarios, { now: () => now });
    let changed = 0;
    for (const k of keys) {
      const got = JSON.stringify(live.findingsForPod(k));
      expect(got, k).toBe(JSON.stringify(fresh.findingsForPod(k))); // as a cold analysis at that clock
      if (got !== before.get(k)) changed++;
    }
    expect(changed).toBeGreaterThan(0); // some findings did age, so the comparison has teeth
  });
});
