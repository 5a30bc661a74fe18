// The views over the real demo scenarios, the real store and the real analysis.
import { describe, expect, it } from 'vitest';
import { loadTheme } from '../../src/ui/theme/load-theme.js';
import { demoStore, DEMO_NOW } from './fixtures/demo-store.js';
import { datasetLogsApi } from './fixtures/logs-api.js';
import { tick, waitFor } from './fixtures/context.js';
import { renderApp } from './fixtures/render-app.js';

async function app(opts: { rows?: number; columns?: number; calls?: string[] } = {}) {
  const demo = await demoStore();
  const app = renderApp(
    {
      store: demo.store,
      analysis: demo.analysis,
      api: datasetLogsApi(demo.logs, { calls: opts.calls }),
      theme: loadTheme('mono', { env: {} }),
      now: () => DEMO_NOW,
    },
    { columns: opts.columns ?? 160, rows: opts.rows ?? 40, keyDelayMs: 30 },
  );
  return { demo, ...app };
}

describe('views over the demo scenarios', () => {
  it('Pods: every scenario pod, port-clash and image-pull with an error badge', async () => {
    const { lines, r } = await app();
    const row = (name: string) => lines().find((l) => l.includes(name)) ?? '';
    // Rows come first; their advice fills in right after (the analysis never holds up rows).
    await waitFor(() => expect(row('port-clash')).toMatch(/legacy\s+port-clash\s+1\/2\s+CrashLoopBackOff.*✖ \d+\s*$/));
    await waitFor(() => expect(row('typo-')).toMatch(/ImagePullBackOff.*✖ \d+\s*$/));
    expect(row('big-')).toMatch(/Pending/);
    expect(lines()[1]).toMatch(/Pods\(all\)\[27\/27\]/);
    r.unmount();
  });

  it('Pods: ! shows only pods with findings; V sorts errors first', async () => {
    const { press, lines, r } = await app();
    await press('!');
    await waitFor(() => expect(lines()[1]).toContain('! with findings'));
    const shown = Number(/\[(\d+)\/27\]/.exec(lines()[1])![1]);
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThanOrEqual(27);
    const rows = lines().slice(3, 3 + shown);
    for (const row of rows) expect(row).toMatch(/[✖▲●] \d+\s*$/);
    await press('V');
    await waitFor(() => expect(lines()[1]).toContain('sort:ADVICE↓'));
    expect(lines()[3]).toMatch(/✖ \d+\s*$/);
    r.unmount();
  });

  it('Logs: a followed log, sanitised, with timestamps on t, aborted on leave', async () => {
    const calls: string[] = [];
    const { press, frame, r } = await app({ calls });
    await press('/', ...'checkout', '\r', 'l');
    await tick(100);
    expect(calls[0]).toMatch(/^shop\/checkout-\w+-\w+\/checkout follow$/); // the app, not its tls-proxy
    expect(frame()).toMatch(/Logs shop\/checkout-\w+-\w+ \[checkout\]\s+follow/);
    expect(frame()).not.toContain('\x1b]');
    await press('t');
    await waitFor(() => expect(calls.at(-1)).toMatch(/\/checkout follow ts$/));
    await waitFor(() => expect(frame()).toMatch(/\d{4}-\d\d-\d\dT/));
    await press('\x1b');
    await waitFor(() => expect(frame()).toContain('Pods(all)'));
    // Leaving the view aborted the followed stream.
    await waitFor(() => expect(calls.at(-1)).toBe('aborted'));
    r.unmount();
  });

  it('Logs: l and p from the list open the crash-looping container, not just the first one', async () => {
    const calls: string[] = [];
    const { press, frame, r, demo } = await app({ calls });
    const clash = demo.store.get('pods', 'legacy/port-clash')!;
    const containers = (clash.spec as { containers: { name: string }[] }).containers.map((c) => c.name);
    expect(containers[0]).toBe('web'); // the first container is healthy; api is the one crash-looping
    await press('/', ...'port-clash', '\r', 'l');
    await tick(100);
    await press('p');
    await tick(100);
    expect(calls.at(-1)).toBe('legacy/port-clash/api previous');
    expect(frame()).toMatch(/previous/);
    r.unmount();
  });

  it('Advice: a pod\'s findings, why/evidence/fix on enter', async () => {
    const { press, frame, r } = await app();
    await press('/', ...'port-clash', '\r', '\r');
    await tick(50);
    // The Pod view has an Advice panel; the Advice view proper is reached with :advice.
    await press('\x1b', ':', ...'advice', '\r');
    await tick(80);
    expect(frame()).toMatch(/Advice \(cluster, by rule\)\s+\d+ findings/);
    expect(frame()).toMatch(/✖ \d+\s+port-conflict/);
    // The first group holds errors; its first finding is one line below the heading.
    await press('j');
    await press('\r');
    expect(frame()).toMatch(/✖ error\s+\S+\s+Pod \S+/);
    expect(frame()).toContain('Why');
    expect(frame()).toContain('Fix');
    // esc closes the details, enter twice opens the pod.
    await press('\x1b');
    expect(frame()).toMatch(/SEVERITY\s+RULE\s+OBJECT/);
    await press('\r');
    const pod = /Pod (\S+\/\S+)/.exec(frame())![1];
    await press('\r');
    await tick(50);
    await waitFor(() => expect(frame()).toContain(`Pod ${pod}`));
    expect(frame()).not.toContain('SEVERITY');
    r.unmount();
  });

  it(':advice inside a pod shows that pod\'s findings, worst first', async () => {
    const { press, frame, r } = await app();
    await press('/', ...'port-clash', '\r', '\r');
    await waitFor(() => expect(frame()).toContain('Pod legacy/port-clash'));
    await press(':', ...'advice', '\r');
    await waitFor(() => expect(frame()).toMatch(/Advice legacy\/port-clash\s+\d+ findings/));
    const rows = frame().split('\n').slice(3);
    expect(rows[0]).toMatch(/✖ error\s+(port-conflict|crash-loop)/);
    expect(frame()).toContain('port-conflict');
    expect(frame()).not.toContain('OBJECT');
    r.unmount();
  });

  it('YAML: the pod as YAML, scrollable', async () => {
    const { press, frame, r } = await app({ rows: 20 });
    await press('/', ...'port-clash', '\r', 'y');
    await tick(50);
    expect(frame()).toMatch(/Pod legacy\/port-clash\s+YAML\s+1-\d+\/\d+/);
    expect(frame()).toContain('apiVersion: v1');
    await press('G');
    expect(frame()).not.toContain('apiVersion: v1');
    r.unmount();
  });
});
