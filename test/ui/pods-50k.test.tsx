// The Pods view at 50,000 pods: the frame holds only what fits, and a cursor move or a
// filter keystroke re-renders only the visible rows.
import { describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { PodsView } from '../../src/ui/pods/PodsView.js';
import { ObjectStore } from '../../src/cluster/store.js';
import { KeyRouter } from '../../src/ui/keys/KeyRouter.js';
import { NOW, makePod } from './fixtures/pods.js';
import { testContext, waitFor } from './fixtures/context.js';

describe('Pods view at 50,000 pods', () => {
  it('renders a frame of the given height, moves and filters', async () => {
    const store = new ObjectStore({ flushMs: 0 });
    store.replaceAll(
      'pods',
      Array.from({ length: 50_000 }, (_, i) => makePod({ ns: `team-${i % 100}`, name: `svc-${String(i).padStart(5, '0')}`, ageMin: i % 500 })),
    );
    store.flush();
    const analysis = { findingsForPod: () => [], adviceForPod: () => ({ count: 0 }), countsForPod: () => ({ error: 0, warning: 0, info: 0, ignored: 0 }), all: () => [], summary: () => ({ error: 0, warning: 0, info: 0, ignored: 0 }) };
    const ctx = testContext(store, analysis, NOW);
    const r = render(
      <KeyRouter>
        <PodsView ctx={ctx} width={120} height={30} active={true} />
      </KeyRouter>,
    );
    const lines = () => r.lastFrame()!.split('\n');
    expect(lines()).toHaveLength(30);
    expect(lines()[0]).toContain('Pods(all)[50,000/50,000]');
    expect(lines()[2]).toContain('svc-00000');

    r.stdin.write('G');
    await waitFor(() => expect(lines()[29]).toContain('svc-49999'));
    expect(lines()).toHaveLength(30);

    // One filter keystroke over 50,000 pods.
    r.stdin.write('/');
    r.stdin.write('svc-4999');
    await waitFor(() => expect(lines()[0]).toContain('[10/50,000]'));
    expect(lines()).toHaveLength(30);
    r.unmount();
  }, 30_000);
});
