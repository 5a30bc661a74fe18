// Pods are listed before the other kinds (session.ts): the first pod row is what the screen
// waits for (SPEC §6, P1). The other kinds are asked for once the pods' first page is in.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { openCluster } from '../../src/cluster/session.js';
import { startDemoServer } from '../../src/demo/server.js';
import { testDataset } from './fixtures.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'podscope-pods-first-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

it('lists pods first, and every other kind only after the first page of pods was answered', async () => {
  const auditFile = path.join(tmp, 'audit.jsonl');
  const demo = await startDemoServer({ dataset: testDataset({ shop: 6, data: 4 }), auditLog: auditFile });
  try {
    // Pods last in the list of kinds: the order of the kinds given must not decide.
    const session = await openCluster({ kubeconfig: demo.kubeconfigPath, allNamespaces: true, kinds: ['nodes', 'events', 'deployments', 'pods'], pageSize: 3, flushMs: 20, env: {}, home: tmp });
    try {
      await session.waitForSync(undefined, 10_000);
      expect(session.store.list('pods')).toHaveLength(10);
      expect(session.store.list('nodes')).toHaveLength(2);
    } finally {
      await session.close();
    }
  } finally {
    await demo.stop();
  }
  // One line per answered request, written as the answer goes out.
  const lists = fs
    .readFileSync(auditFile, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { verb: string; path: string })
    .filter((r) => r.verb === 'list');
  const kindOf = (p: string) => p.split('/').pop();
  expect(kindOf(lists[0]!.path)).toBe('pods');
  const firstOther = lists.findIndex((r) => kindOf(r.path) !== 'pods');
  expect(firstOther).toBeGreaterThan(0);
  expect(new Set(lists.map((r) => kindOf(r.path)))).toEqual(new Set(['pods', 'nodes', 'events', 'deployments']));
});
