// The TUI's heap growing factor follows the store (cli/heap-tuning.ts): 1.3 at start-up and
// while the live pods change fast, 1.1 otherwise, from the first pods on (the sync's pages are
// no churn); the young generation is held from the first pods on too (not before: start-up
// and the first row would pay for it).
import { describe, expect, it } from 'vitest';
import { BUSY_HEAP_FLAG, QUIET_HEAP_FLAG, tuneHeapToActivity, YOUNG_GENERATION_FLAG } from '../../src/cli/heap-tuning.js';
import { ObjectStore } from '../../src/cluster/store.js';
import type { KubeObject } from '../../src/model/kube.js';

const pod = (name: string, rv: string): KubeObject => ({ kind: 'Pod', apiVersion: 'v1', metadata: { namespace: 'ns', name, uid: name, resourceVersion: rv } });

describe('heap tuning for the TUI', () => {
  it('stays tight through the sync, loosens while the live pods change fast, tightens again when they calm, and stops when told', () => {
    let clock = 0;
    const store = new ObjectStore({ flushMs: 0 });
    const set: string[] = [];
    const stop = tuneHeapToActivity(store, (flag) => set.push(flag), () => clock);
    // Before any pod: nothing set.
    store.setState('pods', { phase: 'syncing', loaded: 0 });
    store.flush();
    expect(set).toEqual([]);
    // Syncing: the first page holds the young generation and tightens the growing factor
    // (start-up kept the looser one, for the first row's sake); the pages after it are no churn.
    store.setState('pods', { phase: 'syncing', loaded: 250 });
    for (let i = 0; i < 250; i++) store.apply('pods', 'ADDED', pod(`p${i}`, '1'));
    store.flush();
    expect(set).toEqual([YOUNG_GENERATION_FLAG, QUIET_HEAP_FLAG]);
    for (let i = 250; i < 500; i++) store.apply('pods', 'ADDED', pod(`p${i}`, '1'));
    store.flush();
    expect(set).toEqual([YOUNG_GENERATION_FLAG, QUIET_HEAP_FLAG]);
    set.length = 0;
    // Live: the sync's 500 pages of pods do not count as churn, so it stays tight.
    clock += 1000;
    store.setState('pods', { phase: 'live', since: clock });
    store.flush();
    expect(set).toEqual([]);
    // Churn: 150 changes within the window loosen it.
    for (let i = 0; i < 150; i++) store.apply('pods', 'MODIFIED', pod(`p${i}`, '2'));
    store.flush();
    expect(set).toEqual([BUSY_HEAP_FLAG]);
    // Quiet again for the window: tightened again (the next batch says so, as the timer would).
    clock += 6000;
    store.setState('namespaces', { phase: 'live', since: clock });
    store.flush();
    expect(set).toEqual([BUSY_HEAP_FLAG, QUIET_HEAP_FLAG]);
    stop();
    for (let i = 0; i < 150; i++) store.apply('pods', 'MODIFIED', pod(`p${i}`, '3'));
    store.flush();
    expect(set).toEqual([BUSY_HEAP_FLAG, QUIET_HEAP_FLAG]);
  });
});
