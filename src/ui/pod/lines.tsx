// The Pod and Container views draw everything as lines of styled segments, cut to the
// panel's width and sliced to its height before Ink sees them. That is what keeps every
// panel exactly inside its box at 40×12 as at 300×100 (SPEC R10), and lets a selected row
// be highlighted, which @alcalzone/ink-table cannot do (its `cell` does not know its row).
import { Box, Text } from 'ink';
import { colorOf, useTheme, type Palette } from '../theme/theme.js';
import { displayWidth, truncateToWidth } from '../components/cell-text.js';

export interface Seg {
  text: string;
  tone?: keyof Palette;
  bold?: boolean;
  dim?: boolean;
}

export type Line = Seg[];

export const seg = (text: string, tone?: keyof Palette, style: { bold?: boolean; dim?: boolean } = {}): Seg => ({
  text,
  tone,
  ...style,
});

export function lineWidth(line: Line): number {
  let w = 0;
  for (const s of line) w += displayWidth(s.text);
  return w;
}

/** Cuts a line to `width` columns; the last visible segment ends in `…` when anything was cut. */
export function fitLine(line: Line, width: number): Line {
  if (width <= 0) return [];
  if (lineWidth(line) <= width) return line;
  const out: Line = [];
  let left = width;
  for (const s of line) {
    const w = displayWidth(s.text);
    if (w < left) {
      out.push(s);
      left -= w;
      continue;
    }
    // This segment reaches the edge: if it is the last one and fits exactly, keep it whole.
    out.push({ ...s, text: truncateToWidth(s.text + (w === left ? ' ' : ''), left) });
    break;
  }
  return out;
}

/** Plain text as wrapped lines of at most `width` columns, breaking at spaces when it can. */
export function wrapText(text: string, width: number, tone?: keyof Palette, indent = ''): Line[] {
  const room = Math.max(1, width - displayWidth(indent));
  const out: Line[] = [];
  for (const paragraph of text.split('\n')) {
    let rest = paragraph;
    do {
      let cut = rest;
      if (displayWidth(rest) > room) {
        const chars = Array.from(rest);
        let n = Math.min(chars.length, room);
        while (n > 0 && displayWidth(chars.slice(0, n).join('')) > room) n--;
        const space = chars.slice(0, n).lastIndexOf(' ');
        const at = space > room / 3 ? space : Math.max(1, n);
        cut = chars.slice(0, at).join('');
        rest = chars.slice(at).join('').replace(/^ /, '');
      } else {
        rest = '';
      }
      out.push([seg(indent), seg(cut, tone)]);
    } while (rest !== '');
  }
  return out;
}

/** One line, exactly `width` columns (padded), optionally shown as selected. */
export function LineView({ line, width, selected = false }: { line: Line; width: number; selected?: boolean }) {
  const theme = useTheme();
  const fitted = fitLine(line, width);
  const pad = Math.max(0, width - lineWidth(fitted));
  // Ink gives a Text of only blanks no height: an empty line must be a Box one row tall.
  if (pad === width && !selected) return <Box height={1} width={width} />;
  if (selected) {
    // One colour for the whole selected row: tones would fight the selection background.
    const text = fitted.map((s) => s.text).join('') + ' '.repeat(pad);
    return (
      <Text wrap="truncate-end" inverse={theme.mono} backgroundColor={colorOf(theme, 'selection')} color={colorOf(theme, 'selectionText')}>
        {text}
      </Text>
    );
  }
  // A bare Text per line (no Box around it): the line is already cut to `width`, and every
  // extra Yoga node costs layout time on each frame.
  return (
    <Text wrap="truncate-end">
      {fitted.map((s, i) => (
        <Text key={i} color={s.tone ? colorOf(theme, s.tone) : undefined} bold={s.bold} dimColor={s.dim}>
          {s.text}
        </Text>
      ))}
      {pad > 0 ? ' '.repeat(pad) : ''}
    </Text>
  );
}

/** A block of exactly `height` lines: the given ones, then blank lines. */
export function LinesBlock({ lines, width, height, selectedLine }: { lines: Line[]; width: number; height: number; selectedLine?: number }) {
  const rows = [];
  for (let i = 0; i < height; i++) {
    rows.push(<LineView key={i} line={lines[i] ?? []} width={width} selected={i === selectedLine} />);
  }
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      {rows}
    </Box>
  );
}
