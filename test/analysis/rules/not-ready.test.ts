import { describe, expect, it } from 'vitest';
import { rule } from '../../../src/analysis/rules/not-ready.js';
import { MIN, ago, internalErrorsOnOddInput, liveSubject, manifestSubject, pod, run } from './subject-builders.js';

const spec = {
  initContainers: [{ name: 'envoy', image: 'envoyproxy/envoy:v1.31.0', restartPolicy: 'Always' }],
  containers: [{ name: 'flaky', image: 'shop/flaky:1', readinessProbe: { httpGet: { path: '/ready', port: 8080 } } }],
};

function unready(since: string, containerStatuses: unknown[], extra: Record<string, unknown> = {}) {
  return liveSubject(
    pod(spec, {
      status: {
        phase: 'Running',
        conditions: [{ type: 'PodScheduled', status: 'True' }, { type: 'Ready', status: 'False', lastTransitionTime: since }],
        initContainerStatuses: [{ name: 'envoy', ready: true, state: { running: {} } }],
        containerStatuses,
      },
      ...extra,
    }),
  );
}

const flakyUnready = [{ name: 'flaky', ready: false, state: { running: {} } }];
const events = [
  { reason: 'Unhealthy', message: 'Readiness probe failed: old', lastTimestamp: ago(4 * MIN) },
  { reason: 'Unhealthy', message: 'Readiness probe failed: HTTP probe failed with statuscode: 503', lastTimestamp: ago(MIN) },
  { reason: 'Pulled', message: 'pulled', lastTimestamp: ago(30 * 1000) },
];

describe('not-ready', () => {
  it('fires after 60 s unready, naming the container and the last Unhealthy event', () => {
    const f = run(rule, unready(ago(5 * MIN), flakyUnready), { events: events as never });
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: 'warning', container: 'flaky', probe: 'readiness' });
    expect(f[0].message).toBe(
      'pod not ready for 5m: container flaky not ready; last Unhealthy event: "Readiness probe failed: HTTP probe failed with statuscode: 503"',
    );
    expect(f[0].evidence).toContain('status.containerStatuses[0].ready: false (flaky)');
  });

  it('counts native sidecars that are not ready', () => {
    const s = liveSubject(
      pod(spec, {
        status: {
          phase: 'Running',
          conditions: [{ type: 'Ready', status: 'False', lastTransitionTime: ago(3 * MIN) }],
          initContainerStatuses: [{ name: 'envoy', ready: false, state: { running: {} } }],
          containerStatuses: [{ name: 'flaky', ready: true, state: { running: {} } }],
        },
      }),
    );
    expect(run(rule, s)[0].message).toContain('container envoy not ready');
  });

  it('says so when only a readiness gate holds the pod back', () => {
    const f = run(rule, unready(ago(5 * MIN), [{ name: 'flaky', ready: true, state: { running: {} } }]));
    expect(f[0].message).toContain('readiness gate');
  });

  it('grants 60 s of grace, and needs a known transition time', () => {
    expect(run(rule, unready(ago(50 * 1000), flakyUnready))).toEqual([]);
    expect(run(rule, unready('not a time', flakyUnready))).toEqual([]);
  });

  it('does not fire on ready, pending, terminating pods or on manifests', () => {
    const ready = liveSubject(pod(spec, { status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: ago(MIN * 9) }] } }));
    expect(run(rule, ready)).toEqual([]);
    const pending = liveSubject(pod(spec, { status: { phase: 'Pending', conditions: [{ type: 'Ready', status: 'False', lastTransitionTime: ago(MIN * 9) }] } }));
    expect(run(rule, pending)).toEqual([]);
    const terminating = unready(ago(5 * MIN), flakyUnready, { metadata: { name: 'p', deletionTimestamp: ago(MIN) } });
    expect(run(rule, terminating)).toEqual([]);
    expect(run(rule, manifestSubject(pod(spec, { status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'False', lastTransitionTime: ago(MIN * 9) }] } })))).toEqual([]);
  });

  it('leaves crash loops and image pull failures to their own rules', () => {
    const crashing = [{ name: 'flaky', ready: false, state: { waiting: { reason: 'CrashLoopBackOff' } } }];
    expect(run(rule, unready(ago(5 * MIN), crashing))).toEqual([]);
  });

  it('takes odd input without throwing', () => {
    expect(internalErrorsOnOddInput(rule)).toEqual([]);
  });
});

describe('not-ready on run-to-completion pods', () => {
  it('a Job pod whose main container finished while a classic sidecar runs is not reported', () => {
    const jobSpec = {
      restartPolicy: 'Never',
      containers: [{ name: 'export', image: 'shop/export:1' }, { name: 'log-forwarder', image: 'fluent/fluent-bit:3.1' }],
    };
    const s = liveSubject(
      pod(jobSpec, {
        status: {
          phase: 'Running',
          conditions: [{ type: 'Ready', status: 'False', lastTransitionTime: ago(30 * MIN) }],
          containerStatuses: [
            { name: 'export', ready: false, state: { terminated: { reason: 'Completed', exitCode: 0 } } },
            { name: 'log-forwarder', ready: true, state: { running: {} } },
          ],
        },
      }),
    );
    expect(run(rule, s)).toEqual([]);
    const always = liveSubject(pod({ ...jobSpec, restartPolicy: 'Always' }, { status: (s.pod as { status: unknown }).status }));
    expect(run(rule, always, { workload: { kind: 'Job', metadata: { name: 'export' } } })).toEqual([]);
    expect(run(rule, always)).toHaveLength(1);
  });
});
