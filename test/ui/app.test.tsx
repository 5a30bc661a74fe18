import { describe, expect, it } from 'vitest';
import { ObjectStore } from '../../src/cluster/store.js';
import { LiveAnalysis } from '../../src/analysis/engine.js';
import { loadTheme } from '../../src/ui/theme/load-theme.js';
import { NOW, SMALL_CLUSTER, makePod } from './fixtures/pods.js';
import { tick, waitFor } from './fixtures/context.js';
import { renderApp } from './fixtures/render-app.js';
import type { SessionControls } from '../../src/ui/shell/app-props.js';

function setup(opts: { session?: SessionControls; rows?: number; columns?: number } = {}) {
  const store = new ObjectStore({ flushMs: 0 });
  const analysis = new LiveAnalysis(store, { now: () => NOW });
  store.subscribe((b) => analysis.onBatch(b));
  store.replaceAll('pods', SMALL_CLUSTER.map(makePod));
  store.setState('pods', { phase: 'live', since: NOW });
  store.flush();
  const app = renderApp(
    {
      store,
      analysis,
      theme: loadTheme('default', { env: {} }),
      loadTheme: (name) => loadTheme(name, { env: {} }),
      session: opts.session,
      now: () => NOW,
    },
    { columns: opts.columns ?? 120, rows: opts.rows ?? 16 },
  );
  return { store, ...app };
}

describe('App shell', () => {
  it('lays out header, Pods view and footer in rows-1 lines', async () => {
    const { lines, r } = setup({ rows: 16 });
    await tick();
    expect(lines().length).toBe(15);
    // The findings summary arrives after a pass over the pods, between frames.
    await waitFor(() => expect(lines()[0]).toMatch(/✖/));
    expect(lines()[0]).toMatch(/^podscope\s+ctx:\s+ns:all\s+pods:5\s+live\s+✖ \d+ ▲ \d+ ● \d+/);
    expect(lines()[1]).toContain('Pods(all)[5/5]');
    expect(lines().at(-1)).toMatch(/^: command\s+\? help\s+⏎ open\s+\/ filter/);
    r.unmount();
  });

  it('? shows help generated from the current view and global keys; esc closes it', async () => {
    const { press, frame, r } = setup({ rows: 40 });
    await press('?');
    await waitFor(() => expect(frame()).toContain('Pods view'));
    expect(frame()).toContain('sort by advice');
    expect(frame()).toContain('Everywhere');
    expect(frame()).toContain('show/hide the advice overlay');
    await press('\x1b');
    await tick(50);
    expect(frame()).not.toContain('Everywhere');
    expect(frame()).toContain('Pods(all)');
    r.unmount();
  });

  it('enter opens a pod; esc goes back; q quits from any view', async () => {
    const { press, frame, exits, r } = setup();
    await press('j', 'j', '\r');
    expect(frame()).toContain('legacy/port-clash');
    expect(frame()).not.toContain('Pods(all)');
    await press('\x1b');
    await tick(50);
    expect(frame()).toContain('Pods(all)');
    expect(exits).toEqual([]);
    await press('j', '\r');
    await press('q');
    expect(exits).toEqual([0]);
    r.unmount();
  });

  it('keys right after enter go to the new view, not to the list under it', async () => {
    const { r, frame, press } = setup();
    r.stdin.write('j\rjj');
    await tick(80);
    expect(frame()).toContain('ops/big-1');
    await press('\x1b');
    await tick(50);
    await press('\r');
    await tick(50);
    // The list cursor did not move while the pod was open.
    expect(frame()).toContain('ops/big-1');
    r.unmount();
  });

  it('ctrl+c always quits, even while typing a command', async () => {
    const { press, exits, r } = setup();
    await press(':', 'n', '\x03');
    expect(exits).toEqual([0]);
    r.unmount();
  });

  it('a hides and shows the advice overlay', async () => {
    const { press, lines, r } = setup();
    expect(lines()[2]).toContain('ADVICE');
    await press('a');
    expect(lines()[2]).not.toContain('ADVICE');
    expect(lines()[0]).toContain('advice hidden');
    await press('a');
    expect(lines()[2]).toContain('ADVICE');
    r.unmount();
  });

  it(':ns NAME narrows to one namespace, :ns all widens, unknown commands say so', async () => {
    const { press, frame, lines, r } = setup();
    await press(':', ...'ns shop', '\r');
    expect(lines()[0]).toContain('ns:shop');
    expect(frame()).toContain('Pods(shop)[3/5]');
    await press(':', ...'ns all', '\r');
    expect(frame()).toContain('Pods(all)[5/5]');
    await press(':', ...'frobnicate', '\r');
    expect(lines().at(-1)).toContain('unknown command ":frobnicate"');
    await press(':', ...'theme nope', '\r');
    expect(lines().at(-1)).toContain('unknown theme "nope"');
    await press(':', ...'theme mono', '\r');
    expect(lines().at(-1)).toContain('theme mono');
    await press(':', 'q', '\r');
    r.unmount();
  });

  it(':ctx and :ns drive the cluster session', async () => {
    const calls: string[] = [];
    const session = {
      contextName: 'kind-a',
      namespace: undefined as string | undefined,
      contexts: () => ['kind-a', 'kind-b'],
      async switchContext(name: string) {
        calls.push(`ctx ${name}`);
        session.contextName = name;
      },
      async switchNamespace(ns: string) {
        calls.push(`ns ${ns}`);
        session.namespace = ns === 'all' ? undefined : ns;
      },
    };
    const { press, lines, r } = setup({ session });
    expect(lines()[0]).toContain('ctx:kind-a');
    await press(':', ...'ctx kind-b', '\r');
    await tick(30);
    expect(calls).toEqual(['ctx kind-b']);
    expect(lines()[0]).toContain('ctx:kind-b');
    await press(':', ...'ctx nope', '\r');
    expect(lines().at(-1)).toContain('unknown context "nope"; contexts: kind-a, kind-b');
    await press(':', ...'ns legacy', '\r');
    await tick(30);
    expect(calls.at(-1)).toBe('ns legacy');
    expect(lines()[0]).toContain('ns:legacy');
    r.unmount();
  });

  it('repaints when the store changes and shows sync states', async () => {
    const { store, lines, r } = setup();
    store.apply('pods', 'ADDED', makePod({ ns: 'shop', name: 'cart-1' }));
    store.setState('pods', { phase: 'reconnecting', since: NOW, cause: 'connection refused', attempt: 2 });
    store.flush();
    await tick(50);
    expect(lines()[0]).toContain('pods:6');
    expect(lines()[0]).toContain('reconnecting… (connection refused)');
    expect(lines()[1]).toContain('[6/6]');
    r.unmount();
  });

  it('the findings summary waits for the first list, then follows changes', async () => {
    const { store, lines, r } = setup();
    store.setState('pods', { phase: 'syncing', loaded: 3, total: 5 });
    store.flush();
    await waitFor(() => expect(lines()[0]).toContain('syncing 3/5'));
    store.setState('pods', { phase: 'live', since: NOW });
    store.flush();
    await waitFor(() => expect(lines()[0]).toMatch(/live\s+✖ (\d+) ▲ \d+ ● \d+/));
    const before = Number(/✖ (\d+)/.exec(lines()[0])![1]);
    store.apply('pods', 'ADDED', makePod({ ns: 'legacy', name: 'clash-2', containers: 2, port: 9090 }));
    store.flush();
    await waitFor(() => expect(Number(/✖ (\d+)/.exec(lines()[0])![1])).toBeGreaterThan(before), 5000);
    r.unmount();
  });

  it('renders within small and large terminals', async () => {
    for (const [columns, rows] of [
      [40, 12],
      [300, 100],
    ]) {
      const { lines, r } = setup({ columns, rows });
      await tick();
      expect(lines().length).toBe(rows - 1);
      for (const l of lines()) expect(l.length).toBeLessThanOrEqual(columns);
      r.unmount();
    }
  });
});
