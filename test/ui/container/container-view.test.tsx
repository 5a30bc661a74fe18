// What a user sees in the Container view, on the real demo scenarios.
import { afterEach, describe, expect, it } from 'vitest';
import { RULE_IDS } from '../../../src/analysis/types.js';
import { displayWidth } from '../../../src/ui/components/cell-text.js';
import { ContainerView, containerViewBindings } from '../../../src/ui/container/ContainerView.js';
import { podKey, scenarioContext, type ScenarioContext } from '../pod/scenario-context.js';
import { ESC, eventually, press, renderSized, settle } from '../pod/render-sized.js';

let unmounts: (() => void)[] = [];
afterEach(() => {
  for (const u of unmounts) u();
  unmounts = [];
});

async function view(s: ScenarioContext, prefix: string, container: string, width: number, height: number) {
  const key = podKey(s, prefix);
  const r = renderSized(<ContainerView width={width} height={height} active ctx={s.ctx} podKey={key} container={container} />, width, height + 1);
  unmounts.push(r.unmount);
  await settle();
  return { ...r, key, lines: () => r.lastFrame().split('\n') };
}

describe('ContainerView', () => {
  it('legacy/port-clash api: image ID, state history, resources, the clashing port and its findings', async () => {
    const s = await scenarioContext();
    const v = await view(s, 'legacy/port-clash', 'api', 110, 70);
    const frame = v.lastFrame();
    const pod = s.store.get('pods', v.key)!;
    const status = (pod.status as { containerStatuses: { name: string; imageID: string }[] }).containerStatuses.find((c) => c.name === 'api')!;
    expect(frame).toContain(status.imageID.slice(0, 60));
    expect(frame).toMatch(/State\s+Waiting: CrashLoopBackOff/);
    expect(frame).toMatch(/Last\s+Error \(exit 1\): .*address already in use/);
    expect(frame).toMatch(/^cpu\s+100m/m);
    expect(frame).toMatch(/^8080\/TCP\s+.*✖ web/m);
    expect(frame).toContain('✖ port-conflict: ');
    expect(frame).toContain('✖ crash-loop: ');
    expect(frame).toMatch(/readiness\s+— not configured/);
    // Sections are set apart by a blank line.
    const lines = v.lines();
    expect(lines[lines.findIndex((l) => l.startsWith('Resources')) - 1].trim()).toBe('');
  });

  it('data/postgres: env names with the secret reference, never a value; the PVC mount read-write and persistent', async () => {
    const s = await scenarioContext();
    const frame = (await view(s, 'data/postgres-0', 'postgres', 120, 60)).lastFrame();
    expect(frame).toContain('POSTGRES_PASSWORD ← secret postgres/password');
    expect(frame).toMatch(/POSTGRES_DB\s+\(literal value\)/);
    const envLine = (name: string) => frame.split('\n').find((l) => l.startsWith(`${name} `))!;
    expect(envLine('POSTGRES_DB')).not.toContain('shop');
    expect(envLine('PGDATA')).not.toContain('pgdata');
    expect(frame).toMatch(/\/var\/lib\/postgresql\S*\s+rw\s+data\s+pvc data-postgres-0 RWO.*persistent/);
    expect(frame).toMatch(/liveness\s+✔ passing\s+exec: pg_isready/);
  });

  it('overlay off: no findings', async () => {
    const s = await scenarioContext({ overlay: false });
    const frame = (await view(s, 'legacy/port-clash', 'api', 110, 70)).lastFrame();
    expect(frame).not.toMatch(new RegExp(`(${RULE_IDS.join('|')}): `));
  });

  it('an unknown container says so', async () => {
    const s = await scenarioContext();
    expect((await view(s, 'legacy/port-clash', 'nope', 80, 10)).lastFrame()).toContain('has no container nope');
  });

  it('40×12 fits; j scrolls under the fixed identity line; l, p, y, esc navigate', async () => {
    const s = await scenarioContext();
    const v = await view(s, 'legacy/port-clash', 'api', 40, 12);
    let lines = v.lines();
    expect(lines.length).toBeLessThanOrEqual(12);
    for (const l of lines) expect(displayWidth(l)).toBeLessThanOrEqual(40);
    const second = lines[1];
    await press(v.stdin, 'jj');
    lines = v.lines();
    expect(lines[0]).toContain('Container api');
    expect(lines[1]).not.toBe(second);
    await press(v.stdin, 'G');
    expect(v.lastFrame()).toContain('fix:');
    await press(v.stdin, 'l', 'p', 'y', ESC);
    expect(s.pushed).toEqual([
      { view: 'logs', key: v.key, container: 'api', previous: false },
      { view: 'logs', key: v.key, container: 'api', previous: true },
      { view: 'yaml', kind: 'pods', key: v.key },
    ]);
    expect(s.popped).toBe(1);
    expect(s.bindings.at(-1)).toBe(containerViewBindings);
  });
});

describe('ContainerView on a deleted pod', () => {
  it('says the pod is gone', async () => {
    const s = await scenarioContext();
    const key = podKey(s, 'legacy/debug');
    const v = await view(s, 'legacy/debug', 'debug', 80, 10);
    s.store.apply('pods', 'DELETED', s.store.get('pods', key)!);
    s.store.flush();
    await eventually(() => expect(v.lastFrame()).toContain('not in the store'));
  });
});
