import { describe, expect, it } from 'vitest';
import { podRow } from '../../src/model/pod-row.js';
import type { KubeObject } from '../../src/model/kube.js';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const ago = (min: number) => new Date(NOW - min * 60_000).toISOString();

function pod(spec: Record<string, unknown>, status: Record<string, unknown>, meta: Record<string, unknown> = {}): KubeObject {
  return {
    metadata: { namespace: 'shop', name: 'web-1', uid: 'u1', creationTimestamp: ago(90), ...meta },
    spec: { nodeName: 'node-a', containers: [{ name: 'app' }], ...spec },
    status: { phase: 'Running', podIP: '10.0.0.5', ...status },
  };
}
const running = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  ready: true,
  started: true,
  restartCount: 0,
  state: { running: { startedAt: ago(60) } },
  ...extra,
});
const waiting = (name: string, reason: string, extra: Record<string, unknown> = {}) => ({
  name,
  ready: false,
  restartCount: 0,
  state: { waiting: { reason } },
  ...extra,
});
const terminated = (name: string, exitCode: number, reason?: string, extra: Record<string, unknown> = {}) => ({
  name,
  ready: false,
  restartCount: 0,
  state: { terminated: { exitCode, reason, finishedAt: ago(5) } },
  ...extra,
});

describe('podRow', () => {
  it('a healthy running pod', () => {
    const r = podRow(pod({}, { containerStatuses: [running('app')] }), NOW);
    expect(r).toMatchObject({
      key: 'shop/web-1',
      uid: 'u1',
      namespace: 'shop',
      name: 'web-1',
      ready: '1/1',
      status: 'Running',
      statusTone: 'ok',
      restarts: 0,
      restartsText: '0',
      age: '90m',
      ip: '10.0.0.5',
      node: 'node-a',
    });
  });

  it('CrashLoopBackOff with restarts and the last restart time', () => {
    const r = podRow(
      pod(
        { containers: [{ name: 'web' }, { name: 'api' }] },
        {
          containerStatuses: [
            running('web'),
            waiting('api', 'CrashLoopBackOff', {
              restartCount: 12,
              lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: ago(3) } },
            }),
          ],
        },
      ),
      NOW,
    );
    expect(r.status).toBe('CrashLoopBackOff');
    expect(r.statusTone).toBe('error');
    expect(r.ready).toBe('1/2');
    expect(r.restarts).toBe(12);
    expect(r.restartsText).toBe('12 (3m ago)');
  });

  it('the first container reason wins (kubectl walks from the last)', () => {
    const r = podRow(
      pod({ containers: [{ name: 'a' }, { name: 'b' }] }, { containerStatuses: [waiting('a', 'ImagePullBackOff'), waiting('b', 'ErrImagePull')] }),
      NOW,
    );
    expect(r.status).toBe('ImagePullBackOff');
  });

  it.each([
    ['OOMKilled', terminated('app', 137, 'OOMKilled'), 'error'],
    ['ErrImagePull', waiting('app', 'ErrImagePull'), 'error'],
    ['ContainerCreating', waiting('app', 'ContainerCreating'), 'warning'],
    ['ExitCode:3', terminated('app', 3), 'error'],
  ])('%s', (status, cs, tone) => {
    const r = podRow(pod({}, { containerStatuses: [cs] }), NOW);
    expect(r.status).toBe(status);
    expect(r.statusTone).toBe(tone);
  });

  it('Signal:9 when terminated by a signal without a reason', () => {
    const r = podRow(pod({}, { containerStatuses: [terminated('app', 137, undefined, { state: { terminated: { exitCode: 137, signal: 9 } } })] }), NOW);
    expect(r.status).toBe('Signal:9');
  });

  it('Completed (job pod succeeded) is muted', () => {
    const r = podRow(pod({}, { phase: 'Succeeded', containerStatuses: [terminated('app', 0, 'Completed')] }), NOW);
    expect(r.status).toBe('Completed');
    expect(r.statusTone).toBe('muted');
    expect(r.ready).toBe('0/1');
  });

  it('Completed with a running container shows Running or NotReady', () => {
    const spec = { containers: [{ name: 'a' }, { name: 'b' }] };
    const statuses = [running('a'), terminated('b', 0, 'Completed')];
    expect(podRow(pod(spec, { containerStatuses: statuses, conditions: [{ type: 'Ready', status: 'True' }] }), NOW).status).toBe('Running');
    expect(podRow(pod(spec, { containerStatuses: statuses }), NOW).status).toBe('NotReady');
  });

  it('Init:1/2 while the second init container runs', () => {
    const r = podRow(
      pod(
        { initContainers: [{ name: 'i1' }, { name: 'i2' }] },
        {
          phase: 'Pending',
          initContainerStatuses: [terminated('i1', 0, 'Completed'), { name: 'i2', ready: false, state: { running: {} } }],
          containerStatuses: [waiting('app', 'PodInitializing')],
        },
      ),
      NOW,
    );
    expect(r.status).toBe('Init:1/2');
    expect(r.statusTone).toBe('warning');
  });

  it('Init:CrashLoopBackOff and Init:Error', () => {
    const spec = { initContainers: [{ name: 'i1' }] };
    expect(podRow(pod(spec, { phase: 'Pending', initContainerStatuses: [waiting('i1', 'CrashLoopBackOff', { restartCount: 4 })] }), NOW)).toMatchObject({
      status: 'Init:CrashLoopBackOff',
      statusTone: 'error',
      restarts: 4,
    });
    expect(podRow(pod(spec, { phase: 'Pending', initContainerStatuses: [terminated('i1', 2, 'Error')] }), NOW).status).toBe('Init:Error');
    expect(podRow(pod(spec, { phase: 'Pending', initContainerStatuses: [terminated('i1', 2)] }), NOW).status).toBe('Init:ExitCode:2');
  });

  it('PodInitializing after the init containers are done', () => {
    const r = podRow(
      pod(
        { initContainers: [{ name: 'i1' }] },
        { phase: 'Pending', initContainerStatuses: [terminated('i1', 0, 'Completed')], containerStatuses: [waiting('app', 'PodInitializing')] },
      ),
      NOW,
    );
    expect(r.status).toBe('PodInitializing');
  });

  it('native sidecars count in READY and RESTARTS like kubectl', () => {
    const r = podRow(
      pod(
        { initContainers: [{ name: 'proxy', restartPolicy: 'Always' }, { name: 'setup' }] },
        {
          conditions: [{ type: 'Initialized', status: 'True' }],
          initContainerStatuses: [running('proxy', { restartCount: 2 }), terminated('setup', 0, 'Completed', { restartCount: 1 })],
          containerStatuses: [running('app', { restartCount: 1 })],
        },
      ),
      NOW,
    );
    expect(r.ready).toBe('2/2');
    expect(r.status).toBe('Running');
    // The finished init container's restart is not counted once the pod is initialised.
    expect(r.restarts).toBe(3);
  });

  it('Terminating, and Unknown for a deleted pod on a lost node', () => {
    expect(podRow(pod({}, { containerStatuses: [running('app')] }, { deletionTimestamp: ago(1) }), NOW).status).toBe('Terminating');
    expect(podRow(pod({}, { reason: 'NodeLost', containerStatuses: [running('app')] }, { deletionTimestamp: ago(1) }), NOW).status).toBe('Unknown');
    // A finished pod being deleted keeps its final status.
    expect(podRow(pod({}, { phase: 'Succeeded', containerStatuses: [terminated('app', 0, 'Completed')] }, { deletionTimestamp: ago(1) }), NOW).status).toBe('Completed');
  });

  it('Evicted and Pending from the pod reason and phase', () => {
    const evicted = podRow(pod({}, { phase: 'Failed', reason: 'Evicted', podIP: undefined }), NOW);
    expect(evicted.status).toBe('Evicted');
    expect(evicted.statusTone).toBe('error');
    const pending = podRow(pod({ nodeName: undefined }, { phase: 'Pending', podIP: undefined }), NOW);
    expect(pending).toMatchObject({ status: 'Pending', statusTone: 'warning', ip: '', node: '', ready: '0/1' });
    expect(podRow(pod({}, { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] }), NOW).status).toBe(
      'SchedulingGated',
    );
  });

  it('a running pod with an unready container is a warning', () => {
    const r = podRow(pod({}, { containerStatuses: [running('app', { ready: false })] }), NOW);
    expect(r).toMatchObject({ status: 'Running', ready: '0/1', statusTone: 'warning' });
  });

  it('never throws on malformed pods, and shows names inert', () => {
    const odd: unknown[] = [
      {},
      { metadata: null, spec: 5, status: 'x' },
      { spec: { containers: 'no', initContainers: [null, 3] }, status: { containerStatuses: [null, { state: null }], initContainerStatuses: [{}] } },
      { status: { conditions: [null], containerStatuses: [{ restartCount: 'many', state: { terminated: null, waiting: { reason: 7 } } }] } },
    ];
    for (const o of odd) expect(() => podRow(o as KubeObject, NOW)).not.toThrow();
    expect(podRow({} as KubeObject, NOW)).toMatchObject({ status: 'Unknown', age: '<unknown>', ready: '0/0' });
    const evil = podRow(pod({}, { phase: 'Running\x1b[2J' }, { name: 'x\x1b]0;t\x07' }), NOW);
    expect(evil.name).toBe('x\\x1b]0;t\\x07');
    expect(evil.status).not.toContain('\x1b');
  });

  it('is fast enough for 50,000 pods', () => {
    const p = pod({}, { containerStatuses: [running('app')] });
    const start = performance.now();
    for (let i = 0; i < 50_000; i++) podRow(p, NOW);
    // A generous bound: the point is "tens of ms", not a benchmark.
    expect(performance.now() - start).toBeLessThan(1500);
  });
});
