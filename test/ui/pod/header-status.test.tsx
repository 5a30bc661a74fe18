// The Pod view's header says what the Pods list and kubectl say about the pod: STATUS with the
// reason (CrashLoopBackOff, ImagePullBackOff, Pending), not the bare phase.
import { afterEach, describe, expect, it } from 'vitest';
import { podRow } from '../../../src/model/pod-row.js';
import { PodView } from '../../../src/ui/pod/PodView.js';
import { podKey, scenarioContext } from './scenario-context.js';
import { renderSized, settle } from './render-sized.js';
import { DEMO_NOW } from '../fixtures/demo-store.js';

let unmounts: (() => void)[] = [];
afterEach(() => {
  for (const u of unmounts) u();
  unmounts = [];
});

describe('Pod view header', () => {
  it.each([
    ['legacy/port-clash', 'CrashLoopBackOff', '1/2'],
    ['ops/typo-', 'ImagePullBackOff', '0/1'],
    ['ops/worker-', 'CrashLoopBackOff', '0/1'],
    ['shop/web-', 'Running', '1/1'],
  ])('%s shows %s and READY %s, as the Pods list does', async (prefix, status, ready) => {
    const s = await scenarioContext();
    const key = podKey(s, prefix);
    // The same row model as the Pods list: the header can never disagree with it.
    expect(podRow(s.store.get('pods', key)!, DEMO_NOW).status).toBe(status);
    const r = renderSized(<PodView width={120} height={20} active ctx={s.ctx} podKey={key} />, 120, 21);
    unmounts.push(r.unmount);
    await settle();
    const header = r.lastFrame().split('\n')[0];
    expect(header).toContain(`  ${status}  ${ready}`);
    if (status !== 'Running') expect(header).not.toMatch(/ Running /);
  });

  it('counts restarts in the header of a crash-looping pod', async () => {
    const s = await scenarioContext();
    const key = podKey(s, 'legacy/port-clash');
    const restarts = podRow(s.store.get('pods', key)!, DEMO_NOW).restarts;
    expect(restarts).toBeGreaterThan(0);
    const r = renderSized(<PodView width={120} height={20} active ctx={s.ctx} podKey={key} />, 120, 21);
    unmounts.push(r.unmount);
    await settle();
    expect(r.lastFrame().split('\n')[0]).toContain(`↻${restarts}`);
  });
});

describe('Summary panel status', () => {
  it('legacy/port-clash: Phase Running and, under it, Status CrashLoopBackOff', async () => {
    const s = await scenarioContext();
    const key = podKey(s, 'legacy/port-clash');
    const r = renderSized(<PodView width={60} height={20} active ctx={s.ctx} podKey={key} panel="summary" />, 60, 21);
    unmounts.push(r.unmount);
    await settle();
    const lines = r.lastFrame().split('\n');
    const phase = lines.findIndex((l) => /^Phase\s+Running/.test(l));
    expect(phase).toBeGreaterThan(0);
    expect(lines[phase + 1]).toMatch(/^Status\s+CrashLoopBackOff\s+ready 1\/2/);
  });

  it('a healthy pod has no Status line (it would repeat the phase)', async () => {
    const s = await scenarioContext();
    const r = renderSized(<PodView width={60} height={20} active ctx={s.ctx} podKey={podKey(s, 'shop/web-')} panel="summary" />, 60, 21);
    unmounts.push(r.unmount);
    await settle();
    expect(r.lastFrame()).not.toMatch(/^Status /m);
  });
});
