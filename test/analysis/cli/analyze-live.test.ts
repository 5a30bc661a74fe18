// `podscope analyze` without -f: against the embedded demo cluster, through the real cluster
// layer (kubeconfig, TLS, list+watch), as a user would run it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../../src/demo/server.js';
import { rulesBlindTo, runAnalyze } from '../../../src/cli/analyze.js';
import type { SyncState } from '../../../src/model/store-view.js';
import { errorsOf, validateFindings, validateSarif } from '../output/validators.js';
import { captureIo } from './io.js';

let server: DemoServer;
beforeAll(async () => {
  server = await startDemoServer();
});
afterAll(async () => {
  await server?.stop();
});

interface JsonFinding {
  rule: string;
  severity: string;
  object: { kind: string; namespace?: string; name: string };
  container?: string;
  message: string;
}

describe('analyze against a live cluster', () => {
  it('finds the demo scenarios and exits 1', async () => {
    const io = captureIo();
    const code = await runAnalyze({ kubeconfig: server.kubeconfigPath, allNamespaces: true, output: 'json' }, io);
    expect(io.err()).toBe('');
    expect(code).toBe(1);
    const doc = JSON.parse(io.out()) as { findings: JsonFinding[]; summary: { objects: number } };
    expect(validateFindings(doc), errorsOf(validateFindings)).toBe(true);
    const has = (rule: string, ns: string, name: RegExp) =>
      doc.findings.some((f) => f.rule === rule && f.object.namespace === ns && name.test(f.object.name));
    expect(has('port-conflict', 'legacy', /^port-clash$/)).toBe(true);
    expect(has('bare-pod', 'legacy', /^debug$/)).toBe(true);
    expect(has('crash-loop', 'ops', /^worker/)).toBe(true);
    expect(has('image-pull', 'ops', /^typo/)).toBe(true);
    expect(has('unschedulable', 'ops', /^big/)).toBe(true);
    expect(has('not-ready', 'ops', /^flaky/)).toBe(true);
    expect(has('replicas-same-node', 'shop', /^payments/)).toBe(true);
    const oom = doc.findings.find((f) => f.rule === 'crash-loop' && f.object.name.startsWith('worker'));
    expect(oom?.message).toContain('OOMKilled');
    expect(doc.summary.objects).toBeGreaterThan(10);
  });

  it('-n limits the analysis to one namespace; -o sarif uses logical locations', async () => {
    const io = captureIo();
    await runAnalyze({ kubeconfig: server.kubeconfigPath, namespace: 'legacy', output: 'sarif', failOn: 'never' }, io);
    const doc = JSON.parse(io.out());
    expect(validateSarif(doc), errorsOf(validateSarif)).toBe(true);
    const results = doc.runs[0].results as { locations: { physicalLocation?: unknown; logicalLocations: { fullyQualifiedName: string }[] }[] }[];
    expect(results.length).toBeGreaterThan(0);
    for (const r of results) {
      expect(r.locations[0].physicalLocation).toBeUndefined();
      expect(r.locations[0].logicalLocations[0].fullyQualifiedName).toMatch(/ legacy\//);
    }
  });

  it('a bad kubeconfig or unknown context: exit 2, one line', async () => {
    const io = captureIo();
    expect(await runAnalyze({ kubeconfig: '/nonexistent/kubeconfig' }, io)).toBe(2);
    expect(io.err()).toMatch(/^podscope: [^\n]+\n$/);
    const io2 = captureIo();
    expect(await runAnalyze({ kubeconfig: server.kubeconfigPath, context: 'no-such-context' }, io2)).toBe(2);
    expect(io2.err()).toMatch(/^podscope: [^\n]*no-such-context[^\n]*\n$/);
  });
});

describe('analyze with partial read access', () => {
  it('a token limited to one namespace: -A falls back to it for every kind, and the analysis is complete there', async () => {
    const { readFileSync, writeFileSync, mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const YAML = await import('yaml');
    const config = YAML.parse(readFileSync(server.kubeconfigPath, 'utf8'));
    const token = server.issueToken({ namespaces: ['shop'] });
    for (const u of config.users) u.user.token = token;
    for (const c of config.contexts) c.context.namespace = 'shop';
    const dir = mkdtempSync(join(tmpdir(), 'podscope-limited-'));
    const kubeconfig = join(dir, 'config');
    writeFileSync(kubeconfig, YAML.stringify(config));
    try {
      const io = captureIo();
      const code = await runAnalyze({ kubeconfig, allNamespaces: true, output: 'json', failOn: 'never' }, io);
      expect(code).toBe(0);
      const doc = JSON.parse(io.out()) as { findings: JsonFinding[] };
      expect(doc.findings.length).toBeGreaterThan(0);
      expect(doc.findings.every((f) => f.object.namespace === 'shop')).toBe(true);
      // PDBs fell back to the same namespace as the pods: pdb-missing still speaks for them.
      expect(doc.findings.some((f) => f.rule === 'pdb-missing')).toBe(true);
      expect(io.err()).toBe('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('rules blind to a forbidden kind', () => {
  const live: SyncState = { phase: 'live', since: 0 };
  const forbidden = (fallbackNamespace?: string): SyncState => ({ phase: 'forbidden', message: 'forbidden', ...(fallbackNamespace ? { fallbackNamespace } : {}) });
  const states = (pods: SyncState, pdbs: SyncState) => (kind: string) => (kind === 'pods' ? pods : kind === 'poddisruptionbudgets' ? pdbs : live);

  it('pdb-missing is skipped when PDBs cannot be listed for the pods analysed', () => {
    expect(rulesBlindTo(states(live, forbidden()))).toEqual([{ rule: 'pdb-missing', kind: 'poddisruptionbudgets' }]);
    // Pods from every namespace, PDBs from one: still blind for the others.
    expect(rulesBlindTo(states(live, forbidden('shop')))).toHaveLength(1);
  });

  it('is not skipped when PDBs are readable, or fell back to the pods\' own namespace', () => {
    expect(rulesBlindTo(states(live, live))).toEqual([]);
    expect(rulesBlindTo(states(forbidden('shop'), forbidden('shop')))).toEqual([]);
  });
});

describe('analyze against an unreachable cluster', () => {
  it('gives up after a few quick retries with the cause, exit 2, one line', async () => {
    const stopped = await startDemoServer();
    const kubeconfig = stopped.kubeconfigPath;
    await stopped.stop();
    const io = captureIo();
    expect(await runAnalyze({ kubeconfig }, io)).toBe(2);
    expect(io.err()).toMatch(/^podscope: cannot reach https:\/\/127\.0\.0\.1:\d+ [^\n]*\n$/);
    expect(io.out()).toBe('');
  });
});
