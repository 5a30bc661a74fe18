// How a severity looks. Meaning never rests on colour alone: each severity has a glyph and a
// word, so the mono theme and colour-blind readers lose nothing.
import type { Severity } from '../../analysis/types.js';
import type { Theme } from './theme.js';

const GLYPH: Record<Severity, string> = { error: '✖', warning: '▲', info: '●' };
const LABEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'info' };

export function severityGlyph(s: Severity): string {
  return GLYPH[s] ?? '?';
}

export function severityLabel(s: Severity): string {
  return LABEL[s] ?? String(s);
}

/** The palette colour for a severity ('' in mono themes: pair it with the glyph). */
export function severityColor(theme: Theme, s: Severity): string {
  return s === 'error' ? theme.palette.error : s === 'warning' ? theme.palette.warning : theme.palette.info;
}
