// Runtime rules read the kubelet's status, which is the least predictable input of all: random
// partial statuses, events and siblings must never make them throw, and whatever they report
// stays one line.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rule as crashLoop } from '../../../src/analysis/rules/crash-loop.js';
import { rule as notReady } from '../../../src/analysis/rules/not-ready.js';
import { rule as unschedulable } from '../../../src/analysis/rules/unschedulable.js';
import { rule as imagePull } from '../../../src/analysis/rules/image-pull.js';
import { rule as replicasSameNode } from '../../../src/analysis/rules/replicas-same-node.js';
import { NOW, liveSubject, run } from './subject-builders.js';

const junk = fc.constantFrom<unknown>(null, undefined, 0, -1, NaN, true, '', 'x', [], {}, [null], '\u001b[31m');
const odd = <T>(good: fc.Arbitrary<T>) => fc.oneof({ weight: 3, arbitrary: good }, { weight: 1, arbitrary: junk });
const time = odd(fc.integer({ min: -3 * 3600, max: 600 }).map((s) => new Date(NOW + s * 1000).toISOString()));
const name = odd(fc.constantFrom('app', 'sidecar', 'init'));
const reason = odd(fc.constantFrom('CrashLoopBackOff', 'ImagePullBackOff', 'ErrImagePull', 'OOMKilled', 'Error', 'Completed', 'Unschedulable', 'SchedulingGated'));
const terminated = odd(fc.record({ reason, exitCode: odd(fc.constantFrom(0, 1, 137, 143)), message: odd(fc.constantFrom('bind: address already in use', 'x\ny')), finishedAt: time }, { requiredKeys: [] }));
const containerStatus = odd(
  fc.record(
    {
      name,
      ready: odd(fc.boolean()),
      restartCount: odd(fc.integer({ min: 0, max: 50 })),
      state: odd(fc.record({ waiting: odd(fc.record({ reason, message: odd(fc.string()) }, { requiredKeys: [] })), terminated, running: junk }, { requiredKeys: [] })),
      lastState: odd(fc.record({ terminated }, { requiredKeys: [] })),
    },
    { requiredKeys: [] },
  ),
);
const status = odd(
  fc.record(
    {
      phase: odd(fc.constantFrom('Running', 'Pending', 'Failed', 'Succeeded')),
      startTime: time,
      conditions: odd(fc.array(odd(fc.record({ type: odd(fc.constantFrom('Ready', 'PodScheduled')), status: odd(fc.constantFrom('True', 'False')), reason, message: odd(fc.string()), lastTransitionTime: time }, { requiredKeys: [] })), { maxLength: 3 })),
      containerStatuses: odd(fc.array(containerStatus, { maxLength: 3 })),
      initContainerStatuses: odd(fc.array(containerStatus, { maxLength: 2 })),
    },
    { requiredKeys: [] },
  ),
);
const spec = odd(
  fc.record(
    {
      nodeName: odd(fc.constantFrom('node-1', 'node-2')),
      restartPolicy: odd(fc.constantFrom('Always', 'Never')),
      containers: odd(fc.array(odd(fc.record({ name, image: odd(fc.constantFrom('a:1', 'b')), resources: odd(fc.record({ limits: odd(fc.record({ memory: odd(fc.constantFrom('1Gi', 5)) })) })) }, { requiredKeys: [] })), { maxLength: 3 })),
      initContainers: odd(fc.array(odd(fc.record({ name, restartPolicy: odd(fc.constantFrom('Always')) }, { requiredKeys: [] })), { maxLength: 2 })),
    },
    { requiredKeys: [] },
  ),
);
const pod = fc.record({ metadata: odd(fc.record({ name, deletionTimestamp: odd(time) }, { requiredKeys: [] })), spec, status });

describe('runtime rules on random statuses', () => {
  it('never throw, and report one-line messages', () => {
    fc.assert(
      fc.property(pod, fc.array(pod, { maxLength: 3 }), fc.array(odd(fc.record({ reason, message: odd(fc.string()), lastTimestamp: time }, { requiredKeys: [] })), { maxLength: 3 }), fc.constantFrom('Deployment', 'DaemonSet', 'Job', undefined), (p, siblings, events, kind) => {
        const subject = liveSubject({ kind: 'Pod', ...p });
        const workload = kind ? { kind, metadata: { name: 'w' } } : undefined;
        for (const rule of [crashLoop, notReady, unschedulable, imagePull, replicasSameNode]) {
          const found = run(rule, subject, { siblings: [p, ...siblings] as never, events: events as never, workload });
          for (const f of found) {
            expect(f.rule, f.message).toBe(rule.id);
            expect(f.message).not.toMatch(/[\n\u001b]/);
          }
        }
      }),
      { numRuns: 1500 },
    );
  });
});
