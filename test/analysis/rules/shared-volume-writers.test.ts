import { describe, expect, it } from 'vitest';
import { rule } from '../../../src/analysis/rules/shared-volume-writers.js';
import { internalErrorsOnOddInput, manifestSubject, pod, run } from './subject-builders.js';

const spec = (shipperMount: Record<string, unknown>) => ({
  volumes: [{ name: 'logs', emptyDir: {} }],
  containers: [
    { name: 'app', image: 'x:1', volumeMounts: [{ name: 'logs', mountPath: '/var/log/app' }] },
    { name: 'log-shipper', image: 'fluent/fluent-bit:3', volumeMounts: [{ name: 'logs', mountPath: '/logs', ...shipperMount }] },
  ],
});

describe('shared-volume-writers', () => {
  it('fires (info) when two containers mount one volume read-write', () => {
    const f = run(rule, manifestSubject(pod(spec({}))));
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: 'info', volume: 'logs' });
    expect(f[0].message).toBe('volume logs is mounted read-write by app and log-shipper: both can change the same files');
    expect(f[0].evidence).toEqual([
      'spec.containers[0].volumeMounts[0]: logs at /var/log/app read-write (app)',
      'spec.containers[1].volumeMounts[0]: logs at /logs read-write (log-shipper)',
    ]);
  });

  it('a read-only reader is the healthy pattern', () => {
    expect(run(rule, manifestSubject(pod(spec({ readOnly: true }))))).toEqual([]);
  });

  it('separate subPaths do not overlap; nested ones do', () => {
    const twoDirs = spec({ subPath: 'b' });
    (twoDirs.containers[0].volumeMounts[0] as Record<string, unknown>).subPath = 'a';
    expect(run(rule, manifestSubject(pod(twoDirs)))).toEqual([]);
    const nested = spec({ subPath: 'a/b' });
    (nested.containers[0].volumeMounts[0] as Record<string, unknown>).subPath = 'a';
    expect(run(rule, manifestSubject(pod(nested)))).toHaveLength(1);
  });

  it('an init container filling a volume before the app starts is a hand-over', () => {
    const s = {
      volumes: [{ name: 'work', emptyDir: {} }],
      initContainers: [{ name: 'extract', image: 'x:1', volumeMounts: [{ name: 'work', mountPath: '/out' }] }],
      containers: [{ name: 'report', image: 'y:1', volumeMounts: [{ name: 'work', mountPath: '/in' }] }],
    };
    expect(run(rule, manifestSubject(pod(s)))).toEqual([]);
  });

  it('configMap and secret volumes are read-only whatever the mount says', () => {
    const s = {
      volumes: [{ name: 'cfg', configMap: { name: 'c' } }],
      containers: [
        { name: 'a', image: 'x:1', volumeMounts: [{ name: 'cfg', mountPath: '/c' }] },
        { name: 'b', image: 'y:1', volumeMounts: [{ name: 'cfg', mountPath: '/c' }] },
      ],
    };
    expect(run(rule, manifestSubject(pod(s)))).toEqual([]);
  });

  it('never throws on odd input', () => {
    expect(internalErrorsOnOddInput(rule)).toEqual([]);
  });
});
