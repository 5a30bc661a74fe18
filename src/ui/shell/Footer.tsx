// The bottom line: the command line while typing one, else a message, else key hints from
// the current view's bindings (the same source as the help screen).
import { Text } from 'ink';
import type { Binding } from '../keys/keymap.js';
import { displayKey } from '../keys/keymap.js';
import { colorOf, useTheme } from '../theme/theme.js';
import { fitToWidth } from '../components/cell-text.js';
import { sanitize } from '../../model/sanitize.js';

export interface FooterProps {
  width: number;
  command?: string;
  message?: { text: string; tone: 'error' | 'info' };
  bindings: readonly Binding[];
}

// Moving around is the same everywhere and listed in help; hints are for what a view does.
const MOVEMENT = new Set(['j', 'k', 'g', 'G', 'up', 'down', 'pageup', 'pagedown', 'home', 'end']);

/** `? help  ⏎ open  / filter` from bindings, as many as fit. */
export function keyHints(bindings: readonly Binding[], width: number): string {
  let out = '';
  for (const b of bindings) {
    if (b.hidden || MOVEMENT.has(b.keys[0])) continue;
    const word = b.hint ?? b.description.split(/[ :(,;]/)[0];
    const hint = `${displayKey(b.keys[0])} ${word}`;
    const next = out ? `${out}  ${hint}` : hint;
    if (next.length > width) break;
    out = next;
  }
  return out;
}

export function Footer(p: FooterProps) {
  const theme = useTheme();
  if (p.command !== undefined) {
    return (
      <Text wrap="truncate" color={colorOf(theme, 'accent')}>
        {fitToWidth(`:${sanitize(p.command)}▏`, p.width)}
      </Text>
    );
  }
  if (p.message) {
    return (
      <Text wrap="truncate" color={colorOf(theme, p.message.tone)}>
        {fitToWidth(p.message.text, p.width)}
      </Text>
    );
  }
  return (
    <Text wrap="truncate" color={colorOf(theme, 'muted')}>
      {fitToWidth(keyHints(p.bindings, p.width), p.width)}
    </Text>
  );
}
