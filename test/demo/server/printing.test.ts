// Selectors and the kubectl-like pod printer, as pure functions.
import { describe, expect, test } from 'vitest';
import { humanDuration, printPod } from '../../../src/demo/server/pod-printer.js';
import { parseFieldSelector, parseLabelSelector } from '../../../src/demo/server/selectors.js';
import { ApiError } from '../../../src/demo/server/status.js';
import type { Pod } from '../../../src/model/kube.js';

const withLabels = (labels: Record<string, string>) => ({ metadata: { labels } });

describe('label selectors', () => {
  const cases: [string, Record<string, string>, boolean][] = [
    ['app=web', { app: 'web' }, true],
    ['app==web', { app: 'api' }, false],
    ['app!=web', {}, true],
    ['app in (web, api)', { app: 'api' }, true],
    ['app notin (web,api)', { app: 'api' }, false],
    ['app notin (web)', {}, true],
    ['app', { app: '' }, true],
    ['!app', { app: 'x' }, false],
    ['app=web,tier', { app: 'web' }, false],
    ['example.com/team=a', { 'example.com/team': 'a' }, true],
    ['replicas>2', { replicas: '3' }, true],
    ['replicas<2', { replicas: '3' }, false],
    ['', { any: 'thing' }, true],
    ['app=', { app: '' }, true],
  ];
  test.each(cases)('%s on %j → %s', (sel, labels, expected) => {
    expect(parseLabelSelector(sel)(withLabels(labels))).toBe(expected);
  });

  test.each(['app in web', 'app=(', '=x', 'app=web,', 'a b', 'app in (a', '-bad=x', 'x>y', 'app=w@b'])('malformed %s → 400', (sel) => {
    try {
      parseLabelSelector(sel);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ApiError);
      expect((err as ApiError).body).toMatchObject({ code: 400, reason: 'BadRequest' });
      expect((err as ApiError).body.message).toMatch(/^unable to parse requirement: /);
    }
  });
});

describe('field selectors', () => {
  test('per-kind fields, != and escapes', () => {
    const p = { metadata: { name: 'a,b', namespace: 'x' }, spec: { nodeName: 'n1' }, status: { phase: 'Running' } };
    expect(parseFieldSelector('pods', 'spec.nodeName=n1,status.phase!=Failed')(p)).toBe(true);
    expect(parseFieldSelector('pods', 'metadata.name=a\\,b')(p)).toBe(true);
    expect(() => parseFieldSelector('services', 'spec.nodeName=n1')).toThrow('field label not supported: spec.nodeName');
    const ev = { involvedObject: { kind: 'Pod', name: 'a', namespace: 'x', uid: 'u' }, type: 'Warning', source: { component: 'kubelet' } };
    expect(parseFieldSelector('events', 'involvedObject.kind=Pod,involvedObject.uid=u,type=Warning,source=kubelet')(ev)).toBe(true);
  });
});

describe('pod printer', () => {
  const now = Date.parse('2026-01-01T01:00:00Z');
  const base = (status: object, spec: object = {}): Pod => ({
    metadata: { name: 'p' },
    spec: { containers: [{ name: 'a', image: 'i' }], ...spec },
    status: { phase: 'Running', ...status },
  });
  const running = { name: 'a', ready: true, restartCount: 0, image: 'i', imageID: '', state: { running: {} } };

  test('statuses kubectl shows', () => {
    expect(printPod(base({ containerStatuses: [running] }), now)).toEqual({ ready: '1/1', status: 'Running', restarts: '0' });
    expect(printPod(base({ phase: 'Succeeded', containerStatuses: [{ ...running, ready: false, state: { terminated: { exitCode: 0, reason: 'Completed' } } }] }), now).status).toBe('Completed');
    const oom = { ...running, ready: false, restartCount: 3, state: { terminated: { exitCode: 137, reason: 'OOMKilled' } }, lastState: { terminated: { exitCode: 137, finishedAt: '2026-01-01T00:55:00Z' } } };
    expect(printPod(base({ containerStatuses: [oom] }), now)).toEqual({ ready: '0/1', status: 'OOMKilled', restarts: '3 (5m ago)' });
    expect(printPod(base({ containerStatuses: [{ ...running, ready: false, state: { waiting: { reason: 'ImagePullBackOff' } } }] }), now).status).toBe('ImagePullBackOff');
    expect(printPod(base({ containerStatuses: [{ ...running, state: { terminated: { exitCode: 2 } } }] }), now).status).toBe('ExitCode:2');
    const terminating: Pod = { ...base({ containerStatuses: [running] }), metadata: { name: 'p', deletionTimestamp: '2026-01-01T00:59:00Z' } };
    expect(printPod(terminating, now).status).toBe('Terminating');
    const initSpec = { initContainers: [{ name: 'i1', image: 'i' }, { name: 'i2', image: 'i' }] };
    const initCrash = base(
      { phase: 'Pending', initContainerStatuses: [{ ...running, name: 'i1', ready: false, state: { waiting: { reason: 'CrashLoopBackOff' } }, restartCount: 4 }] },
      initSpec,
    );
    expect(printPod(initCrash, now)).toMatchObject({ status: 'Init:CrashLoopBackOff', restarts: '4' });
    expect(printPod(base({ phase: 'Pending', reason: 'Evicted' }), now).status).toBe('Evicted');
    expect(printPod({} as Pod, now)).toEqual({ ready: '0/0', status: '', restarts: '0' });
  });

  test('native sidecars count in READY, classic init containers do not', () => {
    const pod = base(
      { initContainerStatuses: [{ ...running, name: 's', started: true }, { ...running, name: 'i', ready: false, state: { terminated: { exitCode: 0, reason: 'Completed' } } }], containerStatuses: [running] },
      { initContainers: [{ name: 's', image: 'i', restartPolicy: 'Always' }, { name: 'i', image: 'i' }] },
    );
    expect(printPod(pod, now)).toMatchObject({ ready: '2/2', status: 'Running' });
  });

  test('ages like Go duration.HumanDuration', () => {
    const s = 1000;
    expect([59 * s, 119 * s, 150 * s, 600 * s, 3 * 3600 * s + 60 * s, 30 * 3600 * s, 50 * 3600 * s, 400 * 86400 * s, 3 * 365 * 86400 * s + 86400 * s].map(humanDuration)).toEqual([
      '59s', '119s', '2m30s', '10m', '3h1m', '30h', '2d2h', '400d', '3y1d',
    ]);
  });
});
