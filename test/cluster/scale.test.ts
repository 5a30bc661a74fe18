// Scale measurement of the live cluster layer (SPEC §6, P2 and P4): time until every pod is
// loaded and the session is live, heap and RSS of the session, next to kubectl's
// `get pods -A -o json` wall time and peak RSS against the same demo server.
//
// `npx vitest run test/cluster/scale.test.ts` runs a small cluster (checks the measuring
// path works and the session holds every pod). PODSCOPE_SCALE=1 measures 50,000 generated
// pods (PODSCOPE_SCALE_PODS=N for another size) and compares with kubectl (unless
// PODSCOPE_SCALE_KUBECTL=0): several minutes
// on a loaded machine. It prints figures; it never fails on them (a timed test on a shared
// machine would be flaky; `npm run bench` is where goals are judged).
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { startDemoServer } from '../../src/demo/server.js';
import type { DemoServer } from '../../src/demo/server.js';

const heavy = process.env.PODSCOPE_SCALE === '1';
const generatedPods = heavy ? Number(process.env.PODSCOPE_SCALE_PODS ?? 50_000) : 300;
const here = path.dirname(fileURLToPath(import.meta.url));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'podscope-scale-'));
let server: DemoServer | undefined;

afterAll(async () => {
  await server?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

interface ClientFigures {
  podsLiveMs: number;
  allLiveMs: number;
  pods: number;
  heapMB: number;
  rssMB: number;
  peakRssMB: number;
}

/** The client bundled into one file, so its process loads no test runner and no TypeScript. */
function bundleClient(): string {
  const out = path.join(tmp, 'scale-client.mjs');
  const esbuild = path.join(here, '../../node_modules/.bin/esbuild');
  execFileSync(esbuild, [path.join(here, 'scale-client.ts'), '--bundle', '--platform=node', '--format=esm', `--outfile=${out}`, '--log-level=error',
    // client-node's CommonJS dependencies call require(); an ESM bundle needs one.
    "--banner:js=import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);"]);
  return out;
}

function run(cmd: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

async function measureClient(bundle: string, kubeconfig: string, kinds: string, pageSize?: number): Promise<ClientFigures> {
  const { code, stdout, stderr } = await run(process.execPath, ['--expose-gc', bundle, kubeconfig, kinds, ...(pageSize ? [String(pageSize)] : [])]);
  if (code !== 0) throw new Error(`scale client failed: ${stderr.trim()}`);
  return JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as ClientFigures;
}

/** kubectl's wall time and peak RSS (GNU time's maximum resident set size, the largest of its process tree). */
async function measureKubectl(kubeconfig: string): Promise<{ wallMs: number; peakRssMB: number }> {
  const start = performance.now();
  const { code, stderr } = await run('/usr/bin/time', ['-v', 'sh', '-c', `kubectl --kubeconfig '${kubeconfig}' get pods -A -o json > /dev/null`]);
  const wallMs = performance.now() - start;
  if (code !== 0) throw new Error(`kubectl failed: ${stderr.trim().split('\n')[0]}`);
  const kb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1]);
  return { wallMs: Math.round(wallMs), peakRssMB: Math.round(kb / 1024) };
}

it(`loads every pod of ${generatedPods} generated ones into a live session, and reports time and memory`, async () => {
  server = await startDemoServer({ pods: generatedPods, kubeconfigOut: path.join(tmp, 'kubeconfig') });
  const expected = server.world.count('pods');
  const bundle = bundleClient();
  const load = os.loadavg()[0]!.toFixed(1);
  const podsOnly = await measureClient(bundle, server.kubeconfigPath, 'pods');
  expect(podsOnly.pods).toBe(expected);
  const lines = [`scale: ${expected} pods, load average ${load}`, `podscope pods only:    ${JSON.stringify(podsOnly)}`];
  if (heavy) {
    const all = await measureClient(bundle, server.kubeconfigPath, 'default');
    expect(all.pods).toBe(expected);
    lines.push(`podscope default kinds: ${JSON.stringify(all)}`);
    // PODSCOPE_SCALE_PAGE_SIZES=100,250: pods only, with other list page sizes.
    for (const size of (process.env.PODSCOPE_SCALE_PAGE_SIZES ?? '').split(',').filter(Boolean).map(Number)) {
      lines.push(`podscope pods only, pages of ${size}: ${JSON.stringify(await measureClient(bundle, server.kubeconfigPath, 'pods', size))}`);
    }
  }
  // kubectl at 50k takes minutes on a loaded machine: PODSCOPE_SCALE_KUBECTL=0 leaves it out.
  if (heavy && process.env.PODSCOPE_SCALE_KUBECTL !== '0') {
    const kubectl = await measureKubectl(server.kubeconfigPath);
    lines.push(
      `kubectl get pods -A -o json: ${JSON.stringify(kubectl)}`,
      `P2 ratio (pods live / kubectl wall): ${(podsOnly.podsLiveMs / kubectl.wallMs).toFixed(2)}`,
      `P4 ratio (pods only peak RSS / kubectl peak RSS): ${(podsOnly.peakRssMB / kubectl.peakRssMB).toFixed(2)}`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}, heavy ? 1_800_000 : 120_000);
