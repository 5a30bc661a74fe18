// Shared set-up of the end-to-end tests: a demo server process, podscope in a pseudo-terminal,
// built by `npm run build`.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PODSCOPE_BIN, REPO_ROOT, startDemoServerProcess, type DemoServerOptions, type DemoServerProcess } from '../../src/bench/demo-server-process.js';
import { spawnTerminal, type TerminalSession } from '../../src/bench/terminal-session.js';

// The end-to-end tests run the built binary (bin/podscope.js loads dist/bundle/). `npm test`
// builds first; a missing build is a failure, never a silent skip.
if (!existsSync(join(REPO_ROOT, 'dist/bundle/main.js'))) {
  throw new Error('the end-to-end tests run the built binary: run `npm run build` first (npm test does)');
}

export interface DemoFixture {
  server: DemoServerProcess;
  dir: string;
  auditLog?: string;
  close(): Promise<void>;
}

export async function startDemo(opts: Omit<DemoServerOptions, 'kubeconfigOut'> & { audit?: boolean } = {}): Promise<DemoFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'podscope-e2e-'));
  const auditLog = opts.audit ? join(dir, 'audit.jsonl') : undefined;
  try {
    const server = await startDemoServerProcess({ ...opts, kubeconfigOut: join(dir, 'kubeconfig'), auditLog, startTimeoutMs: 30_000 });
    return {
      server,
      dir,
      auditLog,
      close: async () => {
        await server.stop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

export interface PodscopeOptions {
  cols?: number;
  rows?: number;
  env?: Record<string, string | undefined>;
  /** Arguments after `--kubeconfig F`; default `-A`. */
  args?: string[];
}

export function openPodscope(kubeconfig: string, opts: PodscopeOptions = {}): TerminalSession {
  return spawnTerminal({
    command: process.execPath,
    args: [PODSCOPE_BIN, '--kubeconfig', kubeconfig, ...(opts.args ?? ['-A'])],
    cols: opts.cols ?? 160,
    rows: opts.rows ?? 50,
    cwd: REPO_ROOT,
    env: opts.env,
  });
}

/** The column header of the pod list: the list is on screen. */
export const LIST_HEADER = /\bNAMESPACE\s+NAME\s+READY\s+STATUS\b/;

/** The screen as one string, for assertions that name what is missing. */
export function screen(session: TerminalSession): string {
  return session.screenText().join('\n');
}

/** Lines of the screen that hold any visible text. */
export function contentLines(session: TerminalSession): number {
  const lines = session.screenText();
  let last = -1;
  lines.forEach((line, i) => {
    if (line.trim()) last = i;
  });
  return last + 1;
}
