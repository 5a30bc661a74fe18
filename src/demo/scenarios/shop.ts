// Namespace `shop`: the healthy web tier and the classic sidecar patterns (SPEC 5).
import type { Pod } from '../../model/kube.js';
import { deployment, previousRollout } from './owners.js';
import { configMap, pdb, service } from './resources.js';
import type { Scene } from './scene.js';
import { env, httpProbe, resources, RESTRICTED, tcpProbe } from './specs.js';
import { logs, routineEvents } from './story.js';

/** fluent-bit's own `[yyyy/mm/dd hh:mm:ss]` stamp. */
const fb = (msg: string) => (t: string) => `[${t.slice(0, 10).replace(/-/g, '/')} ${t.slice(11, 19)}] ${msg}`;

const access = (time: string, path: string, status: number, ms: number) =>
  `10.244.1.1 - - [${time}] "GET ${path} HTTP/1.1" ${status} 612 "-" "kube-probe/1.32" ${ms}ms`;

function web(scene: Scene): void {
  const built = deployment(scene, {
    namespace: 'shop',
    name: 'web',
    age: '6d',
    labels: { tier: 'frontend' },
    spec: {
      containers: [
        {
          name: 'web',
          image: 'ghcr.io/acme/shop-web:2.14.1',
          ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
          env: env({ API_URL: 'http://api.shop.svc.cluster.local:8080', LOG_FORMAT: 'combined' }),
          readinessProbe: httpProbe('/ready', 'http', { periodSeconds: 5 }),
          livenessProbe: httpProbe('/healthz', 'http', { initialDelaySeconds: 15, periodSeconds: 20 }),
          resources: resources('100m', '128Mi', { cpu: '500m', memory: '256Mi' }),
          securityContext: RESTRICTED,
        },
      ],
      securityContext: { runAsNonRoot: true, fsGroup: 10001 },
      topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } } }],
    },
    replicas: [{ node: 'node-a', age: '2d' }, { node: 'node-b', age: '2d' }, { node: 'node-c', age: '2d' }],
  });
  // Two days ago web 2.14.1 replaced 2.14.0: the old ReplicaSet is kept at 0 replicas.
  previousRollout(scene, built, '6d');
  const { pods } = built;
  service(scene, 'shop', 'web', '6d', [{ name: 'http', port: 80, targetPort: 'http' }], pods);
  pdb(scene, 'shop', 'web', '6d', 2, 3, 3);
  for (const pod of pods) {
    routineEvents(scene, pod);
    logs(scene, pod, 'web', {
      step: 30,
      current: [
        (t) => `${t.slice(0, 10).replace(/-/g, '/')} ${t.slice(11, 19)} starting shop-web 2.14.1 (go1.23.4)`,
        'listening on :8080',
        (t) => access(t, '/ready', 200, 1),
        (t) => access(t, '/', 200, 12),
        (t) => access(t, '/cart', 200, 31),
        (t) => access(t, '/healthz', 200, 1),
      ],
      ticker: ['GET / 200 9ms', 'GET /products 200 24ms', 'GET /ready 200 1ms'],
    });
  }
}

function api(scene: Scene): void {
  configMap(scene, 'shop', 'api-fluent-bit', '9d', { 'fluent-bit.conf': '[INPUT]\n    Name tail\n    Path /var/log/app/*.log\n[OUTPUT]\n    Name forward\n    Host logs.ops.svc\n' });
  const { pods } = deployment(scene, {
    namespace: 'shop',
    name: 'api',
    age: '9d',
    labels: { tier: 'backend' },
    spec: {
      containers: [
        {
          name: 'api',
          image: 'ghcr.io/acme/shop-api:1.8.2',
          args: ['--log-file=/var/log/app/api.log', '--listen=:8080'],
          ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
          env: [...env({ DB_HOST: 'postgres.data.svc.cluster.local', CACHE_URL: 'redis://redis.data:6379' }), { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'api-db', key: 'password' } } }],
          readinessProbe: httpProbe('/ready', 8080),
          livenessProbe: httpProbe('/live', 8080, { periodSeconds: 20, failureThreshold: 5 }),
          resources: resources('250m', '256Mi', { memory: '512Mi' }),
          volumeMounts: [{ name: 'logs', mountPath: '/var/log/app' }],
          securityContext: RESTRICTED,
        },
        {
          name: 'log-shipper',
          image: 'fluent/fluent-bit:3.2.4',
          args: ['-c', '/fluent-bit/etc/fluent-bit.conf'],
          resources: resources('20m', '32Mi', { memory: '64Mi' }),
          volumeMounts: [
            { name: 'logs', mountPath: '/var/log/app', readOnly: true },
            { name: 'fluent-bit-config', mountPath: '/fluent-bit/etc' },
          ],
        },
      ],
      volumes: [
        { name: 'logs', emptyDir: { sizeLimit: '500Mi' } },
        { name: 'fluent-bit-config', configMap: { name: 'api-fluent-bit', defaultMode: 420 } },
      ],
    },
    replicas: [{ node: 'node-a' }, { node: 'node-b' }],
  });
  service(scene, 'shop', 'api', '9d', [{ name: 'http', port: 8080, targetPort: 8080 }], pods);
  for (const pod of pods) {
    routineEvents(scene, pod);
    logs(scene, pod, 'api', {
      step: 20,
      current: [
        (t) => `{"time":"${t}","level":"info","msg":"shop-api 1.8.2 starting","pid":1}`,
        (t) => `{"time":"${t}","level":"info","msg":"connected to postgres","host":"postgres.data.svc.cluster.local"}`,
        (t) => `{"time":"${t}","level":"info","msg":"listening","addr":":8080"}`,
        (t) => `{"time":"${t}","level":"info","msg":"request","method":"GET","path":"/v1/products","status":200,"ms":14}`,
      ],
      ticker: ['{"level":"info","msg":"request","method":"GET","path":"/v1/cart","status":200,"ms":8}'],
    });
    logs(scene, pod, 'log-shipper', {
      step: 1,
      current: [
        'Fluent Bit v3.2.4',
        '* Copyright (C) 2015-2024 The Fluent Bit Authors',
        fb('[ info] [fluent bit] version=3.2.4, commit=a59c8d8bfe, pid=1'),
        fb('[ info] [storage] ver=1.5.2, type=memory, sync=normal, checksum=off, max_chunks_up=128'),
        fb('[ info] [input:tail:tail.0] initializing'),
        fb('[ info] [input:tail:tail.0] inotify_fs_add(): inode=1837211 watch_fd=1 name=/var/log/app/api.log'),
        fb('[ info] [output:forward:forward.0] worker #0 started'),
        fb('[ info] [sp] stream processor started'),
      ],
      ticker: ['[ info] [output:forward:forward.0] flushed 42 records to logs.ops.svc:24224'],
    });
  }
}

function checkout(scene: Scene): void {
  configMap(scene, 'shop', 'checkout-proxy', '4d', {
    'default.conf': 'server {\n  listen 8443 ssl;\n  ssl_certificate /etc/tls/tls.crt;\n  ssl_certificate_key /etc/tls/tls.key;\n  location / { proxy_pass http://localhost:8080; }\n}\n',
  });
  const { pods } = deployment(scene, {
    namespace: 'shop',
    name: 'checkout',
    age: '4d',
    spec: {
      containers: [
        {
          name: 'checkout',
          image: 'ghcr.io/acme/checkout:3.1.0',
          ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
          env: env({ LISTEN_ADDR: '127.0.0.1:8080', PAYMENTS_URL: 'http://payments.shop:8080' }),
          readinessProbe: httpProbe('/health', 8080),
          livenessProbe: httpProbe('/health', 8080, { periodSeconds: 30, failureThreshold: 5 }),
          resources: resources('200m', '256Mi', { memory: '384Mi' }),
        },
        {
          name: 'tls-proxy',
          image: 'nginx:1.27.3-alpine',
          ports: [{ name: 'https', containerPort: 8443, protocol: 'TCP' }],
          env: env({ UPSTREAM: 'localhost:8080' }),
          readinessProbe: tcpProbe(8443),
          resources: resources('50m', '32Mi', { memory: '64Mi' }),
          volumeMounts: [
            { name: 'proxy-config', mountPath: '/etc/nginx/conf.d', readOnly: true },
            { name: 'tls', mountPath: '/etc/tls', readOnly: true },
          ],
        },
      ],
      volumes: [
        { name: 'proxy-config', configMap: { name: 'checkout-proxy', defaultMode: 420 } },
        { name: 'tls', secret: { secretName: 'checkout-tls', defaultMode: 420 } },
      ],
    },
    replicas: [{ node: 'node-c' }],
  });
  service(scene, 'shop', 'checkout', '4d', [{ name: 'https', port: 443, targetPort: 'https' }], pods);
  for (const pod of pods) {
    routineEvents(scene, pod);
    logs(scene, pod, 'checkout', {
      step: 15,
      current: ['checkout 3.1.0 listening on 127.0.0.1:8080', 'payments client ready (http://payments.shop:8080)', 'POST /orders 201 84ms', 'GET /health 200 0ms'],
      ticker: ['POST /orders 201 77ms', 'GET /health 200 0ms'],
    });
    logs(scene, pod, 'tls-proxy', {
      current: [
        '/docker-entrypoint.sh: Configuration complete; ready for start up',
        (t) => `${t.replace('T', ' ').replace('Z', '')} [notice] 1#1: nginx/1.27.3`,
        (t) => `${t.replace('T', ' ').replace('Z', '')} [notice] 1#1: start worker processes`,
        (t) => `10.244.0.1 - - [${t}] "POST /orders HTTP/1.1" 201 112 "-" "Go-http-client/1.1" upstream=127.0.0.1:8080`,
      ],
      ticker: ['10.244.0.1 - - "POST /orders HTTP/1.1" 201 112 upstream=127.0.0.1:8080'],
    });
  }
}

function payments(scene: Scene): Pod[] {
  const { pods } = deployment(scene, {
    namespace: 'shop',
    name: 'payments',
    age: '12d',
    spec: {
      containers: [
        {
          name: 'payments',
          image: 'ghcr.io/acme/payments:5.0.2',
          ports: [
            { name: 'http', containerPort: 8080, protocol: 'TCP' },
            { name: 'metrics', containerPort: 9090, protocol: 'TCP' },
          ],
          readinessProbe: httpProbe('/ready', 'http'),
          livenessProbe: httpProbe('/live', 'http', { periodSeconds: 15 }),
          resources: resources('300m', '384Mi', { cpu: '1', memory: '512Mi' }),
          securityContext: RESTRICTED,
        },
      ],
    },
    // Both replicas on node-b: no anti-affinity, and node-b had the room (replicas-same-node).
    replicas: [{ node: 'node-b' }, { node: 'node-b', age: '11d' }],
  });
  service(scene, 'shop', 'payments', '12d', [{ name: 'http', port: 8080, targetPort: 'http' }], pods);
  for (const pod of pods) {
    routineEvents(scene, pod);
    logs(scene, pod, 'payments', {
      step: 45,
      current: ['INFO  payments 5.0.2 boot', 'INFO  provider=stripe mode=live', 'INFO  http server on :8080, metrics on :9090', 'INFO  settled batch 1942 (118 payments)'],
      ticker: ['INFO  authorised payment (EUR 42.00)', 'INFO  settled batch (12 payments)'],
    });
  }
  return pods;
}

function cart(scene: Scene): void {
  // The same probe object for both: same handler, same timing (probes-identical).
  const probe = httpProbe('/health', 8080, { periodSeconds: 10 });
  const { pods } = deployment(scene, {
    namespace: 'shop',
    name: 'cart',
    age: '2d',
    spec: {
      containers: [
        {
          name: 'cart',
          image: 'ghcr.io/acme/cart:0.9.7',
          ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
          readinessProbe: probe,
          livenessProbe: probe,
          resources: resources('100m', '128Mi', { memory: '256Mi' }),
        },
      ],
    },
    replicas: [{ node: 'node-a' }, { node: 'node-c' }],
  });
  service(scene, 'shop', 'cart', '2d', [{ name: 'http', port: 8080, targetPort: 8080 }], pods);
  for (const pod of pods) {
    routineEvents(scene, pod);
    logs(scene, pod, 'cart', {
      step: 60,
      current: ['[cart] v0.9.7 up on :8080', '[cart] redis session store: redis.data:6379', '[cart] GET /health 200', '[cart] PUT /cart/items 204'],
      ticker: ['[cart] GET /health 200', '[cart] PUT /cart/items 204'],
    });
  }
}

export function shop(scene: Scene): void {
  web(scene);
  api(scene);
  checkout(scene);
  payments(scene);
  cart(scene);
}
