// The reference: kubectl 1.32 against the same demo server. Each run gets a fresh
// --cache-dir, so kubectl pays for discovery as podscope does (neither keeps a cache).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PeakMemoryWatcher } from './procfs.js';

export interface KubectlRun {
  /** Seconds from spawn to the first pod row on stdout (the line after the header). */
  firstRow?: number;
  /** Seconds from spawn to exit. */
  wall: number;
  /** Largest VmHWM of the kubectl process tree, MB. */
  peakMB: number;
  stdoutBytes: number;
}

export async function runKubectl(kubeconfig: string, args: string[], timeoutMs: number): Promise<KubectlRun> {
  const cacheDir = mkdtempSync(join(tmpdir(), 'podscope-bench-kubectl-'));
  try {
    const started = performance.now();
    const child = spawn('kubectl', ['--kubeconfig', kubeconfig, '--cache-dir', cacheDir, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const memory = child.pid ? new PeakMemoryWatcher(child.pid) : undefined;
    let firstRow: number | undefined;
    let newlines = 0;
    let bytes = 0;
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (firstRow !== undefined) return;
      for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) {
        // The first newline ends the header; the second ends the first row.
        if (++newlines === 2) {
          firstRow = (performance.now() - started) / 1000;
          break;
        }
      }
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      if (stderr.length < 4000) stderr += d;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    let stdoutDone = false;
    child.stdout.once('end', () => (stdoutDone = true));
    let timedOut = false;
    const status = await new Promise<{ code: number | null; signal?: NodeJS.Signals | null; error?: Error }>((resolve) => {
      child.once('error', (error) => resolve({ code: null, error }));
      child.once('close', (code, signal) => resolve({ code, signal }));
    });
    clearTimeout(timer);
    timedOut = status.signal === 'SIGKILL' && performance.now() - started >= timeoutMs;
    const wall = (performance.now() - started) / 1000;
    const peakMB = memory?.stop() ?? 0;
    if (status.error) throw new Error(`kubectl could not run: ${status.error.message}`);
    if (timedOut) throw new Error(`kubectl ${args.join(' ')} did not finish within ${(timeoutMs / 1000).toFixed(0)} s`);
    if (status.code !== 0) {
      const how = status.signal ? `was killed by ${status.signal}` : `exited ${status.code}`;
      throw new Error(`kubectl ${args.join(' ')} ${how}${stdoutDone ? '' : ' before its output ended'}: ${stderr.trim().split('\n')[0] ?? ''}`);
    }
    return { firstRow, wall, peakMB, stdoutBytes: bytes };
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

/** P1 reference: `kubectl get pods -A`, time to its first row. */
export function kubectlTable(kubeconfig: string, timeoutMs = 300_000): Promise<KubectlRun> {
  return runKubectl(kubeconfig, ['get', 'pods', '-A'], timeoutMs);
}

/** P2 and P4 reference: `kubectl get pods -A -o json` (chunked by 500, kubectl's default). */
export function kubectlJson(kubeconfig: string, timeoutMs = 300_000): Promise<KubectlRun> {
  return runKubectl(kubeconfig, ['get', 'pods', '-A', '-o', 'json'], timeoutMs);
}
