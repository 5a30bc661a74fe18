// `podscope analyze` without -f: against the embedded demo cluster, through the real cluster
// layer (kubeconfig, TLS, list+watch), as a user would run it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../../src/demo/server.js';
import { runAnalyze } from '../../../src/cli/analyze.js';
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
