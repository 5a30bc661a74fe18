// `npm run bench`: podscope and kubectl side by side against one demo server (SPEC section 6).
// Each figure is the median of --runs runs; what cannot be measured is n/a with its reason.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AnalysisTimings } from './analysis-run.js';
import { CAUGHT_UP_MS, trackVisiblePods } from './churn-lag.js';
import { killDemoServers, REPO_ROOT, startDemoServerProcess, type DemoServerProcess } from './demo-server-process.js';
import { readKubeconfig } from './kube-client.js';
import { kubectlJson, kubectlTable } from './kubectl-side.js';
import {
  CHURN_ROWS,
  keyLatency,
  latencyKeys,
  peakMegabytes,
  podscopePid,
  quitPodscope,
  readTrace,
  startPodscope,
  waitForFindingsSummary,
  waitForFirstPodRow,
  waitForLive,
} from './podscope-side.js';
import { Deadline } from './budget.js';
import { cpuSeconds } from './procfs.js';
import { emptyResults, resultsJson, resultsTable, type BenchResults } from './report.js';
import { framesPerSecond, median, percentile, traceStart } from './trace-stats.js';

interface BenchOptions {
  pods: number;
  runs: number;
  json?: string;
  churnSeconds: number;
  /** Only these parts (the others' figures are n/a): for working on one goal without the 10-minute run. */
  only?: BenchPart[];
}

export const BENCH_PARTS = ['kubectl', 'podscope', 'analysis', 'churn'] as const;
export type BenchPart = (typeof BENCH_PARTS)[number];

const USAGE = 'usage: bench [--pods N] [--runs K] [--json FILE] [--churn-seconds S] [--only kubectl,podscope,analysis,churn]';

export function parseBenchArgs(argv: string[]): BenchOptions {
  const opts: BenchOptions = { pods: 50_000, runs: 3, churnSeconds: 30 };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    const whole = (min: number): number => {
      if (value === undefined || !/^\d+$/.test(value) || Number(value) < min) throw new Error(`${flag} takes a whole number >= ${min}`);
      i++;
      return Number(value);
    };
    if (flag === '--pods') opts.pods = whole(0);
    else if (flag === '--runs') opts.runs = whole(1);
    else if (flag === '--churn-seconds') opts.churnSeconds = whole(1);
    else if (flag === '--only') {
      const parts = (value ?? '').split(',').filter(Boolean);
      const unknown = parts.find((p) => !(BENCH_PARTS as readonly string[]).includes(p));
      if (!parts.length || unknown) throw new Error(`--only takes a comma-separated list of ${BENCH_PARTS.join(', ')}`);
      opts.only = parts as BenchPart[];
      i++;
    } else if (flag === '--json') {
      if (!value) throw new Error('--json takes a file name');
      opts.json = value;
      i++;
    } else throw new Error(`unknown option ${flag}; ${USAGE}`);
  }
  return opts;
}

function log(text: string): void {
  process.stderr.write(`bench: ${text}\n`);
}

/** The first line of an error, without the harness's trailing "Screen:" (the dump goes to the log). */
function oneLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0].replace(/\.? Screen:$/, '');
}

function medianOrNull(values: (number | undefined)[]): number | null {
  const known = values.filter((v): v is number => v !== undefined && Number.isFinite(v));
  return known.length ? median(known) : null;
}

/** Why podscope's side cannot run at all, or undefined when the binary looks built. */
function podscopeMissing(): string | undefined {
  if (!existsSync(join(REPO_ROOT, 'dist/cli/main.js'))) return 'podscope is not built (dist/cli/main.js missing: run npm run build)';
  if (!existsSync(join(REPO_ROOT, 'dist/cli/tui.js'))) return 'the TUI is not built (dist/cli/tui.js missing)';
  return undefined;
}

async function measureKubectl(server: DemoServerProcess, opts: BenchOptions, deadline: Deadline, results: BenchResults): Promise<void> {
  const table: (number | undefined)[] = [];
  const json: { wall: number; peakMB: number }[] = [];
  let tableError: string | undefined;
  let jsonError: string | undefined;
  let lastRunMs = 0;
  for (let run = 0; run < opts.runs && !(tableError && jsonError); run++) {
    if (run > 0 && !deadline.allowsAnother('kubectl', lastRunMs)) {
      log(`kubectl: ${run} of ${opts.runs} runs fit in the time budget`);
      break;
    }
    const runStarted = performance.now();
    if (!tableError) {
      try {
        const t = await kubectlTable(server.kubeconfigPath, deadline.remaining('kubectl'));
        table.push(t.firstRow);
        log(`kubectl run ${run + 1}: get pods -A first row ${t.firstRow?.toFixed(2) ?? 'n/a'} s`);
      } catch (err) {
        tableError = oneLine(err);
        log(`kubectl: ${tableError}`);
      }
    }
    if (!jsonError) {
      try {
        const j = await kubectlJson(server.kubeconfigPath, deadline.remaining('kubectl'));
        json.push(j);
        log(`kubectl run ${run + 1}: get pods -A -o json ${j.wall.toFixed(2)} s, ${j.peakMB.toFixed(0)} MB`);
      } catch (err) {
        jsonError = oneLine(err);
        log(`kubectl: ${jsonError}`);
      }
    }
    lastRunMs = performance.now() - runStarted;
  }
  results.P1.kubectl = medianOrNull(table);
  results.P2.kubectl = medianOrNull(json.map((j) => j.wall));
  results.P4.kubectl = medianOrNull(json.map((j) => j.peakMB));
  // A failed run leaves its figure n/a only when no run measured it.
  if (results.P1.kubectl === null && tableError) results.P1.na = `kubectl: ${tableError}`;
  if (results.P2.kubectl === null && jsonError) results.P2.na = `kubectl: ${jsonError}`;
  if (results.P4.kubectl === null && jsonError) results.P4.na = `kubectl: ${jsonError}`;
}

async function measurePodscope(
  server: DemoServerProcess,
  opts: BenchOptions,
  work: string,
  deadline: Deadline,
  results: BenchResults,
): Promise<void> {
  const missing = podscopeMissing();
  if (missing) {
    for (const id of ['P1', 'P2', 'P3', 'P4'] as const) results[id].na = missing;
    return;
  }
  const firstRow: number[] = [];
  const live: number[] = [];
  const p95: number[] = [];
  const p50: number[] = [];
  const peak: number[] = [];
  let lastRunMs = 0;
  for (let run = 0; run < opts.runs; run++) {
    if (run > 0 && !deadline.allowsAnother('podscope', lastRunMs)) {
      log(`podscope: ${run} of ${opts.runs} runs fit in the time budget`);
      break;
    }
    const runStarted = performance.now();
    const traceFile = join(work, `podscope-${run}.jsonl`);
    const { session, spawnedAt } = startPodscope(server.kubeconfigPath, traceFile);
    try {
      await waitForFirstPodRow(session, Math.min(60_000, deadline.remaining('podscope')));
      firstRow.push((performance.now() - spawnedAt) / 1000);
      await waitForLive(session, deadline.remaining('podscope'));
      live.push((performance.now() - spawnedAt) / 1000);
      await session.press(latencyKeys(), 40);
      // The peak of a session includes its first analysis pass, which waits for the keys to stop.
      await waitForFindingsSummary(session, Math.min(60_000, deadline.remaining('podscope')));
      await new Promise((r) => setTimeout(r, 300));
      const mb = peakMegabytes(session);
      if (mb !== undefined) peak.push(mb);
      await quitPodscope(session);
      const latency = keyLatency(readTrace(traceFile), session.sentKeys);
      if (latency) {
        p95.push(latency.p95);
        p50.push(latency.p50);
      }
      lastRunMs = performance.now() - runStarted;
      log(`podscope run ${run + 1}: first row ${firstRow.at(-1)?.toFixed(2)} s, live ${live.at(-1)?.toFixed(2)} s, keys p95 ${latency?.p95.toFixed(1) ?? 'n/a'} ms (cursor ${latency?.cursorP95.toFixed(1) ?? 'n/a'}, filter ${latency?.filterP95.toFixed(1) ?? 'n/a'}; ${latency?.count ?? 0} keys), ${mb?.toFixed(0) ?? 'n/a'} MB`);
    } catch (err) {
      log(`podscope run ${run + 1}: ${err instanceof Error ? err.message : String(err)}`);
      await session.dispose();
      const reason = `podscope: ${oneLine(err)}`;
      const add = (m: { na?: string }) => (m.na = m.na ? `${m.na}; ${reason}` : reason);
      if (firstRow.length === 0) add(results.P1);
      if (live.length === 0) add(results.P2);
      if (p95.length === 0) add(results.P3);
      if (peak.length === 0) add(results.P4);
      break; // a run that failed once will fail again; do not spend the time budget on it
    }
  }
  results.P1.value = medianOrNull(firstRow);
  results.P2.value = medianOrNull(live);
  results.P3.value = medianOrNull(p95);
  results.P3.p50 = medianOrNull(p50);
  results.P4.value = medianOrNull(peak);
  if (live.length && p95.length === 0) results.P3.na = 'podscope wrote no key timings (the trace preload did not run)';
}

async function measureChurn(opts: BenchOptions, work: string, deadline: Deadline, results: BenchResults): Promise<void> {
  const missing = podscopeMissing();
  if (missing) {
    results.P5.na = missing;
    return;
  }
  let server: DemoServerProcess | undefined;
  try {
    // What is left after the window (and a margin to quit) is for starting the server and going live.
    const windowMs = opts.churnSeconds * 1000;
    server = await startDemoServerProcess({
      pods: opts.pods,
      churn: 2000,
      kubeconfigOut: join(work, 'churn.kubeconfig'),
      startTimeoutMs: Math.max(5_000, deadline.remaining('churn') - windowMs - 10_000),
    });
    const traceFile = join(work, 'churn.jsonl');
    const { session } = startPodscope(server.kubeconfigPath, traceFile, CHURN_ROWS);
    try {
      await waitForLive(session, Math.max(5_000, deadline.remaining('churn') - windowMs - 5_000));
      const liveAt = performance.now();
      const lag = await trackVisiblePods(session, readKubeconfig(server.kubeconfigPath));
      const trackedAt = performance.now();
      // Any backlog of the sync's watch events first (churn-lag.ts, catchUp): logged, not in the
      // window. podscope says live only once caught up, so this should take CAUGHT_UP_MS, the least.
      const caughtUpMs = await lag.catchUp(Math.max(5_000, deadline.remaining('churn') - windowMs - 10_000));
      log(
        caughtUpMs === undefined
          ? 'churn: podscope did not catch up with the server before the window'
          : `churn: lag tracking began ${((trackedAt - liveAt) / 1000).toFixed(1)} s after podscope said live; calm (no row over 1 s late for ${CAUGHT_UP_MS / 1000} s) ${((caughtUpMs - CAUGHT_UP_MS) / 1000).toFixed(1)} s after that`,
      );
      const pid = podscopePid(session);
      const cpu0 = cpuSeconds(pid);
      const from = performance.now();
      const samples = await lag.measure(windowMs);
      const to = performance.now();
      const cpu1 = cpuSeconds(pid);
      lag.stop();
      await quitPodscope(session);
      if (cpu0 !== undefined && cpu1 !== undefined) results.P5.value = (cpu1 - cpu0) / ((to - from) / 1000);
      const events = readTrace(traceFile);
      const start = traceStart(events);
      if (start) {
        // Trace times count from podscope's time origin; the bench's from its own.
        const shift = performance.timeOrigin - start.timeOrigin;
        results.P5.fps = framesPerSecond(events, from + shift, to + shift);
      }
      results.P5.lag = samples.length ? percentile(samples, 95) : null;
      const gaps = [
        results.P5.fps === null ? 'frames: no trace from podscope' : '',
        samples.length ? '' : `lag: no change to the ${lag.tracked} pods on screen was seen in ${opts.churnSeconds} s`,
      ].filter(Boolean);
      if (gaps.length) results.P5.na = gaps.join('; ');
      log(`churn: ${results.P5.value?.toFixed(2) ?? 'n/a'} cores, ${results.P5.fps?.toFixed(1) ?? 'n/a'} frames/s, lag p95 ${results.P5.lag?.toFixed(2) ?? 'n/a'} s (p50 ${samples.length ? percentile(samples, 50).toFixed(2) : 'n/a'} s; slowest: ${[...samples].sort((a, b) => b - a).slice(0, 8).map((x) => x.toFixed(1)).join(' ')}) from ${samples.length} changes of ${lag.tracked} pods on screen`);
    } finally {
      await session.dispose();
    }
  } catch (err) {
    results.P5.na = `churn: ${oneLine(err)}`;
  } finally {
    await server?.stop();
  }
}

async function measureAnalysis(server: DemoServerProcess, opts: BenchOptions, deadline: Deadline, results: BenchResults): Promise<void> {
  const script = fileURLToPath(new URL('./analysis-run.js', import.meta.url));
  const child = spawn(process.execPath, [script, server.kubeconfigPath, String(opts.runs)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  const limitMs = deadline.remaining('analysis');
  const timer = setTimeout(() => child.kill('SIGKILL'), limitMs);
  const code = await new Promise<number | null>((resolve) => {
    child.once('error', () => resolve(null));
    child.once('close', resolve);
  });
  clearTimeout(timer);
  if (code === null && child.signalCode === 'SIGKILL') {
    results.P6.na = `analysis did not finish within the time budget (${(limitMs / 1000).toFixed(0)} s)`;
    return;
  }
  if (code !== 0) {
    results.P6.na = `analysis run failed: ${err.trim().split('\n')[0] || `exit ${code}`}`;
    return;
  }
  let timings: AnalysisTimings;
  try {
    timings = JSON.parse(out) as AnalysisTimings;
  } catch {
    results.P6.na = `analysis run printed no result: ${out.slice(0, 80)}`;
    return;
  }
  results.P6.value = median(timings.coldMs);
  results.P6.update = timings.updateMs;
  log(`analysis: ${timings.pods} pods, ${timings.findings} findings, cold ${timings.coldMs.map((ms) => ms.toFixed(0)).join('/')} ms`);
}

export async function runBench(opts: BenchOptions): Promise<BenchResults> {
  const work = mkdtempSync(join(tmpdir(), 'podscope-bench-'));
  const deadline = new Deadline(); // the budget includes generating the pods
  const results = emptyResults();
  let server: DemoServerProcess | undefined;
  try {
    log(`starting the demo server with ${opts.pods} generated pods`);
    try {
      server = await startDemoServerProcess({ pods: opts.pods, kubeconfigOut: join(work, 'bench.kubeconfig'), startTimeoutMs: deadline.remaining('server') });
    } catch (err) {
      return emptyResults(`demo server: ${oneLine(err)}`);
    }
    const wanted = (part: BenchPart) => !opts.only || opts.only.includes(part);
    if (wanted('kubectl')) await measureKubectl(server, opts, deadline, results);
    if (wanted('podscope')) await measurePodscope(server, opts, work, deadline, results);
    if (wanted('analysis')) await measureAnalysis(server, opts, deadline, results);
    await server.stop();
    server = undefined;
    if (wanted('churn')) {
      log(`churn: a second server with --churn 2000 for ${opts.churnSeconds} s`);
      await measureChurn(opts, work, deadline, results);
    }
    return results;
  } finally {
    await server?.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

async function main(argv: string[]): Promise<number> {
  // Interrupted, the bench takes its servers with it (podscope in a pty gets SIGHUP by itself).
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
    process.once(signal, () => {
      killDemoServers();
      process.exit(code);
    });
  }
  let opts: BenchOptions;
  try {
    opts = parseBenchArgs(argv);
  } catch (err) {
    process.stderr.write(`bench: ${oneLine(err)}\n`);
    return 2;
  }
  const results = await runBench(opts);
  process.stdout.write(resultsTable(results) + '\n');
  if (opts.json) writeFileSync(opts.json, JSON.stringify(resultsJson(results), null, 2) + '\n');
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`bench: ${oneLine(err)}\n`);
      process.exit(1);
    },
  );
}
