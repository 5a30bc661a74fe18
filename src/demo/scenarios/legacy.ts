// Namespace `legacy`: pods written by hand, the way pods should not be (bare pods, a
// four-service monolith, two containers fighting over one port).
import type { Pod } from '../../model/kube.js';
import { buildPod, type PodPlan } from './pod.js';
import type { Scene } from './scene.js';
import { env, httpProbe, resources } from './specs.js';
import { logs, routineEvents } from './story.js';

function barePod(scene: Scene, plan: PodPlan): Pod {
  return scene.add('pods', buildPod(scene, plan));
}

function monolith(scene: Scene): void {
  const pod = barePod(scene, {
    namespace: 'legacy',
    name: 'monolith',
    age: '45d',
    labels: { app: 'monolith' },
    node: 'node-b',
    spec: {
      containers: [
        { name: 'frontend', image: 'ghcr.io/acme/legacy-frontend:4.2.0', ports: [{ name: 'http', containerPort: 80, protocol: 'TCP' }] },
        { name: 'api', image: 'ghcr.io/acme/legacy-api:4.2.0', ports: [{ name: 'api', containerPort: 8080, protocol: 'TCP' }], env: env({ DB_URL: 'postgres://postgres.data:5432/legacy' }) },
        { name: 'cache', image: 'memcached:1.6.33', args: ['-m', '256'], ports: [{ name: 'memcache', containerPort: 11211, protocol: 'TCP' }] },
        { name: 'worker', image: 'ghcr.io/acme/legacy-worker:4.2.0', ports: [{ name: 'metrics', containerPort: 9000, protocol: 'TCP' }], env: env({ QUEUE_URL: 'amqp://rabbitmq.legacy:5672' }) },
      ],
    },
  });
  routineEvents(scene, pod);
  logs(scene, pod, 'frontend', { step: 90, current: ['Apache/2.4.62 (Debian) configured -- resuming normal operations', 'GET /index.php 200', 'GET /account 302'], ticker: ['GET /index.php 200'] });
  logs(scene, pod, 'api', { step: 90, current: ['legacy-api 4.2.0 on :8080', 'db pool: 10 connections', 'GET /api/accounts/81 200 41ms'], ticker: ['GET /api/accounts 200 38ms'] });
  logs(scene, pod, 'cache', { current: ['<26 server listening (auto-negotiate)', '<27 new auto-negotiating client connection'] });
  logs(scene, pod, 'worker', { step: 300, current: ['worker 4.2.0: consuming queue "mail"', 'sent 12 mails', 'sent 3 mails'], ticker: ['sent 1 mails'] });
}

function portClash(scene: Scene): void {
  const message = 'listen tcp :8080: bind: address already in use';
  const pod = barePod(scene, {
    namespace: 'legacy',
    name: 'port-clash',
    age: '50m',
    labels: { app: 'port-clash' },
    node: 'node-c',
    spec: {
      containers: [
        {
          name: 'web',
          image: 'ghcr.io/acme/legacy-web:1.0.3',
          ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
          readinessProbe: httpProbe('/', 8080),
          resources: resources('100m', '128Mi', { memory: '256Mi' }),
        },
        {
          name: 'api',
          image: 'ghcr.io/acme/legacy-api:4.2.0',
          ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
          terminationMessagePolicy: 'FallbackToLogsOnError',
          resources: resources('100m', '128Mi', { memory: '256Mi' }),
        },
      ],
    },
    runs: { api: { state: 'waiting', reason: 'CrashLoopBackOff', message: 'back-off 5m0s restarting failed container=api pod=port-clash_legacy', restarts: 12, ready: false, last: { reason: 'Error', exitCode: 1, message, ranFor: 1, endedAgo: '3m' } } },
  });
  routineEvents(scene, pod);
  logs(scene, pod, 'web', { step: 10, current: ['legacy-web 1.0.3', 'listening on :8080', 'GET / 200'], ticker: ['GET / 200'] });
  logs(scene, pod, 'api', {
    current: [],
    previous: ['legacy-api 4.2.0 starting', 'db pool: 10 connections', `panic: ${message}`, '', 'goroutine 1 [running]:', 'main.main()', '\t/src/cmd/api/main.go:57 +0x2a5'],
  });
}

function debug(scene: Scene): void {
  const pod = barePod(scene, {
    namespace: 'legacy',
    name: 'debug',
    age: '3d',
    labels: { run: 'debug' },
    node: 'node-a',
    spec: {
      restartPolicy: 'Always',
      containers: [{ name: 'debug', image: 'nicolaka/netshoot:v0.13', command: ['sleep', 'infinity'], stdin: true, tty: true }],
    },
  });
  routineEvents(scene, pod);
  logs(scene, pod, 'debug', { current: [] });
}

export function legacy(scene: Scene): void {
  monolith(scene);
  portClash(scene);
  debug(scene);
}
