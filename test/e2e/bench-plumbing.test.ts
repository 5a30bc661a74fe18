// The benchmark's parts, each against the real thing: the demo server as a process, kubectl
// on it, /proc readings, the churn-lag row reader, and the report. The benchmark itself is
// never a timed test (SPEC section 6); these prove that what it measures is what it says.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowPod, rowSignature } from '../../src/bench/churn-lag.js';
import { listAll, readKubeconfig } from '../../src/bench/kube-client.js';
import { kubectlTable } from '../../src/bench/kubectl-side.js';
import { parseBenchArgs } from '../../src/bench/main.js';
import { POD_ROW } from '../../src/bench/podscope-side.js';
import { cpuSeconds, PeakMemoryWatcher, processTree, statusMegabytes } from '../../src/bench/procfs.js';
import { emptyResults, resultsJson, resultsTable } from '../../src/bench/report.js';
import {startDemo, type DemoFixture} from './support.js';

describe('/proc readings', () => {
  it('reads this process: memory high-water mark, CPU time, and itself at the root of its tree', () => {
    // RSS first: the high-water mark read after it can only be as high or higher.
    const rss = statusMegabytes(process.pid, 'VmRSS')!;
    const hwm = statusMegabytes(process.pid, 'VmHWM')!;
    expect(hwm).toBeGreaterThan(10);
    expect(hwm).toBeGreaterThanOrEqual(rss);
    expect(cpuSeconds(process.pid)).toBeGreaterThan(0);
    expect(processTree(process.pid)[0]).toBe(process.pid);
    expect(statusMegabytes(2 ** 22 + 1, 'VmHWM')).toBeUndefined();
  });
});

describe('bench options and report', () => {
  it('parses options and refuses bad ones in one line', () => {
    expect(parseBenchArgs([])).toEqual({ pods: 50_000, runs: 3, churnSeconds: 30 });
    expect(parseBenchArgs(['--pods', '10', '--runs', '1', '--json', 'x.json'])).toMatchObject({ pods: 10, runs: 1, json: 'x.json' });
    expect(() => parseBenchArgs(['--runs', '0'])).toThrow('--runs takes a whole number >= 1');
    expect(() => parseBenchArgs(['--pods', 'many'])).toThrow('--pods takes a whole number >= 0');
    expect(() => parseBenchArgs(['--fast'])).toThrow(/unknown option --fast/);
    expect(parseBenchArgs(['--only', 'podscope,analysis'])).toMatchObject({ only: ['podscope', 'analysis'] });
    expect(() => parseBenchArgs(['--only', 'p1'])).toThrow('--only takes a comma-separated list');
  });

  it('writes the JSON document of --json with ratios, and n/a figures as null with the reason', () => {
    const r = emptyResults();
    r.P1 = { value: 0.4, kubectl: 1.0 };
    r.P3 = { value: 12, p50: 8 };
    r.P4 = { value: null, kubectl: 400, na: 'the TUI is not built' };
    expect(resultsJson(r)).toEqual({
      P1: { value: 0.4, kubectl: 1.0, ratio: 0.4 },
      P2: { value: null, kubectl: null, ratio: null },
      P3: { value: 12, p50: 8 },
      P4: { value: null, kubectl: 400, ratio: null, na: 'the TUI is not built' },
      P5: { value: null, fps: null, lag: null },
      P6: { value: null },
    });
    const table = resultsTable(r);
    expect(table).toMatch(/^P1 first pod row\s+0\.40 s\s+1\.00 s\s+0\.40×.*yes$/m);
    expect(table).toMatch(/^P4 peak RSS, live\s+n\/a\s+400 MB\s+n\/a.*n\/a$/m);
    expect(table).toContain('P4 n/a: the TUI is not built');
  });
});

describe('churn-lag row reading', () => {
  it('reads namespace and name from a pod row, and nothing from the header', () => {
    const row = ' shop   web-5d8f7c9b4-x2k9p   1/1   Running   0   3d   10.244.1.7   node-a   ▲ 2';
    expect(POD_ROW.test(row)).toBe(true);
    expect(rowPod(row)).toEqual({ namespace: 'shop', name: 'web-5d8f7c9b4-x2k9p' });
    expect(rowPod('demo · all namespaces · 50,027 pods · syncing 500/50,000')).toBeUndefined();
  });

  it('gives a new signature only when what a row shows changes', () => {
    const pod = { status: { phase: 'Running', containerStatuses: [{ ready: true, restartCount: 1, state: { running: {} } }] } };
    const sameRow = { ...pod, metadata: { resourceVersion: '99' } };
    const restarted = { status: { phase: 'Running', containerStatuses: [{ ready: true, restartCount: 2, state: { running: {} } }] } };
    expect(rowSignature(sameRow)).toBe(rowSignature(pod));
    expect(rowSignature(restarted)).not.toBe(rowSignature(pod));
  });

  it('does not wait for a change the row cannot show: a second container under the pod status word', () => {
    const pod = (second: object) => ({
      spec: { containers: [{ name: 'a' }, { name: 'b' }] },
      status: {
        phase: 'Running',
        containerStatuses: [
          { name: 'a', ready: false, restartCount: 0, state: { waiting: { reason: 'CrashLoopBackOff' } } },
          { name: 'b', ready: false, restartCount: 0, state: second },
        ],
      },
    });
    // STATUS stays CrashLoopBackOff and READY 0/2 either way.
    expect(rowSignature(pod({ terminated: { reason: 'Completed' } }))).toBe(rowSignature(pod({ running: {} })));
    const restarted = pod({ running: {} });
    restarted.status.containerStatuses[1]!.restartCount = 1;
    expect(rowSignature(restarted)).not.toBe(rowSignature(pod({ running: {} })));
  });
});


describe('the demo server as a process', () => {
  let demo: DemoFixture;

  beforeAll(async () => {
    demo = await startDemo({ pods: 20 });
  });

  afterAll(async () => {
    await demo?.close();
  });

  it('prints its line, writes a kubeconfig that lists pods page by page', async () => {
    expect(demo.server.url).toBe(`https://127.0.0.1:${demo.server.port}`);
    const access = readKubeconfig(demo.server.kubeconfigPath);
    const { items } = await listAll<{ metadata: { name: string } }>(access, '/api/v1/pods', 7);
    expect(items.length).toBeGreaterThanOrEqual(20 + 10);
    expect(new Set(items.map((p) => p.metadata.name)).size).toBe(items.length);
    expect(items.some((p) => p.metadata.name === 'port-clash')).toBe(true);
  });

  it('times kubectl to its first row and to exit, with its peak memory', async () => {
    const run = await kubectlTable(demo.server.kubeconfigPath);
    expect(run.firstRow).toBeGreaterThan(0);
    expect(run.firstRow!).toBeLessThanOrEqual(run.wall);
    expect(run.stdoutBytes).toBeGreaterThan(100);
    expect(run.peakMB).toBeGreaterThan(5);
  });

  it('stops the server process', async () => {
    const extra = await startDemo({ pods: 0 });
    const pid = extra.server.pid;
    await extra.close();
    expect(() => process.kill(pid, 0)).toThrow();
  });

  it('names the cause when the server cannot start', async () => {
    await expect(startDemo({ from: ['/nonexistent/podscope-e2e'] })).rejects.toThrow(/demo server exited before it was ready/);
  });
});

describe('memory watcher', () => {
  it('sees the peak of a child that grows and frees memory', async () => {
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, ['-e', 'const b = Buffer.alloc(200*1024*1024, 1); setTimeout(() => {}, 400)']);
    const watcher = new PeakMemoryWatcher(child.pid!, 10);
    await new Promise((r) => child.once('exit', r));
    expect(watcher.stop()).toBeGreaterThan(200);
  });
});
