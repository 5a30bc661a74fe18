// The help screen, generated from the keymap: the current view's bindings, then the global
// ones. A key is described once, where it is bound.
import { Box, Text } from 'ink';
import type { Binding } from '../keys/keymap.js';
import { displayKey } from '../keys/keymap.js';
import { colorOf, useTheme } from '../theme/theme.js';
import { fitToWidth } from '../components/cell-text.js';

export interface HelpLine {
  keys: string;
  description: string;
  heading?: boolean;
}

/** The help screen's lines: a heading per section, one line per visible binding. */
export function helpLines(viewTitle: string, view: readonly Binding[], global: readonly Binding[]): HelpLine[] {
  const section = (title: string, bindings: readonly Binding[]): HelpLine[] => {
    const shown = bindings.filter((b) => !b.hidden);
    if (shown.length === 0) return [];
    return [
      { keys: title, description: '', heading: true },
      ...shown.map((b) => ({ keys: b.keys.map(displayKey).join(' '), description: b.description })),
    ];
  };
  // A global key the view binds itself is the view's (it had the key first).
  const viewKeys = new Set(view.flatMap((b) => b.keys));
  const globalShown = global.filter((b) => !b.keys.every((k) => viewKeys.has(k)));
  return [...section(viewTitle, view), ...section('Everywhere', globalShown)];
}

export function HelpView(p: { width: number; height: number; lines: HelpLine[]; scroll: number }) {
  const theme = useTheme();
  const keyWidth = Math.min(24, Math.max(8, ...p.lines.filter((l) => !l.heading).map((l) => l.keys.length + 4))); // indent 2 + gap 2
  const visible = Math.max(0, p.height - 1);
  const top = Math.max(0, Math.min(p.scroll, p.lines.length - visible));
  return (
    <Box flexDirection="column" width={p.width} height={p.height}>
      <Text bold color={colorOf(theme, 'accent')} wrap="truncate">
        {fitToWidth('Help — esc or ? to close, j/k to scroll, q to quit', p.width)}
      </Text>
      {p.lines.slice(top, top + visible).map((l, i) =>
        l.heading ? (
          <Text key={i} bold color={colorOf(theme, 'text')} wrap="truncate">
            {fitToWidth(l.keys, p.width)}
          </Text>
        ) : (
          <Text key={i} wrap="truncate">
            <Text color={colorOf(theme, 'accent')}>{fitToWidth(`  ${l.keys}`, keyWidth)}</Text>
            <Text color={colorOf(theme, 'text')}>{fitToWidth(l.description, Math.max(0, p.width - keyWidth))}</Text>
          </Text>
        ),
      )}
    </Box>
  );
}
