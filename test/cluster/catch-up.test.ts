// After a list, the watch replays what changed while the list ran. The header must not say
// `live` while that backlog is still being applied: `catching-up` until the watch has passed
// the server's resourceVersion as it stood when the list ended, or has nothing left to send.
import { KubeConfig } from '@kubernetes/client-node';
import { afterEach, describe, expect, it } from 'vitest';
import type { ListOptions, ListPage, ReadOnlyApi, WatchEvent, WatchOptions } from '../../src/cluster/api.js';
import { KubeReadOnlyApi } from '../../src/cluster/api.js';
import { CATCH_UP_FIRST_EVENT_MS, CATCH_UP_QUIET_MS, comparableVersion, Reflector } from '../../src/cluster/reflector.js';
import { ObjectStore } from '../../src/cluster/store.js';
import { buildDataset } from '../../src/demo/dataset.js';
import { startDemoServer, type DemoServer } from '../../src/demo/server.js';
import { DemoWorld } from '../../src/demo/world.js';
import type { KubeObject, ResourceKind } from '../../src/model/kube.js';
import type { SyncState } from '../../src/model/store-view.js';
import { eventually, ScriptedListWatch, storeMatches, testPod, versionsOf } from './fixtures.js';

function pod(name: string, rv: string): KubeObject {
  const p = testPod('shop', name);
  return { ...p, metadata: { ...p.metadata, resourceVersion: rv } };
}

/**
 * A server in a script: the list answers at `listedAt`, the version probe at `now`, and the
 * watch sends `events` one by one (`gapMs` apart, the first after `firstGapMs`), then stays
 * open until stopped.
 */
class ScriptedApi extends ScriptedListWatch {
  probes = 0;
  constructor(
    private readonly listedAt: string,
    /** The server's version at each probe; the last one answers every later probe. */
    private readonly now: string | string[],
    private readonly events: WatchEvent[],
    private readonly gapMs = 20,
    private readonly firstGapMs = gapMs,
    /** Holds the event loop this long after the first event, as a long frame would. */
    private readonly holdMs = 0,
  ) {
    super();
  }
  async list(_kind: ResourceKind, opts: ListOptions = {}): Promise<ListPage> {
    if (opts.limit === 1) {
      const versions = typeof this.now === 'string' ? [this.now] : this.now;
      const resourceVersion = versions[Math.min(this.probes, versions.length - 1)];
      this.probes++;
      return { items: [pod('web-0', '1')], resourceVersion, continue: 'more' };
    }
    return { items: [pod('web-0', '1'), pod('web-1', '2')], resourceVersion: this.listedAt };
  }
  async watch(_kind: ResourceKind, opts: WatchOptions, onEvent: (event: WatchEvent) => void): Promise<void> {
    opts.onOpen?.();
    for (const [i, event] of this.events.entries()) {
      await new Promise((resolve) => setTimeout(resolve, i === 0 ? this.firstGapMs : this.gapMs));
      if (opts.signal?.aborted) return;
      onEvent(event);
      if (i === 0 && this.holdMs) for (const until = Date.now() + this.holdMs; Date.now() < until; );
    }
    await new Promise((resolve) => opts.signal?.addEventListener('abort', resolve, { once: true }));
  }
}

/** Every state the reflector sets, as it sets it (batches would merge states set in one tick). */
function onState(store: ObjectStore, seen: (phase: SyncState['phase']) => void): void {
  const setState = store.setState.bind(store);
  store.setState = (kind, state) => {
    setState(kind, state);
    if (kind === 'pods') seen(state.phase);
  };
}

const modified = (name: string, rv: string): WatchEvent => ({ type: 'MODIFIED', object: pod(name, rv) });

/** Runs a reflector over `api` until live; returns the phases it went through and what the store held at live. */
async function untilLive(api: ReadOnlyApi): Promise<{ phases: SyncState['phase'][]; atLive: string[]; liveAfterMs: number }> {
  const store = new ObjectStore({ flushMs: 0 });
  const phases: SyncState['phase'][] = [];
  let atLive: string[] = [];
  onState(store, (phase) => {
    if (phases[phases.length - 1] !== phase) phases.push(phase);
    if (phase === 'live') atLive = versionsOf(store.list('pods'));
  });
  const reflector = new Reflector({ api, store, kind: 'pods' });
  const started = Date.now();
  reflector.start();
  try {
    await eventually(() => store.state('pods').phase === 'live', 5_000, 'live');
    return { phases, atLive, liveAfterMs: Date.now() - started };
  } finally {
    await reflector.stop();
    store.close();
  }
}

const running: DemoServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
});

describe('catching up after a list', () => {
  it('says catching up while the watch replays the changes made during the list, and live once it has passed them', async () => {
    const api = new ScriptedApi('10', '13', [modified('web-0', '11'), modified('web-1', '12'), modified('web-0', '13')]);
    const { phases, atLive } = await untilLive(api);
    expect(phases).toEqual(['syncing', 'catching-up', 'live']);
    // Live means the screen shows the server as it was when the list ended: the last change is in.
    expect(atLive).toEqual(['shop/web-0@13', 'shop/web-1@12']);
  });

  it("reaching the version of the list's end late (changes kept coming meanwhile): asks the server again, and is live only once within a second of it", async () => {
    const events = ['11', '12', '13', '14', '15', '16', '17'].map((rv, i) => modified(`web-${i % 2}`, rv));
    // 250 ms apart: the list's end (15) is reached 1.25 s after it was asked for; then 17, 0.5 s after.
    const api = new ScriptedApi('10', ['15', '17'], events, 250);
    const { phases, atLive } = await untilLive(api);
    expect(phases).toEqual(['syncing', 'catching-up', 'live']);
    expect(api.probes).toBe(2);
    expect(atLive).toEqual(['shop/web-0@17', 'shop/web-1@16']);
  });

  it('a bookmark at or past the target ends the catching up', async () => {
    const bookmark: WatchEvent = { type: 'BOOKMARK', object: { kind: 'Pod', apiVersion: 'v1', metadata: { resourceVersion: '40' } } };
    const { phases, atLive } = await untilLive(new ScriptedApi('10', '30', [modified('web-1', '11'), bookmark]));
    expect(phases).toEqual(['syncing', 'catching-up', 'live']);
    expect(atLive).toEqual(['shop/web-0@1', 'shop/web-1@11']);
  });

  it('when the last change of the kind is below the target (another kind moved the version), live once the watch goes quiet', async () => {
    const { phases, atLive, liveAfterMs } = await untilLive(new ScriptedApi('10', '99', [modified('web-1', '11'), modified('web-0', '12')]));
    expect(phases).toEqual(['syncing', 'catching-up', 'live']);
    expect(atLive).toEqual(['shop/web-0@12', 'shop/web-1@11']);
    expect(liveAfterMs).toBeGreaterThanOrEqual(CATCH_UP_QUIET_MS);
  });

  it('a server slow to start its replay is waited for (the first event gets longer than the gaps after it)', async () => {
    const slow = CATCH_UP_QUIET_MS * 2;
    expect(slow).toBeLessThan(CATCH_UP_FIRST_EVENT_MS);
    const { phases, atLive } = await untilLive(new ScriptedApi('10', '12', [modified('web-1', '11'), modified('web-0', '12')], 20, slow));
    expect(phases).toEqual(['syncing', 'catching-up', 'live']);
    expect(atLive).toEqual(['shop/web-0@12', 'shop/web-1@11']);
  });

  it('an event loop held by other work (a frame, an analysis pass) is not taken for a quiet watch', async () => {
    const held = CATCH_UP_QUIET_MS * 2 + 100;
    const { phases, atLive } = await untilLive(new ScriptedApi('10', '13', [modified('web-0', '11'), modified('web-1', '12'), modified('web-0', '13')], 20, 20, held));
    expect(phases).toEqual(['syncing', 'catching-up', 'live']);
    expect(atLive).toEqual(['shop/web-0@13', 'shop/web-1@12']);
  });

  it('nothing changed during the list: live at once', async () => {
    const api = new ScriptedApi('10', '10', [modified('web-1', '11')], 400);
    const { phases, atLive } = await untilLive(api);
    expect(phases).toEqual(['syncing', 'live']);
    expect(atLive).toEqual(['shop/web-0@1', 'shop/web-1@2']);
    expect(api.probes).toBe(1);
  });

  it('versions that are not numbers are never compared: live at once, as before', async () => {
    const { phases } = await untilLive(new ScriptedApi('abc', 'abd', [modified('web-1', 'abe')], 400));
    expect(phases).toEqual(['syncing', 'live']);
    expect(comparableVersion('abc')).toBeUndefined();
    expect(comparableVersion('')).toBeUndefined();
    expect(comparableVersion('12345678901234567890')).toBe(12345678901234567890n);
  });

  it('against the demo server: changes made while the list ran are all on screen when it says live', async () => {
    const world = DemoWorld.fromDataset(await buildDataset({ now: new Date(), pods: 300 }));
    const server = await startDemoServer({ world });
    running.push(server);
    const kc = new KubeConfig();
    kc.loadFromFile(server.kubeconfigPath);
    const real = new KubeReadOnlyApi(kc, kc.getCurrentContext());
    // The list's last page is served; then 200 pods change before the reflector asks again.
    const api: ReadOnlyApi = {
      contextName: real.contextName,
      server: real.server,
      list: async (kind, opts) => {
        const page = await real.list(kind, opts);
        if (opts?.limit !== 1 && !page.continue) {
          for (const p of world.list('pods').slice(0, 200)) world.upsert('pods', { ...p, metadata: { ...p.metadata, labels: { ...p.metadata?.labels, touched: 'yes' } } });
        }
        return page;
      },
      watch: (kind, opts, onEvent) => real.watch(kind, opts, onEvent),
      get: (kind, namespace, name, signal) => real.get(kind, namespace, name, signal),
      podLogs: (opts, onChunk, signal) => real.podLogs(opts, onChunk, signal),
      servesApi: (group, version, signal) => real.servesApi(group, version, signal),
    };
    const store = new ObjectStore({ flushMs: 0 });
    const phases: SyncState['phase'][] = [];
    let equalAtLive: boolean | undefined;
    onState(store, (phase) => {
      if (phases[phases.length - 1] !== phase) phases.push(phase);
      if (phase === 'live' && equalAtLive === undefined) equalAtLive = storeMatches(store, 'pods', world.list('pods'));
    });
    const reflector = new Reflector({ api, store, kind: 'pods', pageSize: 50 });
    reflector.start();
    try {
      await eventually(() => store.state('pods').phase === 'live', 10_000, 'live');
    } finally {
      await reflector.stop();
      store.close();
    }
    expect(phases).toEqual(['syncing', 'catching-up', 'live']);
    expect(equalAtLive).toBe(true);
  });
});
