import { describe, expect, it } from 'vitest';
import { applyCommand, initialState } from '../../../src/ui/pod/view-state.js';

describe('applyCommand', () => {
  it('wraps panels both ways and jumps to events', () => {
    const s = initialState('ns/p', undefined);
    applyCommand(s, {}, 'prev-panel', undefined, 'ns/p');
    expect(s.panel).toBe('advice');
    applyCommand(s, {}, 'next-panel', undefined, 'ns/p');
    expect(s.panel).toBe('summary');
    applyCommand(s, {}, 'events', undefined, 'ns/p');
    expect(s.panel).toBe('events');
  });

  it('scrolls a plain panel within what the last frame could show', () => {
    const s = initialState('ns/p', 'events');
    const metrics = { events: { ids: [], maxScroll: 7, page: 5 } };
    applyCommand(s, metrics, 'bottom', undefined, 'ns/p');
    expect(s.scroll.events).toBe(7);
    applyCommand(s, metrics, 'page-up', undefined, 'ns/p');
    expect(s.scroll.events).toBe(3);
    applyCommand(s, metrics, 'down', undefined, 'ns/p');
    applyCommand(s, metrics, 'top', undefined, 'ns/p');
    expect(s.scroll.events).toBe(0);
    applyCommand(s, metrics, 'up', undefined, 'ns/p');
    expect(s.scroll.events).toBe(0);
  });

  it('moves a cursor over items, opens and closes a finding, asks for navigation', () => {
    const s = initialState('ns/p', 'advice');
    const metrics = { advice: { ids: ['f1', 'f2'], maxScroll: 0, page: 10 } };
    expect(applyCommand(s, metrics, 'down', undefined, 'ns/p')).toBeUndefined();
    applyCommand(s, metrics, 'down', undefined, 'ns/p');
    expect(s.cursor.advice).toBe(1);
    applyCommand(s, metrics, 'open', undefined, 'ns/p');
    expect([...s.expanded]).toEqual(['f2']);
    applyCommand(s, metrics, 'open', undefined, 'ns/p');
    expect(s.expanded.size).toBe(0);
    expect(applyCommand(s, metrics, 'yaml', undefined, 'ns/p')).toEqual({ push: { view: 'yaml', kind: 'pods', key: 'ns/p' } });
    expect(applyCommand(s, metrics, 'back', undefined, 'ns/p')).toEqual({ pop: true });
    // No container known: logs has nowhere to go.
    expect(applyCommand(s, metrics, 'logs', undefined, 'ns/p')).toBeUndefined();
  });
});
