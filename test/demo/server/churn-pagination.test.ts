// Paginated lists under heavy churn: every page of a list comes from the one snapshot its
// first page saw, even when the change history has moved far past it meanwhile. The scale is
// cut to 5,000 pods with the history cut to 500 changes, so that at 2,000 updates/s the
// history turns over several times during one list, as it would at 50,000 pods with a
// larger history.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CoreV1Api } from '@kubernetes/client-node';
import { buildDataset } from '../../../src/demo/dataset.js';
import { startChurn } from '../../../src/demo/churn.js';
import { objectKey } from '../../../src/model/kube.js';
import { startTestServer, type TestServer } from '../../helpers/demo-server.js';
import { kubeConfigFor, sleep } from './http.js';

let server: TestServer;
let churn: { stop(): void };
let auditDir: string;
/** Every pod's resourceVersion at the start, then every change since: the oracle for any snapshot. */
const initial = new Map<string, number>();
const changes: { rv: number; key: string; deleted: boolean }[] = [];

/** The pods (key → resourceVersion) as they were at `rv`, rebuilt from the recorded changes. */
function podsAt(rv: number): Map<string, number> {
  const pods = new Map(initial);
  for (const c of changes) {
    if (c.rv > rv) break;
    if (c.deleted) pods.delete(c.key);
    else pods.set(c.key, c.rv);
  }
  return pods;
}

beforeAll(async () => {
  const dataset = await buildDataset({ now: new Date(), pods: 5_000 });
  auditDir = mkdtempSync(join(tmpdir(), 'podscope-churn-audit-'));
  server = await startTestServer({ dataset, historySize: 500, auditLog: join(auditDir, 'audit.jsonl') });
  for (const s of server.world.storedObjects('pods')) initial.set(s.key, s.rv);
  server.world.watch('pods', (ev) => changes.push({ rv: ev.rv, key: ev.key, deleted: ev.type === 'DELETED' }));
  churn = startChurn(server.world, 2_000);
}, 60_000);
afterAll(async () => {
  churn?.stop();
  await server?.stop();
  rmSync(auditDir, { recursive: true, force: true });
});

/** The snapshot resourceVersion of every continue token the server was sent, from its audit log. */
function continueVersions(): number[] {
  const lines = readFileSync(join(auditDir, 'audit.jsonl'), 'utf8').trim().split('\n');
  return lines
    .map((l) => new URLSearchParams((JSON.parse(l) as { query: string }).query).get('continue'))
    .filter((t): t is string => Boolean(t))
    .map((t) => (JSON.parse(Buffer.from(t, 'base64url').toString('utf8')) as { rv: number }).rv);
}

describe('paginated lists under churn', () => {
  test('kubectl get pods -A -o json (chunks of 500) returns exactly the pods of its snapshot', async () => {
    const r = await server.kubectl(['get', 'pods', '-A', '-o', 'json'], { timeoutMs: 60_000 });
    expect(r.code, r.stderr).toBe(0);
    const items = (JSON.parse(r.stdout) as { items: { metadata: { namespace: string; name: string; resourceVersion: string } }[] }).items;
    const got = new Map(items.map((p) => [`${p.metadata.namespace}/${p.metadata.name}`, Number(p.metadata.resourceVersion)]));
    expect(got.size).toBe(items.length);
    // kubectl does not print the list's resourceVersion: its continue tokens carry it.
    const versions = continueVersions();
    expect(versions.length).toBeGreaterThanOrEqual(10);
    expect(new Set(versions).size).toBe(1);
    const listRv = versions[0];
    expect(sameVersions(podsAt(listRv), got), 'the pods of the first page\'s snapshot').toBe(true);
    expect(items.length).toBeGreaterThan(5_000);
    // The history alone could not have served it: it no longer reaches back to the list.
    expect(server.world.oldestResumableVersion).toBeGreaterThan(listRv);
  }, 90_000);

  test('client-node with limit 500, slowly: every page from the first page\'s snapshot', async () => {
    const core = kubeConfigFor(server).makeApiClient(CoreV1Api);
    const got = new Map<string, number>();
    let page = await core.listPodForAllNamespaces({ limit: 500 });
    const listRv = Number(page.metadata?.resourceVersion);
    let pages = 1;
    while (true) {
      for (const p of page.items) got.set(objectKey(p as never), Number(p.metadata?.resourceVersion));
      const next = page.metadata?._continue;
      if (!next) break;
      // Slow enough that churn at 2,000/s turns the 500-change history over between pages.
      await sleep(300);
      page = await core.listPodForAllNamespaces({ limit: 500, _continue: next });
      expect(Number(page.metadata?.resourceVersion)).toBe(listRv);
      pages++;
    }
    expect(pages).toBeGreaterThan(10);
    expect(sameVersions(podsAt(listRv), got)).toBe(true);
    expect(server.world.oldestResumableVersion).toBeGreaterThan(listRv);
  }, 90_000);
});

function sameVersions(a: Map<string, number>, b: Map<string, number>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}
