import { describe, expect, it } from 'vitest';
import { rule } from '../../../src/analysis/rules/crash-loop.js';
import { HOUR, MIN, ago, internalErrorsOnOddInput, liveSubject, manifestSubject, pod, run } from './subject-builders.js';

const spec = {
  containers: [
    { name: 'web', image: 'nginx:1.27' },
    { name: 'worker', image: 'shop/worker:3', resources: { limits: { memory: '128Mi' } } },
  ],
};

function livePod(containerStatuses: unknown[], status: Record<string, unknown> = {}, podSpec: unknown = spec) {
  return liveSubject(pod(podSpec, { status: { phase: 'Running', startTime: ago(3 * 24 * HOUR), containerStatuses, ...status } }));
}

const running = { name: 'web', ready: true, restartCount: 0, state: { running: {} } };

describe('crash-loop', () => {
  it('fires on CrashLoopBackOff and quotes the memory limit for OOMKilled', () => {
    const s = livePod([
      running,
      { name: 'worker', restartCount: 7, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { reason: 'OOMKilled', exitCode: 137, finishedAt: ago(2 * MIN) } } },
    ]);
    const f = run(rule, s);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: 'error', container: 'worker' });
    expect(f[0].message).toContain('CrashLoopBackOff (7 restarts)');
    expect(f[0].message).toContain('OOMKilled, exit code 137');
    expect(f[0].message).toContain('memory limit 128Mi');
    expect(f[0].evidence).toContain('status.containerStatuses[1].state.waiting.reason: CrashLoopBackOff');
    expect(f[0].evidence).toContain('spec.containers[1].resources.limits.memory: 128Mi');
  });

  it('OOMKilled without a limit says the node ran out of memory', () => {
    const s = livePod([{ name: 'web', restartCount: 4, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { reason: 'OOMKilled', exitCode: 137 } } }]);
    expect(run(rule, s)[0].message).toContain('no memory limit');
  });

  it('explains exit codes 137 and 143 as killed', () => {
    for (const [code, word] of [[137, 'SIGKILL'], [143, 'SIGTERM']] as const) {
      const s = livePod([{ name: 'web', restartCount: 4, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { reason: 'Error', exitCode: code } } }]);
      expect(run(rule, s)[0].message).toContain(word);
    }
  });

  it('"address already in use" points at port-conflict, and the message is quoted inert', () => {
    const s = livePod([
      { name: 'web', restartCount: 9, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { reason: 'Error', exitCode: 1, message: 'listen tcp :8080: bind: address already in use\n\x1b[31m' } } },
    ]);
    const m = run(rule, s)[0].message;
    expect(m).toContain('see port-conflict');
    expect(m).toContain('bind: address already in use\\n\\x1b[31m');
    expect(m).not.toContain('\x1b');
  });

  it('fires on 3+ restarts within the hour of a young pod as error', () => {
    const s = livePod(
      [{ name: 'web', restartCount: 3, state: { running: {} }, lastState: { terminated: { reason: 'Error', exitCode: 2, finishedAt: ago(5 * MIN) } } }],
      { startTime: ago(30 * MIN) },
    );
    const f = run(rule, s);
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe('error');
    expect(f[0].message).toContain('restarted 3 times since the pod started 30m ago');
  });

  it('an older pod restarting 3+ times an hour on average is a warning: when they happened is unknown', () => {
    const s = livePod(
      [{ name: 'web', restartCount: 30, state: { running: {} }, lastState: { terminated: { reason: 'Error', exitCode: 1, finishedAt: ago(10 * MIN) } } }],
      { startTime: ago(5 * HOUR) },
    );
    const f = run(rule, s);
    expect(f[0].severity).toBe('warning');
    expect(f[0].message).toContain("restarted 30 times over the pod's 5h (6 an hour on average), the last 10m ago");
  });

  it('a few restarts over a long life, the last one recent, are history, not a loop', () => {
    const s = livePod([{ name: 'web', restartCount: 5, state: { running: {} }, lastState: { terminated: { reason: 'Error', exitCode: 1, finishedAt: ago(10 * MIN) } } }]);
    expect(run(rule, s)).toEqual([]);
    const noStart = livePod([{ name: 'web', restartCount: 50, state: { running: {} }, lastState: { terminated: { exitCode: 1, finishedAt: ago(MIN) } } }], { startTime: undefined });
    expect(run(rule, noStart)).toEqual([]);
  });

  it('does not fire on old restarts, fewer than 3, finished init containers, or finished pods', () => {
    expect(run(rule, livePod([{ name: 'web', restartCount: 12, state: { running: {} }, lastState: { terminated: { exitCode: 1, finishedAt: ago(2 * HOUR) } } }]))).toEqual([]);
    expect(run(rule, livePod([{ name: 'web', restartCount: 2, state: { running: {} }, lastState: { terminated: { exitCode: 1, finishedAt: ago(MIN) } } }], { startTime: ago(10 * MIN) }))).toEqual([]);
    const withInit = { initContainers: [{ name: 'migrate', image: 'shop/migrate:1' }], ...spec };
    const initDone = liveSubject(
      pod(withInit, {
        status: {
          phase: 'Running',
          startTime: ago(20 * MIN),
          initContainerStatuses: [{ name: 'migrate', restartCount: 4, state: { terminated: { reason: 'Completed', exitCode: 0, finishedAt: ago(5 * MIN) } }, lastState: { terminated: { exitCode: 1, finishedAt: ago(8 * MIN) } } }],
          containerStatuses: [running],
        },
      }),
    );
    expect(run(rule, initDone)).toEqual([]);
    expect(run(rule, livePod([{ name: 'web', restartCount: 5, state: { terminated: { exitCode: 1, finishedAt: ago(MIN) } } }], { phase: 'Failed' }))).toEqual([]);
  });

  it('fires on an init container stuck in CrashLoopBackOff', () => {
    const withInit = { initContainers: [{ name: 'migrate', image: 'shop/migrate:1' }], ...spec };
    const s = liveSubject(pod(withInit, { status: { phase: 'Pending', initContainerStatuses: [{ name: 'migrate', restartCount: 3, state: { waiting: { reason: 'CrashLoopBackOff' } } }] } }));
    const f = run(rule, s);
    expect(f).toHaveLength(1);
    expect(f[0].evidence[0]).toBe('status.initContainerStatuses[0].state.waiting.reason: CrashLoopBackOff');
  });

  it('never fires on manifests', () => {
    const p = pod(spec, { status: { containerStatuses: [{ name: 'web', state: { waiting: { reason: 'CrashLoopBackOff' } } }] } });
    expect(run(rule, manifestSubject(p))).toEqual([]);
  });

  it('takes odd input without throwing', () => {
    expect(internalErrorsOnOddInput(rule)).toEqual([]);
  });
});
