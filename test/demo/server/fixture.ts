// A small, hand-made dataset for the server's own tests (independent of the scenarios).
import type { KubeObject } from '../../../src/model/kube.js';
import type { DemoDataset } from '../../../src/demo/types.js';

const T0 = '2026-01-01T00:00:00Z';
const CRASHER_UID = '6f1c2d3e-0000-4000-8000-00000000c0de';

function pod(ns: string, name: string, extra: { uid?: string; labels?: Record<string, string>; node?: string; phase?: string; spec?: object; status?: object } = {}): KubeObject {
  return {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: { name, namespace: ns, labels: extra.labels ?? {}, creationTimestamp: T0, ...(extra.uid ? { uid: extra.uid } : {}) },
    spec: { nodeName: extra.node ?? 'node-a', containers: [{ name: 'app', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }], ...(extra.spec ?? {}) },
    status: {
      phase: extra.phase ?? 'Running',
      podIP: '10.0.0.1',
      conditions: [{ type: 'Ready', status: 'True' }],
      containerStatuses: [{ name: 'app', ready: true, restartCount: 0, image: 'nginx:1.27', imageID: '', state: { running: { startedAt: T0 } } }],
      ...(extra.status ?? {}),
    },
  };
}

export function fixtureDataset(): DemoDataset {
  const objects: KubeObject[] = [];
  for (const ns of ['alpha', 'beta', 'gamma', 'default']) objects.push({ kind: 'Namespace', apiVersion: 'v1', metadata: { name: ns }, status: { phase: 'Active' } });
  for (const n of ['node-a', 'node-b']) {
    objects.push({
      kind: 'Node',
      apiVersion: 'v1',
      metadata: { name: n, labels: { 'kubernetes.io/hostname': n } },
      status: { conditions: [{ type: 'Ready', status: 'True' }], nodeInfo: { kubeletVersion: 'v1.32.0' } },
    });
  }
  // 24 plain pods: alpha/web-0..9, beta/web-0..7, gamma/job-0..5
  for (let i = 0; i < 10; i++) objects.push(pod('alpha', `web-${i}`, { labels: { app: 'web', tier: i % 2 ? 'front' : 'back' }, node: i % 3 ? 'node-a' : 'node-b' }));
  for (let i = 0; i < 8; i++) objects.push(pod('beta', `web-${i}`, { labels: { app: 'web' }, node: 'node-b' }));
  for (let i = 0; i < 6; i++) objects.push(pod('gamma', `batch-${i}`, { labels: { app: 'batch' } }));
  objects.push(
    pod('alpha', 'crasher', {
      uid: CRASHER_UID,
      labels: { app: 'crasher' },
      spec: { containers: [{ name: 'web', image: 'web:1' }, { name: 'api', image: 'api:1' }] },
      status: {
        conditions: [{ type: 'Ready', status: 'False' }],
        containerStatuses: [
          { name: 'web', ready: true, restartCount: 0, image: 'web:1', imageID: '', state: { running: { startedAt: T0 } } },
          {
            name: 'api',
            ready: false,
            restartCount: 7,
            image: 'api:1',
            imageID: '',
            state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 5m0s' } },
            lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: new Date(Date.now() - 60_000).toISOString() } },
          },
        ],
      },
    }),
    pod('alpha', 'initting', {
      labels: { app: 'init' },
      phase: 'Pending',
      spec: {
        initContainers: [{ name: 'one', image: 'busybox' }, { name: 'two', image: 'busybox' }],
        containers: [{ name: 'app', image: 'app:1' }],
      },
      status: {
        conditions: [],
        initContainerStatuses: [
          { name: 'one', ready: false, restartCount: 0, image: 'busybox', imageID: '', state: { terminated: { exitCode: 0, reason: 'Completed' } } },
          { name: 'two', ready: false, restartCount: 0, image: 'busybox', imageID: '', state: { running: { startedAt: T0 } } },
        ],
        containerStatuses: [{ name: 'app', ready: false, restartCount: 0, image: 'app:1', imageID: '', state: { waiting: { reason: 'PodInitializing' } } }],
      },
    }),
    pod('alpha', 'with-sidecar', {
      labels: { app: 'sidecar' },
      spec: {
        initContainers: [{ name: 'shipper', image: 'fluent-bit', restartPolicy: 'Always' }],
        containers: [{ name: 'app', image: 'app:1' }],
      },
      status: {
        initContainerStatuses: [{ name: 'shipper', ready: true, started: true, restartCount: 0, image: 'fluent-bit', imageID: '', state: { running: { startedAt: T0 } } }],
      },
    }),
  );
  objects.push({
    kind: 'Event',
    apiVersion: 'v1',
    metadata: { name: 'crasher.1', namespace: 'alpha' },
    involvedObject: { kind: 'Pod', namespace: 'alpha', name: 'crasher', apiVersion: 'v1', uid: CRASHER_UID },
    reason: 'BackOff',
    message: 'Back-off restarting failed container api in pod crasher',
    type: 'Warning',
    count: 12,
    firstTimestamp: T0,
    lastTimestamp: T0,
    source: { component: 'kubelet', host: 'node-a' },
  });
  objects.push(
    { kind: 'Deployment', apiVersion: 'apps/v1', metadata: { name: 'web', namespace: 'alpha' }, spec: { replicas: 10, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] } } }, status: { replicas: 10, readyReplicas: 10, updatedReplicas: 10, availableReplicas: 10 } },
    { kind: 'ReplicaSet', apiVersion: 'apps/v1', metadata: { name: 'web-abc', namespace: 'alpha' }, spec: { replicas: 10, selector: { matchLabels: { app: 'web' } } }, status: { replicas: 10, readyReplicas: 10 } },
    { kind: 'StatefulSet', apiVersion: 'apps/v1', metadata: { name: 'db', namespace: 'beta' }, spec: { replicas: 1 }, status: { readyReplicas: 1 } },
    { kind: 'DaemonSet', apiVersion: 'apps/v1', metadata: { name: 'agent', namespace: 'gamma' }, spec: {}, status: { desiredNumberScheduled: 2, currentNumberScheduled: 2, numberReady: 2 } },
    { kind: 'Job', apiVersion: 'batch/v1', metadata: { name: 'report', namespace: 'gamma' }, spec: { completions: 1 }, status: { succeeded: 1, conditions: [{ type: 'Complete', status: 'True' }] } },
    { kind: 'CronJob', apiVersion: 'batch/v1', metadata: { name: 'cleanup', namespace: 'gamma' }, spec: { schedule: '*/5 * * * *' }, status: {} },
  );
  const line = (i: number, text: string) => ({ time: `2026-01-01T00:00:${String(i).padStart(2, '0')}.000000000Z`, text });
  return {
    objects,
    logs: [
      {
        namespace: 'alpha',
        pod: 'crasher',
        container: 'api',
        current: [line(1, 'starting api')],
        previous: [line(1, 'starting api'), line(2, 'listen tcp :8080: bind: address already in use')],
      },
      {
        namespace: 'alpha',
        pod: 'web-0',
        container: 'app',
        current: Array.from({ length: 10 }, (_, i) => line(i, `GET /healthz 200 #${i}`)),
        ticker: ['tick a', 'tick b'],
      },
    ],
  };
}

export const FIXTURE_POD_COUNT = 27;
