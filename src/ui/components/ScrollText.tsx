// A scrollable block of plain lines (YAML, logs, long texts): renders only the lines that
// fit, each cut to the width. Lines must already be sanitised.
import { Box, Text } from 'ink';
import { colorOf, useTheme, type Palette } from '../theme/theme.js';
import { fitToWidth } from './cell-text.js';

export interface ScrollTextProps {
  lines: readonly string[];
  top: number;
  width: number;
  height: number;
  /** Lines with a highlight (search hits). */
  highlight?: (index: number) => boolean;
  tone?: keyof Palette;
}

/** Wraps a line into pieces of at most `width` columns (by code point; logs are mostly ASCII). */
export function wrapLine(line: string, width: number): string[] {
  if (width <= 0) return [''];
  const points = Array.from(line);
  if (points.length <= width) return [line];
  const out: string[] = [];
  for (let i = 0; i < points.length; i += width) out.push(points.slice(i, i + width).join(''));
  return out;
}

export function ScrollText(p: ScrollTextProps) {
  const theme = useTheme();
  const top = Math.max(0, Math.min(p.top, Math.max(0, p.lines.length - p.height)));
  const shown = p.lines.slice(top, top + p.height);
  return (
    <Box flexDirection="column" width={p.width} height={p.height}>
      {shown.map((line, i) => (
        <Text
          key={top + i}
          wrap="truncate"
          inverse={p.highlight?.(top + i) ?? false}
          color={colorOf(theme, p.tone ?? 'text')}
        >
          {fitToWidth(line, p.width)}
        </Text>
      ))}
    </Box>
  );
}
