// What a user sees in the Pod view, on the real demo scenarios analysed by the real engine.
import { afterEach, describe, expect, it } from 'vitest';
import { RULE_IDS } from '../../../src/analysis/types.js';
import { eventContainer } from '../../../src/model/pod-detail/events.js';
import type { KubeObject } from '../../../src/model/kube.js';
import { displayWidth } from '../../../src/ui/components/cell-text.js';
import { PodView, podViewBindings } from '../../../src/ui/pod/PodView.js';
import { PANEL_IDS } from '../../../src/ui/pod/panels/panel.js';
import { podKey, scenarioContext, type ScenarioContext } from './scenario-context.js';
import { ENTER, ESC, SHIFT_TAB, TAB, eventually, press, renderSized, settle } from './render-sized.js';

let unmounts: (() => void)[] = [];
afterEach(() => {
  for (const u of unmounts) u();
  unmounts = [];
});

async function view(s: ScenarioContext, prefix: string, panel: string | undefined, width: number, height: number) {
  const key = podKey(s, prefix);
  // The terminal is one row taller than the view: the shell keeps frames below `rows` (FIELD-NOTES).
  const r = renderSized(<PodView width={width} height={height} active ctx={s.ctx} podKey={key} panel={panel} />, width, height + 1);
  unmounts.push(r.unmount);
  await settle();
  return { ...r, key, lines: () => r.lastFrame().split('\n') };
}

const findLine = (lines: string[], re: RegExp) => lines.findIndex((l) => re.test(l));

describe('Network panel', () => {
  it('legacy/port-clash: the pod IP, both containers on 8080/TCP, the conflict marked with port-conflict', async () => {
    const s = await scenarioContext();
    const v = await view(s, 'legacy/port-clash', 'network', 100, 20);
    const lines = v.lines();
    const ip = s.store.get('pods', v.key)!.status as { podIP: string };
    expect(lines.some((l) => l.includes(`Pod IP ${ip.podIP}`))).toBe(true);
    const web = findLine(lines, /^web\s+8080\/TCP/);
    const api = findLine(lines, /^api\s+8080\/TCP/);
    expect(web).toBeGreaterThan(0);
    expect(api).toBeGreaterThan(web);
    expect(lines[web]).toContain('✖ api');
    expect(lines[api]).toContain('✖ web');
    // The finding sits right under the clashing rows, naming both containers.
    expect(lines[api + 1]).toMatch(/✖ port-conflict: .*web and api both listen on 8080\/TCP/);
  });

  it('shop/checkout: the proxy sidecar and where it forwards inside the pod', async () => {
    const s = await scenarioContext();
    const lines = (await view(s, 'shop/checkout', 'network', 100, 20)).lines();
    expect(lines[findLine(lines, /^tls-proxy\s+8443\/TCP/)]).toContain('localhost:8443 → tls-proxy');
    expect(lines.join('\n')).toMatch(/↳ tls-proxy \(sidecar:proxy\) forwards to localhost:8080/);
  });

  it('a pod without a conflict shows no clash', async () => {
    const s = await scenarioContext();
    const lines = (await view(s, 'shop/web-', 'network', 100, 20)).lines();
    expect(lines.join('\n')).not.toContain('port-conflict');
    expect(lines.join('\n')).not.toContain('✖');
  });
});

describe('Volumes panel', () => {
  it('shop/api: logs is read-write in the app container and read-only in the log-shipper sidecar', async () => {
    const s = await scenarioContext();
    const lines = (await view(s, 'shop/api-', 'volumes', 110, 16)).lines();
    expect(lines.join('\n')).toMatch(/log-shipper \(sidecar:log-shipper\)/);
    const header = lines[findLine(lines, /^VOLUME\s/)];
    expect(header.indexOf('log-shipper')).toBeGreaterThan(header.indexOf(' api '));
    const logs = lines[findLine(lines, /^logs\s/)];
    expect(logs).toContain('emptyDir');
    expect(logs).toContain('ephemeral');
    const rw = logs.indexOf('rw /');
    const ro = logs.indexOf('ro /');
    expect(rw).toBeGreaterThan(0);
    expect(ro).toBeGreaterThan(rw);
    // Each cell sits under its container's column.
    expect(Math.abs(rw - header.indexOf(' api ') - 1)).toBeLessThanOrEqual(1);
    expect(ro).toBe(header.indexOf('log-shipper'));
  });

  it('data/redis: the emptyDir holding the data has ephemeral-state next to it', async () => {
    const s = await scenarioContext();
    const lines = (await view(s, 'data/redis', 'volumes', 100, 12)).lines();
    const data = findLine(lines, /^data\s+emptyDir/);
    expect(data).toBeGreaterThan(0);
    expect(lines[data + 1]).toMatch(/▲ ephemeral-state: /);
  });
});

describe('Probes panel', () => {
  it('ops/flaky: the readiness probe is failing with its last Unhealthy message', async () => {
    const s = await scenarioContext();
    const v = await view(s, 'ops/flaky', 'probes', 120, 16);
    const lines = v.lines();
    const pod = s.store.get('pods', v.key)!;
    const unhealthy = s.store
      .eventsFor(pod)
      .filter((e: KubeObject) => e.reason === 'Unhealthy' && String(e.message).startsWith('Readiness probe failed:') && eventContainer(e) === 'flaky');
    expect(unhealthy.length).toBeGreaterThan(0);
    const message = String(unhealthy[unhealthy.length - 1].message).replace('Readiness probe failed: ', '');
    const row = findLine(lines, /^flaky\s+readiness\s/);
    expect(lines[row]).toContain('✖ failing');
    expect(lines[row + 1]).toContain('last Unhealthy');
    expect(lines[row + 1]).toContain(message);
    expect(lines[findLine(lines, /^flaky\s+liveness\s/)]).toContain('✔ passing');
    expect(lines[findLine(lines, /^flaky\s+startup\s/)]).toContain('not configured');
  });

  it('follows the store: a pod turning ready shows its readiness probe passing', async () => {
    const s = await scenarioContext();
    const v = await view(s, 'ops/flaky', 'probes', 120, 16);
    const pod = s.store.get('pods', v.key)!;
    const status = pod.status as { containerStatuses: { ready: boolean }[]; conditions?: unknown[] };
    const ready = { ...pod, status: { ...status, containerStatuses: status.containerStatuses.map((c) => ({ ...c, ready: true })) } };
    s.store.apply('pods', 'MODIFIED', ready);
    s.store.flush();
    await eventually(() => expect(v.lines()[findLine(v.lines(), /^flaky\s+readiness\s/)]).toContain('✔ passing'));
  });
});

describe('overlay', () => {
  const ruleMention = new RegExp(`(${RULE_IDS.join('|')}): `);

  it('off: no finding is shown in any panel, and the grid leaves out the Advice panel', async () => {
    const s = await scenarioContext({ overlay: false });
    for (const panel of PANEL_IDS.filter((p) => p !== 'advice')) {
      const frame = (await view(s, 'legacy/port-clash', panel, 100, 30)).lastFrame();
      expect(frame, panel).not.toMatch(ruleMention);
    }
    const grid = (await view(s, 'data/redis', 'summary', 180, 50)).lastFrame();
    expect(grid).not.toMatch(ruleMention);
    expect(grid).not.toContain('Advice');
  });

  it('on: the same panels carry the findings', async () => {
    const s = await scenarioContext();
    expect((await view(s, 'legacy/port-clash', 'summary', 100, 30)).lastFrame()).toContain('bare-pod: ');
    const containers = (await view(s, 'legacy/port-clash', 'containers', 100, 30)).lines();
    expect(containers.join('\n')).toContain('crash-loop: ');
    // Warnings as compact chips under their container; only errors spell out their message.
    const web = containers.findIndex((l) => /^main\s+web\s/.test(l));
    expect(containers[web + 1]).toMatch(/▲ privilege-escalation\s+▲ run-as-root/);
    expect(containers.join('\n')).not.toContain('privilege-escalation: ');
    expect((await view(s, 'shop/cart-', 'probes', 100, 30)).lastFrame()).toContain('probes-identical: ');
  });
});

describe('sizes', () => {
  const sizes: [number, number][] = [[40, 12], [20, 5], [60, 8], [100, 30], [140, 28], [300, 100]];
  it.each(sizes)('%i×%i: every panel renders inside the box', async (width, height) => {
    const s = await scenarioContext();
    const v = await view(s, 'legacy/port-clash', 'summary', width, height);
    for (let i = 0; i < PANEL_IDS.length; i++) {
      const lines = v.lines();
      expect(lines.length, `panel ${i}`).toBeLessThanOrEqual(height);
      for (const l of lines) expect(displayWidth(l), l).toBeLessThanOrEqual(width);
      await press(v.stdin, TAB);
    }
  });

  it('40×12: the tab bar keeps the focused panel visible', async () => {
    const s = await scenarioContext();
    const v = await view(s, 'legacy/port-clash', 'advice', 40, 12);
    expect(v.lines()[1]).toContain('[Advice');
  });
});

describe('keys', () => {
  it('tells the shell its bindings', async () => {
    const s = await scenarioContext();
    await view(s, 'legacy/port-clash', undefined, 100, 20);
    expect(s.bindings.at(-1)).toBe(podViewBindings);
  });

  it('tab and shift+tab switch panels; e jumps to events', async () => {
    const s = await scenarioContext();
    const v = await view(s, 'legacy/port-clash', undefined, 100, 20);
    expect(v.lines()[1]).toContain('[Summary]');
    await press(v.stdin, TAB, TAB);
    expect(v.lines()[1]).toContain('[Network');
    await press(v.stdin, SHIFT_TAB);
    expect(v.lines()[1]).toContain('[Containers]');
    await press(v.stdin, 'e');
    expect(v.lines()[1]).toContain('[Events');
  });

  it('enter on a container opens the Container view; l, p, y and esc navigate', async () => {
    const s = await scenarioContext();
    const v = await view(s, 'legacy/port-clash', 'containers', 100, 20);
    // The cursor starts on the crash-looping api (the container in trouble).
    await press(v.stdin, ENTER);
    expect(s.pushed.at(-1)).toEqual({ view: 'container', key: v.key, container: 'api' });
    await press(v.stdin, 'k', ENTER);
    expect(s.pushed.at(-1)).toEqual({ view: 'container', key: v.key, container: 'web' });
    await press(v.stdin, 'j', ENTER);
    expect(s.pushed.at(-1)).toEqual({ view: 'container', key: v.key, container: 'api' });
    await press(v.stdin, 'l');
    expect(s.pushed.at(-1)).toEqual({ view: 'logs', key: v.key, container: 'api', previous: false });
    await press(v.stdin, 'p');
    expect(s.pushed.at(-1)).toEqual({ view: 'logs', key: v.key, container: 'api', previous: true });
    await press(v.stdin, 'y');
    expect(s.pushed.at(-1)).toEqual({ view: 'yaml', kind: 'pods', key: v.key });
    await press(v.stdin, ESC);
    expect(s.popped).toBe(1);
  });

  it('several keys in one chunk all count (jjj arrives as one input)', async () => {
    const s = await scenarioContext();
    const v = await view(s, 'legacy/monolith', 'containers', 100, 30);
    await press(v.stdin, 'jj', ENTER);
    expect(s.pushed.at(-1)).toMatchObject({ view: 'container', container: 'cache' });
  });

  it('enter in Advice opens a finding: why, evidence, fix', async () => {
    const s = await scenarioContext();
    const v = await view(s, 'legacy/port-clash', 'advice', 100, 40);
    expect(v.lastFrame()).not.toContain('why: ');
    await press(v.stdin, ENTER);
    const frame = v.lastFrame();
    expect(frame).toContain('▾ ✖ port-conflict');
    expect(frame).toContain('why: ');
    expect(frame).toContain('evidence:');
    expect(frame).toContain('spec.containers[0].ports[0]');
    expect(frame).toContain('fix: ');
    await press(v.stdin, ENTER);
    expect(v.lastFrame()).not.toContain('why: ');
  });

  it('j scrolls a panel taller than its box, k scrolls back', async () => {
    const s = await scenarioContext();
    const v = await view(s, 'legacy/port-clash', 'summary', 60, 8);
    const before = v.lines()[2];
    await press(v.stdin, 'j');
    expect(v.lines()[2]).not.toBe(before);
    await press(v.stdin, 'k');
    expect(v.lines()[2]).toBe(before);
  });
});

describe('untrusted text', () => {
  it('escape sequences in a termination message are shown inert', async () => {
    const s = await scenarioContext();
    const key = podKey(s, 'legacy/port-clash');
    const pod = s.store.get('pods', key)!;
    const status = pod.status as { containerStatuses: Record<string, unknown>[] };
    const evil = {
      ...pod,
      status: {
        ...status,
        containerStatuses: status.containerStatuses.map((c) => ({ ...c, lastState: { terminated: { exitCode: 1, reason: 'Error', message: 'boom\u001b[2J\u001b]0;pwned\u0007' } } })),
      },
    };
    s.store.apply('pods', 'MODIFIED', evil);
    s.store.flush();
    const frame = (await view(s, 'legacy/port-clash', 'containers', 160, 20)).lastFrame();
    expect(frame).toContain('boom\\x1b[2J');
    expect(frame).not.toContain('\u001b[2J');
    expect(frame).not.toContain('\u001b]0;');
  });

  it('a pod that left the store says so', async () => {
    const s = await scenarioContext();
    const key = podKey(s, 'legacy/debug');
    const v = await view(s, 'legacy/debug', undefined, 80, 10);
    s.store.apply('pods', 'DELETED', s.store.get('pods', key)!);
    s.store.flush();
    await eventually(() => expect(v.lastFrame()).toContain('not in the store'));
  });
});

describe('rows of a container', () => {
  it('in Network and Probes, enter and l act on the container of the selected row', async () => {
    const s = await scenarioContext();
    const v = await view(s, 'legacy/port-clash', 'network', 100, 20);
    await press(v.stdin, 'j', ENTER);
    expect(s.pushed.at(-1)).toEqual({ view: 'container', key: v.key, container: 'api' });
    await press(v.stdin, 'k', 'l');
    expect(s.pushed.at(-1)).toEqual({ view: 'logs', key: v.key, container: 'web', previous: false });
    const p = await view(s, 'shop/checkout', 'probes', 100, 20);
    // Three probe rows per container: the fourth row is the second container's.
    await press(p.stdin, 'jjj', ENTER);
    expect(s.pushed.at(-1)).toMatchObject({ view: 'container', container: 'tls-proxy' });
  });
});

describe('route changes', () => {
  it('reused for another pod or panel, the view starts afresh', async () => {
    const s = await scenarioContext();
    const a = podKey(s, 'legacy/port-clash');
    const b = podKey(s, 'legacy/monolith');
    const r = renderSized(<PodView width={100} height={20} active ctx={s.ctx} podKey={a} panel="containers" />, 100, 21);
    unmounts.push(r.unmount);
    await settle();
    await press(r.stdin, 'j');
    r.rerender(<PodView width={100} height={20} active ctx={s.ctx} podKey={b} panel="events" />);
    await settle();
    expect(r.lastFrame().split('\n')[0]).toContain('legacy/monolith');
    expect(r.lastFrame().split('\n')[1]).toContain('[Events');
    await press(r.stdin, SHIFT_TAB, SHIFT_TAB, SHIFT_TAB, SHIFT_TAB, ENTER);
    expect(s.pushed.at(-1)).toEqual({ view: 'container', key: b, container: 'frontend' });
  });
});
