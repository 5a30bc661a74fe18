// The demo scenarios (SPEC section 5) each tell one story; the pod-design rules must find that
// story and stay silent where the scenario is the healthy pattern.
import { describe, expect, it } from 'vitest';
import { analyzeManifests, LiveAnalysis, rollUp } from '../../src/analysis/engine.js';
import type { Finding } from '../../src/analysis/types.js';
import { ObjectStore } from '../../src/cluster/store.js';
import { buildScenarios } from '../../src/demo/scenarios/index.js';
import { resourceForKind } from '../../src/model/kinds.js';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const DESIGN_RULES = [
  'port-conflict',
  'probe-port-mismatch',
  'probes-identical',
  'sidecar-unbounded',
  'unrelated-containers',
  'shared-volume-writers',
  'job-sidecar',
  'ephemeral-state',
  'stateful-deployment',
];

function liveFindings(): Finding[] {
  const store = new ObjectStore({ flushMs: 0 });
  for (const o of buildScenarios(new Date(NOW)).objects) {
    const r = resourceForKind(o.kind);
    if (r) store.apply(r, 'ADDED', o);
  }
  store.flush();
  return rollUp(new LiveAnalysis(store, { now: () => NOW }).all(), store);
}

function manifestFindings(): Finding[] {
  // What a user's manifests hold: workloads and bare pods, not the objects controllers made.
  const made = new Set(['Pod', 'ReplicaSet', 'Job']);
  return analyzeManifests(buildScenarios(new Date(NOW)).objects.filter((o) => !made.has(String(o.kind)) || !o.metadata?.ownerReferences?.length));
}

/** `rule kind/name` of the design findings on one namespace. */
function design(findings: Finding[], ns: string): string[] {
  return findings
    .filter((f) => f.object.namespace === ns && DESIGN_RULES.includes(f.rule))
    .map((f) => `${f.rule} ${f.object.kind}/${f.object.name}${f.container ? `[${f.container}]` : ''}`)
    .sort();
}

describe.each([
  ['live, rolled up', liveFindings],
  ['manifests', manifestFindings],
])('scenario stories (%s)', (_, findings) => {
  const all = findings();

  it('shop: web healthy, api and checkout healthy sidecars, cart probes-identical', () => {
    expect(design(all, 'shop')).toEqual(['probes-identical Deployment/cart[cart]']);
  });

  it('data: redis on emptyDir, mongo sharing a ReadWriteOnce claim, postgres fine', () => {
    expect(design(all, 'data')).toEqual(['ephemeral-state Deployment/redis[redis]', 'stateful-deployment Deployment/mongo']);
  });

  it('batch: the export Job sidecar never exits; the init preprocessing is fine', () => {
    expect(design(all, 'batch')).toEqual(['job-sidecar Job/export[log-forwarder]']);
  });

  it('legacy: monolith packs unrelated services; port-clash names the victim', () => {
    const legacy = design(all, 'legacy');
    expect(legacy).toContain('unrelated-containers Pod/monolith');
    expect(legacy).toContain('port-conflict Pod/port-clash[api]');
    expect(legacy.filter((l) => l.startsWith('port-conflict'))).toHaveLength(1);
  });

  it('ops: no pod-design findings', () => {
    expect(design(all, 'ops')).toEqual([]);
  });
});
