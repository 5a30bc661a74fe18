// Key names → the bytes an xterm-256color terminal sends for them (normal cursor-key mode).

const NAMED_KEYS: Record<string, string> = {
  enter: '\r',
  return: '\r',
  esc: '\x1b',
  escape: '\x1b',
  tab: '\t',
  'shift+tab': '\x1b[Z',
  backspace: '\x7f',
  space: ' ',
  up: '\x1b[A',
  down: '\x1b[B',
  right: '\x1b[C',
  left: '\x1b[D',
  home: '\x1b[H',
  end: '\x1b[F',
  pageup: '\x1b[5~',
  pagedown: '\x1b[6~',
  delete: '\x1b[3~',
};

/**
 * The separate writes for one entry of `press`: a key name gives one write; `ctrl+X` gives the
 * control byte; anything else is literal text, one write per character (astral characters kept whole).
 */
export function keyBytes(key: string): string[] {
  const named = NAMED_KEYS[key.toLowerCase()];
  if (named !== undefined) return [named];
  const ctrl = /^ctrl\+([a-z@[\\\]^_])$/i.exec(key);
  if (ctrl) return [String.fromCharCode(ctrl[1]!.toUpperCase().charCodeAt(0) & 0x1f)];
  return Array.from(key);
}

export const KEY_NAMES: readonly string[] = Object.keys(NAMED_KEYS);
