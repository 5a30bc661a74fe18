import { describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { PodsView } from '../../src/ui/pods/PodsView.js';
import { ObjectStore } from '../../src/cluster/store.js';
import { LiveAnalysis } from '../../src/analysis/engine.js';
import { ThemeContext } from '../../src/ui/theme/theme.js';
import { KeyRouter } from '../../src/ui/keys/KeyRouter.js';
import { loadTheme } from '../../src/ui/theme/load-theme.js';
import { NOW, SMALL_CLUSTER, makePod } from './fixtures/pods.js';
import { testContext, tick } from './fixtures/context.js';

function setup(opts: { width?: number; height?: number; namespace?: string } = {}) {
  const store = new ObjectStore({ flushMs: 0 });
  const analysis = new LiveAnalysis(store, { now: () => NOW });
  store.subscribe((b) => analysis.onBatch(b));
  store.replaceAll('pods', SMALL_CLUSTER.map(makePod));
  store.flush();
  const ctx = testContext(store, analysis, NOW);
  const view = (active = true) => (
    <ThemeContext.Provider value={loadTheme('default', { env: {} })}>
      <KeyRouter>
        <PodsView ctx={ctx} width={opts.width ?? 140} height={opts.height ?? 12} active={active} namespace={opts.namespace} />
      </KeyRouter>
    </ThemeContext.Provider>
  );
  const r = render(view());
  const lines = () => r.lastFrame()!.split('\n');
  // Table rows only: the filter line (starting with '/') and the empty-list text are not rows.
  const rowNames = () =>
    lines()
      .slice(2)
      .filter((l) => !l.startsWith('/') && !l.startsWith('no pods'))
      .map((l) => l.trim().split(/\s+/)[1])
      .filter(Boolean);
  const press = async (...keys: string[]) => {
    for (const k of keys) {
      r.stdin.write(k);
      await tick();
    }
  };
  return { store, ctx, r, lines, rowNames, press, view };
}

describe('Pods view', () => {
  it('shows the SPEC columns, the count and an error badge on port-clash', async () => {
    const { lines, r } = setup();
    await tick();
    const [title, header] = lines();
    expect(title).toMatch(/Pods\(all\)\[5\/5\]\s+sort:NAME↑/);
    expect(header.split(/\s+/).filter(Boolean)).toEqual(['NAMESPACE', 'NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'IP', 'NODE', 'ADVICE']);
    const clash = lines().find((l) => l.includes('port-clash'))!;
    expect(clash).toMatch(/legacy\s+port-clash\s+1\/2\s+CrashLoopBackOff\s+7 \(3m ago\)\s+50m\s+10\.0\.3\.1\s+node-c\s+✖ \d+/);
    expect(lines().length).toBeLessThanOrEqual(12);
    r.unmount();
  });

  it('hides NAMESPACE for one namespace and drops IP then NODE on narrow terminals', async () => {
    const one = setup({ namespace: 'shop', width: 120 });
    expect(one.lines()[1]).not.toContain('NAMESPACE');
    expect(one.lines()[0]).toContain('Pods(shop)[3/5]');
    one.r.unmount();
    const narrow = setup({ width: 90 });
    expect(narrow.lines()[1]).not.toMatch(/\bIP\b/);
    expect(narrow.lines()[1]).toContain('NODE');
    narrow.r.unmount();
    const tiny = setup({ width: 60 });
    expect(tiny.lines()[1]).not.toContain('NODE');
    for (const l of tiny.lines()) expect(l.length).toBeLessThanOrEqual(60);
    tiny.r.unmount();
  });

  it('/ filters as you type; esc clears; enter keeps', async () => {
    const { press, rowNames, lines, r } = setup();
    await press('/', 'w', 'e', 'b');
    expect(rowNames()).toEqual(['web-1', 'web-2']);
    expect(lines().at(-1)).toContain('/web');
    await press('\r');
    expect(rowNames()).toEqual(['web-1', 'web-2']);
    await press('\x1b');
    await tick(50);
    expect(rowNames().length).toBe(5);
    r.unmount();
  });

  it('/-l label selector, and a bad selector says why', async () => {
    const { press, rowNames, lines, r } = setup();
    await press('/', ...'-l tier=backend', '\r');
    expect(rowNames()).toEqual(['api-1']);
    await press('/', ...'-l tier in (x', '\r');
    expect(lines().at(-1)).toMatch(/invalid label selector/);
    // A new / starts a new filter.
    await press('/', ...'port', '\r');
    expect(rowNames()).toEqual(['port-clash']);
    r.unmount();
  });

  it('! keeps only pods with findings; sort keys reorder', async () => {
    const { press, rowNames, lines, r, store } = setup();
    // A pod with no findings at all: probes, resources, non-root, pinned image, an owner.
    await press('!');
    const withFindings = rowNames();
    expect(withFindings).toContain('port-clash');
    expect(lines()[0]).toContain('! with findings');
    await press('!');
    await press('R');
    expect(rowNames()[0]).toBe('port-clash');
    await press('A');
    expect(rowNames()[0]).toBe('big-1');
    await press('A');
    expect(rowNames()[0]).toBe('web-1');
    await press('V');
    expect(lines()[0]).toContain('sort:ADVICE↓');
    expect(rowNames()[0]).toBe('port-clash');
    expect(store.version).toBeGreaterThan(0);
    r.unmount();
  });

  it('moves the cursor and opens the selected pod, its logs and YAML', async () => {
    const { press, ctx, r } = setup();
    await press('j', 'j', '\r');
    expect(ctx.routes.at(-1)).toEqual({ view: 'pod', key: 'legacy/port-clash' });
    await press('G', 'k', 'l');
    expect(ctx.routes.at(-1)).toEqual({ view: 'logs', key: 'shop/web-1', container: 'c0', previous: false });
    await press('g', 'y');
    expect(ctx.routes.at(-1)).toEqual({ view: 'yaml', kind: 'pods', key: 'shop/api-1' });
    expect(ctx.bindings.some((b) => b.command === 'sort-advice')).toBe(true);
    r.unmount();
  });

  it('keys typed together in one chunk are handled in order', async () => {
    const { r, rowNames, lines } = setup();
    r.stdin.write('/web');
    await tick(50);
    expect(rowNames()).toEqual(['web-1', 'web-2']);
    expect(lines().at(-1)).toContain('/web');
    r.unmount();
  });

  it('shows names and labels from the cluster inert', async () => {
    const { store, lines, r, view } = setup();
    store.apply('pods', 'ADDED', makePod({ ns: 'shop', name: 'evil-1', node: 'n\x1b[2J\x07', ip: '10.0.0.9\u202e' }));
    store.flush();
    r.rerender(view());
    await tick();
    const row = lines().find((l) => l.includes('evil-1'))!;
    expect(row).toContain('n\\x1b[2J\\x07');
    expect(row).toContain('10.0.0.9\\u202e');
    expect(r.lastFrame()).not.toContain('\x07');
    r.unmount();
  });

  it('follows store batches: new pods appear, deleted pods go', async () => {
    const { store, rowNames, r, view } = setup();
    store.apply('pods', 'ADDED', makePod({ ns: 'shop', name: 'cart-1' }));
    store.apply('pods', 'DELETED', makePod({ ns: 'shop', name: 'web-2' }));
    store.flush();
    r.rerender(view());
    await tick();
    expect(rowNames()).toEqual(['api-1', 'big-1', 'cart-1', 'port-clash', 'web-1']);
    r.unmount();
  });
});
