// SPEC R8: every field of a pod may be missing, null or of the wrong type. The model must
// answer something sensible and never throw.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ObjectStore } from '../../../src/cluster/store.js';
import { containerRows } from '../../../src/model/pod-detail/containers.js';
import { containerDetail } from '../../../src/model/pod-detail/container-detail.js';
import { eventRows } from '../../../src/model/pod-detail/events.js';
import { probeStates } from '../../../src/model/pod-detail/probe-states.js';
import { sharedPortSpace } from '../../../src/model/pod-detail/shared-port-space.js';
import { podSummary } from '../../../src/model/pod-detail/summary.js';
import { volumeMatrix } from '../../../src/model/pod-detail/volume-matrix.js';
import { MALFORMED, NOW, flakyPod, logShipperPod, portClashPod } from './fixtures.js';

function everything(pod: unknown) {
  const p = pod as never;
  const store = new ObjectStore({ flushMs: 0 });
  podSummary(p, store, NOW);
  const rows = containerRows(p);
  sharedPortSpace(p);
  volumeMatrix(p, new Map());
  probeStates(p, [p], NOW);
  eventRows([p], NOW);
  for (const r of rows) containerDetail(p, r.name, { now: NOW, events: [p] });
}

describe('pod-detail on malformed pods', () => {
  it.each(MALFORMED.map((m, i) => [i, m]))('case %i does not throw', (_i, pod) => {
    expect(() => everything(pod)).not.toThrow();
  });

  it('keeps what it can read from a partly broken pod', () => {
    const rows = sharedPortSpace(MALFORMED[7] as never).rows;
    expect(rows.map((r) => r.port)).toEqual([undefined, 80]);
    expect(rows[1].protocol).toBe('TCP');
  });

  it('survives random values grafted into real pods', () => {
    const paths = [
      ['spec'], ['status'], ['spec', 'containers'], ['spec', 'volumes'], ['status', 'containerStatuses'],
      ['spec', 'containers', 0], ['spec', 'containers', 0, 'ports'], ['spec', 'containers', 0, 'readinessProbe'],
      ['status', 'containerStatuses', 0, 'state'], ['metadata', 'ownerReferences'], ['status', 'podIPs'],
    ];
    fc.assert(
      fc.property(fc.constantFrom(portClashPod, flakyPod, logShipperPod), fc.constantFrom(...paths), fc.anything(), (make, path, value) => {
        const pod = make() as Record<string, unknown>;
        let at: Record<string | number, unknown> = pod;
        for (const step of path.slice(0, -1)) {
          const next = at[step];
          if (next === null || typeof next !== 'object') return;
          at = next as Record<string | number, unknown>;
        }
        at[path[path.length - 1]] = value;
        everything(pod);
      }),
      { numRuns: 300 },
    );
  });
});
