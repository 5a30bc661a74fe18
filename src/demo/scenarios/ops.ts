// Namespace `ops`: node agents and the ways pods fail (OOM crash loop, image typo,
// unschedulable request, failing readiness).
import { daemonSet, deployment } from './owners.js';
import { service } from './resources.js';
import type { Scene } from './scene.js';
import { env, httpProbe, resources } from './specs.js';
import { event, logs, routineEvents } from './story.js';

function nodeExporter(scene: Scene): void {
  const { pods } = daemonSet(scene, {
    namespace: 'ops',
    name: 'node-exporter',
    age: '60d',
    spec: {
      hostNetwork: true,
      hostPID: true,
      dnsPolicy: 'ClusterFirstWithHostNet',
      tolerations: [{ operator: 'Exists' }],
      containers: [
        {
          name: 'node-exporter',
          image: 'quay.io/prometheus/node-exporter:v1.8.2',
          args: ['--path.procfs=/host/proc', '--path.sysfs=/host/sys', '--path.rootfs=/host/root', '--web.listen-address=:9100'],
          ports: [{ name: 'metrics', containerPort: 9100, hostPort: 9100, protocol: 'TCP' }],
          readinessProbe: httpProbe('/', 9100),
          livenessProbe: httpProbe('/', 9100, { periodSeconds: 30 }),
          resources: resources('50m', '64Mi', { memory: '128Mi' }),
          securityContext: { readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, runAsNonRoot: true, runAsUser: 65534 },
          volumeMounts: [
            { name: 'proc', mountPath: '/host/proc', readOnly: true },
            { name: 'sys', mountPath: '/host/sys', readOnly: true },
            { name: 'root', mountPath: '/host/root', readOnly: true, mountPropagation: 'HostToContainer' },
          ],
        },
      ],
      volumes: [
        { name: 'proc', hostPath: { path: '/proc', type: '' } },
        { name: 'sys', hostPath: { path: '/sys', type: '' } },
        { name: 'root', hostPath: { path: '/', type: '' } },
      ],
    },
    replicas: scene.nodeNames().map((node) => ({ node })),
  });
  for (const pod of pods) {
    routineEvents(scene, pod);
    logs(scene, pod, 'node-exporter', {
      current: [
        (t) => `ts=${t} caller=node_exporter.go:193 level=info msg="Starting node_exporter" version="(version=1.8.2, branch=HEAD)"`,
        (t) => `ts=${t} caller=node_exporter.go:111 level=info msg="Enabled collectors"`,
        (t) => `ts=${t} caller=tls_config.go:313 level=info msg="Listening on" address=[::]:9100`,
      ],
    });
  }
}

function worker(scene: Scene): void {
  const { pods } = deployment(scene, {
    namespace: 'ops',
    name: 'worker',
    age: '2d',
    spec: {
      containers: [
        {
          name: 'worker',
          image: 'ghcr.io/acme/thumbnailer:0.4.1',
          args: ['--concurrency=8'],
          env: env({ QUEUE: 'thumbnails', BATCH_SIZE: '500' }),
          resources: resources('250m', '128Mi', { memory: '256Mi' }),
        },
      ],
    },
    replicas: [{ node: 'node-b', runs: { worker: { state: 'waiting', reason: 'CrashLoopBackOff', message: 'back-off 5m0s restarting failed container=worker', restarts: 7, ready: false, last: { reason: 'OOMKilled', exitCode: 137, ranFor: 48, endedAgo: '2m' } } } }],
  });
  for (const pod of pods) {
    routineEvents(scene, pod);
    event(scene, pod, { reason: 'OOMKilling', type: 'Warning', component: 'kernel-monitor', message: 'Memory cgroup out of memory: Killed process 48213 (thumbnailer) total-vm:1482312kB, anon-rss:262144kB, file-rss:10240kB, shmem-rss:0kB, UID:0 pgtables:1024kB oom_score_adj:939', count: 7, first: scene.clock.ago('47h'), last: scene.clock.ago('2m') });
    logs(scene, pod, 'worker', {
      current: [],
      previous: ['thumbnailer 0.4.1: 8 workers', 'fetched batch of 500 images', 'resizing batch (500 images in memory)', 'heap 241 MiB'],
    });
  }
}

function typo(scene: Scene): void {
  const image = 'ghcr.io/acme/notifer:1.2.0';
  const pullError = `failed to pull and unpack image "${image}": failed to resolve reference "${image}": ${image}: not found`;
  const { pods } = deployment(scene, {
    namespace: 'ops',
    name: 'typo',
    age: '25m',
    spec: {
      containers: [{ name: 'notifier', image, ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }], readinessProbe: httpProbe('/ready', 8080), resources: resources('50m', '64Mi', { memory: '128Mi' }) }],
    },
    replicas: [{ node: 'node-a', runs: { notifier: { state: 'waiting', reason: 'ImagePullBackOff', message: `Back-off pulling image "${image}": ErrImagePull: ${pullError}`, ready: false } } }],
  });
  for (const pod of pods) routineEvents(scene, pod);
}

function big(scene: Scene): void {
  const { pods } = deployment(scene, {
    namespace: 'ops',
    name: 'big',
    age: '1h',
    spec: {
      containers: [{ name: 'indexer', image: 'ghcr.io/acme/indexer:3.0.0', resources: resources('2', '64Gi', { memory: '64Gi' }) }],
    },
    replicas: [{ unschedulable: '0/3 nodes are available: 3 Insufficient memory. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.' }],
  });
  for (const pod of pods) routineEvents(scene, pod);
}

function flaky(scene: Scene): void {
  const notReadySince = scene.clock.ago('14m');
  const { pods } = deployment(scene, {
    namespace: 'ops',
    name: 'flaky',
    age: '3h',
    spec: {
      containers: [
        {
          name: 'flaky',
          image: 'ghcr.io/acme/search-gateway:2.2.0',
          ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
          readinessProbe: httpProbe('/ready', 8080, { periodSeconds: 10 }),
          livenessProbe: httpProbe('/live', 8080, { periodSeconds: 20, failureThreshold: 6 }),
          resources: resources('100m', '128Mi', { memory: '256Mi' }),
        },
      ],
    },
    replicas: [{ node: 'node-c', readySince: notReadySince, runs: { flaky: { ready: false } } }],
  });
  service(scene, 'ops', 'flaky', '3h', [{ name: 'http', port: 8080, targetPort: 8080 }], pods);
  for (const pod of pods) {
    routineEvents(scene, pod);
    event(scene, pod, { reason: 'Unhealthy', type: 'Warning', container: 'flaky', message: 'Readiness probe failed: HTTP probe failed with statuscode: 503', count: 84, first: notReadySince, last: scene.clock.ago('8s') });
    logs(scene, pod, 'flaky', {
      step: 30,
      current: ['search-gateway 2.2.0 on :8080', 'upstream search.ops:9200 ok', 'upstream search.ops:9200: dial tcp 10.96.44.7:9200: i/o timeout', 'GET /ready 503 (upstream unavailable)', 'GET /ready 503 (upstream unavailable)'],
      ticker: ['GET /ready 503 (upstream unavailable)', 'GET /live 200'],
    });
  }
}

export function ops(scene: Scene): void {
  nodeExporter(scene);
  worker(scene);
  typo(scene);
  big(scene);
  flaky(scene);
}
