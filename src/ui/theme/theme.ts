// The semantic palette every component draws with. Components never name a raw colour:
// they ask for `theme.palette.error`, so a theme file changes the whole look in one place.
import { createContext, useContext } from 'react';

export interface Palette {
  text: string;
  muted: string;
  accent: string;
  selection: string;
  selectionText: string;
  border: string;
  ok: string;
  warning: string;
  error: string;
  info: string;
}

export const PALETTE_KEYS: readonly (keyof Palette)[] = [
  'text',
  'muted',
  'accent',
  'selection',
  'selectionText',
  'border',
  'ok',
  'warning',
  'error',
  'info',
];

/**
 * A loaded theme. `mono` themes have '' for every colour and rely on bold, inverse and dim:
 * pass `colorOf(theme, 'error')` (undefined for '') to Ink so no colour is emitted.
 */
export interface Theme {
  name: string;
  palette: Palette;
  mono: boolean;
}

const EMPTY: Palette = {
  text: '',
  muted: '',
  accent: '',
  selection: '',
  selectionText: '',
  border: '',
  ok: '',
  warning: '',
  error: '',
  info: '',
};

/** The theme used before any file is read (tests, crash screens): no colours at all. */
export const MONO_THEME: Theme = { name: 'mono', palette: EMPTY, mono: true };

export const ThemeContext = createContext<Theme>(MONO_THEME);

export function useTheme(): Theme {
  return useContext(ThemeContext);
}

/** The colour for Ink's `color`/`backgroundColor` props: undefined when the theme has none. */
export function colorOf(theme: Theme, token: keyof Palette): string | undefined {
  const c = theme.palette[token];
  return c === '' ? undefined : c;
}
