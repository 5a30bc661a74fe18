// The examples/ corpus: one folder per rule. fires.yaml must yield the rule, holds.yaml (one
// object per guard) must not, lowered.yaml yields it below its default severity. Runtime
// rules' examples are Pods with status: they run as live pods through an object store and
// LiveAnalysis, judged at the corpus's fixed time. examples/real-world/ holds manifests of
// common, well-made workloads that must get no finding beyond the ones listed here.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeManifests, LiveAnalysis } from '../../src/analysis/engine.js';
import { loadManifests } from '../../src/analysis/manifests.js';
import { ALL_RULES } from '../../src/analysis/registry.js';
import { SEVERITY_RANK, type Finding } from '../../src/analysis/types.js';
import { ObjectStore } from '../../src/cluster/store.js';
import { resourceForKind } from '../../src/model/kinds.js';

const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));
/** The time the runtime examples' timestamps are written against. */
const CORPUS_NOW = Date.parse('2026-01-01T12:00:00Z');

async function manifestFindings(file: string): Promise<Finding[]> {
  const { objects } = await loadManifests([file]);
  return analyzeManifests(objects, { now: CORPUS_NOW });
}

async function liveFindings(file: string): Promise<Finding[]> {
  const { objects } = await loadManifests([file]);
  const store = new ObjectStore();
  for (const obj of objects) {
    const kind = resourceForKind(obj.kind);
    if (!kind) throw new Error(`${file}: no resource for kind ${obj.kind}`);
    store.apply(kind, 'ADDED', obj);
  }
  store.flush();
  const findings = new LiveAnalysis(store, { now: () => CORPUS_NOW }).all();
  store.close();
  return findings;
}

describe('examples corpus', () => {
  for (const rule of ALL_RULES) {
    const dir = join(EXAMPLES, rule.id);
    const findingsOf = rule.runtime ? liveFindings : manifestFindings;
    describe(rule.id, () => {
      it('has fires.yaml and holds.yaml', () => {
        expect(existsSync(join(dir, 'fires.yaml')), `${dir}/fires.yaml`).toBe(true);
        expect(existsSync(join(dir, 'holds.yaml')), `${dir}/holds.yaml`).toBe(true);
      });

      it('fires.yaml yields it at its default severity', async () => {
        if (!existsSync(join(dir, 'fires.yaml'))) return;
        const all = await findingsOf(join(dir, 'fires.yaml'));
        expect(all.filter((f) => f.rule === 'internal-error')).toEqual([]);
        const mine = all.filter((f) => f.rule === rule.id);
        expect(mine.length).toBeGreaterThan(0);
        expect(mine.some((f) => f.severity === rule.severity)).toBe(true);
      });

      it('holds.yaml does not yield it', async () => {
        if (!existsSync(join(dir, 'holds.yaml'))) return;
        const all = await findingsOf(join(dir, 'holds.yaml'));
        expect(all.filter((f) => f.rule === 'internal-error')).toEqual([]);
        expect(all.filter((f) => f.rule === rule.id).map((f) => `${f.object.name}: ${f.message}`)).toEqual([]);
      });

      if (existsSync(join(dir, 'lowered.yaml'))) {
        it('lowered.yaml yields it below its default severity', async () => {
          const mine = (await findingsOf(join(dir, 'lowered.yaml'))).filter((f) => f.rule === rule.id);
          expect(mine.length).toBeGreaterThan(0);
          for (const f of mine) expect(SEVERITY_RANK[f.severity], f.message).toBeLessThan(SEVERITY_RANK[rule.severity]);
        });
      }
    });
  }
});

/** `rule[container]@severity` of each finding, sorted: a compact, reviewable fingerprint. */
function fingerprint(findings: Finding[]): string[] {
  return findings.map((f) => `${f.rule}${f.container !== undefined ? `[${f.container}]` : ''}@${f.severity}`).sort();
}

// Findings the real-world manifests rightly get. Anything else is a wrong finding.
const REAL_WORLD_EXPECTED: Record<string, string[]> = {
  'coredns.yaml': [],
  'cronjob.yaml': [],
  'job-native-sidecar.yaml': [],
  'named-probe-ports.yaml': [],
  'native-sidecar.yaml': [],
  'statefulset-claims.yaml': [],
  'node-exporter.yaml': [
    // A node agent: told as info with the reason, never as warning/error.
    'host-namespaces@info',
    'host-path[node-exporter]@info',
    'host-path[node-exporter]@info',
    'host-path[node-exporter]@info',
  ],
  'istio-injected.yaml': [
    // istio-init needs root and NET_ADMIN for iptables: info, naming the mesh CNI plugin as the way out.
    'dangerous-capabilities[istio-init]@info',
    'run-as-root[istio-init]@info',
    // True (Istio ships istio-proxy without a livenessProbe) and only info.
    'liveness-probe-missing[istio-proxy]@info',
  ],
};

// Known wrong findings, kept visible: `it.fails` passes while the bug is there and fails once
// it is fixed, so the entry gets removed then. (Empty now: probe-port-mismatch on istio-proxy's
// undeclared health port 15021 was the last one.)
const KNOWN_WRONG: Record<string, string> = {};

describe('real-world manifests get no wrong finding', () => {
  for (const [file, expected] of Object.entries(REAL_WORLD_EXPECTED)) {
    const check = async () => {
      const findings = await manifestFindings(join(EXAMPLES, 'real-world', file));
      expect(fingerprint(findings)).toEqual([...expected].sort());
    };
    if (KNOWN_WRONG[file]) {
      it.fails(`${file} (known wrong finding: ${KNOWN_WRONG[file]})`, check);
      it(`${file}: the only extra finding is the known wrong one`, async () => {
        const findings = await manifestFindings(join(EXAMPLES, 'real-world', file));
        expect(fingerprint(findings)).toEqual([...expected, KNOWN_WRONG[file]].sort());
      });
    } else {
      it(file, check);
    }
  }

  it('every file in examples/real-world is listed', async () => {
    const { readdirSync } = await import('node:fs');
    expect(readdirSync(join(EXAMPLES, 'real-world')).sort()).toEqual(Object.keys(REAL_WORLD_EXPECTED).sort());
  });
});
