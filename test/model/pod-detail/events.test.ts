import { describe, expect, it } from 'vitest';
import { eventRows } from '../../../src/model/pod-detail/events.js';
import { iso, NOW, unhealthy } from './fixtures.js';

describe('eventRows', () => {
  it('orders newest first and names the container from the fieldPath', () => {
    const rows = eventRows(
      [
        { reason: 'Scheduled', type: 'Normal', message: 'assigned', involvedObject: { kind: 'Pod' }, lastTimestamp: iso(900) },
        unhealthy('Readiness', 'app', 'timeout', 30, 12),
        { reason: 'Pulled', type: 'Normal', involvedObject: { kind: 'Pod', fieldPath: 'spec.initContainers{init}' }, eventTime: iso(600), series: { count: 3, lastObservedTime: iso(60) } },
      ],
      NOW,
    );
    expect(rows.map((r) => `${r.reason} ${r.subject} ${r.count} ${r.age}`)).toEqual([
      'Unhealthy container app 12 30s',
      'Pulled container init 3 60s',
      'Scheduled Pod 1 15m',
    ]);
  });

  it('never throws on odd events', () => {
    expect(eventRows([null as never, 3 as never, { count: 'x', involvedObject: 5 } as never], NOW)).toHaveLength(1);
    expect(eventRows(undefined, NOW)).toEqual([]);
  });
});
