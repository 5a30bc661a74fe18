import { describe, expect, it } from 'vitest';
import { probeStates, probeTarget } from '../../../src/model/pod-detail/probe-states.js';
import { flakyPod, NOW, unhealthy } from './fixtures.js';

describe('probeStates', () => {
  it('lists liveness, readiness and startup for regular containers and native sidecars only', () => {
    const rows = probeStates(flakyPod(), [], NOW);
    expect(rows.map((r) => `${r.container}:${r.kind}`)).toEqual([
      'proxy:liveness', 'proxy:readiness', 'proxy:startup',
      'app:liveness', 'app:readiness', 'app:startup',
    ]);
  });

  it('describes handler, target (named ports resolved) and timing with API defaults', () => {
    const rows = probeStates(flakyPod(), [], NOW);
    const ready = rows.find((r) => r.container === 'app' && r.kind === 'readiness')!;
    expect(ready.target).toBe('HTTP GET :8080 (http)/ready');
    expect(ready.timingText).toBe('every 5s · timeout 1s · fails after 3');
    const live = rows.find((r) => r.container === 'app' && r.kind === 'liveness')!;
    expect(live.target).toBe('TCP :8080');
    expect(live.timingText).toBe('delay 10s · every 10s · timeout 1s · fails after 3');
    expect(rows.find((r) => r.container === 'proxy' && r.kind === 'startup')!.target).toBe('gRPC :9090');
    expect(probeTarget({ exec: { command: ['pg_isready', '-U', 'app'] } }).target).toBe('exec: pg_isready -U app');
  });

  it('says failing with the last Unhealthy message for the unready container', () => {
    const events = [
      unhealthy('Readiness', 'app', 'HTTP probe failed with statuscode: 500', 600, 2),
      unhealthy('Readiness', 'app', 'HTTP probe failed with statuscode: 503', 20, 40),
      unhealthy('Liveness', 'other', 'nope', 5),
    ];
    const ready = probeStates(flakyPod(), events, NOW).find((r) => r.container === 'app' && r.kind === 'readiness')!;
    expect(ready.state).toBe('failing');
    expect(ready.lastFailure).toEqual({ message: 'HTTP probe failed with statuscode: 503', at: new Date(NOW - 20_000).toISOString(), ago: '20s ago', count: 40 });
  });

  it('says passing for a ready container, not configured for a missing probe, passing for a started startup probe', () => {
    const rows = probeStates(flakyPod(), [], NOW);
    const state = (c: string, k: string) => rows.find((r) => r.container === c && r.kind === k)!.state;
    expect(state('proxy', 'readiness')).toBe('not-configured');
    expect(state('proxy', 'startup')).toBe('passing');
    expect(state('app', 'liveness')).toBe('passing');
    expect(state('app', 'startup')).toBe('not-configured');
  });

  it('treats an old liveness failure as passing again and a recent one as failing', () => {
    const old = probeStates(flakyPod(), [unhealthy('Liveness', 'app', 'dial tcp: connection refused', 1800)], NOW);
    const live = (rows: typeof old) => rows.find((r) => r.container === 'app' && r.kind === 'liveness')!;
    expect(live(old).state).toBe('passing');
    expect(live(old).lastFailure?.ago).toBe('30m ago');
    const recent = probeStates(flakyPod(), [unhealthy('Liveness', 'app', 'dial tcp: connection refused', 15)], NOW);
    expect(live(recent).state).toBe('failing');
  });

  it('says a liveness failure before the current start is what restarted the container', () => {
    const rows = probeStates(flakyPod(), [unhealthy('Liveness', 'app', 'dial tcp: connection refused', 2950)], NOW);
    const live = rows.find((r) => r.container === 'app' && r.kind === 'liveness')!;
    expect(live.state).toBe('passing');
    expect(live.detail).toBe('failed before the last restart');
  });

  it('waits for the startup probe before judging readiness', () => {
    const pod = flakyPod();
    pod.spec!.containers[0].startupProbe = { exec: { command: ['true'] } };
    pod.status!.containerStatuses![0].started = false;
    const rows = probeStates(pod, [], NOW).filter((r) => r.container === 'app');
    expect(rows.map((r) => r.state)).toEqual(['pending', 'pending', 'pending']);
  });

  it('is unknown without a container status', () => {
    const pod = flakyPod();
    delete pod.status;
    expect(probeStates(pod, null, NOW).find((r) => r.kind === 'readiness' && r.container === 'app')!.state).toBe('unknown');
  });
});
