// The header's findings summary walks every pod: it waits while keys arrive (keys first), and
// publishes once they stop.
import { describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { Text } from 'ink';
import { ObjectStore } from '../../src/cluster/store.js';
import { useFindingsSummary } from '../../src/ui/shell/use-findings-summary.js';
import type { AnalysisLike } from '../../src/ui/app-context.js';
import { NOW, makePod } from './fixtures/pods.js';
import { tick, waitFor } from './fixtures/context.js';

function Summary(props: { store: ObjectStore; analysis: AnalysisLike; sinceLastKey: () => number }) {
  const s = useFindingsSummary(props.store, props.analysis, props.store.version, 0, props.sinceLastKey);
  return <Text>{s ? `errors ${s.error} warnings ${s.warning}` : 'no summary'}</Text>;
}

describe('findings summary', () => {
  it('waits while keys arrive, then sums every pod', async () => {
    const store = new ObjectStore({ flushMs: 0 });
    store.replaceAll('pods', Array.from({ length: 50 }, (_, i) => makePod({ ns: 'team', name: `svc-${i}` })));
    store.setState('pods', { phase: 'live', since: NOW });
    store.flush();
    const asked: string[] = [];
    let walksEnded = 0;
    const analysis: AnalysisLike = {
      findingsForPod: () => [],
      countsForPod: (key) => {
        asked.push(key);
        return key.endsWith('-7') ? { error: 1, warning: 0, info: 0, ignored: 0 } : { error: 0, warning: 1, info: 0, ignored: 0 };
      },
      adviceForPod: () => ({ count: 0 }),
      endWalk: () => void walksEnded++,
      all: () => [],
      summary: () => ({ error: 0, warning: 0, info: 0, ignored: 0 }),
    };
    let typing = true;
    const r = render(<Summary store={store} analysis={analysis} sinceLastKey={() => (typing ? 0 : Number.POSITIVE_INFINITY)} />);
    await tick(400);
    expect(asked).toEqual([]); // not one pod analysed while keys arrive
    expect(r.lastFrame()).toBe('no summary');
    typing = false;
    await waitFor(() => expect(r.lastFrame()).toBe('errors 1 warnings 49'));
    expect(asked).toHaveLength(50);
    expect(walksEnded).toBe(1); // the analysis may drop what only helped this walk
    r.unmount();
  });

  it('lets the analysis drop its per-pass caches after every slice of a long walk, not only at its end', async () => {
    const store = new ObjectStore({ flushMs: 0 });
    store.replaceAll('pods', Array.from({ length: 40 }, (_, i) => makePod({ ns: 'team', name: `svc-${i}` })));
    store.setState('pods', { phase: 'live', since: NOW });
    store.flush();
    let asked = 0;
    const endedAfter: number[] = [];
    const analysis: AnalysisLike = {
      findingsForPod: () => [],
      countsForPod: () => {
        asked++;
        // A pod that takes 1 ms: the walk needs several slices.
        const until = Date.now() + 1;
        while (Date.now() < until);
        return { error: 0, warning: 1, info: 0, ignored: 0 };
      },
      adviceForPod: () => ({ count: 0 }),
      endWalk: () => void endedAfter.push(asked),
      all: () => [],
      summary: () => ({ error: 0, warning: 0, info: 0, ignored: 0 }),
    };
    const r = render(<Summary store={store} analysis={analysis} sinceLastKey={() => Number.POSITIVE_INFINITY} />);
    await waitFor(() => expect(r.lastFrame()).toBe('errors 0 warnings 40'));
    expect(endedAfter.length).toBeGreaterThan(2);
    expect(endedAfter.at(-1)).toBe(40);
    // Each call closes a slice: it comes after some pods and before the rest.
    expect(endedAfter.slice(0, -1).every((n) => n > 0 && n < 40)).toBe(true);
    r.unmount();
  });
});
