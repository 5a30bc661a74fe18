// The Advice view on the real demo scenarios: `:advice` (the cluster, grouped by rule), a
// pod's advice, why/evidence/fix on enter, the pod one more enter away, and the cursor
// where it was after a trip into that pod.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AdviceView, forgetAdviceCursors } from '../../src/ui/advice/AdviceView.js';
import { displayWidth } from '../../src/ui/components/cell-text.js';
import { scenarioContext, podKey, type ScenarioContext } from './pod/scenario-context.js';
import { ENTER, ESC, press, renderSized, settle } from './pod/render-sized.js';

let unmounts: (() => void)[] = [];
beforeEach(() => forgetAdviceCursors());
afterEach(() => {
  for (const u of unmounts) u();
  unmounts = [];
});

async function mount(s: ScenarioContext, key: string | undefined, width = 140, height = 39) {
  const r = renderSized(<AdviceView width={width} height={height} active ctx={s.ctx} podKey={key} />, width, height + 1);
  unmounts.push(r.unmount);
  await settle();
  return { ...r, lines: () => r.lastFrame().split('\n') };
}

describe('Advice view, the whole cluster', () => {
  it('groups findings under one heading per rule, errors first, with full pod names', async () => {
    const s = await scenarioContext();
    const v = await mount(s, undefined);
    const lines = v.lines();
    expect(lines[0]).toMatch(/^Advice \(cluster, by rule\)\s+\d+ findings/);
    const heading = lines.findIndex((l) => /^✖ \d+\s+crash-loop\s*$/.test(l));
    expect(heading).toBeGreaterThan(0);
    expect(lines[heading + 1]).toMatch(/✖ error\s+crash-loop\s+legacy\/port-clash\s+api\s+container api is in CrashLoopBackOff/);
    // A generated pod name is shown whole, not cut before its distinguishing suffix.
    const worker = podKey(s, 'ops/worker-');
    expect(lines.some((l) => l.includes(worker))).toBe(true);
  });

  it('enter shows why, evidence and fix; enter again opens the pod', async () => {
    const s = await scenarioContext();
    const v = await mount(s, undefined);
    // The cursor starts on the first finding, not on the rule heading above it.
    await press(v.stdin, ENTER);
    const frame = v.lastFrame();
    expect(frame).toMatch(/✖ error\s+crash-loop\s+Pod legacy\/port-clash\s+container api/);
    expect(frame).toContain('Evidence');
    // Evidence stays indented under its heading.
    expect(frame).toMatch(/\n {2}status\.containerStatuses\[1\]\.state\.waiting\.reason: CrashLoopBackOff/);
    expect(frame).toMatch(/\nWhy\n {2}\S/);
    expect(frame).toMatch(/\nFix\n {2}\S/);
    await press(v.stdin, ENTER);
    expect(s.pushed.at(-1)).toEqual({ view: 'pod', key: 'legacy/port-clash' });
  });

  it('j skips rule headings; o opens the pod of the finding', async () => {
    const s = await scenarioContext();
    const v = await mount(s, undefined);
    // crash-loop has two findings (port-clash, worker); the next j lands past the image-pull heading.
    await press(v.stdin, 'j', 'j', 'o');
    expect(s.pushed.at(-1)).toEqual({ view: 'pod', key: podKey(s, 'ops/typo-') });
    await press(v.stdin, 'k', 'o');
    expect(s.pushed.at(-1)).toEqual({ view: 'pod', key: podKey(s, 'ops/worker-') });
    await press(v.stdin, 'g', 'o');
    expect(s.pushed.at(-1)).toEqual({ view: 'pod', key: 'legacy/port-clash' });
  });

  it('back from the pod, the cursor is on the same finding', async () => {
    const s = await scenarioContext();
    const first = await mount(s, undefined);
    await press(first.stdin, 'j', 'j', ENTER, ENTER);
    const opened = s.pushed.at(-1);
    expect(opened).toEqual({ view: 'pod', key: podKey(s, 'ops/typo-') });
    first.unmount();
    const again = await mount(s, undefined);
    await press(again.stdin, 'o');
    expect(s.pushed.at(-1)).toEqual(opened);
  });

  it('esc closes the details first, then goes back', async () => {
    const s = await scenarioContext();
    const v = await mount(s, undefined);
    await press(v.stdin, ENTER);
    expect(v.lastFrame()).toContain('Evidence');
    await press(v.stdin, ESC);
    expect(v.lastFrame()).not.toContain('Evidence');
    expect(s.popped).toBe(0);
    await press(v.stdin, ESC);
    expect(s.popped).toBe(1);
  });
});

describe('Advice view, one pod', () => {
  it('legacy/port-clash: its findings worst first, the port conflict among the errors', async () => {
    const s = await scenarioContext();
    const v = await mount(s, 'legacy/port-clash');
    const lines = v.lines();
    expect(lines[0]).toMatch(/^Advice legacy\/port-clash\s+\d+ findings/);
    const errors = lines.filter((l) => l.startsWith('✖ error'));
    expect(errors.some((l) => /port-conflict\s+api\s+containers web and api both listen on 8080\/TCP/.test(l))).toBe(true);
    const firstWarning = lines.findIndex((l) => l.startsWith('▲ warning'));
    expect(lines.findLastIndex((l) => l.startsWith('✖ error'))).toBeLessThan(firstWarning);
  });
});

describe('Advice view, one pod: o', () => {
  it('goes back to the pod it was opened from rather than opening it again', async () => {
    const s = await scenarioContext();
    const v = await mount(s, 'legacy/port-clash');
    await press(v.stdin, 'o');
    expect(s.popped).toBe(1);
    expect(s.pushed).toHaveLength(0);
  });
});

describe('Advice view sizes', () => {
  it.each([
    [40, 11],
    [300, 99],
  ])('%i×%i: list and details stay inside the box', async (width, height) => {
    const s = await scenarioContext();
    const v = await mount(s, undefined, width, height);
    const check = () => {
      const lines = v.lines();
      expect(lines.length).toBeLessThanOrEqual(height);
      for (const l of lines) expect(displayWidth(l)).toBeLessThanOrEqual(width);
    };
    check();
    await press(v.stdin, ENTER);
    expect(v.lastFrame()).toContain('crash-loop');
    check();
  });
});
