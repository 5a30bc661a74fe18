// The real kubectl 1.32 against the demo server: first on the hand-made fixture, then on
// the built-in scenarios with the names SPEC.md promises.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestServer, type TestServer } from '../../helpers/demo-server.js';
import { fixtureDataset, FIXTURE_POD_COUNT } from './fixture.js';
import { until } from './http.js';

const rows = (out: string) => out.trim().split('\n').slice(1);
const cols = (line: string) => line.trim().split(/\s{2,}/);

describe('kubectl on the fixture', () => {
  let s: TestServer;
  let audit: string;
  const dirs: string[] = [];
  /** A fresh discovery cache for a kubectl started by hand (the helper makes its own). */
  const scratch = () => {
    const d = mkdtempSync(join(tmpdir(), 'podscope-kubectl-cache-'));
    dirs.push(d);
    return d;
  };
  beforeAll(async () => {
    audit = join(mkdtempSync(join(tmpdir(), 'podscope-audit-')), 'audit.jsonl');
    s = await startTestServer({ dataset: fixtureDataset(), auditLog: audit });
  });
  afterAll(async () => {
    await s.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  test('get pods -A shows READY and STATUS like a real cluster', async () => {
    const r = await s.kubectl(['get', 'pods', '-A']);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(cols(lines[0])).toEqual(['NAMESPACE', 'NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']);
    expect(lines).toHaveLength(FIXTURE_POD_COUNT + 1);
    const byName = new Map(rows(r.stdout).map((l) => [cols(l)[1], cols(l)]));
    expect(byName.get('crasher')?.slice(2, 4)).toEqual(['1/2', 'CrashLoopBackOff']);
    expect(byName.get('initting')?.slice(2, 4)).toEqual(['0/1', 'Init:1/2']);
    expect(byName.get('with-sidecar')?.slice(2, 4)).toEqual(['2/2', 'Running']);
  });

  test('--chunk-size=7 lists the same set as one list', async () => {
    const whole = await s.kubectl(['get', 'pods', '-A', '-o', 'name']);
    const chunked = await s.kubectl(['get', 'pods', '-A', '-o', 'name', '--chunk-size=7']);
    expect(chunked.code).toBe(0);
    expect(chunked.stdout).toBe(whole.stdout);
    expect(chunked.stdout.trim().split('\n')).toHaveLength(FIXTURE_POD_COUNT);
    const pages = readFileSync(audit, 'utf8').split('\n').filter((l) => /[&"]limit=7[&"]/.test(l));
    expect(pages).toHaveLength(Math.ceil(FIXTURE_POD_COUNT / 7));
  });

  test('-l and --field-selector select on the server', async () => {
    const l = await s.kubectl(['get', 'pods', '-n', 'alpha', '-l', 'tier in (front),app=web', '-o', 'name']);
    expect(l.stdout.trim().split('\n')).toEqual(['pod/web-1', 'pod/web-3', 'pod/web-5', 'pod/web-7', 'pod/web-9']);
    const f = await s.kubectl(['get', 'pods', '-A', '--field-selector', 'spec.nodeName=node-b', '-o', 'jsonpath={.items[*].spec.nodeName}']);
    const nodes = f.stdout.trim().split(' ');
    expect(nodes).toHaveLength(12);
    expect(new Set(nodes)).toEqual(new Set(['node-b']));
    const bad = await s.kubectl(['get', 'pods', '-A', '--field-selector', 'spec.color=red']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('field label not supported: spec.color');
  });

  test('get pod -o json, logs --previous and --tail', async () => {
    const j = await s.kubectl(['get', 'pod', 'crasher', '-n', 'alpha', '-o', 'json']);
    const pod = JSON.parse(j.stdout);
    expect([pod.kind, pod.metadata.name, pod.status.containerStatuses[1].state.waiting.reason]).toEqual(['Pod', 'crasher', 'CrashLoopBackOff']);
    const prev = await s.kubectl(['logs', 'crasher', '-n', 'alpha', '-c', 'api', '--previous']);
    expect(prev.stdout).toContain('bind: address already in use');
    const tail = await s.kubectl(['logs', 'web-0', '-n', 'alpha', '--tail=3']);
    expect(tail.stdout.trim().split('\n')).toEqual(['GET /healthz 200 #7', 'GET /healthz 200 #8', 'GET /healthz 200 #9']);
    const none = await s.kubectl(['logs', 'web-0', '-n', 'alpha', '--previous']);
    expect(none.code).not.toBe(0);
    expect(none.stderr).toContain('previous terminated container "app" in pod "web-0" not found');
  });

  test('describe pod shows its events', async () => {
    const d = await s.kubectl(['describe', 'pod', 'crasher', '-n', 'alpha']);
    expect(d.code, d.stderr).toBe(0);
    expect(d.stdout).toMatch(/Events:\s*\n\s+Type\s+Reason/);
    expect(d.stdout).toContain('Back-off restarting failed container api in pod crasher');
  });

  test('workload kinds by short name', async () => {
    const r = await s.kubectl(['get', 'deploy,rs,sts,ds,jobs,cronjobs', '-A']);
    expect(r.code, r.stderr).toBe(0);
    for (const name of ['deployment.apps/web', 'replicaset.apps/web-abc', 'statefulset.apps/db', 'daemonset.apps/agent', 'job.batch/report', 'cronjob.batch/cleanup']) {
      expect(r.stdout).toContain(name);
    }
    expect(r.stdout).toMatch(/deployment\.apps\/web\s+10\/10\s+10\s+10/);
  });

  test('get pods -w streams changes', async () => {
    const child = spawn('kubectl', ['--cache-dir', scratch(), 'get', 'pods', '-n', 'beta', '-w'], {
      env: { ...process.env, KUBECONFIG: s.kubeconfigPath },
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    try {
      await until(() => out.includes('web-7'), 10_000);
      const p = s.world.get('pods', 'beta/web-5')!;
      s.world.upsert('pods', { ...p, metadata: { ...p.metadata, deletionTimestamp: new Date().toISOString() } });
      await until(() => /web-5\s+1\/1\s+Terminating/.test(out), 10_000);
      expect(out.match(/^NAME\s+READY/gm)).toHaveLength(1);
    } finally {
      child.kill();
    }
  });

  test('top nodes sums pod metrics; get secrets reaches the server and is refused', async () => {
    const top = await s.kubectl(['top', 'nodes', '--no-headers']);
    expect(top.code, top.stderr).toBe(0);
    expect(top.stdout.trim().split('\n').map((l) => cols(l)[0])).toEqual(['node-a', 'node-b']);
    const secrets = await s.kubectl(['get', 'secrets', '-A']);
    expect(secrets.code).not.toBe(0);
    expect(secrets.stderr).toContain('secrets is forbidden');
    const lines = readFileSync(audit, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toContainEqual(expect.objectContaining({ path: '/api/v1/secrets', status: 403 }));
  });

  test('logs -f follows appended lines', async () => {
    const child = spawn('kubectl', ['--cache-dir', scratch(), 'logs', '-f', 'web-0', '-n', 'alpha', '--tail=1'], {
      env: { ...process.env, KUBECONFIG: s.kubeconfigPath },
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    try {
      await until(() => out.includes('#9'), 10_000);
      s.world.appendLog('alpha', 'web-0', 'app', { time: new Date().toISOString(), text: 'followed line' });
      await until(() => out.includes('followed line'), 10_000);
      await until(() => out.includes('tick a'), 10_000);
    } finally {
      child.kill();
    }
  });

  test('delete pod is refused and the pod stays', async () => {
    const d = await s.kubectl(['delete', 'pod', 'web-1', '-n', 'alpha', '--wait=false']);
    expect(d.code).not.toBe(0);
    expect(d.stderr).toContain('MethodNotAllowed');
    expect((await s.kubectl(['get', 'pod', 'web-1', '-n', 'alpha', '-o', 'name'])).stdout.trim()).toBe('pod/web-1');
    const lines = readFileSync(audit, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.filter((l) => l.method === 'DELETE').map((l) => [l.verb, l.status])).toEqual([['delete', 405]]);
  });
});

describe('kubectl on the built-in scenarios', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({});
  });
  afterAll(() => s.stop());

  test('shop web runs 3 replicas', async () => {
    const r = await s.kubectl(['get', 'pods', '-n', 'shop', '-l', 'app=web', '--no-headers']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(3);
  });

  test('port-clash api: previous logs say address already in use; describe shows events', async () => {
    const logs = await s.kubectl(['logs', 'port-clash', '-n', 'legacy', '-c', 'api', '--previous']);
    expect(logs.code, logs.stderr).toBe(0);
    expect(logs.stdout).toContain('address already in use');
    const d = await s.kubectl(['describe', 'pod', 'port-clash', '-n', 'legacy']);
    expect(d.stdout).toContain('CrashLoopBackOff');
    expect(d.stdout).toMatch(/Warning\s+BackOff/);
  });

  test('deploy/api log-shipper --tail=3 gives 3 lines', async () => {
    const r = await s.kubectl(['logs', '-n', 'shop', 'deploy/api', '-c', 'log-shipper', '--tail=3']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(3);
  });

  test('top pods reads metrics.k8s.io', async () => {
    const r = await s.kubectl(['top', 'pods', '-n', 'shop', '--no-headers']);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const l of lines) expect(l).toMatch(/^\S+\s+\d+m\s+\d+Mi\s*$/);
  });

  test('delete pod debug is refused', async () => {
    const d = await s.kubectl(['delete', 'pod', 'debug', '-n', 'legacy', '--wait=false']);
    expect(d.code).not.toBe(0);
    expect(s.world.get('pods', 'legacy/debug')).toBeDefined();
  });
});
