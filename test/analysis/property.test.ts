// R8: 10,000 random partial or malformed pods and Deployments through the engine: it never
// throws, and no rule ever needs the internal-error safety net.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { analyzeManifests, analyzeSubject } from '../../src/analysis/engine.js';
import { ManifestIndex } from '../../src/analysis/context.js';
import { subjectFromPod } from '../../src/analysis/subjects.js';
import { containerRoles } from '../../src/analysis/roles.js';
import type { KubeObject } from '../../src/model/kube.js';

/** Values of the wrong type, cheap to generate (fc.anything() costs seconds per thousand runs). */
const junk = fc.constantFrom<unknown>(null, undefined, 0, -1, 1.5, NaN, true, '', 'x', '8080', [], [null], {}, { a: 1 }, [[]], '\u001b[31m');
/** Sometimes the right type, sometimes a wrong one. */
const odd = <T>(good: fc.Arbitrary<T>) => fc.oneof({ weight: 3, arbitrary: good }, { weight: 1, arbitrary: junk });
const small = fc.constantFrom('a', 'app', 'http', '8080', '', 'ReadWriteOnce', 'Always', 'TCP', 'UDP', 'localhost:8080', '--save', 'address already in use');
const port = odd(fc.oneof(fc.integer({ min: 0, max: 70000 }), small));
const probe = odd(
  fc.record(
    {
      httpGet: odd(fc.record({ port, path: odd(small) }, { requiredKeys: [] })),
      tcpSocket: odd(fc.record({ port }, { requiredKeys: [] })),
      grpc: odd(fc.record({ port }, { requiredKeys: [] })),
      exec: odd(fc.record({ command: odd(fc.array(small)) }, { requiredKeys: [] })),
      periodSeconds: port,
      failureThreshold: port,
    },
    { requiredKeys: [] },
  ),
);
const container = odd(
  fc.record(
    {
      name: odd(small),
      image: odd(fc.constantFrom('nginx', 'redis:7', 'postgres@sha256:abc', 'fluent/fluent-bit:3', 'istio/proxyv2:1', 'mongo:latest', '')),
      ports: odd(fc.array(odd(fc.record({ containerPort: port, protocol: odd(small), name: odd(small), hostPort: port }, { requiredKeys: [] })), { maxLength: 3 })),
      readinessProbe: probe,
      livenessProbe: probe,
      startupProbe: probe,
      resources: odd(fc.record({ limits: odd(fc.dictionary(small, odd(small))), requests: odd(fc.dictionary(small, odd(small))) }, { requiredKeys: [] })),
      volumeMounts: odd(fc.array(odd(fc.record({ name: odd(small), mountPath: odd(fc.constantFrom('/data', '/var/lib/mysql', '/logs')), readOnly: junk, subPath: odd(small) }, { requiredKeys: [] })), { maxLength: 3 })),
      restartPolicy: odd(small),
      securityContext: junk,
      args: odd(fc.array(odd(small), { maxLength: 4 })),
      env: odd(fc.array(odd(fc.record({ name: odd(small), value: odd(small) }, { requiredKeys: [] })), { maxLength: 2 })),
    },
    { requiredKeys: [] },
  ),
);
const spec = odd(
  fc.record(
    {
      containers: odd(fc.array(container, { maxLength: 4 })),
      initContainers: odd(fc.array(container, { maxLength: 2 })),
      volumes: odd(fc.array(odd(fc.record({ name: odd(small), emptyDir: junk, persistentVolumeClaim: odd(fc.record({ claimName: odd(small) }, { requiredKeys: [] })), hostPath: junk }, { requiredKeys: [] })), { maxLength: 3 })),
      hostNetwork: junk,
      restartPolicy: odd(small),
      nodeName: odd(small),
    },
    { requiredKeys: [] },
  ),
);
const meta = odd(
  fc.record(
    {
      name: odd(small),
      namespace: odd(small),
      labels: odd(fc.dictionary(small, odd(small))),
      annotations: odd(fc.dictionary(fc.constantFrom('podscope.io/ignore', 'kubernetes.io/config.mirror', 'x'), odd(small))),
      ownerReferences: odd(fc.array(odd(fc.record({ kind: odd(fc.constantFrom('ReplicaSet', 'Job', 'Node', 'DaemonSet')), name: odd(small), controller: junk, uid: odd(small) }, { requiredKeys: [] })), { maxLength: 2 })),
    },
    { requiredKeys: [] },
  ),
);
const status = junk;
const pod = fc.record({ kind: fc.constant('Pod'), metadata: meta, spec, status });
const deployment = fc.record({
  kind: fc.constantFrom('Deployment', 'StatefulSet', 'Job', 'CronJob', 'DaemonSet', 'ReplicaSet'),
  metadata: meta,
  spec: odd(fc.record({ replicas: port, template: odd(fc.record({ metadata: meta, spec }, { requiredKeys: [] })), jobTemplate: junk }, { requiredKeys: [] })),
});

describe('analysis on random malformed objects', () => {
  it('never throws and never needs internal-error (10,000 objects)', () => {
    const errors: string[] = [];
    fc.assert(
      fc.property(fc.oneof(pod, deployment), fc.array(fc.oneof(pod, deployment), { maxLength: 1 }), (obj, others) => {
        const objects = [obj, ...others] as KubeObject[];
        for (const f of analyzeManifests(objects)) if (f.rule === 'internal-error') errors.push(f.message);
        const live = subjectFromPod(obj as KubeObject);
        const ctx = new ManifestIndex(objects).context(live, 0);
        for (const f of analyzeSubject(live, ctx)) if (f.rule === 'internal-error') errors.push(f.message);
        containerRoles((obj as KubeObject).spec);
      }),
      { numRuns: 10_000, seed: 20260301 },
    );
    expect([...new Set(errors)]).toEqual([]);
  }, 60_000);
});
