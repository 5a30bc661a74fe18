// Keys as named commands. Every view declares its keys as Bindings (key names, a command,
// a description); the dispatcher routes key names to commands and the help screen is
// generated from the same lists, so a key is never described twice.
import type { Key } from 'ink';

export interface Binding {
  /** Key names: 'j', 'G', 'up', 'pageup', 'enter', 'esc', 'tab', 'shift+tab', 'ctrl+c', '/', ':' … */
  keys: string[];
  command: string;
  description: string;
  /** Routed but not listed in the help screen (aliases, debugging). */
  hidden?: boolean;
  /** One or two words for the footer's key hints (default: the description's first word). */
  hint?: string;
}

function specialKeyName(key: Key): string | undefined {
  if (key.upArrow) return 'up';
  if (key.downArrow) return 'down';
  if (key.leftArrow) return 'left';
  if (key.rightArrow) return 'right';
  if (key.pageUp) return 'pageup';
  if (key.pageDown) return 'pagedown';
  if (key.home) return 'home';
  if (key.end) return 'end';
  if (key.return) return 'enter';
  if (key.escape) return 'esc';
  if (key.tab) return key.shift ? 'shift+tab' : 'tab';
  if (key.backspace) return 'backspace';
  if (key.delete) return 'delete';
  return undefined;
}

function charName(ch: string): string | undefined {
  switch (ch) {
    case '\r':
    case '\n':
      return 'enter';
    case '\t':
      return 'tab';
    case '\x7f':
    case '\b':
      return 'backspace';
    case '\x1b':
      return 'esc';
  }
  // ctrl+letter inside a chunk ('web\x03' when typed fast) keeps its meaning: ctrl+c must quit.
  const c = ch.charCodeAt(0);
  if (c >= 1 && c <= 26) return `ctrl+${String.fromCharCode(c + 96)}`;
  // Other control characters inside a pasted chunk carry no key meaning.
  const code = ch.codePointAt(0) ?? 0;
  if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return undefined;
  return ch;
}

/**
 * The key names in one chunk of input, in order. Several keys typed quickly reach Ink's
 * useInput as one string ('jjj'), so a chunk is split into one name per character.
 */
export function keyNames(input: string, key: Key): string[] {
  if (key.ctrl && input.length === 1) return [`ctrl+${input.toLowerCase()}`];
  const special = specialKeyName(key);
  if (special) return [special];
  if (input === '') return [];
  const names: string[] = [];
  for (const ch of input) {
    const name = charName(ch);
    if (name !== undefined) names.push(name);
  }
  if (key.meta && names.length === 1 && names[0].length === 1) return [`alt+${names[0]}`];
  return names;
}

export function findBinding(bindings: readonly Binding[], name: string): Binding | undefined {
  for (const b of bindings) if (b.keys.includes(name)) return b;
  return undefined;
}

/** How a key name is shown in hints and help: `enter` → `⏎`, `pageup` → `PgUp`. */
export function displayKey(name: string): string {
  switch (name) {
    case 'enter':
      return '⏎';
    case 'up':
      return '↑';
    case 'down':
      return '↓';
    case 'left':
      return '←';
    case 'right':
      return '→';
    case 'pageup':
      return 'PgUp';
    case 'pagedown':
      return 'PgDn';
    case 'home':
      return 'Home';
    case 'end':
      return 'End';
    case ' ':
      return 'space';
    default:
      return name;
  }
}
