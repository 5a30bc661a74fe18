// The pod readers' memos: answers remembered by value (an image, a mount path) or kept on a
// cached container list must change when the input does.
import { describe, expect, it } from 'vitest';
import {
  containerPorts,
  containerProbe,
  dataEngine,
  imageBaseName,
  imagePath,
  longRunning,
  memoText,
  podContainers,
  podVolumes,
  volumeMounts,
} from '../../src/analysis/pod-helpers.js';
import { rule as privilegeEscalation } from '../../src/analysis/rules/privilege-escalation.js';
import { rule as runAsRoot } from '../../src/analysis/rules/run-as-root.js';
import { rule as livenessProbeMissing } from '../../src/analysis/rules/liveness-probe-missing.js';
import { manifestSubject, pod, run } from './rules/subject-builders.js';

/** A spec frozen all the way down, as the object store hands them out. */
function frozen<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value as object)) frozen(child);
  }
  return value;
}

function container(name: string, image: string, extra: Record<string, unknown> = {}) {
  return { name, image, ...extra };
}

describe('readers remembered by text', () => {
  it('imageBaseName and imagePath answer by the image, and a different image gets its own answer', () => {
    expect(imageBaseName('docker.io/istio/proxyv2:1.20')).toBe('proxyv2');
    expect(imageBaseName('docker.io/istio/proxyv2:1.20')).toBe('proxyv2');
    expect(imageBaseName('docker.io/library/Postgres:16@sha256:abc')).toBe('postgres');
    expect(imagePath('docker.io/istio/proxyv2:1.20')).toBe('istio/proxyv2');
    expect(imagePath('registry:5000/team/app')).toBe('team/app');
  });

  it('dataEngine answers by image in any container list, and changes with the image', () => {
    const a = frozen({ containers: [container('db', 'postgres:16')] });
    const b = frozen({ containers: [container('db', 'postgres:16')] });
    const c = frozen({ containers: [container('db', 'mysql:8')] });
    const d = frozen({ containers: [container('db', 'postgres-exporter:0.15')] });
    expect(dataEngine(podContainers(a)[0])?.engine).toBe('postgres');
    expect(dataEngine(podContainers(b)[0])).toEqual(dataEngine(podContainers(a)[0]));
    expect(dataEngine(podContainers(c)[0])?.engine).toBe('mysql');
    expect(dataEngine(podContainers(d)[0])).toBeUndefined();
  });

  it('dataEngine reads the data path of an unknown image by the mount path, and changes with it', () => {
    const mounted = (mountPath: string) => frozen({ containers: [container('app', 'acme/store:1', { volumeMounts: [{ name: 'data', mountPath }] })] });
    expect(dataEngine(podContainers(mounted('/var/lib/mysql/'))[0])).toEqual({ engine: 'data path', dataPaths: ['/var/lib/mysql/'] });
    expect(dataEngine(podContainers(mounted('/var/lib/mysql/data'))[0])?.engine).toBe('data path');
    expect(dataEngine(podContainers(mounted('/var/lib/mysqlx'))[0])).toBeUndefined();
    expect(dataEngine(podContainers(mounted('/srv'))[0])).toBeUndefined();
    // As volumeMounts() lists them: a mount without a volume name is no mount.
    const unnamed = frozen({ containers: [container('app', 'acme/store:1', { volumeMounts: [{ mountPath: '/var/lib/mysql' }, { name: 'd', mountPath: '/data/db' }] })] });
    expect(dataEngine(podContainers(unnamed)[0])).toEqual({ engine: 'data path', dataPaths: ['/data/db'] });
  });
});

describe('longRunning', () => {
  it('keeps the answer on a cached list, and a list with a native sidecar gets its own', () => {
    const plain = frozen({ initContainers: [container('migrate', 'app:1')], containers: [container('app', 'app:1')] });
    const withSidecar = frozen({ initContainers: [container('proxy', 'envoy:1', { restartPolicy: 'Always' })], containers: [container('app', 'app:1')] });
    const first = longRunning(podContainers(plain));
    expect(longRunning(podContainers(plain))).toBe(first);
    expect(first.map((r) => r.name)).toEqual(['app']);
    expect(longRunning(podContainers(withSidecar)).map((r) => r.name)).toEqual(['proxy', 'app']);
  });

  it('filters a list it did not make (an unfrozen spec)', () => {
    const spec = { initContainers: [container('proxy', 'envoy:1', { restartPolicy: 'Always' }), container('init', 'busybox:1')], containers: [container('app', 'app:1')] };
    expect(longRunning(podContainers(spec)).map((r) => r.name)).toEqual(['proxy', 'app']);
  });
});

describe('field paths', () => {
  it('name the item where it sits, per container, list and spec path', () => {
    const spec = frozen({
      containers: [
        container('a', 'a:1', { ports: [{ containerPort: 80 }, { containerPort: 81 }], volumeMounts: [{ name: 'v', mountPath: '/v' }] }),
        container('b', 'b:1', { ports: [{ containerPort: 90 }] }),
      ],
      volumes: [{ name: 'v', emptyDir: {} }],
    });
    const [a, b] = podContainers(spec);
    expect(containerPorts(a).map((p) => p.path)).toEqual(['spec.containers[0].ports[0]', 'spec.containers[0].ports[1]']);
    expect(containerPorts(b).map((p) => p.path)).toEqual(['spec.containers[1].ports[0]']);
    expect(volumeMounts(a).map((m) => m.path)).toEqual(['spec.containers[0].volumeMounts[0]']);
    expect(podVolumes(spec).get('v')?.path).toBe('spec.volumes[0]');
    const [t] = podContainers(spec, 'spec.template.spec');
    expect(containerPorts(t)[1].path).toBe('spec.template.spec.containers[0].ports[1]');
    expect(podVolumes(spec, 'spec.template.spec').get('v')?.path).toBe('spec.template.spec.volumes[0]');
  });

  it('past the kept indexes still names the item', () => {
    const ports = Array.from({ length: 300 }, (_, i) => ({ containerPort: 1000 + i }));
    const [ref] = podContainers({ containers: [container('a', 'a:1', { ports })] });
    expect(containerPorts(ref)[299].path).toBe('spec.containers[0].ports[299]');
  });
});

describe('memoText', () => {
  it('makes a text once per pair, and each pair its own', () => {
    let made = 0;
    const text = memoText((a, b) => {
      made++;
      return `${a}:${b}`;
    });
    expect(text('app', 'x')).toBe('app:x');
    expect(text('app', 'x')).toBe('app:x');
    expect(made).toBe(1);
    expect(text('app', 'y')).toBe('app:y');
    expect(text('db', 'x')).toBe('db:x');
    expect(made).toBe(3);
  });
});

describe('rules whose texts are remembered', () => {
  const subjectOf = (containers: unknown[], securityContext?: unknown) => manifestSubject(pod({ containers, ...(securityContext ? { securityContext } : {}) }));

  it('privilege-escalation names each container, path and setting', () => {
    const a = run(privilegeEscalation, subjectOf([{ name: 'a', image: 'x:1' }]));
    const b = run(privilegeEscalation, subjectOf([{ name: 'b', image: 'x:1', securityContext: { allowPrivilegeEscalation: true } }, { name: 'c', image: 'x:1', securityContext: { allowPrivilegeEscalation: 'yes' } }]));
    expect(a.map((f) => [f.message, f.evidence])).toEqual([
      ['container a may gain privileges through setuid binaries: allowPrivilegeEscalation is not set to false', ['spec.containers[0].securityContext.allowPrivilegeEscalation: unset']],
    ]);
    expect(b.map((f) => [f.message, f.evidence])).toEqual([
      ['container b may gain privileges through setuid binaries: allowPrivilegeEscalation is true', ['spec.containers[0].securityContext.allowPrivilegeEscalation: true']],
      ['container c may gain privileges through setuid binaries: allowPrivilegeEscalation is not set to false', ['spec.containers[1].securityContext.allowPrivilegeEscalation: "yes"']],
    ]);
  });

  it('run-as-root changes with the container, where the setting is and its value', () => {
    const may = run(runAsRoot, subjectOf([{ name: 'a', image: 'x:1', securityContext: { runAsNonRoot: false } }]));
    expect(may[0].message).toBe("container a may run as root: nothing sets runAsNonRoot: true or a non-root runAsUser, so the image's USER decides");
    expect(may[0].evidence).toEqual(['spec.containers[0].securityContext.runAsNonRoot: false', 'spec.containers[0].securityContext.runAsUser: unset (pod: unset)']);
    const mayPod = run(runAsRoot, subjectOf([{ name: 'b', image: 'x:1' }]));
    expect(mayPod[0].evidence).toEqual(['spec.securityContext.runAsNonRoot: unset', 'spec.containers[0].securityContext.runAsUser: unset (pod: unset)']);
    const root = run(runAsRoot, subjectOf([{ name: 'b', image: 'x:1' }], { runAsUser: 0 }));
    expect(root.map((f) => [f.message, f.evidence])).toEqual([['container b runs as root (runAsUser 0)', ['spec.securityContext.runAsUser: 0']]]);
    const refused = run(runAsRoot, subjectOf([{ name: 'b', image: 'x:1', securityContext: { runAsUser: 0, runAsNonRoot: true } }]));
    expect(refused.map((f) => [f.message, f.evidence])).toEqual([
      ['container b sets runAsUser 0 with runAsNonRoot: true: the kubelet will refuse to start it', ['spec.containers[0].securityContext.runAsUser: 0']],
    ]);
  });

  it('liveness-probe-missing names each container and path', () => {
    const found = run(livenessProbeMissing, subjectOf([{ name: 'a', image: 'x:1', ports: [{ containerPort: 80 }] }, { name: 'b', image: 'y:1', ports: [{ containerPort: 81 }] }]));
    expect(found.map((f) => [f.message, f.evidence])).toEqual([
      ['container a has no livenessProbe: if it hangs without exiting, nothing restarts it', ['spec.containers[0].livenessProbe: not set']],
      ['container b has no livenessProbe: if it hangs without exiting, nothing restarts it', ['spec.containers[1].livenessProbe: not set']],
    ]);
  });
});

describe('lists that may change', () => {
  it('an unfrozen container or volume list is read again each time', () => {
    const spec = { containers: [container('a', 'a:1')], volumes: [{ name: 'v', emptyDir: {} }] as Record<string, unknown>[] };
    expect(podContainers(spec).map((r) => r.name)).toEqual(['a']);
    expect(podVolumes(spec).get('v')?.type).toBe('emptyDir');
    spec.containers.push(container('b', 'b:1'));
    spec.volumes[0] = { name: 'v', persistentVolumeClaim: { claimName: 'data' } };
    expect(podContainers(spec).map((r) => r.name)).toEqual(['a', 'b']);
    expect(podVolumes(spec).get('v')).toMatchObject({ type: 'persistentVolumeClaim', claimName: 'data' });
  });

  it('a frozen container list with other init containers gets its own refs', () => {
    const containers = frozen([container('app', 'a:1')]);
    const plain = podContainers({ containers });
    const withInit = podContainers({ containers, initContainers: frozen([container('init', 'i:1')]) });
    expect(plain.map((r) => r.name)).toEqual(['app']);
    expect(withInit.map((r) => r.name)).toEqual(['init', 'app']);
    expect(podContainers({ containers })).toBe(plain);
  });

  it('the volume source is the first key besides the name', () => {
    const volumes = podVolumes(frozen({ volumes: [{ name: 'a', hostPath: { path: '/x' } }, { hostPath: { path: '/y' }, name: 'b' }, { name: 'c' }] }));
    expect([...volumes.values()].map((v) => v.type)).toEqual(['hostPath', 'hostPath', 'unknown']);
  });
});

describe('readers remembered per shared part and path', () => {
  it('one frozen port list in two containers and two pods: each answer names its own path', () => {
    const ports = frozen([{ containerPort: 8080, name: 'http' }]);
    const a = podContainers(frozen({ containers: [{ name: 'a', image: 'a:1', ports }, { name: 'b', image: 'b:1', ports }] }));
    const t = podContainers(frozen({ containers: [{ name: 'c', image: 'c:1', ports }] }), 'spec.template.spec');
    expect(a.map((r) => containerPorts(r)[0].path)).toEqual(['spec.containers[0].ports[0]', 'spec.containers[1].ports[0]']);
    expect(containerPorts(t[0])[0]).toEqual({ port: 8080, protocol: 'TCP', name: 'http', hostPort: undefined, path: 'spec.template.spec.containers[0].ports[0]' });
    const other = podContainers(frozen({ containers: [{ name: 'a', image: 'a:1', ports: [{ containerPort: 9090, protocol: 'udp' }] }] }));
    expect(containerPorts(other[0]).map((p) => [p.port, p.protocol])).toEqual([[9090, 'UDP']]);
  });

  it('one frozen probe as liveness and readiness: each answer says its kind and path, and another probe its own port', () => {
    const probe = frozen({ httpGet: { path: '/healthz', port: 8080 } });
    const [ref] = podContainers(frozen({ containers: [{ name: 'a', image: 'a:1', livenessProbe: probe, readinessProbe: probe }] }));
    expect(containerProbe(ref, 'liveness')).toMatchObject({ kind: 'liveness', path: 'spec.containers[0].livenessProbe', handler: 'httpGet', port: 8080 });
    expect(containerProbe(ref, 'readiness')).toMatchObject({ kind: 'readiness', path: 'spec.containers[0].readinessProbe', handler: 'httpGet', port: 8080 });
    expect(containerProbe(ref, 'startup')).toBeUndefined();
    const [second] = podContainers(frozen({ containers: [{ name: 'x', image: 'a:1' }, { name: 'a', image: 'a:1', livenessProbe: { tcpSocket: { port: 'grpc' } } }] })).slice(1);
    expect(containerProbe(second, 'liveness')).toMatchObject({ path: 'spec.containers[1].livenessProbe', handler: 'tcpSocket', port: 'grpc' });
  });
});
