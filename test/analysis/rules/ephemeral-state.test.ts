import { describe, expect, it } from 'vitest';
import { rule } from '../../../src/analysis/rules/ephemeral-state.js';
import { internalErrorsOnOddInput, manifestSubject, pod, run, workload } from './subject-builders.js';

const redis = (extra: Record<string, unknown> = {}, volume: Record<string, unknown> = { emptyDir: {} }) => ({
  volumes: [{ name: 'data', ...volume }],
  containers: [{ name: 'redis', image: 'redis:7.4', volumeMounts: [{ name: 'data', mountPath: '/data' }], ...extra }],
});

describe('ephemeral-state', () => {
  it('fires when a database keeps its data on emptyDir', () => {
    const f = run(rule, manifestSubject(workload('Deployment', redis())));
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ container: 'redis', volume: 'data', severity: 'warning' });
    expect(f[0].message).toBe('redis (redis) keeps its data at /data on emptyDir data: it is lost whenever the pod is replaced');
    expect(f[0].evidence).toEqual(['spec.template.spec.containers[0].volumeMounts[0]: data at /data', 'spec.template.spec.volumes[0]: emptyDir']);
  });

  it('fires when a database has no volume at all', () => {
    const f = run(rule, manifestSubject(pod({ containers: [{ name: 'db', image: 'docker.io/library/postgres:16-alpine' }] })));
    expect(f[0].message).toBe('db (postgres) has no persistent volume: its data (/var/lib/postgresql/data) lives in the container and is lost on every restart');
  });

  it('fires on a data path on emptyDir whatever the image', () => {
    const spec = { volumes: [{ name: 'pg', emptyDir: {} }], containers: [{ name: 'db', image: 'acme/custom-db:1', volumeMounts: [{ name: 'pg', mountPath: '/var/lib/postgresql/data' }] }] };
    expect(run(rule, manifestSubject(pod(spec)))).toHaveLength(1);
  });

  it('a PVC, or a StatefulSet claim template, is fine', () => {
    expect(run(rule, manifestSubject(pod(redis({}, { persistentVolumeClaim: { claimName: 'redis-data' } }))))).toEqual([]);
    const sts = workload('StatefulSet', { containers: [{ name: 'pg', image: 'postgres:16', volumeMounts: [{ name: 'data', mountPath: '/var/lib/postgresql/data' }] }] }, {
      volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'] } }],
    });
    expect(run(rule, manifestSubject(sts))).toEqual([]);
  });

  it('redis configured as a pure cache is fine', () => {
    expect(run(rule, manifestSubject(pod(redis({ args: ['--save', '', '--appendonly', 'no'] }))))).toEqual([]);
    expect(run(rule, manifestSubject(pod(redis({ command: ['redis-server', '--save ""'] }))))).toEqual([]);
    expect(run(rule, manifestSubject(pod(redis({ command: ['sh', '-c', 'redis-server --appendonly no'] }))))).toEqual([]);
    expect(run(rule, manifestSubject(pod(redis({ args: ['--appendonly', 'yes'] }))))).toHaveLength(1);
  });

  it('exporters, UIs and operators of a database are not the database', () => {
    for (const image of ['oliver006/redis_exporter:v1.62', 'provectuslabs/kafka-ui:v0.7', 'quay.io/prometheuscommunity/postgres-exporter:v0.15']) {
      expect(run(rule, manifestSubject(pod({ containers: [{ name: 'x', image }] })))).toEqual([]);
    }
  });

  it('a Job or CronJob running the database image for a task is not a database', () => {
    const backup = { containers: [{ name: 'backup', image: 'postgres:16', command: ['pg_dump', '-h', 'db'] }], restartPolicy: 'OnFailure' };
    expect(run(rule, manifestSubject(workload('CronJob', backup)))).toEqual([]);
    expect(run(rule, manifestSubject(workload('Job', backup)))).toEqual([]);
    expect(run(rule, manifestSubject(pod({ containers: [{ name: 'ui', image: 'mongo-express:1.0' }] })))).toEqual([]);
  });

  it('never throws on odd input', () => {
    expect(internalErrorsOnOddInput(rule)).toEqual([]);
  });
});
