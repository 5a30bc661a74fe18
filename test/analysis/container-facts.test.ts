// Rules that decide from the facts of a container (Rule.severityOn, container-facts.ts) are
// counted by the engine without their check(): the live analysis keeps only a template's
// counts. The counts must be what check() finds, over the demo dataset, the scenarios and
// generated security settings, odd values included.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countRaw, runRule } from '../../src/analysis/engine.js';
import { LiveContextBuilder } from '../../src/analysis/context.js';
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
const BY_FACTS = ALL_RULES.filter((r) => r.severityOn);
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
}

describe('rules counted from container facts', () => {
  it('are the four security rules, resources-missing and the two probe-missing rules', () => {
    expect(BY_FACTS.map((r) => r.id).sort()).toEqual(['dangerous-capabilities', 'liveness-probe-missing', 'privilege-escalation', 'privileged', 'readiness-probe-missing', 'resources-missing', 'run-as-root']);
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
    const container = fc.record(
      {
        name: fc.constantFrom<unknown>('app', 'istio-init', 'linkerd-init', 'istio-validation', 'proxy', undefined, 3),
        image: fc.constantFrom('shop/app:1.2', 'istio/proxyv2:1.22'),
        securityContext,
        resources,
        ports: fc.oneof(junk, fc.array(fc.record({ containerPort: fc.constantFrom<unknown>(8080, 9090, 0, '80', 70000), protocol: fc.constantFrom<unknown>(undefined, 'TCP', 'UDP'), name: fc.constantFrom<unknown>(undefined, 'http') }, { requiredKeys: [] }), { maxLength: 2 })),
        readinessProbe: fc.constantFrom<unknown>(undefined, { httpGet: { port: 8080 } }, 'junk'),
        livenessProbe: fc.constantFrom<unknown>(undefined, { tcpSocket: { port: 8080 } }),
        restartPolicy: fc.constantFrom<unknown>(undefined, 'Always'),
      },
      { requiredKeys: ['image'] },
    );
    const spec = fc.record(
      {
        containers: fc.oneof(junk, fc.array(fc.oneof(container, junk), { maxLength: 3 })),
        initContainers: fc.oneof(fc.constant(undefined), junk, fc.array(fc.oneof(container, junk), { maxLength: 2 })),
        securityContext: fc.oneof(junk, fc.record({ runAsUser: fc.oneof(junk, fc.constantFrom(0, 1000)), runAsNonRoot: fc.oneof(junk, fc.boolean()) }, { requiredKeys: [] })),
        os: fc.oneof(junk, fc.record({ name: fc.constantFrom<unknown>('linux', 'windows', 1) })),
      },
      { requiredKeys: [] },
    );
    const hits = new Map<string, number>();
    fc.assert(
      fc.property(spec, fc.boolean(), fc.boolean(), (podSpec, asManifest, selected) => {
        const subject = asManifest
          ? subjectFromManifest({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd', namespace: 'ns' }, spec: { template: { metadata: {}, spec: podSpec } } } as never)!
          : subjectFromPod({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'ns', uid: 'u' }, spec: podSpec } as never);
        const services = selected ? [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 's', namespace: 'ns' }, spec: { selector: { app: 'a' } } }] : [];
        const ctx = { roles: [], owners: [], siblings: [], services, pdbs: [], pvcs: new Map(), events: [], now: NOW };
        expectSameCounts(BY_FACTS, subject, ctx, JSON.stringify(podSpec), hits);
      }),
      { numRuns: 3000, seed: 7 },
    );
    for (const rule of BY_FACTS) expect(hits.get(rule.id), rule.id).toBeGreaterThan(50);
  });

  it('a rule whose decision throws counts as the one internal error its check makes', () => {
    const throwing: Rule = {
      ...BY_FACTS[0],
      severityOn() {
        throw new Error('boom');
      },
      check() {
        throw new Error('boom');
      },
    };
    const subject = subjectFromPod({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'ns', uid: 'u' }, spec: { containers: [{ name: 'a', image: 'x' }] } } as never);
    const ctx = { roles: [], owners: [], siblings: [], services: [], pdbs: [], pvcs: new Map(), events: [], now: NOW };
    expect(runRule(throwing, subject, ctx).map((f) => f.rule)).toEqual(['internal-error']);
    expect(countRaw(subject, ctx, [throwing], zero())).toEqual({ error: 0, warning: 0, info: 1, ignored: 0 });
  });
});
