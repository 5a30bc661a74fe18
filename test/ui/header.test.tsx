import { describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { Header } from '../../src/ui/header/Header.js';
import { syncText, syncTone } from '../../src/ui/header/sync-text.js';

describe('sync state text', () => {
  it('names every state the way the header shows it', () => {
    expect(syncText({ phase: 'syncing', loaded: 12_500, total: 50_000 })).toBe('syncing 12,500/50,000');
    expect(syncText({ phase: 'syncing', loaded: 500 })).toBe('syncing 500');
    expect(syncText({ phase: 'live', since: 0 })).toBe('live');
    expect(syncText({ phase: 'catching-up', since: 0 })).toBe('catching up…');
    const lost = new Date(2026, 10, 21, 3, 4, 5).getTime(); // local time, as the header shows it
    expect(syncText({ phase: 'reconnecting', since: lost, cause: 'connect ECONNREFUSED 127.0.0.1:6443', attempt: 3 })).toBe(
      'reconnecting… (connect ECONNREFUSED 127.0.0.1:6443) · stale since 03:04:05',
    );
    expect(syncText({ phase: 'forbidden', message: 'pods is forbidden at cluster scope', fallbackNamespace: 'team-a' })).toBe(
      'forbidden: pods is forbidden at cluster scope (showing namespace team-a)',
    );
    expect(syncText({ phase: 'failed', cause: 'x\x1b[2Jy' })).toBe('failed: x\\x1b[2Jy');
    expect(syncText({ phase: 'idle' })).toBe('connecting…');
    expect(syncTone({ phase: 'live', since: 0 })).toBe('ok');
    expect(syncTone({ phase: 'catching-up', since: 0 })).toBe('info');
    expect(syncTone({ phase: 'failed', cause: '' })).toBe('error');
  });
});

describe('Header', () => {
  it('shows context, namespace, pod count, sync state and the findings summary on one line', () => {
    const { lastFrame, unmount } = render(
      <Header
        width={120}
        context="prod\x1b]0;x\x07"
        namespace={undefined}
        pods={50_000}
        sync={{ phase: 'syncing', loaded: 12_500, total: 50_000 }}
        summary={{ error: 3, warning: 12, info: 40, ignored: 2 }}
        overlay={true}
      />,
    );
    expect(lastFrame()).toBe('podscope  ctx:prod\\x1b]0;x\\x07  ns:all  pods:50,000  syncing 12,500/50,000  ✖ 3 ▲ 12 ● 40');
    unmount();
  });

  it('never wraps on a narrow terminal', () => {
    const { lastFrame, unmount } = render(
      <Header width={40} context="a-very-long-context-name" namespace="shop" pods={3} sync={{ phase: 'live', since: 0 }} overlay={false} />,
    );
    expect(lastFrame()!.split('\n')).toHaveLength(1);
    unmount();
  });
});
