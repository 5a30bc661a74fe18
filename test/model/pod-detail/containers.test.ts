import { describe, expect, it } from 'vitest';
import { containerRows, terminationText } from '../../../src/model/pod-detail/containers.js';
import { flakyPod, portClashPod } from './fixtures.js';

describe('containerRows', () => {
  it('gives state text, readiness, restarts and the last termination', () => {
    const [web, api] = containerRows(portClashPod());
    expect(web.state.text).toBe('Running');
    expect(web.state.tone).toBe('ok');
    expect(web.ready).toBe(true);
    expect(api.state.text).toBe('Waiting: CrashLoopBackOff');
    expect(api.state.tone).toBe('error');
    expect(api.restarts).toBe(7);
    expect(api.lastTermination?.exitCode).toBe(1);
    expect(terminationText(api.lastTermination)).toBe('Error (exit 1): listen tcp :8080: bind: address already in use');
    expect(api.badge).toBe('main');
  });

  it('lists init containers first: native sidecar and a completed init', () => {
    const rows = containerRows(flakyPod());
    expect(rows.map((r) => `${r.name}:${r.placement}:${r.badge}`)).toEqual([
      'proxy:native:sidecar native',
      'migrate:init:init',
      'app:regular:main',
    ]);
    expect(rows[1].state.text).toBe('Terminated: Completed (exit 0)');
    expect(rows[1].finished).toBe(true);
  });

  it('takes the badge from the analysis roles when given', () => {
    const rows = containerRows(flakyPod(), [
      { name: 'proxy', role: 'sidecar', kind: 'proxy', native: true },
      { name: 'app', role: 'main' },
    ]);
    expect(rows[0].badge).toBe('sidecar:proxy native');
    expect(rows[2].badge).toBe('main');
  });

  it('says Pending for containers of a pending pod without statuses', () => {
    const rows = containerRows({ spec: { containers: [{ name: 'a', image: 'x' }] }, status: { phase: 'Pending' } });
    expect(rows[0].state.text).toBe('Pending');
    expect(rows[0].restarts).toBe(0);
  });
});
