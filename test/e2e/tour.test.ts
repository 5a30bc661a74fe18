// The newcomer's tour (issue "The terminal UI"), in a real terminal against a real demo server
// process, and R7: the server's audit log of that tour holds only reads, and no Secret.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, readKubeconfig } from '../../src/bench/kube-client.js';
import type { TerminalSession } from '../../src/bench/terminal-session.js';
import { podViewBindings } from '../../src/ui/pod/bindings.js';
import {LIST_HEADER, openPodscope, screen, startDemo, type DemoFixture} from './support.js';


/** Presses tab up to `panels` times and returns every screen seen, so panels shown one at a time all count. */
async function tabThroughPanels(t: TerminalSession, panels = 8): Promise<string> {
  const seen = [screen(t)];
  for (let i = 0; i < panels; i++) {
    await t.press(['tab']);
    await new Promise((r) => setTimeout(r, 150));
    await t.settle();
    seen.push(screen(t));
  }
  return seen.join('\n');
}

describe("the newcomer's tour", () => {
  let demo: DemoFixture;
  let tourRan = false;

  beforeAll(async () => {
    demo = await startDemo({ audit: true });
  });

  afterAll(async () => {
    await demo?.close();
  });

  it('lists pods, opens port-clash and redis, shows help, and quits leaving the terminal as it was', async () => {
    const access = readKubeconfig(demo.server.kubeconfigPath);
    const portClash = await getJson<{ status?: { podIP?: string } }>(access, '/api/v1/namespaces/legacy/pods/port-clash');
    const podIP = portClash.status?.podIP;
    expect(podIP, 'the demo pod legacy/port-clash has an IP').toMatch(/^\d+\.\d+\.\d+\.\d+$/);

    const t = openPodscope(demo.server.kubeconfigPath, { cols: 160, rows: 50 });
    try {
      tourRan = true;
      // The pod list, with an error badge on port-clash. Rows come first; the ADVICE column is
      // filled in right after (the analysis never holds up a frame), so wait for the badge.
      await t.waitForText(/\blegacy\s+port-clash\b/, { timeoutMs: 15_000 });
      expect(t.isAlternateScreen()).toBe(true);
      const row = await t.waitForText(/\blegacy\s+port-clash\b.*✖\s*\d+/, { timeoutMs: 5_000 });
      expect(row, 'port-clash carries an error badge').toMatch(/✖\s*\d+/);

      // Filter, select, open.
      await t.press(['/', 'port-clash', 'enter']);
      await t.waitForNoText(/\bshop\s+web-/, { timeoutMs: 5000 });
      await t.press(['enter']);
      await t.waitForText(podIP!, { timeoutMs: 5000 });
      const podScreens = await tabThroughPanels(t);
      expect(podScreens).toContain(podIP!);
      expect(podScreens).toMatch(/\bweb\b/);
      expect(podScreens).toMatch(/\bapi\b/);
      expect(podScreens).toContain('8080');
      expect(podScreens).toContain('port-conflict');
      expect(podScreens).toMatch(/liveness|readiness|startup/i);

      // Back, and on to redis: its data on an emptyDir.
      await t.press(['esc']);
      await t.waitForText(LIST_HEADER, { timeoutMs: 5000 });
      await t.press(['/', 'redis', 'enter']);
      await t.waitForText(/\bdata\s+redis-/, { timeoutMs: 5000 });
      await t.press(['enter']);
      await t.waitForNoText(LIST_HEADER, { timeoutMs: 5000 });
      const redisScreens = await tabThroughPanels(t);
      expect(redisScreens).toMatch(/emptyDir/i);
      expect(redisScreens).toContain('ephemeral-state');

      // Help lists the keys of the view, from its keymap.
      await t.press(['?']);
      for (const binding of podViewBindings.slice(0, 3)) await t.waitForText(binding.description, { timeoutMs: 5000 });

      await t.press(['q']);
      const status = await Promise.race([t.exited, new Promise<undefined>((r) => setTimeout(r, 5000, undefined))]);
      expect(status, `podscope did not quit on q:\n${t.screenDump()}`).toEqual({ exitCode: 0, signal: 0 });
      await t.settle();
      expect(t.isAlternateScreen()).toBe(false);
      expect(t.cursorVisible()).toBe(true);
    } finally {
      await t.dispose();
    }
  });

  it('R7: the tour only read (get/list/watch) and never touched a Secret', () => {
    expect(tourRan, 'the tour ran first').toBe(true);
    const entries = readFileSync(demo.auditLog!, 'utf8')
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => JSON.parse(line) as { verb: string; method: string; path: string; query?: string; status: number });
    expect(entries.some((e) => e.verb === 'list' && /\/pods$/.test(e.path))).toBe(true);
    const writes = entries.filter((e) => !['get', 'list', 'watch'].includes(e.verb) || e.method !== 'GET');
    expect(writes, 'requests other than get/list/watch').toEqual([]);
    const secrets = entries.filter((e) => /\/secrets(\/|$)/.test(e.path));
    expect(secrets, 'requests for Secrets').toEqual([]);
  });
});
