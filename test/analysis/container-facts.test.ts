// Rules that decide from the facts of a container or pod (Rule.severityOn, severityOfPod and
// decide; container-facts.ts) are
// counted by the engine without their check(): the live analysis keeps only a template's
// counts. The counts must be what check() finds, over the demo dataset, the scenarios and
// generated pod specs (security settings, resources, probes, images, mounts and volumes, roles,
// Job owners), odd values included.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeRaw, countRaw, runRule } from '../../src/analysis/engine.js';
import { LiveContextBuilder } from '../../src/analysis/context.js';
import { containerRoles } from '../../src/analysis/roles.js';
import { ALL_RULES } from '../../src/analysis/registry.js';
import type { PodSubject, Rule } from '../../src/analysis/rule.js';
import { subjectFromManifest, subjectFromPod } from '../../src/analysis/subjects.js';
import type { SeverityCounts } from '../../src/analysis/pod-findings.js';
import type { Finding } from '../../src/analysis/types.js';
import { buildDataset } from '../../src/demo/dataset.js';
import { buildScenarios } from '../../src/demo/scenarios/index.js';
import { objectKey } from '../../src/model/kube.js';
import { storeOf } from './store-of.js';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const BY_FACTS = ALL_RULES.filter((r) => r.severityOn || r.severityOfPod || r.decide);
const SPEC = ALL_RULES.filter((r) => !r.runtime);

function zero(): SeverityCounts {
  return { error: 0, warning: 0, info: 0, ignored: 0 };
}

function counted(findings: readonly Finding[]): SeverityCounts {
  const c = zero();
  for (const f of findings) c[f.severity]++;
  return c;
}

/** What check() finds, counted, against what the engine counts from the facts. */
function expectSameCounts(rules: readonly Rule[], subject: PodSubject, ctx: Parameters<typeof countRaw>[1], label: string, hits?: Map<string, number>): void {
  for (const rule of rules) {
    const found = runRule(rule, subject, ctx);
    hits?.set(rule.id, (hits.get(rule.id) ?? 0) + found.length);
    expect(countRaw(subject, ctx, [rule], zero()), `${label}: ${rule.id}`).toEqual(counted(found));
  }
  const all: Finding[] = [];
  for (const rule of rules) all.push(...runRule(rule, subject, ctx));
  expect(countRaw(subject, ctx, rules, zero()), `${label}: all`).toEqual(counted(all));
  // Listed together, the rules share one reading of the facts: the same findings as each alone.
  expect(analyzeRaw(subject, ctx, rules), `${label}: listed`).toEqual(all);
}

describe('rules counted from container facts', () => {
  it("are all the spec rules: the live analysis counts without calling a spec rule's check()", () => {
    expect(BY_FACTS.map((r) => r.id).sort()).toEqual(SPEC.filter((r) => !r.perPod).map((r) => r.id).sort());
    expect(BY_FACTS.map((r) => r.id).sort()).toEqual([
      'bare-pod',
      'dangerous-capabilities',
      'ephemeral-state',
      'host-namespaces',
      'host-path',
      'image-tag',
      'job-sidecar',
      'liveness-probe-missing',
      'pdb-missing',
      'privilege-escalation',
      'privileged',
      'probe-port-mismatch',
      'probes-identical',
      'readiness-probe-missing',
      'resources-missing',
      'run-as-root',
      'shared-volume-writers',
      'sidecar-unbounded',
      'single-replica',
      'stateful-deployment',
      'unrelated-containers',
    ]);
  });

  it('count what their check finds on every pod of the demo dataset and the scenarios', async () => {
    const corpora = [
      ['demo dataset', storeOf((await buildDataset({ now: new Date(NOW), pods: 2000 })).objects)],
      ['scenarios', storeOf(buildScenarios(new Date(NOW)).objects)],
    ] as const;
    const hits = new Map<string, number>();
    for (const [name, store] of corpora) {
      const builder = new LiveContextBuilder(store);
      for (const pod of store.list('pods')) {
        const subject = subjectFromPod(pod);
        expectSameCounts(SPEC, subject, builder.context(subject, NOW), `${name} ${objectKey(pod)}`, hits);
      }
    }
    // Teeth: the security rules fire on the demo (none of it is privileged or adds capabilities; the generated settings below do).
    for (const id of ['run-as-root', 'privilege-escalation', 'resources-missing', 'liveness-probe-missing', 'readiness-probe-missing']) expect(hits.get(id), id).toBeGreaterThan(0);
  });

  it('count what their check finds on generated settings, odd ones included', () => {
    const junk = fc.constantFrom<unknown>(null, 0, 'x', 'true', '0', '1000', [], {}, true, false, -1);
    const capability = fc.constantFrom<unknown>('SYS_ADMIN', 'cap_sys_admin', 'CAP_SYS_ADMIN', 'NET_ADMIN', 'net_admin', 'ALL', 'all', 'SYS_PTRACE', 'SYS_MODULE', 'NET_BIND_SERVICE', 'CHOWN', 7, null);
    const securityContext = fc.oneof(
      junk,
      fc.record(
        {
          privileged: fc.oneof(junk, fc.boolean()),
          allowPrivilegeEscalation: fc.oneof(junk, fc.boolean()),
          runAsUser: fc.oneof(junk, fc.constantFrom(0, 1000, 65534)),
          runAsNonRoot: fc.oneof(junk, fc.boolean()),
          capabilities: fc.oneof(junk, fc.record({ add: fc.oneof(junk, fc.array(capability, { maxLength: 4 })), drop: fc.constant(['ALL']) }, { requiredKeys: [] })),
        },
        { requiredKeys: [] },
      ),
    );
    const quantities = fc.oneof(junk, fc.record({ cpu: fc.constantFrom<unknown>('100m', '', 0, 1, null), memory: fc.constantFrom<unknown>('256Mi', '', 0, null) }, { requiredKeys: [] }));
    const resources = fc.oneof(junk, fc.record({ requests: quantities, limits: quantities }, { requiredKeys: [] }));
    const probe = fc.constantFrom<unknown>(
      undefined,
      'junk',
      { httpGet: { port: 8080 } },
      { httpGet: { port: 8080 }, periodSeconds: 10 },
      { httpGet: { port: 8080 }, periodSeconds: 5 },
      { httpGet: { port: 8080, path: '/ready' } },
      { tcpSocket: { port: 8080 } },
      { exec: { command: ['true'] } },
    );
    const container = fc.record(
      {
        name: fc.constantFrom<unknown>('app', 'istio-init', 'linkerd-init', 'istio-validation', 'proxy', 'db', undefined, 3),
        image: fc.constantFrom<unknown>('shop/app:1.2', 'istio/proxyv2:1.22', 'shop/app', 'shop/app:latest', 'registry:5000/app', 'app@sha256:abc', 'postgres:16', 'redis:7.4', 'fluent/fluent-bit:3.1', '', 7),
        args: fc.constantFrom<unknown>(undefined, ['--save', ''], ['--appendonly', 'no'], 'junk'),
        securityContext,
        resources,
        ports: fc.oneof(junk, fc.array(fc.record({ containerPort: fc.constantFrom<unknown>(8080, 9090, 0, '80', 70000), protocol: fc.constantFrom<unknown>(undefined, 'TCP', 'UDP'), name: fc.constantFrom<unknown>(undefined, 'http') }, { requiredKeys: [] }), { maxLength: 2 })),
        readinessProbe: probe,
        livenessProbe: probe,
        volumeMounts: fc.constantFrom<unknown>(
          undefined,
          'junk',
          [{ name: 'data', mountPath: '/var/lib/postgresql/data' }],
          [{ name: 'data', mountPath: '/data', readOnly: true }],
          [{ name: 'claim', mountPath: '/data' }],
          [{ name: 'undeclared', mountPath: '/data' }],
          [{ name: 'host', mountPath: '/host', readOnly: true }],
          [{ name: 'host', mountPath: '/host' }],
          [{ name: 'host', mountPath: '/host', subPath: 'logs' }],
          [{ name: 'data', mountPath: '/data', subPath: 'a' }],
        ),
        restartPolicy: fc.constantFrom<unknown>(undefined, 'Always'),
      },
      { requiredKeys: ['image'] },
    );
    const spec = fc.record(
      {
        containers: fc.oneof(junk, fc.array(fc.oneof(container, junk), { maxLength: 6 })),
        initContainers: fc.oneof(fc.constant(undefined), junk, fc.array(fc.oneof(container, junk), { maxLength: 2 })),
        securityContext: fc.oneof(junk, fc.record({ runAsUser: fc.oneof(junk, fc.constantFrom(0, 1000)), runAsNonRoot: fc.oneof(junk, fc.boolean()) }, { requiredKeys: [] })),
        os: fc.oneof(junk, fc.record({ name: fc.constantFrom<unknown>('linux', 'windows', 1) })),
        volumes: fc.constantFrom<unknown>(
          undefined,
          'junk',
          [{ name: 'data', emptyDir: {} }],
          [{ name: 'data', emptyDir: {} }, { name: 'claim', persistentVolumeClaim: { claimName: 'c' } }],
          [{ name: 'data', emptyDir: {} }, { name: 'host', hostPath: { path: '/var/run' } }],
          [{ name: 'host', hostPath: { path: '/var/run/containerd/containerd.sock' } }],
          [{ name: 'host', hostPath: { path: '/var/log/' } }, { name: 'data', configMap: { name: 'x' } }],
        ),
        restartPolicy: fc.constantFrom<unknown>(undefined, 'Always', 'Never'),
        hostNetwork: fc.constantFrom<unknown>(undefined, true, false, 'true'),
        hostPID: fc.constantFrom<unknown>(undefined, true),
      },
      { requiredKeys: [] },
    );
    const workload = fc.constantFrom<unknown>(
      undefined,
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'w', namespace: 'ns' }, spec: { replicas: 1 } },
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'w', namespace: 'ns' }, spec: { replicas: 3 } },
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'w', namespace: 'ns' }, spec: {} },
      { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 's', namespace: 'ns' }, spec: { replicas: 1 } },
      { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'r', namespace: 'ns' }, spec: { replicas: '2' } },
      { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent', namespace: 'ns' }, spec: {} },
    );
    const claimMode = fc.constantFrom<unknown>(undefined, 'ReadWriteOnce', 'ReadWriteMany');
    const hits = new Map<string, number>();
    fc.assert(
      fc.property(spec, fc.constantFrom('pod', 'Deployment', 'Job'), fc.boolean(), fc.boolean(), workload, claimMode, (podSpec, as, selected, jobOwned, owner, mode) => {
        const subject =
          as === 'pod'
            ? subjectFromPod({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'ns', uid: 'u' }, spec: podSpec } as never)
            : subjectFromManifest({ apiVersion: as === 'Job' ? 'batch/v1' : 'apps/v1', kind: as, metadata: { name: 'd', namespace: 'ns' }, spec: { template: { metadata: {}, spec: podSpec } } } as never)!;
        const services = selected ? [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 's', namespace: 'ns' }, spec: { selector: { app: 'a' }, ports: [{ port: 80, targetPort: 9090 }] } }] : [];
        // The roles as the analysis works them out (a sidecar needs a helper image beside an app).
        const roles = containerRoles(subject.spec, { servicePorts: selected ? [9090] : [] });
        const owners = jobOwned ? [{ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j', namespace: 'ns' } }] : owner ? [owner] : [];
        const pvcs = new Map(mode ? [['c', { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'c', namespace: 'ns' }, spec: { accessModes: [mode] } }]] : []);
        const ctx = { roles, owners, ...(owner ? { workload: owner } : {}), siblings: [], services, pdbs: [], pvcs, events: [], now: NOW } as never;
        expectSameCounts(BY_FACTS, subject, ctx, JSON.stringify(podSpec), hits);
      }),
      { numRuns: 3000, seed: 7 },
    );
    // Teeth: every rule fires (3000 runs, seed 7: from 20 findings of stateful-deployment to 2,010 of resources-missing).
    for (const rule of BY_FACTS) expect(hits.get(rule.id), rule.id).toBeGreaterThan(10);
  });

  it('a rule whose decision throws counts as the one internal error its check makes', () => {
    const boom = () => {
      throw new Error('boom');
    };
    const base: Rule = { ...BY_FACTS[0], severityOn: undefined, severityOfPod: undefined, decide: undefined, check: boom };
    const subject = subjectFromPod({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'ns', uid: 'u' }, spec: { containers: [{ name: 'a', image: 'x' }] } } as never);
    const ctx = { roles: [], owners: [], siblings: [], services: [], pdbs: [], pvcs: new Map(), events: [], now: NOW };
    // Beside a rule that fires, whose count is kept.
    const tagged = ALL_RULES.find((r) => r.id === 'image-tag')!;
    for (const throwing of [{ ...base, severityOn: boom }, { ...base, severityOfPod: boom }, { ...base, decide: boom }]) {
      expect(runRule(throwing, subject, ctx).map((f) => f.rule)).toEqual(['internal-error']);
      expect(countRaw(subject, ctx, [throwing], zero())).toEqual({ error: 0, warning: 0, info: 1, ignored: 0 });
      expect(countRaw(subject, ctx, [throwing, tagged], zero())).toEqual({ error: 0, warning: 1, info: 1, ignored: 0 });
    }
  });
});
