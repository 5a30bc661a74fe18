import { describe, expect, it } from 'vitest';
import { containerDetail } from '../../../src/model/pod-detail/container-detail.js';
import type { Pod } from '../../../src/model/kube.js';
import { apiDataClaim, logShipperPod, NOW, portClashPod } from './fixtures.js';

describe('containerDetail', () => {
  it('lists env names with references, never values', () => {
    const pod = portClashPod();
    pod.spec!.containers[1].env = [
      { name: 'LOG_LEVEL', value: 'debug' },
      { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db-creds', key: 'password' } } },
      { name: 'MODE', valueFrom: { configMapKeyRef: { name: 'api', key: 'mode' } } },
      { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
    ];
    pod.spec!.containers[1].envFrom = [{ secretRef: { name: 'all-creds' }, prefix: 'X_' }];
    const d = containerDetail(pod, 'api', { now: NOW })!;
    expect(d.env).toEqual([
      { name: 'LOG_LEVEL', source: '' },
      { name: 'DB_PASSWORD', source: 'secret db-creds/password' },
      { name: 'MODE', source: 'configMap api/mode' },
      { name: 'POD_NAME', source: 'field metadata.name' },
      { name: 'X_*', source: 'all keys of secret all-creds' },
    ]);
    expect(JSON.stringify(d)).not.toContain('debug');
  });

  it('gives resources cpu first, the container ports of the shared space, and its mounts', () => {
    const pod = logShipperPod();
    pod.spec!.containers[0].resources = { limits: { memory: '256Mi' }, requests: { memory: '128Mi', cpu: '100m' } };
    const d = containerDetail(pod, 'app', { now: NOW, pvcsByName: new Map([['api-data', apiDataClaim]]) })!;
    expect(d.resources).toEqual([
      { resource: 'cpu', request: '100m', limit: undefined },
      { resource: 'memory', request: '128Mi', limit: '256Mi' },
    ]);
    expect(d.mounts.map((m) => `${m.volume} ${m.mountPath} ${m.readOnly ? 'ro' : 'rw'} ${m.persistence}`)).toEqual([
      'logs /var/log/app rw ephemeral',
      'config /etc/app ro projected',
      'creds /etc/creds ro projected',
      'data /data rw persistent',
    ]);
    const shipper = containerDetail(pod, 'log-shipper', { now: NOW })!;
    expect(shipper.mounts.at(-1)).toMatchObject({ volume: 'ghost', type: 'missing' });
    const api = containerDetail(portClashPod(), 'api', { now: NOW })!;
    expect(api.ports.map((p) => `${p.port}/${p.protocol} ${p.conflict}`)).toEqual(['8080/TCP true', '53/UDP false']);
    expect(api.row.lastTermination?.reason).toBe('Error');
  });

  it('is undefined for a container the pod does not have', () => {
    expect(containerDetail(portClashPod(), 'nope', { now: NOW })).toBeUndefined();
    expect(containerDetail({} as Pod, 'x', { now: NOW })).toBeUndefined();
  });
});
