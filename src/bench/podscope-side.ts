// podscope in a real pseudo-terminal: time to the first pod row, to `live`, key → frame
// latencies from its trace, and its peak memory.
import { existsSync, readFileSync } from 'node:fs';
import { PODSCOPE_BIN, REPO_ROOT } from './demo-server-process.js';
import { commandName, findInTree, statusMegabytes } from './procfs.js';
import { spawnTerminal, type SentKey, type TerminalSession } from './terminal-session.js';
import { parseTrace, percentile, sentKeyLatencies, traceStart } from './trace-stats.js';
import type { TraceEvent } from './trace.js';

/** A pod row: READY as x/y and a pod status word. The header's `syncing 500/50,000` has no status word. */
export const POD_ROW =
  /\b\d+\/\d+\b.*\b(Running|Pending|Completed|Succeeded|Failed|CrashLoopBackOff|Error|OOMKilled|ImagePullBackOff|ErrImagePull|ContainerCreating|Terminating|Init:\S+)\b/;
/** The sync state in the header (its first lines), not a pod that happens to be called live-something. */
const HEADER_ROWS = 3;
const LIVE = /\blive\b(?!-)/;

/** Loaded with --import so the trace is in place before podscope starts (trace-preload.ts). */
const TRACE_PRELOAD = new URL('./trace-preload.js', import.meta.url).href;

export const BENCH_COLS = 160;
export const BENCH_ROWS = 40;

/**
 * The churn window's terminal (P5): taller, so that more pods are on screen to follow. At 40
 * rows ~30 pods gave ~20 changes in 30 s, and a p95 of 20 samples is the slowest one.
 */
export const CHURN_ROWS = 120;

export function startPodscope(kubeconfig: string, traceFile: string, rows = BENCH_ROWS): { session: TerminalSession; spawnedAt: number } {
  const spawnedAt = performance.now();
  const session = spawnTerminal({
    command: process.execPath,
    args: ['--import', TRACE_PRELOAD, PODSCOPE_BIN, '--kubeconfig', kubeconfig, '-A'],
    cols: BENCH_COLS,
    rows,
    cwd: REPO_ROOT,
    env: { PODSCOPE_TRACE: traceFile },
  });
  return { session, spawnedAt };
}

export async function waitForFirstPodRow(session: TerminalSession, timeoutMs: number): Promise<void> {
  await session.waitForText(POD_ROW, { timeoutMs, pollMs: 5 });
}

/** The header's findings summary (`✖ 3 ▲ 12 ● 40`), shown once the first analysis pass over every pod is done. */
const FINDINGS_SUMMARY = /✖ [\d,]+ ▲ [\d,]+ ● [\d,]+/;

/**
 * Waits for the header's findings summary. P4 is read after it: the first analysis pass
 * over every pod runs once the keys stop, and a peak read before it (as until 2026-11-22)
 * left the analysis's part out.
 */
export async function waitForFindingsSummary(session: TerminalSession, timeoutMs: number): Promise<void> {
  await waitForHeader(session, FINDINGS_SUMMARY, 'the header to show the findings summary', timeoutMs, 20);
}

export async function waitForLive(session: TerminalSession, timeoutMs: number): Promise<void> {
  await waitForHeader(session, LIVE, 'the header to say live', timeoutMs, 10);
}

/** Waits until a line of the header (its first HEADER_ROWS lines) matches. */
async function waitForHeader(session: TerminalSession, pattern: RegExp, what: string, timeoutMs: number, pollMs: number): Promise<void> {
  await session.waitFor(() => session.screenText().slice(0, HEADER_ROWS).some((line) => pattern.test(line)) || undefined, what, { timeoutMs, pollMs });
}

/** The node process that runs podscope: the pty's child itself, or the first node under it. */
export function podscopePid(session: TerminalSession): number {
  return commandName(session.pid) === 'node' ? session.pid : (findInTree(session.pid, 'node') ?? session.pid);
}

export function peakMegabytes(session: TerminalSession): number | undefined {
  return statusMegabytes(podscopePid(session), 'VmHWM');
}

/**
 * The keys of P3: cursor moves, then rounds of filter typing. 40 ms apart, slower than any
 * acceptable frame, so that each key gets its own frame and latencies do not pile up.
 */
export function latencyKeys(): string[] {
  const keys: string[] = [];
  for (let i = 0; i < 150; i++) keys.push('j');
  for (let round = 0; round < 8; round++) keys.push('/', 'a', 'p', 'i', 'backspace', 'backspace', 'backspace', 'esc');
  return keys;
}

export interface KeyLatency {
  p50: number;
  p95: number;
  count: number;
  /** p95 of the cursor moves (`j`) and of the filter keystrokes alone, for the log. */
  cursorP95: number;
  filterP95: number;
}

export function readTrace(file: string): TraceEvent[] {
  return existsSync(file) ? parseTrace(readFileSync(file, 'utf8')) : [];
}

/** p50/p95 of key → frame over the keys the bench sent, from send to the frame after podscope read it. */
export function keyLatency(events: readonly TraceEvent[], sent: readonly SentKey[]): KeyLatency | undefined {
  const start = traceStart(events);
  if (!start) return undefined;
  const shift = performance.timeOrigin - start.timeOrigin;
  const measured = sentKeyLatencies(events, sent.filter((k) => k.bytes !== 'q'), shift);
  if (measured.length === 0) return undefined;
  const all = measured.map((m) => m.ms);
  return {
    p50: percentile(all, 50),
    p95: percentile(all, 95),
    count: measured.length,
    cursorP95: percentile(measured.filter((m) => m.bytes === 'j').map((m) => m.ms), 95),
    filterP95: percentile(measured.filter((m) => m.bytes !== 'j').map((m) => m.ms), 95),
  };
}

/** Quits with `q`, and if that does not end it, with signals; resolves once the process is gone. */
export async function quitPodscope(session: TerminalSession): Promise<void> {
  if (!session.exitStatusNow) {
    try {
      await session.press(['q']);
    } catch {
      // it exited between the check and the key
    }
    const quit = await Promise.race([session.exited, new Promise((r) => setTimeout(r, 5000, undefined))]);
    if (!quit) await session.dispose();
  }
  await session.dispose();
}
