import { describe, expect, it } from 'vitest';
import { sharedPortSpace } from '../../../src/model/pod-detail/shared-port-space.js';
import type { Pod } from '../../../src/model/kube.js';
import { flakyPod, portClashPod } from './fixtures.js';

describe('sharedPortSpace', () => {
  it('puts every port of every container in one table behind the shared pod IPs', () => {
    const space = sharedPortSpace(portClashPod());
    expect(space.podIPs).toEqual(['10.1.2.3', 'fd00::3']);
    expect(space.rows.map((r) => `${r.container} ${r.port}/${r.protocol}`)).toEqual(['web 8080/TCP', 'api 8080/TCP', 'api 53/UDP']);
  });

  it('marks the same port and protocol in two containers as a conflict on both rows', () => {
    const space = sharedPortSpace(portClashPod());
    const [web, api, dns] = space.rows;
    expect(web.conflict).toBe(true);
    expect(web.conflictsWith).toEqual(['api']);
    expect(api.conflictsWith).toEqual(['web']);
    expect(web.conflictReason).toBe('web and api both listen on 8080/TCP');
    expect(api.conflictReason).toBe('web and api both listen on 8080/TCP');
    expect(web.reaches).toBe('localhost:8080 → web or api (whichever binds first)');
    expect(dns.conflict).toBe(false);
    expect(dns.reaches).toBe('localhost:53/UDP → api');
    expect(space.conflicts).toBe(2);
  });

  it('does not call different protocols on one number a conflict', () => {
    const pod = { spec: { containers: [
      { name: 'a', ports: [{ containerPort: 53, protocol: 'TCP' }] },
      { name: 'b', ports: [{ containerPort: 53, protocol: 'UDP' }] },
    ] } } as Pod;
    expect(sharedPortSpace(pod).rows.every((r) => !r.conflict)).toBe(true);
  });

  it('includes native sidecars and marks a finished init container as holding nothing', () => {
    const pod = flakyPod();
    pod.spec!.initContainers![1].ports = [{ containerPort: 8080 }];
    const rows = sharedPortSpace(pod).rows;
    const proxy = rows.find((r) => r.container === 'proxy')!;
    expect(proxy.placement).toBe('native');
    expect(proxy.reaches).toBe('localhost:9090 → proxy');
    const migrate = rows.find((r) => r.container === 'migrate')!;
    expect(migrate.finished).toBe(true);
    expect(migrate.conflict).toBe(false);
    expect(migrate.reaches).toContain('nothing');
    expect(rows.find((r) => r.container === 'app')!.conflict).toBe(false);
  });

  it('sees a clash between a native sidecar and a regular container', () => {
    const pod = { spec: {
      initContainers: [{ name: 'proxy', restartPolicy: 'Always', ports: [{ containerPort: 8080 }] }],
      containers: [{ name: 'app', ports: [{ containerPort: 8080 }] }],
    } } as Pod;
    expect(sharedPortSpace(pod).rows.map((r) => r.conflict)).toEqual([true, true]);
  });

  it('flags two containers taking one hostPort, and hostNetwork ports as node ports', () => {
    const pod = { spec: { hostNetwork: true, containers: [
      { name: 'exporter', ports: [{ containerPort: 9100, hostPort: 9100 }] },
      { name: 'agent', ports: [{ containerPort: 9100 }] },
    ] } } as Pod;
    const space = sharedPortSpace(pod);
    expect(space.hostNetwork).toBe(true);
    expect(space.rows[1].hostPort).toBe(9100);
    expect(space.rows[0].conflict).toBe(true);
    expect(space.rows[0].reaches).toMatch(/^node:9100/);
    const hostOnly = { spec: { containers: [
      { name: 'a', ports: [{ containerPort: 80, hostPort: 8000 }] },
      { name: 'b', ports: [{ containerPort: 81, hostPort: 8000 }] },
    ] } } as Pod;
    expect(sharedPortSpace(hostOnly).rows[0].conflictReason).toBe('a and b both take hostPort 8000/TCP');
  });
});
