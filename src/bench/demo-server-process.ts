// `podscope demo serve` as a child process, the way a user (and kubectl) would meet it: the
// bench and the end-to-end tests talk to it only over HTTPS, through the kubeconfig it writes.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository root: this file is src/bench/ (tests) or dist/bench/ (the bench), two levels down. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const PODSCOPE_BIN = fileURLToPath(new URL('../../bin/podscope.js', import.meta.url));

export interface DemoServerOptions {
  pods?: number;
  churn?: number;
  from?: string[];
  port?: number;
  kubeconfigOut: string;
  auditLog?: string;
  /** How long to wait for the server's one line (generating 50,000 pods takes a while). */
  startTimeoutMs?: number;
}

export interface DemoServerProcess {
  url: string;
  port: number;
  kubeconfigPath: string;
  pid: number;
  /** Output the server wrote to stderr so far (for failure messages). */
  stderr(): string;
  stop(): Promise<void>;
}

/** Every server process started and not yet gone, for killDemoServers. */
const started = new Set<ChildProcess>();

/** Kills every demo server this process started (for a bench or test that is itself interrupted). */
export function killDemoServers(): void {
  for (const child of started) child.kill('SIGKILL');
}

const READY_LINE = /podscope demo cluster at (https:\/\/127\.0\.0\.1:(\d+)); kubeconfig: (.+)$/m;

export function demoServeArgs(opts: DemoServerOptions): string[] {
  const args = [PODSCOPE_BIN, 'demo', 'serve', '--kubeconfig-out', opts.kubeconfigOut];
  if (opts.pods !== undefined) args.push('--pods', String(opts.pods));
  if (opts.churn !== undefined) args.push('--churn', String(opts.churn));
  if (opts.port !== undefined) args.push('--port', String(opts.port));
  if (opts.auditLog !== undefined) args.push('--audit-log', opts.auditLog);
  for (const path of opts.from ?? []) args.push('--from', path);
  return args;
}

export function startDemoServerProcess(opts: DemoServerOptions): Promise<DemoServerProcess> {
  const child = spawn(process.execPath, demoServeArgs(opts), { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => {
    // Keep the start of stderr: the first lines say why a server failed.
    if (err.length < 64_000) err += d;
  });
  started.add(child);
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      started.delete(child);
      resolve();
    }),
  );

  return new Promise((resolve, reject) => {
    const timeoutMs = opts.startTimeoutMs ?? 120_000;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`demo server gave no ready line within ${timeoutMs} ms; stderr: ${firstLines(err)}`));
    }, timeoutMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`demo server exited before it was ready (${signal ?? `code ${code}`}): ${firstLines(err) || firstLines(out)}`));
    });
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      if (out.length < 64_000) out += d;
      const ready = READY_LINE.exec(out);
      if (!ready) return;
      clearTimeout(timer);
      child.stdout!.removeAllListeners('data');
      child.stdout!.resume(); // keep draining so the server never blocks on a full pipe
      resolve({
        url: ready[1],
        port: Number(ready[2]),
        kubeconfigPath: ready[3].trim(),
        pid: child.pid!,
        stderr: () => err,
        stop: () => stopChild(child, exited),
      });
    });
  });
}

async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

function firstLines(text: string): string {
  return text.trim().split('\n').slice(0, 3).join(' | ');
}
