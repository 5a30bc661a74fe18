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

/** The list requests the demo server answered, in order, as `kind` or `kind+continue`. */
function listsIn(auditFile: string): string[] {
  if (!fs.existsSync(auditFile)) return [];
  return fs
    .readFileSync(auditFile, 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { verb: string; path: string; query: string })
    .filter((r) => r.verb === 'list')
    .map((r) => `${r.path.split('/').pop()}${new URLSearchParams(r.query).has('continue') ? '+continue' : ''}`);
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it('held (the TUI until its first frame): nothing past the first page of pods is asked for, then the rest syncs', async () => {
  const auditFile = path.join(tmp, 'audit-held.jsonl');
  const demo = await startDemoServer({ dataset: testDataset({ shop: 6, data: 4 }), auditLog: auditFile });
  try {
    const session = await openCluster({ kubeconfig: demo.kubeconfigPath, allNamespaces: true, kinds: ['nodes', 'deployments', 'pods'], pageSize: 3, flushMs: 20, env: {}, home: tmp });
    let release!: () => void;
    session.holdUntil?.(new Promise<void>((resolve) => (release = resolve)));
    try {
      // Long enough for the pods' first page, and for every other list had nothing held them.
      await settle(400);
      expect(session.store.list('pods')).toHaveLength(3);
      expect(session.store.state('pods').phase).toBe('syncing');
      expect(listsIn(auditFile)).toEqual(['pods']);
      release();
      await session.waitForSync(undefined, 10_000);
      expect(session.store.list('pods')).toHaveLength(10);
      expect(session.store.list('nodes')).toHaveLength(2);
      expect(listsIn(auditFile)[0]).toBe('pods');
      expect(listsIn(auditFile)).toContain('pods+continue');
    } finally {
      await session.close();
    }
  } finally {
    await demo.stop();
  }
});

it('closed while held: nothing more is asked for, and close does not wait on the hold', async () => {
  const auditFile = path.join(tmp, 'audit-closed.jsonl');
  const demo = await startDemoServer({ dataset: testDataset({ shop: 6, data: 4 }), auditLog: auditFile });
  try {
    const session = await openCluster({ kubeconfig: demo.kubeconfigPath, allNamespaces: true, kinds: ['nodes', 'pods'], pageSize: 3, flushMs: 20, env: {}, home: tmp });
    let release!: () => void;
    session.holdUntil?.(new Promise<void>((resolve) => (release = resolve)));
    await settle(400);
    await session.close();
    release();
    await settle(300);
    expect(listsIn(auditFile)).toEqual(['pods']);
  } finally {
    await demo.stop();
  }
});
