// Namespace `data`: state done right (StatefulSet + PVCs) and done wrong (emptyDir, shared RWO PVC).
import { deployment, statefulSet } from './owners.js';
import { boundClaim, pdb, service } from './resources.js';
import type { Scene } from './scene.js';
import { env, execProbe, resources, tcpProbe } from './specs.js';
import { logs, routineEvents } from './story.js';

const pgTime = (t: string) => `${t.slice(0, 10)} ${t.slice(11, 19)}.123 UTC`;

function postgres(scene: Scene): void {
  boundClaim(scene, 'data', 'data-postgres-0', '21d', '20Gi', 'ReadWriteOnce', { app: 'postgres' });
  const { pods } = statefulSet(scene, {
    namespace: 'data',
    name: 'postgres',
    age: '21d',
    serviceName: 'postgres',
    spec: {
      containers: [
        {
          name: 'postgres',
          image: 'postgres:16.6',
          ports: [{ name: 'postgres', containerPort: 5432, protocol: 'TCP' }],
          env: [...env({ PGDATA: '/var/lib/postgresql/data/pgdata', POSTGRES_DB: 'shop' }), { name: 'POSTGRES_PASSWORD', valueFrom: { secretKeyRef: { name: 'postgres', key: 'password' } } }],
          readinessProbe: execProbe(['pg_isready', '-U', 'postgres'], 10),
          livenessProbe: execProbe(['pg_isready', '-U', 'postgres'], 30),
          resources: resources('500m', '1Gi', { memory: '2Gi' }),
          volumeMounts: [{ name: 'data', mountPath: '/var/lib/postgresql/data' }],
        },
      ],
      securityContext: { fsGroup: 999, runAsUser: 999, runAsNonRoot: true },
    },
    volumeClaimTemplates: [
      {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { name: 'data' },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '20Gi' } }, storageClassName: 'standard-rwo', volumeMode: 'Filesystem' },
        status: { phase: 'Pending' },
      },
    ],
    replicas: [{ node: 'node-c' }],
  });
  // The controller adds the claim volume to the pod; the template only names the claim template.
  for (const pod of pods) pod.spec!.volumes!.unshift({ name: 'data', persistentVolumeClaim: { claimName: `data-${pod.metadata!.name}` } });
  service(scene, 'data', 'postgres', '21d', [{ name: 'postgres', port: 5432, targetPort: 5432 }], pods, { headless: true });
  for (const pod of pods) {
    routineEvents(scene, pod);
    logs(scene, pod, 'postgres', {
      current: [
        'PostgreSQL Database directory appears to contain a database; Skipping initialization',
        (t) => `${pgTime(t)} [1] LOG:  starting PostgreSQL 16.6 (Debian 16.6-1.pgdg120+1) on x86_64-pc-linux-gnu`,
        (t) => `${pgTime(t)} [1] LOG:  listening on IPv4 address "0.0.0.0", port 5432`,
        (t) => `${pgTime(t)} [29] LOG:  database system was shut down at ${pgTime(t)}`,
        (t) => `${pgTime(t)} [1] LOG:  database system is ready to accept connections`,
        (t) => `${pgTime(t)} [27] LOG:  checkpoint complete: wrote 312 buffers (1.9%)`,
      ],
      ticker: ['LOG:  checkpoint starting: time', 'LOG:  checkpoint complete: wrote 41 buffers (0.3%)'],
    });
  }
}

function redis(scene: Scene): void {
  const { pods } = deployment(scene, {
    namespace: 'data',
    name: 'redis',
    age: '15d',
    spec: {
      containers: [
        {
          name: 'redis',
          image: 'redis:7.4.1',
          args: ['--appendonly', 'yes', '--dir', '/data'],
          ports: [{ name: 'redis', containerPort: 6379, protocol: 'TCP' }],
          readinessProbe: execProbe(['redis-cli', 'ping'], 5),
          livenessProbe: tcpProbe(6379, 20),
          resources: resources('100m', '256Mi', { memory: '512Mi' }),
          volumeMounts: [{ name: 'data', mountPath: '/data' }],
        },
      ],
      volumes: [{ name: 'data', emptyDir: {} }],
    },
    replicas: [{ node: 'node-a' }],
  });
  service(scene, 'data', 'redis', '15d', [{ name: 'redis', port: 6379, targetPort: 6379 }], pods);
  for (const pod of pods) {
    routineEvents(scene, pod);
    logs(scene, pod, 'redis', {
      current: [
        '1:C 01 Jan 2025 00:00:00.000 * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo',
        '1:C 01 Jan 2025 00:00:00.000 * Redis version=7.4.1, bits=64, commit=00000000, modified=0, pid=1, just started',
        '1:M 01 Jan 2025 00:00:00.002 * Running mode=standalone, port=6379.',
        '1:M 01 Jan 2025 00:00:00.003 * Creating AOF base file appendonly.aof.1.base.rdb on server start',
        '1:M 01 Jan 2025 00:00:00.004 * Ready to accept connections tcp',
      ],
      ticker: ['1:M * 100 changes in 300 seconds. Saving...', '1:M * Background saving terminated with success'],
    });
  }
}

function mongo(scene: Scene): void {
  boundClaim(scene, 'data', 'mongo-data', '30d', '50Gi', 'ReadWriteOnce', { app: 'mongo' });
  const { pods } = deployment(scene, {
    namespace: 'data',
    name: 'mongo',
    age: '30d',
    spec: {
      containers: [
        {
          name: 'mongo',
          image: 'mongo:7.0.16',
          args: ['--bind_ip_all', '--dbpath', '/data/db'],
          ports: [{ name: 'mongo', containerPort: 27017, protocol: 'TCP' }],
          readinessProbe: tcpProbe(27017, 10),
          livenessProbe: execProbe(['mongosh', '--quiet', '--eval', 'db.adminCommand("ping")'], 30),
          resources: resources('500m', '1Gi', { memory: '2Gi' }),
          volumeMounts: [{ name: 'data', mountPath: '/data/db' }],
        },
      ],
      volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'mongo-data' } }],
    },
    // A ReadWriteOnce volume attaches to one node: both replicas can only run on node-a.
    replicas: [{ node: 'node-a' }, { node: 'node-a', age: '29d' }],
  });
  service(scene, 'data', 'mongo', '30d', [{ name: 'mongo', port: 27017, targetPort: 27017 }], pods);
  pdb(scene, 'data', 'mongo', '30d', 1, 2, 2);
  for (const [i, pod] of pods.entries()) {
    routineEvents(scene, pod);
    logs(scene, pod, 'mongo', {
      current: [
        (t) => `{"t":{"$date":"${t}"},"s":"I","c":"CONTROL","id":23285,"ctx":"main","msg":"Automatically disabling TLS 1.0"}`,
        (t) => `{"t":{"$date":"${t}"},"s":"I","c":"STORAGE","id":22297,"ctx":"initandlisten","msg":"Recovering data from the last clean checkpoint."}`,
        ...(i === 1 ? [(t: string) => `{"t":{"$date":"${t}"},"s":"W","c":"STORAGE","id":22347,"ctx":"initandlisten","msg":"Failed to start up WiredTiger under any compatibility version. This may be due to an unsupported upgrade or downgrade.","attr":{"error":"WT_ERROR: Resource busy (another mongod holds /data/db/WiredTiger.lock)"}}`] : []),
        (t) => `{"t":{"$date":"${t}"},"s":"I","c":"NETWORK","id":23016,"ctx":"listener","msg":"Waiting for connections","attr":{"port":27017,"ssl":"off"}}`,
      ],
      ticker: ['{"s":"I","c":"NETWORK","id":22943,"ctx":"listener","msg":"Connection accepted"}'],
    });
  }
}

export function data(scene: Scene): void {
  postgres(scene);
  redis(scene);
  mongo(scene);
}
