// `kubectl cluster-info dump` against the demo cluster, and `podscope demo serve --from` of
// the dump: the second cluster serves what the first one dumped.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runDemoServe } from '../../../src/cli/demo-serve.js';
import { startTestServer, type TestServer } from '../../helpers/demo-server.js';

let source: TestServer;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'podscope-dump-'));
  source = await startTestServer({ auditLog: join(dir, 'audit.jsonl') });
}, 30_000);
afterAll(async () => {
  await source?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function kubectl(kubeconfig: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const cache = join(dir, 'cache-replay');
  return new Promise((resolve) => {
    execFile('kubectl', ['--kubeconfig', kubeconfig, '--cache-dir', cache, ...args], { timeout: 30_000, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      resolve({ code: err ? 1 : 0, stdout, stderr });
    });
  });
}

/**
 * kubectl writes the dump through Go's typed structs, which change the spelling of absent
 * values: a container's absent ResourceRequirements becomes {}, a template's absent
 * creationTimestamp null, and a zero `readyReplicas`/`availableReplicas` (omitempty) goes.
 * Those spellings are made equal on both sides; everything else must match exactly.
 */
function goSpelling(key: string, value: unknown): unknown {
  if (value === null) return undefined;
  if (key === 'resources' && typeof value === 'object' && Object.keys(value as object).length === 0) return undefined;
  if (/Replicas$/.test(key) && key !== 'replicas' && value === 0) return undefined;
  return value;
}

/** Items of a `get -o json`, keyed by namespace/name, without resourceVersion (each cluster numbers its own). */
function itemsOf(json: string): Map<string, unknown> {
  const items = (JSON.parse(json, goSpelling) as { items: { metadata: { namespace?: string; name: string; resourceVersion?: string } }[] }).items;
  return new Map(
    items.map((item) => {
      const { resourceVersion: _rv, ...metadata } = item.metadata;
      return [`${metadata.namespace ?? ''}/${metadata.name}`, { ...item, metadata }];
    }),
  );
}

const DUMPED_KINDS = ['pods', 'services', 'deployments', 'replicasets', 'daemonsets', 'events', 'nodes'];

describe('kubectl cluster-info dump', () => {
  test('ReplicationControllers: an empty list, as kubectl get rc shows it; Secrets stay refused', async () => {
    const rc = await source.kubectl(['get', 'rc', '-A']);
    expect(rc.code, rc.stderr).toBe(0);
    expect(rc.stderr).toMatch(/No resources found/);
    const one = await source.kubectl(['get', 'replicationcontroller', 'x', '-n', 'shop']);
    expect(one.stderr).toMatch(/replicationcontrollers "x" not found/);
    const secrets = await source.kubectl(['get', 'secrets', '-A']);
    expect(secrets.code).not.toBe(0);
    expect(secrets.stderr).toMatch(/forbidden/i);
  });

  test('--all-namespaces --output-directory writes every namespace, pods and logs; reads no Secret', async () => {
    const out = join(dir, 'dump');
    const auditLines = () => readFileSync(join(dir, 'audit.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { path: string; status: number });
    const earlier = auditLines().length;
    const r = await source.kubectl(['cluster-info', 'dump', '--all-namespaces', '--output-directory', out], { timeoutMs: 60_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`Cluster info dumped to ${out}`);
    for (const ns of ['shop', 'data', 'batch', 'legacy', 'ops']) {
      for (const file of ['pods.json', 'events.json', 'replication-controllers.json', 'services.json', 'deployments.json']) {
        expect(existsSync(join(out, ns, file)), `${ns}/${file}`).toBe(true);
      }
    }
    expect(readFileSync(join(out, 'legacy', 'port-clash', 'logs.txt'), 'utf8')).toContain('==== START logs for container web of pod legacy/port-clash ====');
    const dumpRequests = auditLines().slice(earlier);
    expect(dumpRequests.filter((a) => a.path.endsWith('/replicationcontrollers')).map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 200, 200]);
    expect(dumpRequests.filter((a) => a.path.includes('secrets'))).toEqual([]);
    expect(dumpRequests.filter((a) => a.status !== 200)).toEqual([]);
  }, 90_000);

  test('podscope demo serve --from DUMP serves the same objects and logs', async () => {
    const out = join(dir, 'dump');
    expect(existsSync(out), 'the dump of the previous test').toBe(true);
    const kubeconfig = join(dir, 'replay.kubeconfig');
    const lines: string[] = [];
    const ctl = new AbortController();
    const running = runDemoServe({ from: [out], kubeconfigOut: kubeconfig, signal: ctl.signal, out: (l) => lines.push(l) });
    try {
      while (lines.length === 0) await new Promise((r) => setTimeout(r, 20));
      for (const kind of DUMPED_KINDS) {
        const scope = kind === 'nodes' ? [] : ['-A'];
        const before = await source.kubectl(['get', kind, ...scope, '-o', 'json']);
        const after = await kubectl(kubeconfig, ['get', kind, ...scope, '-o', 'json']);
        expect(after.code, after.stderr).toBe(0);
        const want = itemsOf(before.stdout);
        expect(want.size, kind).toBeGreaterThan(0);
        expect(itemsOf(after.stdout), kind).toEqual(want);
      }
      const logs = ['logs', '-n', 'legacy', 'port-clash', '-c', 'web'];
      const [a, b] = await Promise.all([source.kubectl(logs), kubectl(kubeconfig, logs)]);
      expect(b.code, b.stderr).toBe(0);
      expect(b.stdout.trim()).toBe(a.stdout.trim());
      expect(b.stdout).toContain('listening on :8080');
    } finally {
      ctl.abort();
      await running;
    }
  }, 120_000);
});
