import { describe, expect, it } from 'vitest';
import { defaultContainerOfPod } from '../../../src/model/pod-detail/default-container.js';
import { MALFORMED, flakyPod, logShipperPod, portClashPod } from './fixtures.js';
import type { Pod } from '../../../src/model/kube.js';

describe('defaultContainerOfPod', () => {
  it('port-clash: the crash-looping api, not the first container web', () => {
    expect(defaultContainerOfPod(portClashPod())).toBe('api');
  });

  it('a healthy pod: its first main container, not an init container or a native sidecar', () => {
    expect(defaultContainerOfPod(logShipperPod())).toBe(logShipperPod().spec!.containers![0].name);
    expect(defaultContainerOfPod(flakyPod())).toBe('app');
  });

  it('an init container failing before any main one starts', () => {
    const pod = flakyPod();
    const status = pod.status as { initContainerStatuses: Record<string, unknown>[]; containerStatuses: Record<string, unknown>[] };
    const migrate = status.initContainerStatuses.find((s) => s.name === 'migrate')!;
    migrate.state = { waiting: { reason: 'CrashLoopBackOff' } };
    migrate.restartCount = 3;
    status.containerStatuses = status.containerStatuses.map((s) => ({ ...s, state: { waiting: { reason: 'PodInitializing' } }, ready: false, restartCount: 0 }));
    expect(defaultContainerOfPod(pod)).toBe('migrate');
  });

  it('odd pods give a name or undefined, never throw', () => {
    for (const m of MALFORMED) expect(() => defaultContainerOfPod(m as Pod)).not.toThrow();
    expect(defaultContainerOfPod(undefined)).toBeUndefined();
  });
});
