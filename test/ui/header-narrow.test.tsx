// On a narrow terminal the header keeps what matters at 2 a.m. (namespace, pod count, sync
// state, findings) and gives up the product name and the context first.
import { describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { Header } from '../../src/ui/header/Header.js';
import { displayWidth } from '../../src/ui/components/cell-text.js';

const summary = { error: 5, warning: 77, info: 34, ignored: 0 };

function line(width: number, props: Partial<Parameters<typeof Header>[0]> = {}) {
  const r = render(
    <Header width={width} context="podscope-demo" namespace={undefined} pods={27} sync={{ phase: 'live', since: 0 }} summary={summary} overlay {...props} />,
  );
  const out = r.lastFrame()!;
  r.unmount();
  return out;
}

describe('Header on narrow terminals', () => {
  it('wide: everything', () => {
    expect(line(100)).toBe('podscope  ctx:podscope-demo  ns:all  pods:27  live  ✖ 5 ▲ 77 ● 34');
  });

  it('60 columns: the name goes first, the findings stay', () => {
    expect(line(60)).toBe('ctx:podscope-demo  ns:all  pods:27  live  ✖ 5 ▲ 77 ● 34');
  });

  it('40 columns: sync state and the findings summary still shown whole', () => {
    const out = line(40);
    expect(displayWidth(out)).toBeLessThanOrEqual(40);
    expect(out).toBe('ns:all  27  live  ✖5 ▲77 ●34');
  });

  it('a long context is cut before the sync state is', () => {
    const out = line(56, { context: 'arn:aws:eks:eu-west-1:123456789012:cluster/prod' });
    expect(displayWidth(out)).toBeLessThanOrEqual(56);
    expect(out).toContain('live');
    expect(out).toContain('✖ 5 ▲ 77 ● 34');
  });

  it('never wider than the terminal, whatever the state says', () => {
    for (const width of [20, 30, 40, 300]) {
      const out = line(width, { sync: { phase: 'reconnecting', since: 0, cause: 'connect ECONNREFUSED 127.0.0.1:6443', attempt: 3 } });
      expect(out.split('\n')).toHaveLength(1);
      expect(displayWidth(out)).toBeLessThanOrEqual(width);
    }
  });
});
