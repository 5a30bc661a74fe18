import { describe, expect, it } from 'vitest';
import { containerRoles } from '../../src/analysis/roles.js';

const byName = (spec: unknown, hints = {}) =>
  Object.fromEntries(containerRoles(spec, hints).map((r) => [r.name, { role: r.role, kind: r.kind, native: r.native }]));

describe('containerRoles', () => {
  it('istio-injected pod: istio-init is init, istio-proxy a proxy sidecar, the app main', () => {
    const spec = {
      initContainers: [{ name: 'istio-init', image: 'docker.io/istio/proxyv2:1.22.1', args: ['istio-iptables', '-p', '15001'] }],
      containers: [
        { name: 'reviews', image: 'docker.io/istio/examples-bookinfo-reviews-v1:1.19', ports: [{ containerPort: 9080 }] },
        { name: 'istio-proxy', image: 'docker.io/istio/proxyv2:1.22.1', args: ['proxy', 'sidecar'], ports: [{ containerPort: 15090, name: 'http-envoy-prom' }] },
      ],
    };
    expect(byName(spec)).toEqual({
      'istio-init': { role: 'init', kind: undefined, native: undefined },
      reviews: { role: 'main', kind: undefined, native: undefined },
      'istio-proxy': { role: 'sidecar', kind: 'proxy', native: undefined },
    });
  });

  it('istio with native sidecars: istio-proxy is an init container with restartPolicy Always', () => {
    const spec = {
      initContainers: [
        { name: 'istio-init', image: 'istio/proxyv2:1.22.1' },
        { name: 'istio-proxy', image: 'istio/proxyv2:1.22.1', restartPolicy: 'Always' },
      ],
      containers: [{ name: 'app', image: 'example/app:1' }],
    };
    const roles = byName(spec);
    expect(roles['istio-proxy']).toEqual({ role: 'sidecar', kind: 'proxy', native: true });
    expect(roles['istio-init'].role).toBe('init');
    expect(roles.app.role).toBe('main');
  });

  it('linkerd: linkerd-init init, linkerd-proxy proxy', () => {
    const spec = {
      initContainers: [{ name: 'linkerd-init', image: 'cr.l5d.io/linkerd/proxy-init:v2.2.3' }],
      containers: [
        { name: 'linkerd-proxy', image: 'cr.l5d.io/linkerd/proxy:stable-2.14.10', ports: [{ containerPort: 4143 }, { containerPort: 4191 }] },
        { name: 'web', image: 'buoyantio/emojivoto-web:v11', ports: [{ containerPort: 8080 }] },
      ],
    };
    const roles = byName(spec);
    expect(roles['linkerd-init'].role).toBe('init');
    expect(roles['linkerd-proxy']).toMatchObject({ role: 'sidecar', kind: 'proxy' });
    expect(roles.web.role).toBe('main');
  });

  it('a native sidecar of unknown image is still a sidecar, without a kind', () => {
    const roles = containerRoles({
      initContainers: [{ name: 'helper', image: 'example/helper:1', restartPolicy: 'Always' }],
      containers: [{ name: 'app', image: 'example/app:1' }],
    });
    expect(roles[0]).toMatchObject({ name: 'helper', role: 'sidecar', native: true });
    expect(roles[0].kind).toBeUndefined();
  });

  it('vault-agent-init is an init container; a vault agent sidecar is an agent', () => {
    const spec = {
      initContainers: [{ name: 'vault-agent-init', image: 'hashicorp/vault:1.17', args: ['agent', '-config=/vault/config.hcl', '-exit-after-auth'] }],
      containers: [
        { name: 'app', image: 'example/app:1', ports: [{ containerPort: 8080 }] },
        { name: 'vault-agent', image: 'hashicorp/vault:1.17', args: ['agent', '-config=/vault/config.hcl'] },
      ],
    };
    const roles = byName(spec);
    expect(roles['vault-agent-init'].role).toBe('init');
    expect(roles['vault-agent']).toMatchObject({ role: 'sidecar', kind: 'agent' });
    expect(roles.app.role).toBe('main');
  });

  it('vault image running the server (not `agent`) next to an app is not an agent', () => {
    const roles = byName({
      containers: [
        { name: 'app', image: 'example/app:1' },
        { name: 'vault', image: 'hashicorp/vault:1.17', args: ['server'] },
      ],
    });
    expect(roles.vault.role).toBe('main');
  });

  it('cloud-sql-proxy is a proxy sidecar', () => {
    const roles = byName({
      containers: [
        { name: 'app', image: 'example/app:1', env: [{ name: 'DB_HOST', value: '127.0.0.1:5432' }] },
        { name: 'cloud-sql-proxy', image: 'gcr.io/cloud-sql-connectors/cloud-sql-proxy:2.11.0', args: ['--port=5432', 'proj:region:db'] },
      ],
    });
    expect(roles['cloud-sql-proxy']).toMatchObject({ role: 'sidecar', kind: 'proxy' });
    expect(roles.app.role).toBe('main');
  });

  it('fluent-bit with a read-only mount of the app\'s log volume is a log shipper', () => {
    const roles = containerRoles({
      volumes: [{ name: 'logs', emptyDir: {} }],
      containers: [
        { name: 'api', image: 'example/api:2', volumeMounts: [{ name: 'logs', mountPath: '/var/log/api' }] },
        { name: 'shipper', image: 'cr.fluentbit.io/fluent/fluent-bit:3.1.4', volumeMounts: [{ name: 'logs', mountPath: '/logs', readOnly: true }] },
      ],
    });
    expect(roles[1]).toMatchObject({ role: 'sidecar', kind: 'log-shipper' });
    expect(roles[1].reason).toContain('fluent-bit');
  });

  it('an unknown image that reads the app\'s log volume read-only is a log shipper by the volume', () => {
    const roles = containerRoles({
      volumes: [{ name: 'app-logs', emptyDir: {} }],
      containers: [
        { name: 'api', image: 'example/api:2', ports: [{ containerPort: 8080 }], volumeMounts: [{ name: 'app-logs', mountPath: '/var/log/api' }] },
        { name: 'tailer', image: 'example/tailer:1', volumeMounts: [{ name: 'app-logs', mountPath: '/in', readOnly: true }] },
      ],
    });
    expect(roles[1]).toMatchObject({ role: 'sidecar', kind: 'log-shipper' });
    expect(roles[1].reason).toBe('reads volume app-logs (written by api) read-only');
  });

  it('common helpers: kube-rbac-proxy, git-sync, config reloaders, daprd', () => {
    const roles = byName({
      containers: [
        { name: 'manager', image: 'example/operator:0.3', args: ['--metrics-bind-address=127.0.0.1:8080'] },
        { name: 'kube-rbac-proxy', image: 'quay.io/brancz/kube-rbac-proxy:v0.18.0', args: ['--upstream=http://127.0.0.1:8080/'] },
        { name: 'reloader', image: 'quay.io/prometheus-operator/prometheus-config-reloader:v0.75.0' },
        { name: 'sync', image: 'registry.k8s.io/git-sync/git-sync:v4.2.3' },
        { name: 'daprd', image: 'daprio/daprd:1.14.0' },
      ],
    });
    expect(roles.manager.role).toBe('main');
    expect(roles['kube-rbac-proxy']).toMatchObject({ role: 'sidecar', kind: 'proxy' });
    expect(roles.reloader).toMatchObject({ role: 'sidecar', kind: 'agent' });
    expect(roles.sync).toMatchObject({ role: 'sidecar', kind: 'agent' });
    expect(roles.daprd).toMatchObject({ role: 'sidecar', kind: 'proxy' });
  });

  it('a reader that serves a port (nginx serving files git-sync writes) is not made a sidecar by the volume', () => {
    const roles = byName({
      volumes: [{ name: 'html', emptyDir: {} }],
      containers: [
        { name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80 }], volumeMounts: [{ name: 'html', mountPath: '/usr/share/nginx/html', readOnly: true }] },
        { name: 'git-sync', image: 'registry.k8s.io/git-sync/git-sync:v4.2.3', volumeMounts: [{ name: 'html', mountPath: '/git' }] },
      ],
    });
    expect(roles.web.role).toBe('main');
    expect(roles['git-sync'].role).toBe('sidecar');
  });

  it('nginx as TLS front forwarding to localhost of the app is a proxy', () => {
    const roles = byName({
      containers: [
        { name: 'checkout', image: 'example/checkout:3', ports: [{ containerPort: 8080 }] },
        { name: 'tls', image: 'nginx:1.27', ports: [{ containerPort: 8443 }], env: [{ name: 'UPSTREAM', value: 'http://localhost:8080' }] },
      ],
    });
    expect(roles.tls).toMatchObject({ role: 'sidecar', kind: 'proxy' });
    expect(roles.checkout.role).toBe('main');
  });

  it('an app that talks to localhost:6379 of a redis in the pod is not a proxy', () => {
    const roles = byName({
      containers: [
        { name: 'app', image: 'example/app:1', ports: [{ containerPort: 8080 }], env: [{ name: 'REDIS', value: 'localhost:6379' }] },
        { name: 'redis', image: 'redis:7', ports: [{ containerPort: 6379 }] },
      ],
    });
    expect(roles.app.role).toBe('main');
    expect(roles.redis.role).toBe('main');
  });

  it('a pod with one container is main whatever its image', () => {
    for (const image of ['nginx:1.27', 'envoyproxy/envoy:v1.31', 'fluent/fluent-bit:3', 'prom/node-exporter:v1.8']) {
      expect(containerRoles({ containers: [{ name: 'only', image }] })[0].role).toBe('main');
    }
  });

  it('metrics exporters are metrics sidecars', () => {
    const roles = byName({
      containers: [
        { name: 'postgres', image: 'postgres:16', ports: [{ containerPort: 5432 }] },
        { name: 'metrics', image: 'quay.io/prometheuscommunity/postgres-exporter:v0.15.0', ports: [{ containerPort: 9187 }] },
        { name: 'redis-metrics', image: 'oliver006/redis_exporter:v1.62.0' },
      ],
    });
    expect(roles.metrics).toMatchObject({ role: 'sidecar', kind: 'metrics' });
    expect(roles['redis-metrics']).toMatchObject({ role: 'sidecar', kind: 'metrics' });
  });

  it('when every container looks like a helper, the one with the Service target port is main', () => {
    const spec = {
      containers: [
        { name: 'envoy', image: 'envoyproxy/envoy:v1.31', ports: [{ containerPort: 10000 }] },
        { name: 'collector', image: 'otel/opentelemetry-collector:0.104.0', ports: [{ containerPort: 4317, name: 'otlp' }] },
      ],
    };
    expect(byName(spec, { servicePorts: ['otlp'] }).collector.role).toBe('main');
    expect(byName(spec, { servicePorts: ['otlp'] }).envoy.role).toBe('sidecar');
    expect(byName(spec, { servicePorts: [10000] }).envoy.role).toBe('main');
    // Without a Service: the first one.
    const roles = containerRoles(spec);
    expect(roles.filter((r) => r.role === 'main').map((r) => r.name)).toEqual(['envoy']);
  });

  it('takes odd input without throwing', () => {
    for (const spec of [null, undefined, 5, 'x', [], { containers: null }, { containers: [null, 3, { name: 7 }] }, { initContainers: 'a', containers: [{ image: 5, ports: 'http', volumeMounts: 'v', env: [null, { value: 3 }] }] }]) {
      expect(() => containerRoles(spec)).not.toThrow();
    }
    expect(containerRoles({ containers: [{}, {}] }).map((r) => r.name)).toEqual(['#0', '#1']);
  });
});
