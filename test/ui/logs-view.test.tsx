// The Logs view against a real demo server through the real read-only API: previous, follow,
// timestamps, wrap, search, control characters made inert, the findings that explain the log
// next to it, and a word on why a log is empty.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCluster, type ClusterSession } from '../../src/cluster/session.js';
import { LiveAnalysis } from '../../src/analysis/engine.js';
import type { LogsApi } from '../../src/ui/app-context.js';
import { LogsView } from '../../src/ui/logs/LogsView.js';
import { KeyRouter } from '../../src/ui/keys/KeyRouter.js';
import { displayWidth } from '../../src/ui/components/cell-text.js';
import { startTestServer, type TestServer } from '../helpers/demo-server.js';
import { testContext, waitFor, type TestContext } from './fixtures/context.js';
import { press, renderSized } from './pod/render-sized.js';

let server: TestServer;
let session: ClusterSession;
let analysis: LiveAnalysis;

beforeAll(async () => {
  server = await startTestServer({ logTickMs: 50 });
  session = await openCluster({ kubeconfig: server.kubeconfigPath, allNamespaces: true, kinds: ['pods', 'events'], flushMs: 0 });
  analysis = new LiveAnalysis(session.store);
  session.store.subscribe((b) => analysis.onBatch(b));
  await session.waitForSync(['pods', 'events'], 10_000);
}, 30_000);

afterAll(async () => {
  await session?.close();
  await server?.stop();
});

const api: LogsApi = { podLogs: (o, onChunk, signal) => session.api.podLogs(o, onChunk, signal) };

function mount(key: string, container: string, opts: { previous?: boolean; overlay?: boolean; width?: number; height?: number } = {}) {
  const width = opts.width ?? 120;
  const height = opts.height ?? 20;
  const ctx: TestContext = testContext(session.store, analysis, Date.now(), api);
  ctx.overlay = opts.overlay ?? true;
  // Inside the app's key router, as the shell runs it (the search box takes keys before the view).
  const r = renderSized(
    <KeyRouter>
      <LogsView width={width} height={height} active ctx={ctx} podKey={key} container={container} previous={opts.previous} />
    </KeyRouter>,
    width,
    height + 1,
  );
  return { ...r, ctx, lines: () => r.lastFrame().split('\n') };
}

describe('Logs view', () => {
  it('legacy/port-clash api, previous: the bind error, with crash-loop and port-conflict next to it', async () => {
    const v = mount('legacy/port-clash', 'api', { previous: true });
    await waitFor(() => expect(v.lastFrame()).toContain('bind: address already in use'));
    const lines = v.lines();
    expect(lines[0]).toMatch(/^Logs legacy\/port-clash \[api\]\s+previous/);
    expect(lines[1]).toMatch(/^✖ (crash-loop|port-conflict): /);
    expect(lines[2]).toMatch(/^✖ (crash-loop|port-conflict): /);
    expect(lines[1]).not.toBe(lines[2]);
    v.unmount();
  });

  it('with the overlay off (a), no findings above the log', async () => {
    const v = mount('legacy/port-clash', 'api', { previous: true, overlay: false });
    await waitFor(() => expect(v.lastFrame()).toContain('bind: address already in use'));
    expect(v.lastFrame()).not.toContain('crash-loop');
    expect(v.lines()[1]).not.toMatch(/^✖/);
    v.unmount();
  });

  it('an empty current log says why: the container is waiting; p shows the previous instance', async () => {
    const v = mount('legacy/port-clash', 'api');
    await waitFor(() => expect(v.lastFrame()).toContain('no lines: Waiting: CrashLoopBackOff (p: the previous instance)'));
    await press(v.stdin, 'p');
    await waitFor(() => expect(v.lastFrame()).toContain('bind: address already in use'));
    v.unmount();
  });

  it('t shows timestamps, w wraps, / finds and counts hits', async () => {
    const key = `${'legacy'}/port-clash`;
    const v = mount(key, 'api', { previous: true, width: 40, height: 16 });
    await waitFor(() => expect(v.lastFrame()).toContain('legacy-api'));
    await press(v.stdin, 't');
    await waitFor(() => expect(v.lastFrame()).toMatch(/\n\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z legacy-api/));
    // At 40 columns the panic line is cut; wrapped, its end shows on the next row.
    expect(v.lastFrame()).not.toContain('in use');
    await press(v.stdin, 'w');
    await waitFor(() => expect(v.lastFrame()).toContain('in use'));
    await press(v.stdin, '/', 'b', 'i', 'n', 'd', '\r');
    await waitFor(() => expect(v.lastFrame()).toContain('/bind  1 hit (n/N)'));
    for (const l of v.lines()) expect(displayWidth(l)).toBeLessThanOrEqual(40);
    v.unmount();
  });

  it('follows new lines, escape sequences in them shown inert; esc goes back', async () => {
    const key = 'legacy/debug';
    const v = mount(key, 'debug');
    await waitFor(() => expect(v.lines()[0]).toMatch(/follow/));
    server.world.appendLog('legacy', 'debug', 'debug', { time: new Date().toISOString(), text: 'evil \u001b[2J\u001b]0;owned\u0007 done' });
    await waitFor(() => expect(v.lastFrame()).toContain('evil \\x1b[2J\\x1b]0;owned\\x07 done'));
    expect(v.lastFrame()).not.toContain('\u001b[2J');
    await press(v.stdin, '\u001b');
    expect(v.ctx.popped).toBe(1);
    v.unmount();
  });

  it('a followed log stops when the view closes: the real stream ends, nothing arrives after', async () => {
    const events: string[] = [];
    const tracking: LogsApi = {
      podLogs: (o, onChunk, signal) =>
        session.api
          .podLogs(o, (t) => { events.push('chunk'); onChunk(t); }, signal)
          .then(() => void events.push('ended'), () => void events.push('failed')),
    };
    const ctx: TestContext = testContext(session.store, analysis, Date.now(), tracking);
    const r = renderSized(
      <KeyRouter>
        <LogsView width={80} height={12} active ctx={ctx} podKey="legacy/debug" container="debug" />
      </KeyRouter>,
      80,
      13,
    );
    server.world.appendLog('legacy', 'debug', 'debug', { time: new Date().toISOString(), text: 'before leaving' });
    await waitFor(() => expect(r.lastFrame()).toContain('before leaving'));
    await press(r.stdin, '\u001b');
    expect(ctx.popped).toBe(1);
    r.unmount(); // what the shell does on pop
    await waitFor(() => expect(events).toContain('ended'));
    expect(events).not.toContain('failed');
    const chunks = events.length;
    server.world.appendLog('legacy', 'debug', 'debug', { time: new Date().toISOString(), text: 'after leaving' });
    await new Promise((res) => setTimeout(res, 200));
    expect(events.length).toBe(chunks);
  });

  it('T steps the tail: last 1,000, 10,000, then 100 lines, asked of the server', async () => {
    const t0 = Date.now();
    for (let i = 0; i < 150; i++) server.world.appendLog('legacy', 'monolith', 'worker', { time: new Date(t0 + i).toISOString(), text: `tail line ${i}` });
    const v = mount('legacy/monolith', 'worker', { width: 120 });
    await waitFor(() => expect(v.lastFrame()).toContain('tail line 149'));
    expect(v.lines()[0]).toMatch(/last 1,000\s+(1[5-9]\d|[2-9]\d\d) lines/);
    await press(v.stdin, 'T');
    await waitFor(() => expect(v.lines()[0]).toContain('last 10,000'));
    await press(v.stdin, 'T');
    await waitFor(() => expect(v.lines()[0]).toMatch(/last 100\s+1[01]\d lines/));
    v.unmount();
  });

  it('a small terminal keeps one finding line above the log, a tiny one none', async () => {
    const small = mount('legacy/port-clash', 'api', { previous: true, width: 60, height: 10 });
    await waitFor(() => expect(small.lastFrame()).toContain('legacy-api'));
    expect(small.lines().filter((l) => /^✖ /.test(l))).toHaveLength(1);
    small.unmount();
    const tiny = mount('legacy/port-clash', 'api', { previous: true, width: 60, height: 5 });
    await waitFor(() => expect(tiny.lastFrame()).toContain('main.go'));
    expect(tiny.lines().filter((l) => /^✖ /.test(l))).toHaveLength(0);
    tiny.unmount();
  });

  it.each([
    [40, 11],
    [300, 99],
  ])('%i×%i: inside the box', async (width, height) => {
    const v = mount('legacy/port-clash', 'api', { previous: true, width, height });
    await waitFor(() => expect(v.lastFrame()).toContain('legacy-api'));
    const lines = v.lines();
    expect(lines.length).toBeLessThanOrEqual(height);
    for (const l of lines) expect(displayWidth(l)).toBeLessThanOrEqual(width);
    v.unmount();
  });
});
