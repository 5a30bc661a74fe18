// The fast path of the status-reading runtime rules (runtime-fast-path.ts) skips each of them
// for a pod whose status does not show the signals it speaks about. It must change nothing:
// over the demo dataset, the scenario pods and generated statuses, a rule finds nothing on
// every pod the fast path skips it for, and the live analysis's runtime findings equal what
// every runtime rule finds when run in full.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeRaw, LiveAnalysis, runRule } from '../../src/analysis/engine.js';
import { LiveContextBuilder } from '../../src/analysis/context.js';
import { ALL_RULES } from '../../src/analysis/registry.js';
import { ALL_SIGNALS, SIGNAL_BIT, showsAny, statusSignals } from '../../src/analysis/runtime-fast-path.js';
import { subjectFromPod } from '../../src/analysis/subjects.js';
import { ObjectStore } from '../../src/cluster/store.js';
import { buildDataset } from '../../src/demo/dataset.js';
import { buildScenarios } from '../../src/demo/scenarios/index.js';
import { storeOf } from './store-of.js';
import { objectKey, type KubeObject } from '../../src/model/kube.js';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const GATED = ALL_RULES.filter((r) => r.statusSignals);
const RUNTIME = ALL_RULES.filter((r) => r.runtime);


async function stores(): Promise<[string, ObjectStore][]> {
  return [
    ['demo dataset', storeOf((await buildDataset({ now: new Date(NOW), pods: 3000 })).objects)],
    ['scenarios', storeOf(buildScenarios(new Date(NOW)).objects)],
  ];
}

describe('runtime fast path', () => {
  it('marks exactly the four status-reading runtime rules, each with what it speaks about', () => {
    expect(Object.fromEntries(GATED.map((r) => [r.id, r.statusSignals]))).toEqual({
      'crash-loop': ['waiting', 'restarts'],
      'image-pull': ['waiting'],
      'not-ready': ['notReady'],
      unschedulable: ['pending'],
    });
    expect(GATED.every((r) => r.runtime)).toBe(true);
  });

  it('a rule finds nothing on any pod it is skipped for, and the live findings equal a full run', async () => {
    for (const [name, store] of await stores()) {
      const builder = new LiveContextBuilder(store);
      const live = new LiveAnalysis(store, { now: () => NOW });
      let quiet = 0;
      let loud = 0;
      let partly = 0;
      let runtimeFindings = 0;
      for (const pod of store.list('pods')) {
        const subject = subjectFromPod(pod);
        const ctx = builder.context(subject, NOW);
        const signals = statusSignals(pod);
        const skipped = GATED.filter((rule) => !showsAny(signals, rule.statusSignals!));
        for (const rule of skipped) expect(runRule(rule, subject, ctx), `${name}: ${rule.id} on ${objectKey(pod)}`).toEqual([]);
        if (signals === 0) quiet++;
        else if (skipped.length) partly++;
        else loud++;
        const full = analyzeRaw(subject, ctx, RUNTIME);
        runtimeFindings += full.length;
        const got = live.findingsForPod(objectKey(pod)).filter((f) => RUNTIME.some((r) => r.id === f.rule));
        expect(got, `${name}: runtime findings of ${objectKey(pod)}`).toEqual(full);
      }
      // The comparison has teeth only if both paths are taken and runtime rules do fire.
      expect(quiet, name).toBeGreaterThan(0);
      expect(loud + partly, name).toBeGreaterThan(0);
      // Pods that show some signals but not all (old restarts, completed Jobs): some rules skipped, others run.
      if (name === 'demo dataset') expect(partly, name).toBeGreaterThan(0);
      expect(runtimeFindings, name).toBeGreaterThan(0);
    }
  });

  it('shows the signals the rules look for, and every one when in doubt', () => {
    const running = (status: Record<string, unknown>) => ({ metadata: { name: 'p' }, status: { phase: 'Running', ...status } });
    const { pending, notReady, waiting, restarts } = SIGNAL_BIT;
    expect(statusSignals(running({ containerStatuses: [{ name: 'a', ready: true, restartCount: 0, state: { running: {} } }] }))).toBe(0);
    expect(statusSignals({ status: { phase: 'Pending' } })).toBe(pending);
    expect(statusSignals({ status: { phase: 'Pending', conditions: [{ type: 'Ready', status: 'False' }] } })).toBe(pending);
    expect(statusSignals({ status: { phase: 'Succeeded', conditions: [{ type: 'Ready', status: 'False' }] } })).toBe(0);
    expect(statusSignals({ status: { phase: 'Failed', containerStatuses: [{ name: 'a', restartCount: 4 }] } })).toBe(restarts);
    expect(statusSignals(running({ conditions: [{ type: 'Ready', status: 'False' }] }))).toBe(notReady);
    expect(statusSignals(running({ conditions: [{ type: 'Ready', status: 'True' }, { type: 'Ready', status: 'False' }] }))).toBe(0);
    expect(statusSignals(running({ containerStatuses: [{ name: 'a', restartCount: 5, state: { waiting: { reason: 'CrashLoopBackOff' } } }] }))).toBe(waiting | restarts);
    expect(statusSignals(running({ initContainerStatuses: [{ name: 'a', state: { waiting: { reason: 'ImagePullBackOff' } } }] }))).toBe(waiting);
    expect(statusSignals(running({ containerStatuses: [{ name: 'a', restartCount: 3 }] }))).toBe(restarts);
    expect(statusSignals(running({ containerStatuses: [{ name: 'a', restartCount: '7' }] }))).toBe(restarts);
    for (const odd of [{}, { status: { phase: 'Unknown' } }, { status: { phase: 1 } }, running({ containerStatuses: 'junk' }), running({ containerStatuses: [{ state: 'x' }] }), running({ containerStatuses: [{ state: { waiting: 'x' } }] })]) {
      expect(statusSignals(odd), JSON.stringify(odd)).toBe(ALL_SIGNALS);
    }
  });

  it('generated statuses: whenever the fast path skips a rule, the rule finds nothing', () => {
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
        const signals = statusSignals(pod);
        const subject = subjectFromPod(pod);
        const ctx = builder.context(subject, NOW);
        for (const rule of GATED) if (!showsAny(signals, rule.statusSignals!)) expect(runRule(rule, subject, ctx), rule.id).toEqual([]);
      }),
      { numRuns: 10_000 },
    );
  });
});
