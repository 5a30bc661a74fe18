import { describe, expect, it } from 'vitest';
import { volumeMatrix } from '../../../src/model/pod-detail/volume-matrix.js';
import { apiDataClaim, logShipperPod } from './fixtures.js';

describe('volumeMatrix', () => {
  const matrix = volumeMatrix(logShipperPod(), new Map([['api-data', apiDataClaim]]));
  const row = (name: string) => matrix.rows.find((r) => r.name === name)!;

  it('has one row per volume and one column per container', () => {
    expect(matrix.rows.map((r) => r.name)).toEqual(['logs', 'config', 'creds', 'data']);
    expect(matrix.containers.map((c) => c.name)).toEqual(['app', 'log-shipper']);
  });

  it('shows the shared emptyDir read-write in the writer and read-only in the reader', () => {
    const logs = row('logs');
    expect(logs.type).toBe('emptyDir');
    expect(logs.persistence).toBe('ephemeral');
    expect(logs.mounts.app).toEqual([{ mountPath: '/var/log/app', readOnly: false, subPath: undefined }]);
    expect(logs.mounts['log-shipper']).toEqual([{ mountPath: '/logs', readOnly: true, subPath: undefined }]);
  });

  it('names a secret without reading it and marks API-projected volumes read-only', () => {
    expect(row('creds').detail).toBe('secret db-creds');
    expect(row('creds').mounts.app[0].readOnly).toBe(true);
    expect(row('config').detail).toBe('configMap api-config');
    expect(row('config').persistence).toBe('projected');
  });

  it('describes a known PVC with access modes, class and size, and an unknown one as missing', () => {
    expect(row('data').persistence).toBe('persistent');
    expect(row('data').detail).toBe('pvc api-data RWO standard 5Gi');
    expect(row('data').claim?.known).toBe(true);
    const unknown = volumeMatrix(logShipperPod()).rows.find((r) => r.name === 'data')!;
    expect(unknown.detail).toBe('pvc api-data (claim not found)');
  });

  it('reports mounts of volumes the pod does not declare', () => {
    expect(matrix.dangling).toEqual([{ container: 'log-shipper', volume: 'ghost', mountPath: '/x' }]);
  });
});
