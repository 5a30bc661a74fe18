// Small hand-written pods for the pod-detail model tests: each one shows one thing the
// model must get right. The view tests use the demo scenarios instead.
import type { KubeObject, Pod } from '../../../src/model/kube.js';

export const NOW = Date.parse('2026-01-10T12:00:00Z');
export const iso = (secondsAgo: number) => new Date(NOW - secondsAgo * 1000).toISOString();

export function portClashPod(): Pod {
  return {
    metadata: { name: 'port-clash', namespace: 'legacy', uid: 'u-clash' },
    spec: {
      containers: [
        { name: 'web', image: 'nginx:1.25', ports: [{ name: 'http', containerPort: 8080 }] },
        { name: 'api', image: 'api:1', ports: [{ containerPort: 8080, protocol: 'TCP' }, { containerPort: 53, protocol: 'UDP' }] },
      ],
    },
    status: {
      phase: 'Running',
      podIP: '10.1.2.3',
      podIPs: [{ ip: '10.1.2.3' }, { ip: 'fd00::3' }],
      hostIP: '192.168.0.10',
      containerStatuses: [
        { name: 'web', ready: true, restartCount: 0, image: 'nginx:1.25', imageID: '', state: { running: { startedAt: iso(3600) } } },
        {
          name: 'api',
          ready: false,
          restartCount: 7,
          image: 'api:1',
          imageID: '',
          state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 5m0s restarting failed container' } },
          lastState: { terminated: { exitCode: 1, reason: 'Error', message: 'listen tcp :8080: bind: address already in use', finishedAt: iso(120) } },
        },
      ],
    },
  } as Pod;
}

export function logShipperPod(): Pod {
  return {
    metadata: { name: 'api-1', namespace: 'shop' },
    spec: {
      volumes: [
        { name: 'logs', emptyDir: {} },
        { name: 'config', configMap: { name: 'api-config' } },
        { name: 'creds', secret: { secretName: 'db-creds' } },
        { name: 'data', persistentVolumeClaim: { claimName: 'api-data' } },
      ],
      containers: [
        {
          name: 'app',
          image: 'shop/api:2',
          volumeMounts: [
            { name: 'logs', mountPath: '/var/log/app' },
            { name: 'config', mountPath: '/etc/app' },
            { name: 'creds', mountPath: '/etc/creds' },
            { name: 'data', mountPath: '/data' },
          ],
        },
        { name: 'log-shipper', image: 'fluent/fluent-bit:3.0', volumeMounts: [{ name: 'logs', mountPath: '/logs', readOnly: true }, { name: 'ghost', mountPath: '/x' }] },
      ],
    },
  } as Pod;
}

export const apiDataClaim: KubeObject = {
  kind: 'PersistentVolumeClaim',
  metadata: { name: 'api-data', namespace: 'shop' },
  spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'standard', resources: { requests: { storage: '5Gi' } } },
  status: { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '5Gi' } },
};

export function flakyPod(): Pod {
  return {
    metadata: { name: 'flaky-1', namespace: 'ops', uid: 'u-flaky' },
    spec: {
      containers: [
        {
          name: 'app',
          image: 'flaky:1',
          ports: [{ name: 'http', containerPort: 8080 }],
          readinessProbe: { httpGet: { path: '/ready', port: 'http' }, periodSeconds: 5 },
          livenessProbe: { tcpSocket: { port: 8080 }, initialDelaySeconds: 10 },
        },
      ],
      initContainers: [
        { name: 'proxy', image: 'envoy:1', restartPolicy: 'Always', startupProbe: { grpc: { port: 9090 } }, ports: [{ containerPort: 9090 }] },
        { name: 'migrate', image: 'migrate:1', command: ['pg_isready', '-h', 'db'] },
      ],
    },
    status: {
      phase: 'Running',
      initContainerStatuses: [
        { name: 'proxy', ready: true, started: true, restartCount: 0, state: { running: { startedAt: iso(3000) } } },
        { name: 'migrate', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed', finishedAt: iso(2990) } } },
      ],
      containerStatuses: [{ name: 'app', ready: false, started: true, restartCount: 0, state: { running: { startedAt: iso(2900) } } }],
    },
  } as Pod;
}

export function unhealthy(kind: string, container: string, message: string, secondsAgo: number, count = 1): KubeObject {
  return {
    kind: 'Event',
    metadata: { name: `ev-${kind}-${secondsAgo}`, namespace: 'ops' },
    involvedObject: { kind: 'Pod', name: 'flaky-1', namespace: 'ops', fieldPath: `spec.containers{${container}}` },
    reason: 'Unhealthy',
    type: 'Warning',
    message: `${kind} probe failed: ${message}`,
    count,
    lastTimestamp: iso(secondsAgo),
  };
}

/** Values of the wrong type everywhere a field is read. */
export const MALFORMED: unknown[] = [
  undefined,
  null,
  42,
  'pod',
  [],
  { metadata: null, spec: null, status: null },
  { spec: { containers: 'x', initContainers: [null, 3, 'a'], volumes: {} } },
  { spec: { containers: [{ name: 7, ports: [null, { containerPort: '80' }, { containerPort: 80, protocol: 5 }], volumeMounts: [{}], readinessProbe: 'yes', livenessProbe: { httpGet: null } }] } },
  { spec: { containers: [{ name: 'a', ports: 'all' }], volumes: [{ name: 'v' }, null, { name: 'v', emptyDir: null }] }, status: { containerStatuses: [{ name: 'a', state: { running: null, waiting: 'x' }, restartCount: -5, lastState: [] }], podIPs: 'x', conditions: [null, { type: 9 }] } },
  { metadata: { ownerReferences: [{ kind: 'ReplicaSet', name: null }, null], labels: { a: 1, b: null } }, status: { qosClass: 3 } },
];
