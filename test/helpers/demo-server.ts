// For every engineer's tests: a demo server on an ephemeral port, and the real kubectl
// pointed at it with its own empty discovery cache (kubectl caches discovery per host:port,
// and a reused port would otherwise see another server's stale cache).
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoServer, type DemoServer, type DemoServerOptions } from '../../src/demo/server.js';

export interface KubectlResult {
  stdout: string;
  stderr: string;
  code: number;
}

export interface TestServer extends DemoServer {
  /** Runs the real kubectl against this server. */
  kubectl(args: string[], opts?: { timeoutMs?: number }): Promise<KubectlResult>;
}

let kubectlChecked = false;

function assertKubectl(): void {
  if (kubectlChecked) return;
  const probe = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error('kubectl is not on PATH: the demo server tests need the real kubectl 1.32 (install it, do not skip these tests)');
  }
  kubectlChecked = true;
}

export async function startTestServer(opts: DemoServerOptions = {}): Promise<TestServer> {
  assertKubectl();
  const server = await startDemoServer(opts);
  const cacheDir = mkdtempSync(join(tmpdir(), 'podscope-kubectl-cache-'));
  const kubectl = (args: string[], o: { timeoutMs?: number } = {}): Promise<KubectlResult> =>
    new Promise((resolve) => {
      execFile(
        'kubectl',
        ['--cache-dir', cacheDir, ...args],
        {
          env: { ...process.env, KUBECONFIG: server.kubeconfigPath, HOME: cacheDir },
          timeout: o.timeoutMs ?? 30_000,
          maxBuffer: 512 * 1024 * 1024,
        },
        (err, stdout, stderr) => {
          const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : 1) : 0;
          resolve({ stdout, stderr, code });
        },
      );
    });
  const stop = server.stop;
  return Object.assign(server, {
    kubectl,
    stop: async () => {
      await stop();
      rmSync(cacheDir, { recursive: true, force: true });
    },
  });
}
