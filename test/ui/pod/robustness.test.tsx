// SPEC R8/R10: malformed pods in the store, hostile text, any size: the views render and
// never throw.
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LiveAnalysis } from '../../../src/analysis/engine.js';
import { ObjectStore } from '../../../src/cluster/store.js';
import type { KubeObject } from '../../../src/model/kube.js';
import type { AppContext } from '../../../src/ui/app-context.js';
import { displayWidth } from '../../../src/ui/components/cell-text.js';
import { ContainerView } from '../../../src/ui/container/ContainerView.js';
import { KeyRouter } from '../../../src/ui/keys/KeyRouter.js';
import { PodView } from '../../../src/ui/pod/PodView.js';
import { MALFORMED } from '../../model/pod-detail/fixtures.js';
import { portClashPod } from '../../model/pod-detail/fixtures.js';
import { podKey, scenarioContext } from './scenario-context.js';
import { ENTER, TAB, press, renderSized, settle } from './render-sized.js';

let unmounts: (() => void)[] = [];
afterEach(() => {
  for (const u of unmounts) u();
  unmounts = [];
});

function contextFor(pods: KubeObject[]): AppContext {
  const store = new ObjectStore({ flushMs: 0 });
  store.replaceAll('pods', pods);
  store.flush();
  return {
    store,
    analysis: new LiveAnalysis(store, { now: () => 0 }),
    overlay: true,
    now: () => Date.parse('2026-01-10T12:00:00Z'),
    nav: { push() {}, pop() {} },
    setBindings() {},
  };
}

function withName(body: unknown, i: number): KubeObject {
  const o = body !== null && typeof body === 'object' && !Array.isArray(body) ? { ...(body as object) } : {};
  return { ...o, metadata: { name: `bad-${i}`, namespace: 'x' } } as KubeObject;
}

function expectInside(frame: string, width: number, height: number) {
  const lines = frame.split('\n');
  expect(lines.length).toBeLessThanOrEqual(height);
  for (const l of lines) expect(displayWidth(l), l).toBeLessThanOrEqual(width);
}

describe('views on malformed pods', () => {
  it('render every panel at once (grid) for each malformed case', async () => {
    const pods = MALFORMED.map(withName);
    const ctx = contextFor(pods);
    for (let i = 0; i < pods.length; i++) {
      const r = renderSized(<PodView width={150} height={30} active ctx={ctx} podKey={`x/bad-${i}`} />, 150, 31);
      unmounts.push(r.unmount);
      await settle();
      expectInside(r.lastFrame(), 150, 30);
      expect(r.lastFrame()).toContain(`x/bad-${i}`);
    }
  });

  it('survive random spec and status values', async () => {
    await fc.assert(
      fc.asyncProperty(fc.anything(), fc.anything(), async (spec, status) => {
        const ctx = contextFor([{ metadata: { name: 'r', namespace: 'x' }, spec, status } as KubeObject]);
        const r = renderSized(<PodView width={150} height={30} active ctx={ctx} podKey="x/r" />, 150, 31);
        await settle();
        expectInside(r.lastFrame(), 150, 30);
        r.unmount();
      }),
      { numRuns: 25 },
    );
  });

  it('show hostile names and messages inert, wide characters within the width', async () => {
    const pod = portClashPod() as KubeObject & ReturnType<typeof portClashPod>;
    pod.metadata = { name: 'evil', namespace: 'x', labels: { 'a\u202e': 'b\u001b[31m' } };
    pod.spec!.containers[0].name = 'w\u001b]52;c;SGVsbG8=\u0007eb';
    pod.spec!.containers[0].image = '日本語のイメージ:1';
    const ctx = contextFor([pod]);
    const r = renderSized(<PodView width={60} height={20} active ctx={ctx} podKey="x/evil" panel="containers" />, 60, 21);
    unmounts.push(r.unmount);
    await settle();
    const frames = [r.lastFrame()];
    for (let i = 0; i < 6; i++) {
      await press(r.stdin, TAB);
      frames.push(r.lastFrame());
    }
    for (const f of frames) {
      expectInside(f, 60, 20);
      expect(f).not.toContain('\u001b]52');
      expect(f).not.toContain('\u202e');
    }
    expect(frames.join('\n')).toContain('\\x1b]52');
    expect(frames[0]).toContain('日本');
  });
});

describe('any size', () => {
  it('stays inside width × height for random sizes and panels', async () => {
    const s = await scenarioContext();
    const key = podKey(s, 'legacy/port-clash');
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1, max: 60 }), fc.constantFrom('summary', 'containers', 'network', 'volumes', 'probes', 'events', 'advice'), async (width, height, panel) => {
        const r = renderSized(<PodView width={width} height={height} active ctx={s.ctx} podKey={key} panel={panel} />, width, height + 1);
        await settle();
        expectInside(r.lastFrame(), width, height);
        r.unmount();
        const c = renderSized(<ContainerView width={width} height={height} active ctx={s.ctx} podKey={key} container="api" />, width, height + 1);
        await settle();
        expectInside(c.lastFrame(), width, height);
        c.unmount();
      }),
      { numRuns: 12 },
    );
  });
});

describe('inside the shell key router', () => {
  it('keys reach the view through the dispatcher, and the container view gets them once', async () => {
    const s = await scenarioContext();
    const key = podKey(s, 'legacy/port-clash');
    const r = renderSized(
      <KeyRouter>
        <PodView width={100} height={20} active ctx={s.ctx} podKey={key} panel="containers" />
      </KeyRouter>,
      100,
      21,
    );
    unmounts.push(r.unmount);
    await settle();
    await press(r.stdin, 'j', ENTER);
    expect(s.pushed).toEqual([{ view: 'container', key, container: 'api' }]);
    const c = renderSized(
      <KeyRouter>
        <ContainerView width={100} height={20} active ctx={s.ctx} podKey={key} container="api" />
      </KeyRouter>,
      100,
      21,
    );
    unmounts.push(c.unmount);
    await settle();
    await press(c.stdin, 'l');
    expect(s.pushed.at(-1)).toEqual({ view: 'logs', key, container: 'api', previous: false });
  });
});
