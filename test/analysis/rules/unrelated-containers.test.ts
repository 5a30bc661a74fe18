import { describe, expect, it } from 'vitest';
import { rule } from '../../../src/analysis/rules/unrelated-containers.js';
import { internalErrorsOnOddInput, manifestSubject, pod, run } from './subject-builders.js';

const frontend = { name: 'frontend', image: 'example/frontend:1', ports: [{ containerPort: 80 }] };
const api = { name: 'api', image: 'example/api:1', ports: [{ containerPort: 8080 }] };
const cache = { name: 'cache', image: 'memcached:1.6', ports: [{ containerPort: 11211 }] };

describe('unrelated-containers', () => {
  it('fires when main containers serve their own ports and share nothing', () => {
    const f = run(rule, manifestSubject(pod({ containers: [frontend, api, cache] })));
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain('containers frontend, api, cache look like independent services');
    expect(f[0].evidence).toContain('spec.containers[2].ports[0]: 11211/TCP (cache)');
  });

  it('fires on more than 4 main containers whatever links them', () => {
    const five = Array.from({ length: 5 }, (_, i) => ({ name: `c${i}`, image: 'same:1' }));
    const f = run(rule, manifestSubject(pod({ containers: five })));
    expect(f[0].message).toMatch(/^5 main containers in one pod/);
  });

  it('a shared data volume, a localhost link or the same image makes them one service', () => {
    const shared = {
      volumes: [{ name: 'work', emptyDir: {} }],
      containers: [
        { ...frontend, volumeMounts: [{ name: 'work', mountPath: '/a' }] },
        { ...api, volumeMounts: [{ name: 'work', mountPath: '/b' }] },
      ],
    };
    expect(run(rule, manifestSubject(pod(shared)))).toEqual([]);
    const localhost = { containers: [{ ...frontend, env: [{ name: 'API', value: 'http://localhost:8080' }] }, api] };
    expect(run(rule, manifestSubject(pod(localhost)))).toEqual([]);
    expect(run(rule, manifestSubject(pod({ containers: [frontend, { ...api, image: 'example/frontend:2' }] })))).toEqual([]);
  });

  it('a shared configMap does not link services', () => {
    const spec = {
      volumes: [{ name: 'cfg', configMap: { name: 'c' } }],
      containers: [
        { ...frontend, volumeMounts: [{ name: 'cfg', mountPath: '/etc/cfg' }] },
        { ...api, volumeMounts: [{ name: 'cfg', mountPath: '/etc/cfg' }] },
      ],
    };
    expect(run(rule, manifestSubject(pod(spec)))).toHaveLength(1);
  });

  it('recognised sidecars and native sidecars are never counted', () => {
    const spec = {
      initContainers: [{ name: 'mesh', image: 'example/mesh:1', restartPolicy: 'Always', ports: [{ containerPort: 15001 }] }],
      containers: [api, { name: 'istio-proxy', image: 'istio/proxyv2:1.22', ports: [{ containerPort: 15090 }] }, { name: 'exporter', image: 'prom/statsd-exporter:v0.27', ports: [{ containerPort: 9102 }] }],
    };
    expect(run(rule, manifestSubject(pod(spec)))).toEqual([]);
  });

  it('a main container without ports (a worker) is not a separate service', () => {
    expect(run(rule, manifestSubject(pod({ containers: [api, { name: 'worker', image: 'example/worker:1' }] })))).toEqual([]);
  });

  it('never throws on odd input', () => {
    expect(internalErrorsOnOddInput(rule)).toEqual([]);
  });
});
