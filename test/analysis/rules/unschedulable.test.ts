import { describe, expect, it } from 'vitest';
import { rule } from '../../../src/analysis/rules/unschedulable.js';
import { MIN, ago, internalErrorsOnOddInput, liveSubject, manifestSubject, pod, run } from './subject-builders.js';

const spec = { containers: [{ name: 'big', image: 'shop/big:1', resources: { requests: { memory: '512Gi' } } }] };
const scheduler = '0/3 nodes are available: 3 Insufficient memory. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.';

function pending(condition: Record<string, unknown>, phase = 'Pending') {
  return liveSubject(pod(spec, { status: { phase, conditions: [{ type: 'PodScheduled', ...condition }] } }));
}

describe('unschedulable', () => {
  it('fires on Pending + PodScheduled=False and quotes the scheduler', () => {
    const f = run(rule, pending({ status: 'False', reason: 'Unschedulable', message: scheduler, lastTransitionTime: ago(12 * MIN) }));
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: 'error', rule: 'unschedulable' });
    expect(f[0].message).toBe(`pod cannot be scheduled for 12m: "${scheduler}"`);
    expect(f[0].evidence[1]).toContain('PodScheduled=False, reason Unschedulable');
  });

  it('still fires without a scheduler message, and says so', () => {
    expect(run(rule, pending({ status: 'False' }))[0].message).toContain('the scheduler gave no message');
  });

  it('does not fire on scheduling gates, scheduled pods, running pods or manifests', () => {
    expect(run(rule, pending({ status: 'False', reason: 'SchedulingGated', message: 'Scheduling is blocked due to non-empty scheduling gates' }))).toEqual([]);
    expect(run(rule, pending({ status: 'True' }))).toEqual([]);
    expect(run(rule, pending({ status: 'False', message: scheduler }, 'Running'))).toEqual([]);
    expect(run(rule, manifestSubject(pod(spec, { status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False' }] } })))).toEqual([]);
  });

  it('takes odd input without throwing', () => {
    expect(internalErrorsOnOddInput(rule)).toEqual([]);
  });
});

describe('unschedulable while the cluster autoscaler adds a node', () => {
  it('is a warning that says a node is on its way', () => {
    const s = pending({ status: 'False', reason: 'Unschedulable', message: scheduler, lastTransitionTime: ago(2 * MIN) });
    const events = [{ reason: 'TriggeredScaleUp', message: 'pod triggered scale-up: [{pool-1 3->4 (max: 10)}]' }];
    const f = run(rule, s, { events: events as never });
    expect(f[0].severity).toBe('warning');
    expect(f[0].message).toBe(`pod waits for a new node: the cluster autoscaler triggered a scale-up; unschedulable for 2m: "${scheduler}"`);
    const notHelping = run(rule, s, { events: [{ reason: 'NotTriggerScaleUp', message: 'pod didn\'t trigger scale-up' }] as never });
    expect(notHelping[0].severity).toBe('error');
  });
});
