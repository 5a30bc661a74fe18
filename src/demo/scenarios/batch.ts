// Namespace `batch`: Jobs done right (init preprocessing, CronJob runs) and a Job that never
// completes because a classic sidecar never exits (job-sidecar).
import type { KubeObject } from '../../model/kube.js';
import { job } from './owners.js';
import { meta, type Scene } from './scene.js';
import { env, resources } from './specs.js';
import { event, logs, routineEvents } from './story.js';

function nightlyReport(scene: Scene): void {
  const { owner, pods } = job(scene, {
    namespace: 'batch',
    name: 'nightly-report',
    age: '7h',
    complete: true,
    spec: {
      restartPolicy: 'Never',
      initContainers: [
        {
          name: 'extract',
          image: 'ghcr.io/acme/report-extract:1.3.0',
          args: ['--from=postgres.data:5432/shop', '--out=/work/orders.csv', '--since=24h'],
          resources: resources('200m', '256Mi', { memory: '512Mi' }),
          volumeMounts: [{ name: 'work', mountPath: '/work' }],
        },
      ],
      containers: [
        {
          name: 'report',
          image: 'ghcr.io/acme/report-render:1.3.0',
          args: ['--in=/work/orders.csv', '--out=s3://acme-reports/nightly/'],
          resources: resources('500m', '512Mi', { memory: '1Gi' }),
          volumeMounts: [{ name: 'work', mountPath: '/work', readOnly: true }],
        },
      ],
      volumes: [{ name: 'work', emptyDir: {} }],
    },
    replicas: [{ node: 'node-b', runs: { extract: { state: 'terminated', reason: 'Completed', exitCode: 0, startedAfter: 3, ranFor: 41 }, report: { state: 'terminated', reason: 'Completed', exitCode: 0, startedAfter: 47, ranFor: 38, ready: false } } }],
  });
  event(scene, owner, { reason: 'SuccessfulCreate', message: `Created pod: ${pods[0].metadata!.name}`, component: 'job-controller', first: owner.metadata!.creationTimestamp! });
  event(scene, owner, { reason: 'Completed', message: 'Job completed', component: 'job-controller', first: scene.clock.after(owner.metadata!.creationTimestamp!, 95) });
  for (const pod of pods) {
    routineEvents(scene, pod);
    logs(scene, pod, 'extract', { step: 8, current: ['connecting to postgres.data:5432/shop', 'query orders since 24h', 'fetched 18231 rows', 'wrote /work/orders.csv (2.4 MB)', 'done in 41s'] });
    logs(scene, pod, 'report', { step: 7, current: ['reading /work/orders.csv', 'rendering 14 pages', 'uploading nightly-report.pdf to s3://acme-reports/nightly/', 'upload complete', 'done in 38s'] });
  }
}

function exportJob(scene: Scene): void {
  const { owner, pods } = job(scene, {
    namespace: 'batch',
    name: 'export',
    age: '3h',
    complete: false,
    spec: {
      restartPolicy: 'Never',
      containers: [
        {
          name: 'export',
          image: 'ghcr.io/acme/exporter:2.0.1',
          args: ['--dest=s3://acme-exports/daily/', '--log-file=/var/log/export/export.log'],
          resources: resources('500m', '512Mi', { memory: '1Gi' }),
          volumeMounts: [{ name: 'logs', mountPath: '/var/log/export' }],
        },
        {
          name: 'log-forwarder',
          image: 'fluent/fluent-bit:3.2.4',
          args: ['-i', 'tail', '-p', 'path=/var/log/export/*.log', '-o', 'forward', '-p', 'host=logs.ops.svc'],
          env: env({ FLB_LOG_LEVEL: 'info' }),
          resources: resources('20m', '32Mi', { memory: '64Mi' }),
          volumeMounts: [{ name: 'logs', mountPath: '/var/log/export', readOnly: true }],
        },
      ],
      volumes: [{ name: 'logs', emptyDir: {} }],
    },
    // The export finished hours ago; the forwarder keeps running, so the Job never completes.
    replicas: [{ node: 'node-c', runs: { export: { state: 'terminated', reason: 'Completed', exitCode: 0, ranFor: 612, ready: false } } }],
  });
  event(scene, owner, { reason: 'SuccessfulCreate', message: `Created pod: ${pods[0].metadata!.name}`, component: 'job-controller', first: owner.metadata!.creationTimestamp! });
  for (const pod of pods) {
    routineEvents(scene, pod);
    logs(scene, pod, 'export', { step: 120, current: ['export 2.0.1: 6 tables to s3://acme-exports/daily/', 'orders: 1.2M rows', 'customers: 88k rows', 'products: 4.1k rows', 'export complete, exiting 0'] });
    logs(scene, pod, 'log-forwarder', {
      step: 600,
      current: ['Fluent Bit v3.2.4', '[ info] [input:tail:tail.0] inotify_fs_add(): name=/var/log/export/export.log', '[ info] [output:forward:forward.0] worker #0 started', '[ info] [input:tail:tail.0] inotify_fs_remove(): inode=93812 watch_fd=1', '[ info] [output:forward:forward.0] idle, 0 records'],
      ticker: ['[ info] [output:forward:forward.0] idle, 0 records'],
    });
  }
}

function cleanup(scene: Scene): void {
  const cron = scene.add('cronjobs', {
    metadata: { ...meta(scene, 'CronJob', { namespace: 'batch', name: 'cleanup', age: '40d' }), generation: 1 },
    spec: {
      schedule: '0 3 * * *',
      concurrencyPolicy: 'Forbid',
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
      suspend: false,
      jobTemplate: { spec: { backoffLimit: 2, template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'cleanup', image: 'ghcr.io/acme/cleanup:1.1.0' }] } } } },
    },
  }) as KubeObject;
  // A CronJob names its Jobs after the scheduled time in minutes since the epoch.
  const scheduled = Math.floor((scene.clock.now.getTime() - 5 * 3600_000) / 60_000);
  const name = `cleanup-${scheduled}`;
  const runAt = new Date(scheduled * 60_000);
  const age = `${Math.round((scene.clock.now.getTime() - runAt.getTime()) / 1000)}s`;
  const { owner, pods } = job(scene, {
    namespace: 'batch',
    name,
    age,
    cronJob: cron,
    complete: true,
    backoffLimit: 2,
    spec: {
      restartPolicy: 'OnFailure',
      containers: [
        {
          name: 'cleanup',
          image: 'ghcr.io/acme/cleanup:1.1.0',
          args: ['--older-than=30d', '--bucket=acme-exports'],
          resources: resources('50m', '64Mi', { memory: '128Mi' }),
        },
      ],
    },
    replicas: [{ node: 'node-a', runs: { cleanup: { state: 'terminated', reason: 'Completed', exitCode: 0, ranFor: 22, ready: false } } }],
  });
  const done = scene.clock.after(owner.metadata!.creationTimestamp!, 95);
  cron.status = { lastScheduleTime: owner.metadata!.creationTimestamp, lastSuccessfulTime: done };
  event(scene, cron, { reason: 'SuccessfulCreate', message: `Created job ${name}`, component: 'cronjob-controller', first: owner.metadata!.creationTimestamp! });
  event(scene, cron, { reason: 'SawCompletedJob', message: `Saw completed job: ${name}, condition: Complete`, component: 'cronjob-controller', first: done });
  for (const pod of pods) {
    routineEvents(scene, pod);
    logs(scene, pod, 'cleanup', { step: 5, current: ['listing s3://acme-exports older than 30d', 'deleting 31 objects (14.2 GB)', 'deleted 31 objects', 'cleanup finished'] });
  }
}

export function batch(scene: Scene): void {
  nightlyReport(scene);
  exportJob(scene);
  cleanup(scene);
}
