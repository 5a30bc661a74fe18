// The healthy-pod fast path (runtime-fast-path.ts) skips the status-reading runtime rules for
// pods whose status is quiet. It must change nothing: over the demo dataset, the scenario pods
// and generated statuses, those rules find nothing on every pod the fast path calls quiet, and
// the live analysis's runtime findings equal what every runtime rule finds when run in full.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeRaw, LiveAnalysis, runRule } from '../../src/analysis/engine.js';
import { LiveContextBuilder } from '../../src/analysis/context.js';
import { ALL_RULES } from '../../src/analysis/registry.js';
import { statusIsQuiet } from '../../src/analysis/runtime-fast-path.js';
import { subjectFromPod } from '../../src/analysis/subjects.js';
import { ObjectStore } from '../../src/cluster/store.js';
import { buildDataset } from '../../src/demo/dataset.js';
import { buildScenarios } from '../../src/demo/scenarios/index.js';
import { storeOf } from './store-of.js';
import { objectKey, type KubeObject } from '../../src/model/kube.js';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const GATED = ALL_RULES.filter((r) => r.quietOnHealthyStatus);
const RUNTIME = ALL_RULES.filter((r) => r.runtime);


async function stores(): Promise<[string, ObjectStore][]> {
  return [
    ['demo dataset', storeOf((await buildDataset({ now: new Date(NOW), pods: 3000 })).objects)],
    ['scenarios', storeOf(buildScenarios(new Date(NOW)).objects)],
  ];
}

describe('runtime fast path', () => {
  it('marks exactly the four status-reading runtime rules', () => {
    expect(GATED.map((r) => r.id).sort()).toEqual(['crash-loop', 'image-pull', 'not-ready', 'unschedulable']);
    expect(GATED.every((r) => r.runtime)).toBe(true);
  });

  it('the skipped rules find nothing on any quiet pod, and the live findings equal a full run', async () => {
    for (const [name, store] of await stores()) {
      const builder = new LiveContextBuilder(store);
      const live = new LiveAnalysis(store, { now: () => NOW });
      let quiet = 0;
      let loud = 0;
      let runtimeFindings = 0;
      for (const pod of store.list('pods')) {
        const subject = subjectFromPod(pod);
        const ctx = builder.context(subject, NOW);
        if (statusIsQuiet(pod)) {
          quiet++;
          for (const rule of GATED) expect(runRule(rule, subject, ctx), `${name}: ${rule.id} on ${objectKey(pod)}`).toEqual([]);
        } else {
          loud++;
        }
        const full = analyzeRaw(subject, ctx, RUNTIME);
        runtimeFindings += full.length;
        const got = live.findingsForPod(objectKey(pod)).filter((f) => RUNTIME.some((r) => r.id === f.rule));
        expect(got, `${name}: runtime findings of ${objectKey(pod)}`).toEqual(full);
      }
      // The comparison has teeth only if both paths are taken and runtime rules do fire.
      expect(quiet, name).toBeGreaterThan(0);
      expect(loud, name).toBeGreaterThan(0);
      expect(runtimeFindings, name).toBeGreaterThan(0);
    }
  });

  it('is not quiet on the statuses the rules look for', () => {
    const running = (status: Record<string, unknown>) => ({ metadata: { name: 'p' }, status: { phase: 'Running', ...status } });
    expect(statusIsQuiet(running({ containerStatuses: [{ name: 'a', ready: true, restartCount: 0, state: { running: {} } }] }))).toBe(true);
    expect(statusIsQuiet({ status: { phase: 'Pending' } })).toBe(false);
    expect(statusIsQuiet({ status: { phase: 'Succeeded' } })).toBe(false);
    expect(statusIsQuiet({})).toBe(false);
    expect(statusIsQuiet(running({ conditions: [{ type: 'Ready', status: 'False' }] }))).toBe(false);
    expect(statusIsQuiet(running({ containerStatuses: [{ name: 'a', state: { waiting: { reason: 'CrashLoopBackOff' } } }] }))).toBe(false);
    expect(statusIsQuiet(running({ initContainerStatuses: [{ name: 'a', state: { waiting: { reason: 'ImagePullBackOff' } } }] }))).toBe(false);
    expect(statusIsQuiet(running({ containerStatuses: [{ name: 'a', restartCount: 3 }] }))).toBe(false);
    expect(statusIsQuiet(running({ containerStatuses: [{ name: 'a', restartCount: '7' }] }))).toBe(false);
    expect(statusIsQuiet(running({ containerStatuses: 'junk' }))).toBe(false);
  });

  it('generated statuses: whenever the fast path says quiet, the skipped rules find nothing', () => {
    const time = fc.integer({ min: -3 * 3600, max: 600 }).map((s) => new Date(NOW + s * 1000).toISOString());
    const junk = fc.constantFrom<unknown>(null, undefined, 0, 'x', '5', [], {}, true);
    const waiting = fc.oneof(
      fc.constant(undefined),
      junk,
      fc.record({ reason: fc.constantFrom<unknown>(undefined, 'CrashLoopBackOff', 'ImagePullBackOff', 'ErrImagePull', 'ContainerCreating', 1), message: fc.constantFrom('', 'boom') }, { requiredKeys: [] }),
    );
    const containerStatus = fc.oneof(
      junk,
      fc.record(
        {
          name: fc.constantFrom<unknown>('app', 'side', 'init', undefined),
          ready: fc.constantFrom<unknown>(true, false, undefined),
          restartCount: fc.constantFrom<unknown>(0, 1, 2, 3, 9, '4', -1, undefined),
          state: fc.oneof(junk, fc.record({ waiting, running: fc.constant({}), terminated: fc.record({ exitCode: fc.constantFrom(0, 1, 137), finishedAt: time }) }, { requiredKeys: [] })),
          lastState: fc.record({ terminated: fc.record({ reason: fc.constantFrom('OOMKilled', 'Error'), exitCode: fc.constantFrom(0, 137), finishedAt: time }) }, { requiredKeys: [] }),
        },
        { requiredKeys: [] },
      ),
    );
    const condition = fc.oneof(junk, fc.record({ type: fc.constantFrom('Ready', 'PodScheduled', 'ContainersReady'), status: fc.constantFrom<unknown>('True', 'False', 'Unknown', false), reason: fc.constantFrom(undefined, 'Unschedulable', 'SchedulingGated'), lastTransitionTime: time }, { requiredKeys: [] }));
    const status = fc.record(
      {
        phase: fc.constantFrom<unknown>('Running', 'Pending', 'Succeeded', 'Failed', 'Unknown', undefined, 1),
        startTime: time,
        conditions: fc.oneof(junk, fc.array(condition, { maxLength: 3 })),
        containerStatuses: fc.oneof(junk, fc.array(containerStatus, { maxLength: 3 })),
        initContainerStatuses: fc.oneof(junk, fc.array(containerStatus, { maxLength: 2 })),
      },
      { requiredKeys: [] },
    );
    const store = new ObjectStore({ flushMs: 0 });
    const builder = new LiveContextBuilder(store);
    fc.assert(
      fc.property(status, fc.boolean(), (st, deleting) => {
        const pod = {
          kind: 'Pod',
          metadata: { name: 'p', namespace: 'ns', ...(deleting ? { deletionTimestamp: new Date(NOW).toISOString() } : {}) },
          spec: { initContainers: [{ name: 'init', image: 'i' }], containers: [{ name: 'app', image: 'a' }, { name: 'side', image: 's' }] },
          status: st,
        } as unknown as KubeObject;
        if (!statusIsQuiet(pod)) return;
        const subject = subjectFromPod(pod);
        const ctx = builder.context(subject, NOW);
        for (const rule of GATED) expect(runRule(rule, subject, ctx), rule.id).toEqual([]);
      }),
      { numRuns: 10_000 },
    );
  });
});
