import { describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { HelpView, helpLines } from '../../src/ui/shell/HelpView.js';
import type { Binding } from '../../src/ui/keys/keymap.js';

describe('Help view', () => {
  it('keeps a gap between the longest key list and its description', () => {
    const view: Binding[] = [
      { keys: ['pagedown', 'ctrl+f'], command: 'page-down', description: 'next page' },
      { keys: ['j'], command: 'down', description: 'next pod' },
    ];
    const lines = helpLines('Pods view', view, []);
    const { lastFrame } = render(<HelpView width={80} height={10} lines={lines} scroll={0} />);
    const row = (lastFrame() ?? '').split('\n').find((l) => l.includes('next page')) ?? '';
    expect(row).toMatch(/ctrl\+f\s{2,}next page/);
  });
});
