// The rest of the tour (issue "End-to-end in a real terminal", item 2): previous logs of
// legacy/port-clash container api tell why it crashes, `:ns`, sorting, a label filter, and the
// cluster-wide `:advice` view, each in a real terminal against a demo server process.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TerminalSession } from '../../src/bench/terminal-session.js';
import {LIST_HEADER, openPodscope, screen, startDemo, type DemoFixture} from './support.js';


/** The pod rows on screen: the lines after the list's column header that show READY x/y. */
function podRows(t: TerminalSession): string[] {
  const lines = t.screenText();
  const header = lines.findIndex((line) => /\bNAME\s+READY\s+STATUS\b/.test(line));
  return header < 0 ? [] : lines.slice(header + 1).filter((line) => /\s\d+\/\d+\s/.test(line));
}

/** Namespaces of the pod rows on screen (rows start with the namespace under -A). */
function rowNamespaces(t: TerminalSession): string[] {
  return podRows(t)
    .map((line) => /^\s*([a-z0-9-]+)\s+\S+\s+\d+\/\d+\s/.exec(line)?.[1])
    .filter((ns): ns is string => ns !== undefined);
}

describe('more of the tour', () => {
  let demo: DemoFixture;
  const sessions: TerminalSession[] = [];

  beforeAll(async () => {
    demo = await startDemo();
  });

  afterAll(async () => {
    await Promise.all(sessions.map((s) => s.dispose()));
    await demo?.close();
  });

  async function open(): Promise<TerminalSession> {
    const t = openPodscope(demo.server.kubeconfigPath, { cols: 160, rows: 50 });
    sessions.push(t);
    await t.waitForText(/\blegacy\s+port-clash\b/, { timeoutMs: 15_000 });
    return t;
  }

  it('shows the previous log of port-clash/api: the address was already in use', async () => {
    const t = await open();
    await t.press(['/', 'port-clash', 'enter']);
    await t.waitForNoText(/\bshop\s+web-/, { timeoutMs: 5000 });
    await t.press(['enter']);
    await t.waitForNoText(LIST_HEADER, { timeoutMs: 5000 });
    // Select the api container in the Containers panel, then its previous log.
    // One tab at a time, each waited for (the active panel's marker moves), so that a slow
    // frame under load cannot make the next tab overshoot Containers. A tab that moves nothing
    // within 2 s is pressed again: the first one can come before the view listens for keys
    // (its first frame is drawn before its input handler is attached; seen once in a full
    // parallel run). An overshoot only goes round the panels once more.
    const activePanel = () => /▶ (\w+)/.exec(screen(t))?.[1];
    await t.waitFor(() => activePanel(), 'an active panel in the Pod view', { timeoutMs: 5000 });
    for (let i = 0; i < 16 && activePanel() !== 'Containers'; i++) {
      const before = activePanel();
      await t.press(['tab']);
      await t.waitFor(() => (activePanel() !== before ? true : undefined), `the panel after ${before} to become active`, { timeoutMs: 2000 }).catch(() => undefined);
    }
    await t.waitForText('▶ Containers', { timeoutMs: 2000 });
    await t.press(['j'], 150);
    // The selected row is drawn highlighted (inverse or a background colour): wait for it on api's row.
    await t.waitFor(
      () => {
        const y = t.screenText().findIndex((line) => /^\s*main\s+api\b/.test(line));
        if (y < 0) return undefined;
        const cell = t.cellAttributes(2, y);
        return cell.inverse || cell.bg.mode !== 'default' ? true : undefined;
      },
      'the Containers cursor on api after j',
      { timeoutMs: 5000 },
    );
    await t.press(['p'], 100);
    await t.waitForText(/address already in use/, { timeoutMs: 10_000 });
    expect(screen(t)).toMatch(/\bapi\b/);
  });

  it('narrows to one namespace with :ns and back with :ns all', async () => {
    const t = await open();
    await t.press([':', 'ns legacy', 'enter']);
    // One namespace: like kubectl without -A, the rows may drop the NAMESPACE column.
    await t.waitFor(() => {
      const rows = podRows(t);
      const legacyOnly = rows.length === 3 && rows.every((line) => /^\s*(legacy\s+)?(debug|monolith|port-clash)\s/.test(line));
      return legacyOnly && /\bns:legacy\b/.test(t.screenText()[0]) ? true : undefined;
    }, 'only the 3 legacy pods, header ns:legacy', { timeoutMs: 10_000 });
    await t.press([':', 'ns all', 'enter']);
    await t.waitFor(() => (new Set(rowNamespaces(t)).size > 1 ? true : undefined), 'pods of several namespaces', { timeoutMs: 10_000 });
  });

  it('sorts by restarts, most first', async () => {
    const t = await open();
    await t.press(['R']);
    // port-clash (CrashLoopBackOff, "12 (3m ago)") restarts more than any healthy pod.
    await t.waitFor(
      () => {
        const lines = t.screenText();
        const first = lines[lines.findIndex((line) => LIST_HEADER.test(line)) + 1] ?? '';
        return /\b(port-clash|worker-)/.test(first) ? true : undefined;
      },
      'a crash-looping pod first',
      { timeoutMs: 5000 },
    );
  });

  it('filters by label with -l', async () => {
    const t = await open();
    await t.press(['/', '-l app=redis', 'enter']);
    await t.waitFor(() => {
      const namespaces = rowNamespaces(t);
      return namespaces.length > 0 && namespaces.every((ns) => ns === 'data') ? true : undefined;
    }, 'only the redis pod', { timeoutMs: 5000 });
    expect(screen(t)).toMatch(/\bdata\s+redis-/);
  });

  it('lists the findings of the whole cluster with :advice, grouped by rule', async () => {
    const t = await open();
    await t.press([':', 'advice', 'enter']);
    await t.waitForText('port-conflict', { timeoutMs: 10_000 });
    await t.waitForNoText(LIST_HEADER, { timeoutMs: 5000 });
    // Scroll: every rule of the scenarios is somewhere in the view.
    const seen = new Set<string>();
    for (let i = 0; i < 30; i++) {
      for (const rule of ['port-conflict', 'crash-loop', 'ephemeral-state', 'image-pull', 'unschedulable']) if (screen(t).includes(rule)) seen.add(rule);
      if (seen.size === 5) break;
      await t.press(['pagedown'], 80);
      await t.settle();
    }
    expect([...seen].sort()).toEqual(['crash-loop', 'ephemeral-state', 'image-pull', 'port-conflict', 'unschedulable']);
  });
});
