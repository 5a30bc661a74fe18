// Going into a container, its logs or the YAML and coming back with esc: the Pod view is
// where it was (panel, cursor). And with no container chosen yet, l/p act on the container
// in trouble: port-clash's crash-looping `api`, whose previous log says why.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PodView } from '../../../src/ui/pod/PodView.js';
import { forgetViewStates } from '../../../src/ui/pod/view-memory.js';
import { podKey, scenarioContext, type ScenarioContext } from './scenario-context.js';
import { ENTER, TAB, press, renderSized, settle } from './render-sized.js';

let unmounts: (() => void)[] = [];
beforeEach(() => forgetViewStates());
afterEach(() => {
  for (const u of unmounts) u();
  unmounts = [];
});

async function mount(s: ScenarioContext, key: string) {
  const r = renderSized(<PodView width={140} height={39} active ctx={s.ctx} podKey={key} />, 140, 40);
  unmounts.push(r.unmount);
  await settle();
  return r;
}

describe('Pod view: the container l and p act on', () => {
  it('legacy/port-clash: p with nothing selected opens the previous log of api (crash-looping), not web', async () => {
    const s = await scenarioContext();
    const key = podKey(s, 'legacy/port-clash');
    const r = await mount(s, key);
    await press(r.stdin, 'p');
    expect(s.pushed.at(-1)).toEqual({ view: 'logs', key, container: 'api', previous: true });
  });

  it('a healthy pod (shop/api: api + log-shipper): l opens its main container', async () => {
    const s = await scenarioContext();
    const key = podKey(s, 'shop/api-');
    const r = await mount(s, key);
    await press(r.stdin, 'l');
    expect(s.pushed.at(-1)).toMatchObject({ view: 'logs', key, container: 'api' });
  });

  it('the Containers cursor starts on the container in trouble', async () => {
    const s = await scenarioContext();
    const key = podKey(s, 'legacy/port-clash');
    const r = await mount(s, key);
    await press(r.stdin, TAB, ENTER);
    expect(s.pushed.at(-1)).toEqual({ view: 'container', key, container: 'api' });
  });
});

describe('Pod view: back from a sub-view', () => {
  it('comes back on the same panel with the same cursor', async () => {
    const s = await scenarioContext();
    const key = podKey(s, 'legacy/monolith');
    const first = await mount(s, key);
    // Containers panel, third container, open it: the shell unmounts the Pod view.
    await press(first.stdin, TAB, 'g', 'j', 'j', ENTER);
    const opened = s.pushed.at(-1);
    expect(opened).toMatchObject({ view: 'container', key });
    first.unmount();
    // esc in the Container view: the shell mounts the Pod view again.
    const again = await mount(s, key);
    expect(again.lastFrame()).toMatch(/▶ Containers/);
    await press(again.stdin, ENTER);
    expect(s.pushed.at(-1)).toEqual(opened);
  });

  it('another pod starts afresh on Summary', async () => {
    const s = await scenarioContext();
    const r = await mount(s, podKey(s, 'legacy/monolith'));
    await press(r.stdin, TAB, TAB);
    expect(r.lastFrame()).toMatch(/▶ Network/);
    const other = await mount(s, podKey(s, 'legacy/debug'));
    expect(other.lastFrame()).toMatch(/▶ Summary/);
  });
});
