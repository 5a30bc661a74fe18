import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runAnalyze } from '../../../src/cli/analyze.js';
import { ALL_RULES } from '../../../src/analysis/registry.js';
import { errorsOf, validateFindings, validateSarif } from '../output/validators.js';
import { captureIo } from './io.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const EXAMPLES = join(ROOT, 'examples');
const tmp = mkdtempSync(join(tmpdir(), 'podscope-analyze-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const WARNINGS_ONLY = `apiVersion: v1
kind: Pod
metadata: {name: loose, namespace: shop, ownerReferences: [{kind: ReplicaSet, name: rs, uid: u1, controller: true}]}
spec:
  securityContext: {runAsNonRoot: true}
  containers:
  - name: app
    image: shop/app:latest
    resources: {requests: {cpu: 10m, memory: 10Mi}, limits: {memory: 10Mi}}
    securityContext: {allowPrivilegeEscalation: false}
    livenessProbe: {exec: {command: [/bin/healthcheck]}, periodSeconds: 30}
`;

describe('analyze -f', () => {
  it('-o json over examples/ matches the schema and the summary adds up', async () => {
    const io = captureIo({ cwd: ROOT });
    const code = await runAnalyze({ files: [EXAMPLES], output: 'json' }, io);
    expect(io.err()).toBe('');
    expect(code).toBe(1);
    const doc = JSON.parse(io.out());
    expect(validateFindings(doc), errorsOf(validateFindings)).toBe(true);
    const count = (s: string) => doc.findings.filter((f: { severity: string }) => f.severity === s).length;
    expect(doc.summary).toMatchObject({ error: count('error'), warning: count('warning'), info: count('info') });
    expect(doc.summary.objects).toBeGreaterThan(50);
    // Runtime rules never fire on manifests, even with status in them.
    const runtime = new Set<string>(ALL_RULES.filter((r) => r.runtime).map((r) => r.id));
    expect(doc.findings.filter((f: { rule: string }) => runtime.has(f.rule))).toEqual([]);
    expect(doc.findings).toContainEqual(
      expect.objectContaining({ rule: 'port-conflict', severity: 'error', object: { kind: 'Pod', namespace: 'legacy', name: 'port-clash' } }),
    );
  });

  it('-o sarif over examples/ is valid SARIF with relative file locations and lines', async () => {
    const io = captureIo({ cwd: ROOT });
    const code = await runAnalyze({ files: [EXAMPLES], output: 'sarif', failOn: 'never' }, io);
    expect(code).toBe(0);
    const doc = JSON.parse(io.out());
    expect(validateSarif(doc), errorsOf(validateSarif)).toBe(true);
    const results = doc.runs[0].results as { ruleId: string; level: string; locations: { physicalLocation?: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[];
    // Regions point at the field of the first evidence line: the first declaration of 8080 (line 9).
    const clash = results.find((r) => r.ruleId === 'port-conflict' && r.locations[0].physicalLocation?.artifactLocation.uri === 'examples/port-conflict/fires.yaml');
    expect(clash?.locations[0].physicalLocation?.region.startLine).toBe(9);
    // Three image-tag findings in one Pod: each on its own container's image line.
    const tags = results.filter((r) => r.ruleId === 'image-tag' && r.locations[0].physicalLocation?.artifactLocation.uri === 'examples/image-tag/fires.yaml');
    expect(tags.map((r) => r.locations[0].physicalLocation!.region.startLine).sort((a, b) => a - b)).toEqual([7, 9, 10]);
    // (examples/pdb-missing/fires.yaml gets no pdb-missing here: analysed together with
    // holds.yaml, the PDB there selects its pods too. Context spans all files given.)
    const pdb = results.find((r) => r.ruleId === 'pdb-missing' && r.locations[0].physicalLocation?.artifactLocation.uri === 'examples/host-namespaces/fires.yaml');
    expect(pdb?.locations[0].physicalLocation?.region.startLine).toBe(6);
    // A field that is not in the file (metadata.ownerReferences) points at its nearest parent's key: `metadata:`.
    const bare = results.find((r) => r.ruleId === 'bare-pod' && r.locations[0].physicalLocation?.artifactLocation.uri === 'examples/bare-pod/fires.yaml');
    expect(bare?.locations[0].physicalLocation?.region.startLine).toBe(4);
    // Evidence that names no field (`PodDisruptionBudgets selecting the pods: none` alone) would use the object's first line.
    expect(new Set(results.map((r) => r.level))).toEqual(new Set(['error', 'warning', 'note']));
  });

  it('text output groups by object and names file:line', async () => {
    const io = captureIo({ cwd: ROOT });
    await runAnalyze({ files: [join(EXAMPLES, 'port-conflict', 'fires.yaml')] }, io);
    const out = io.out();
    expect(out).toMatch(/^Pod legacy\/port-clash {2}\(.*examples\/port-conflict\/fires\.yaml:2\)\n {2}ERROR {4}port-conflict/);
    expect(out).not.toContain('\x1b');
  });

  it('exit codes follow --fail-on', async () => {
    const file = join(tmp, 'warnings.yaml');
    writeFileSync(file, WARNINGS_ONLY);
    const at = async (failOn: 'error' | 'warning' | 'info' | 'never') => runAnalyze({ files: [file], failOn, output: 'json' }, captureIo());
    expect(await at('error')).toBe(0);
    expect(await at('warning')).toBe(1);
    expect(await at('info')).toBe(1);
    expect(await at('never')).toBe(0);
    expect(await runAnalyze({ files: [join(EXAMPLES, 'real-world', 'coredns.yaml')], failOn: 'info' }, captureIo())).toBe(0);
  });

  it('reads `-` from stdin', async () => {
    const io = captureIo({ stdin: WARNINGS_ONLY });
    const code = await runAnalyze({ files: ['-'], output: 'json', failOn: 'warning' }, io);
    expect(code).toBe(1);
    const doc = JSON.parse(io.out());
    expect(doc.findings.map((f: { rule: string }) => f.rule)).toEqual(['image-tag']);
  });

  it('malformed or missing input: exit 2, one line on stderr, nothing on stdout', async () => {
    const bad = join(tmp, 'deploy.yaml');
    writeFileSync(bad, 'kind: Deployment\nmetadata:\n  name: x\n spec: [\n');
    for (const files of [[bad], [join(tmp, 'missing.yaml')], [EXAMPLES, bad]]) {
      const io = captureIo();
      expect(await runAnalyze({ files }, io)).toBe(2);
      expect(io.out()).toBe('');
      expect(io.err()).toMatch(/^podscope: cannot read \S+(deploy|missing)\.yaml(:\d+:\d+)?: [^\n]+\n$/);
    }
  });

  it('bad usage: exit 2 with one line', async () => {
    const io = captureIo();
    expect(await runAnalyze({ files: [EXAMPLES], output: 'xml' as never }, io)).toBe(2);
    expect(io.err()).toBe('podscope: -o takes text, json or sarif, got "xml"\n');
    const io2 = captureIo();
    expect(await runAnalyze({ files: [EXAMPLES], namespace: 'a', allNamespaces: true }, io2)).toBe(2);
  });
});

describe('analyze silencing', () => {
  const file = join(tmp, 'silence.yaml');
  writeFileSync(file, WARNINGS_ONLY);

  it('a config file silences findings; they are counted and shown only with --show-ignored', async () => {
    const config = join(tmp, 'config.yaml');
    writeFileSync(config, 'ignore:\n- {rule: image-tag, namespace: shop}\n');
    const io = captureIo();
    expect(await runAnalyze({ files: [file], output: 'json', failOn: 'warning', config }, io)).toBe(0);
    const doc = JSON.parse(io.out());
    expect(doc.findings).toEqual([]);
    expect(doc.summary.ignored).toBe(1);
    const shown = captureIo();
    await runAnalyze({ files: [file], output: 'json', config, showIgnored: true }, shown);
    const all = JSON.parse(shown.out());
    expect(validateFindings(all), errorsOf(validateFindings)).toBe(true);
    expect(all.findings[0]).toMatchObject({ rule: 'image-tag', ignored: { by: 'config' } });
  });

  it('reads $XDG_CONFIG_HOME/podscope/config.yaml by default', async () => {
    const home = join(tmp, 'xdg');
    mkdirSync(join(home, 'podscope'), { recursive: true });
    writeFileSync(join(home, 'podscope', 'config.yaml'), 'ignore: [image-tag]\n');
    const io = captureIo({ env: { XDG_CONFIG_HOME: home } });
    expect(await runAnalyze({ files: [file], output: 'json', failOn: 'warning' }, io)).toBe(0);
    expect(JSON.parse(io.out()).summary.ignored).toBe(1);
  });

  it('a missing --config or a malformed config: exit 2, one line', async () => {
    const io = captureIo();
    expect(await runAnalyze({ files: [file], config: join(tmp, 'nope.yaml') }, io)).toBe(2);
    expect(io.err()).toMatch(/^podscope: cannot read config \S+nope\.yaml: no such file or directory\n$/);
    const broken = join(tmp, 'broken.yaml');
    writeFileSync(broken, 'ignore: 5\n');
    const io2 = captureIo();
    expect(await runAnalyze({ files: [file], config: broken }, io2)).toBe(2);
    expect(io2.err().split('\n')).toHaveLength(2);
  });
});

describe('analyze on empty input', () => {
  it('a folder or stdin without any object is exit 2: most likely a wrong path', async () => {
    const empty = join(tmp, 'empty');
    mkdirSync(empty, { recursive: true });
    writeFileSync(join(empty, 'notes.txt'), 'kind: Pod\n');
    const io = captureIo();
    expect(await runAnalyze({ files: [empty] }, io)).toBe(2);
    expect(io.err()).toBe(`podscope: no Kubernetes objects in ${empty}\n`);
    expect(await runAnalyze({ files: ['-'] }, captureIo({ stdin: '# nothing\n' }))).toBe(2);
  });

  it('objects that carry no pod (a lone Service) are fine: no findings, exit 0', async () => {
    const io = captureIo({ stdin: 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {ports: [{port: 80}]}\n' });
    expect(await runAnalyze({ files: ['-'], failOn: 'info' }, io)).toBe(0);
    expect(io.out()).toBe('no findings in 0 objects\n');
  });
});

describe('analyze attributes findings to the right file', () => {
  it('two files with an object of the same name (base and overlay) each get their own findings', async () => {
    const dir = join(tmp, 'kustomize');
    mkdirSync(join(dir, 'base'), { recursive: true });
    mkdirSync(join(dir, 'overlay'), { recursive: true });
    const deployment = (image: string, extra = '') =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\nspec:\n  replicas: 3\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n${extra}      containers:\n      - {name: web, image: "${image}"}\n`;
    writeFileSync(join(dir, 'base', 'web.yaml'), deployment('nginx'));
    writeFileSync(join(dir, 'overlay', 'web.yaml'), `# overlay\n\n${deployment('nginx:1.27', '      hostNetwork: true\n')}`);
    const io = captureIo({ cwd: tmp });
    await runAnalyze({ files: [dir], output: 'sarif', failOn: 'never' }, io);
    const results = JSON.parse(io.out()).runs[0].results as { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[];
    const where = (rule: string) => results.filter((r) => r.ruleId === rule).map((r) => `${r.locations[0].physicalLocation.artifactLocation.uri}:${r.locations[0].physicalLocation.region.startLine}`);
    expect(where('image-tag')).toEqual(['kustomize/base/web.yaml:11']);
    expect(where('host-namespaces')).toEqual(['kustomize/overlay/web.yaml:12']);
    expect(where('pdb-missing').sort()).toEqual(['kustomize/base/web.yaml:5', 'kustomize/overlay/web.yaml:7']);
    const text = captureIo({ cwd: tmp });
    await runAnalyze({ files: [dir], failOn: 'never' }, text);
    expect(text.out().match(/^Deployment shop\/web/gm)).toHaveLength(2);
  });
});

describe('analyze | head', () => {
  it('a reader that closes the pipe early (EPIPE) ends quietly, without an uncaught error', async () => {
    const { Writable } = await import('node:stream');
    const closed = new Writable({
      write(_chunk, _enc, cb) {
        cb(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
      },
    });
    const io = { ...captureIo(), stdout: closed };
    const code = await runAnalyze({ files: [join(EXAMPLES, 'image-tag', 'fires.yaml')], failOn: 'never' }, io);
    expect(code).toBe(0);
    await new Promise((r) => setTimeout(r, 20)); // the stream reports the error on a later tick
    expect(closed.listenerCount('error')).toBeGreaterThan(0);
  });
});
