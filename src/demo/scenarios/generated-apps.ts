// The application shapes `--pods N` draws from: a handful of realistic container sets
// (web servers, APIs with sidecars, workers, datastores, batch jobs). Each becomes one
// prototype pod spec; generated pods are shallow variations of these.
import type { Container, Volume } from '../../model/kube.js';
import { env, httpProbe, resources, RESTRICTED, tcpProbe } from './specs.js';

export type WorkloadKind = 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'Job';

export interface AppTemplate {
  name: string;
  workload: WorkloadKind;
  /** Native sidecars (restartPolicy Always) keep running; others run to completion first. */
  initContainers?: Container[];
  containers: Container[];
  volumes: Volume[];
}

const commonEnv = (app: string) =>
  env({ APP_NAME: app, LOG_LEVEL: 'info', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel-collector.ops:4317' });

const fieldEnv = [
  { name: 'POD_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
  { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } } },
];

const shipper: Container = {
  name: 'log-shipper',
  image: 'fluent/fluent-bit:3.2.4',
  args: ['-c', '/fluent-bit/etc/fluent-bit.conf'],
  resources: resources('20m', '32Mi', { memory: '64Mi' }),
  volumeMounts: [{ name: 'logs', mountPath: '/var/log/app', readOnly: true }, { name: 'fluent-bit-config', mountPath: '/fluent-bit/etc' }],
};

const envoy: Container = {
  name: 'envoy',
  image: 'envoyproxy/envoy:v1.32.3',
  args: ['-c', '/etc/envoy/envoy.yaml', '--service-cluster', 'mesh', '--log-level', 'warn'],
  ports: [{ name: 'https', containerPort: 8443, protocol: 'TCP' }],
  readinessProbe: tcpProbe(8443),
  resources: resources('50m', '64Mi', { memory: '128Mi' }),
  volumeMounts: [{ name: 'envoy-config', mountPath: '/etc/envoy', readOnly: true }],
};

/** Two-container pods stay within 8 KB with a shorter main container: no securityContext, one env var. */
const lean: Partial<Container> = { securityContext: undefined, livenessProbe: undefined, env: env({ APP_NAME: 'app' }) };

function app(name: string, image: string, port: number, extra: Partial<Container> = {}): Container {
  return {
    name,
    image,
    ports: [{ name: 'http', containerPort: port, protocol: 'TCP' }],
    env: [...commonEnv(name), ...fieldEnv, ...env({ HTTP_PORT: String(port) })],
    readinessProbe: httpProbe('/ready', 'http', { periodSeconds: 5 }),
    livenessProbe: httpProbe('/healthz', 'http', { initialDelaySeconds: 20, periodSeconds: 20 }),
    resources: resources('100m', '128Mi', { cpu: '1', memory: '512Mi' }),
    securityContext: RESTRICTED,
    ...extra,
  };
}

export const APP_TEMPLATES: readonly AppTemplate[] = [
  { name: 'frontend', workload: 'Deployment', containers: [app('frontend', 'ghcr.io/acme/frontend:3.4.2', 8080)], volumes: [] },
  {
    name: 'orders',
    workload: 'Deployment',
    containers: [app('orders', 'ghcr.io/acme/orders:1.19.0', 8080, { ...lean, volumeMounts: [{ name: 'logs', mountPath: '/var/log/app' }] }), shipper],
    volumes: [{ name: 'logs', emptyDir: { sizeLimit: '1Gi' } }, { name: 'fluent-bit-config', configMap: { name: 'fluent-bit', defaultMode: 420 } }],
  },
  {
    name: 'gateway',
    workload: 'Deployment',
    containers: [app('gateway', 'ghcr.io/acme/gateway:0.31.5', 8080, lean), envoy],
    volumes: [{ name: 'envoy-config', configMap: { name: 'envoy', defaultMode: 420 } }],
  },
  {
    name: 'worker',
    workload: 'Deployment',
    containers: [app('worker', 'ghcr.io/acme/queue-worker:2.7.1', 8081, { readinessProbe: undefined, args: ['--queue=default', '--concurrency=4'] })],
    volumes: [],
  },
  {
    name: 'catalog',
    workload: 'Deployment',
    containers: [app('catalog', 'eclipse-temurin:21.0.5_11-jre', 8080, { command: ['java', '-XX:MaxRAMPercentage=75', '-jar', '/app/catalog.jar'], resources: resources('500m', '768Mi', { memory: '1Gi' }) })],
    volumes: [{ name: 'tmp', emptyDir: {} }],
  },
  {
    // The modern pattern: the collector is a native sidecar, started before the app and stopped after it.
    name: 'ingest',
    workload: 'Deployment',
    initContainers: [
      {
        name: 'otel-collector',
        image: 'otel/opentelemetry-collector-contrib:0.116.0',
        restartPolicy: 'Always',
        args: ['--config=/etc/otel/config.yaml'],
        ports: [{ name: 'otlp-grpc', containerPort: 4317, protocol: 'TCP' }],
        readinessProbe: httpProbe('/', 13133),
        resources: resources('50m', '64Mi', { memory: '128Mi' }),
        volumeMounts: [{ name: 'otel-config', mountPath: '/etc/otel', readOnly: true }],
      },
    ],
    containers: [app('ingest', 'ghcr.io/acme/ingest:0.9.3', 8080, lean)],
    volumes: [{ name: 'otel-config', configMap: { name: 'otel-collector', defaultMode: 420 } }],
  },
  {
    name: 'kv',
    workload: 'StatefulSet',
    containers: [
      {
        name: 'kv',
        image: 'redis:7.4.1',
        args: ['--appendonly', 'yes'],
        ports: [{ name: 'redis', containerPort: 6379, protocol: 'TCP' }],
        env: commonEnv('kv'),
        readinessProbe: tcpProbe(6379, 5),
        livenessProbe: tcpProbe(6379, 20),
        resources: resources('100m', '256Mi', { memory: '512Mi' }),
        volumeMounts: [{ name: 'data', mountPath: '/data' }],
      },
    ],
    volumes: [],
  },
  {
    name: 'db',
    workload: 'StatefulSet',
    containers: [
      {
        name: 'postgres',
        image: 'postgres:16.6',
        ports: [{ name: 'postgres', containerPort: 5432, protocol: 'TCP' }],
        env: [...commonEnv('db'), ...env({ PGDATA: '/var/lib/postgresql/data/pgdata' }), { name: 'POSTGRES_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } }],
        readinessProbe: { exec: { command: ['pg_isready', '-U', 'postgres'] }, periodSeconds: 10, timeoutSeconds: 5, successThreshold: 1, failureThreshold: 3 },
        resources: resources('250m', '512Mi', { memory: '1Gi' }),
        volumeMounts: [{ name: 'data', mountPath: '/var/lib/postgresql/data' }],
      },
    ],
    volumes: [],
  },
  {
    name: 'report',
    workload: 'Job',
    containers: [
      {
        name: 'report',
        image: 'python:3.12.8-slim',
        command: ['python', '-m', 'reports.daily'],
        env: [...commonEnv('report'), ...env({ REPORT_BUCKET: 's3://acme-reports', REPORT_DAYS: '1' })],
        resources: resources('200m', '256Mi', { memory: '512Mi' }),
      },
    ],
    volumes: [],
  },
];

/** The per-node agent: one DaemonSet pod on every generated node. */
export const NODE_AGENT: AppTemplate = {
  name: 'node-agent',
  workload: 'DaemonSet',
  containers: [
    {
      name: 'promtail',
      image: 'grafana/promtail:3.3.2',
      args: ['-config.file=/etc/promtail/promtail.yaml'],
      ports: [{ name: 'http-metrics', containerPort: 3101, protocol: 'TCP' }],
      env: [{ name: 'HOSTNAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } } }],
      readinessProbe: httpProbe('/ready', 'http-metrics', { periodSeconds: 10 }),
      resources: resources('50m', '64Mi', { memory: '128Mi' }),
      securityContext: { readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
      volumeMounts: [
        { name: 'config', mountPath: '/etc/promtail' },
        { name: 'pods', mountPath: '/var/log/pods', readOnly: true },
      ],
    },
  ],
  volumes: [
    { name: 'config', configMap: { name: 'promtail', defaultMode: 420 } },
    { name: 'pods', hostPath: { path: '/var/log/pods', type: '' } },
  ],
};

/** What each generated container says at start (current log) and while followed (ticker). */
export const LOG_STORIES: Record<string, { start: string[]; ticker: string[] }> = {
  'otel-collector': { start: ['info service@v0.116.0/service.go:164 Starting otelcol-contrib...', 'info otlpreceiver@v0.116.0/otlp.go:112 Starting GRPC server {"endpoint": "0.0.0.0:4317"}', 'info service@v0.116.0/service.go:230 Everything is ready. Begin running and processing data.'], ticker: ['info Traces {"resource spans": 12, "spans": 148}'] },
  ingest: { start: ['ingest 0.9.3: exporting telemetry to localhost:4317', 'listening on :8080'], ticker: ['ingested batch of 500 events in 41ms'] },
  frontend: { start: ['frontend 3.4.2 starting', 'serving static assets from /app/dist', 'listening on :8080'], ticker: ['GET / 200 4ms', 'GET /assets/app.js 200 2ms', 'GET /ready 200 0ms'] },
  orders: { start: ['{"level":"info","msg":"orders 1.19.0 starting"}', '{"level":"info","msg":"connected to postgres"}', '{"level":"info","msg":"listening","addr":":8080"}'], ticker: ['{"level":"info","msg":"order created","ms":23}', '{"level":"info","msg":"GET /ready","status":200}'] },
  'log-shipper': { start: ['Fluent Bit v3.2.4', '[ info] [input:tail:tail.0] initializing', '[ info] [output:forward:forward.0] worker #0 started'], ticker: ['[ info] [output:forward:forward.0] flushed 17 records'] },
  gateway: { start: ['gateway 0.31.5: loading routes', '12 routes loaded', 'listening on :8080'], ticker: ['route /v1/orders -> orders:8080 200 11ms', 'route /v1/catalog -> catalog:8080 200 7ms'] },
  envoy: { start: ['[info][main] initializing epoch 0 (base id=0, hot restart version=11.104)', '[info][config] all clusters initialized. initializing init manager', '[info][main] starting main dispatch loop'], ticker: ['[info][upstream] cds: add 0 cluster(s), remove 0 cluster(s)'] },
  worker: { start: ['queue-worker 2.7.1: concurrency=4', 'consuming queue "default"'], ticker: ['job done in 312ms', 'job done in 128ms'] },
  catalog: { start: ['Starting CatalogApplication v5.2.0 using Java 21.0.5', 'Tomcat started on port 8080 (http)', 'Started CatalogApplication in 6.412 seconds'], ticker: ['GET /products 200 18ms'] },
  kv: { start: ['1:M * Running mode=standalone, port=6379.', '1:M * Ready to accept connections tcp'], ticker: ['1:M * 10 changes in 300 seconds. Saving...', '1:M * Background saving terminated with success'] },
  postgres: { start: ['LOG:  starting PostgreSQL 16.6 on x86_64-pc-linux-gnu', 'LOG:  listening on IPv4 address "0.0.0.0", port 5432', 'LOG:  database system is ready to accept connections'], ticker: ['LOG:  checkpoint starting: time', 'LOG:  checkpoint complete: wrote 23 buffers (0.1%)'] },
  report: { start: ['reports.daily: window 24h', 'rendered 9 pages', 'uploaded to s3://acme-reports', 'done'], ticker: [] },
  promtail: { start: ['level=info msg="Starting Promtail" version="(version=3.3.2)"', 'level=info msg="server listening on addresses" http=[::]:3101'], ticker: ['level=info msg="Seeked /var/log/pods/…/0.log"'] },
};
