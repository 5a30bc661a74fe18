// `podscope demo serve`: one line, a kubeconfig kubectl can use, a clean stop.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { runDemoServe } from '../../../src/cli/demo-serve.js';

function kubectl(kubeconfig: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const cache = mkdtempSync(join(tmpdir(), 'podscope-kubectl-cache-'));
  return new Promise((resolve) => {
    execFile('kubectl', ['--kubeconfig', kubeconfig, '--cache-dir', cache, ...args], { timeout: 30_000 }, (err, stdout, stderr) => {
      rmSync(cache, { recursive: true, force: true });
      resolve({ code: err ? 1 : 0, stdout, stderr });
    });
  });
}

test('prints one line, serves kubectl through the written kubeconfig, stops on abort', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'podscope-serve-'));
  const kubeconfig = join(dir, 'kc.yaml');
  const audit = join(dir, 'audit.jsonl');
  const lines: string[] = [];
  const ctl = new AbortController();
  const running = runDemoServe({ kubeconfigOut: kubeconfig, auditLog: audit, signal: ctl.signal, out: (l) => lines.push(l) });
  while (lines.length === 0) await new Promise((r) => setTimeout(r, 20));
  expect(lines).toHaveLength(1);
  const m = /^podscope demo cluster at https:\/\/127\.0\.0\.1:(\d+); kubeconfig: (.+)\n$/.exec(lines[0]);
  expect(m?.[2]).toBe(kubeconfig);
  expect(readFileSync(kubeconfig, 'utf8')).toContain('current-context: podscope-demo');
  const r = await kubectl(kubeconfig, ['get', 'pods', '-A']);
  expect(r.code, r.stderr).toBe(0);
  expect(r.stdout).toMatch(/legacy\s+port-clash\s+1\/2\s+CrashLoopBackOff/);
  ctl.abort();
  expect(await running).toBe(0);
  const after = await kubectl(kubeconfig, ['get', 'pods', '-A', '--request-timeout=3s']);
  expect(after.code).not.toBe(0);
  expect(after.stderr).toMatch(/connection refused/);
  const verbs = new Set(readFileSync(audit, 'utf8').trim().split('\n').map((l) => JSON.parse(l).verb));
  expect([...verbs].sort()).toEqual(['get', 'list']);
});

test('a port in use is one clear line and exit code 2', async () => {
  const blocker = createServer();
  await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
  const port = (blocker.address() as { port: number }).port;
  const errors: string[] = [];
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((s: string) => (errors.push(String(s)), true)) as typeof process.stderr.write;
  try {
    expect(await runDemoServe({ port, out: () => {} })).toBe(2);
  } finally {
    process.stderr.write = write;
    blocker.close();
  }
  expect(errors).toEqual([`podscope demo serve: port ${port} is already in use\n`]);
});

test('an unwritable audit log or kubeconfig path is one clear line and exit code 2', async () => {
  const errors: string[] = [];
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((s: string) => (errors.push(String(s)), true)) as typeof process.stderr.write;
  try {
    const dataset = { objects: [], logs: [] };
    const { startDemoServer } = await import('../../../src/demo/server.js');
    await expect(startDemoServer({ dataset, auditLog: '/nonexistent-dir/audit.jsonl' })).rejects.toThrow(
      'cannot open audit log /nonexistent-dir/audit.jsonl: ENOENT',
    );
    await expect(startDemoServer({ dataset, kubeconfigOut: '/nonexistent-dir/kc' })).rejects.toThrow(/^cannot write kubeconfig \/nonexistent-dir\/kc: /);
    expect(await runDemoServe({ auditLog: '/nonexistent-dir/audit.jsonl', out: () => {} })).toBe(2);
  } finally {
    process.stderr.write = write;
  }
  expect(errors).toEqual(['podscope demo serve: cannot open audit log /nonexistent-dir/audit.jsonl: ENOENT\n']);
});
