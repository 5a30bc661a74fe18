// R1 and R4 as a person sees them: the API server stops while podscope shows it (the header
// says reconnecting, the pods stay on screen), changes while it is away, and comes back on the
// same port with the same world and token: podscope shows the server's pods, no ghosts. And a
// server that is not there at start: a clear cause on screen, no stack trace, then live.
// The server runs in this process (a CLI server could not be restarted with the same token).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../src/demo/server.js';
import type { KubeObject } from '../../src/model/kube.js';
import type { TerminalSession } from '../../src/bench/terminal-session.js';
import {openPodscope, screen} from './support.js';

const HEADER_ROWS = 2;

function header(t: TerminalSession): string {
  return t.screenText().slice(0, HEADER_ROWS).join('\n');
}

async function waitForHeader(t: TerminalSession, pattern: RegExp, timeoutMs: number): Promise<void> {
  await t.waitFor(() => (pattern.test(header(t)) ? true : undefined), `the header to match ${pattern}`, { timeoutMs });
}

/** A stack trace line, as Node prints one: what a user must never see. */
const STACK_LINE = /^\s+at .+\(.+:\d+:\d+\)$/m;

describe('R1/R4 server gone and back', () => {
  let dir: string;
  let servers: DemoServer[] = [];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'podscope-reconnect-'));
  });

  afterEach(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    servers = [];
    rmSync(dir, { recursive: true, force: true });
  });

  async function restart(from: DemoServer): Promise<DemoServer> {
    const server = await startDemoServer({ world: from.world, token: from.token, port: from.port, kubeconfigOut: join(dir, 'kubeconfig') });
    servers.push(server);
    return server;
  }

  it('keeps the pods on screen while reconnecting, then shows the server’s pods without ghosts', async () => {
    const first = await startDemoServer({ kubeconfigOut: join(dir, 'kubeconfig') });
    servers.push(first);
    const t = openPodscope(first.kubeconfigPath, { cols: 160, rows: 50 });
    try {
      await t.waitForText(/\blegacy\s+debug\b/, { timeoutMs: 15_000 });
      await waitForHeader(t, /\blive\b/, 15_000);

      await first.stop();
      await waitForHeader(t, /reconnecting/i, 15_000);
      expect(screen(t), 'pods vanished while reconnecting').toContain('port-clash');
      await waitForHeader(t, /stale since \d\d:\d\d:\d\d/, 5_000); // the data on screen is marked stale

      // While it is away the cluster changes: one pod goes, one comes.
      const debug = first.world.get('pods', 'legacy/debug')!;
      first.world.remove('pods', 'legacy/debug');
      const fresh: KubeObject = {
        ...debug,
        metadata: { name: 'fresh', namespace: 'legacy', labels: { app: 'fresh' } },
      };
      first.world.upsert('pods', fresh);

      await restart(first);
      await waitForHeader(t, /\blive\b/, 10_000);
      await t.waitForText(/\blegacy\s+fresh\b/, { timeoutMs: 5000 });
      await t.waitForNoText(/\blegacy\s+debug\b/, { timeoutMs: 5000 });
      expect(t.screenText().filter((line) => /\blegacy\s+port-clash\b/.test(line)), 'duplicate rows').toHaveLength(1);
    } finally {
      await t.dispose();
    }
  });

  it('says why when the server is not there at start, without a stack trace, and goes live when it comes', async () => {
    const first = await startDemoServer({ kubeconfigOut: join(dir, 'kubeconfig') });
    await first.stop();
    const t = openPodscope(first.kubeconfigPath, { cols: 160, rows: 40 });
    try {
      await t.waitForText(/127\.0\.0\.1|connect|unreachable|refused/i, { timeoutMs: 15_000 });
      expect(t.exitStatusNow, `podscope gave up:\n${t.screenDump()}`).toBeUndefined();
      expect(screen(t)).not.toMatch(STACK_LINE);
      await restart(first);
      await t.waitForText('port-clash', { timeoutMs: 15_000 });
      await waitForHeader(t, /\blive\b/, 10_000);
      expect(t.rawOutput()).not.toMatch(STACK_LINE);
    } finally {
      await t.dispose();
    }
  });
});
