import { describe, expect, it } from 'vitest';
import { rule } from '../../../src/analysis/rules/probes-identical.js';
import { internalErrorsOnOddInput, manifestSubject, pod, run } from './subject-builders.js';

const check = { httpGet: { path: '/healthz', port: 8080 } };
const withProbes = (liveness: unknown, readiness: unknown) => pod({ containers: [{ name: 'cart', image: 'x:1', livenessProbe: liveness, readinessProbe: readiness }] });

describe('probes-identical', () => {
  it('fires when handler and timing are the same', () => {
    const f = run(rule, manifestSubject(withProbes({ ...check, periodSeconds: 5 }, { ...check, periodSeconds: 5 })));
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ container: 'cart', severity: 'warning' });
    expect(f[0].message).toContain('same httpGet check (every 5s, timeout 1s, 3 failures)');
  });

  it('defaults count: an explicit periodSeconds: 10 equals none; key order does not matter', () => {
    const a = { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 10, failureThreshold: 3 };
    const b = { httpGet: { port: 8080, path: '/healthz' } };
    expect(run(rule, manifestSubject(withProbes(a, b)))).toHaveLength(1);
  });

  it('a different failureThreshold, period or timeout is deliberate: no finding', () => {
    expect(run(rule, manifestSubject(withProbes({ ...check, failureThreshold: 6 }, check)))).toEqual([]);
    expect(run(rule, manifestSubject(withProbes({ ...check, periodSeconds: 20 }, check)))).toEqual([]);
    expect(run(rule, manifestSubject(withProbes({ ...check, timeoutSeconds: 3 }, check)))).toEqual([]);
  });

  it('different handlers: no finding', () => {
    expect(run(rule, manifestSubject(withProbes(check, { httpGet: { path: '/ready', port: 8080 } })))).toEqual([]);
    expect(run(rule, manifestSubject(withProbes(check, { tcpSocket: { port: 8080 } })))).toEqual([]);
  });

  it('one probe missing: no finding', () => {
    expect(run(rule, manifestSubject(withProbes(check, undefined)))).toEqual([]);
  });

  it('never throws on odd input', () => {
    expect(internalErrorsOnOddInput(rule)).toEqual([]);
    expect(run(rule, manifestSubject(withProbes({ foo: 1 }, { foo: 1 })))).toEqual([]);
  });
});
