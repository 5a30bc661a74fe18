// The project's table for long lists: a fixed header and only the rows that fit on screen.
// Ink rebuilds the whole frame on every render at ~0.1 ms per row (FIELD-NOTES), so a table
// that rendered all 50,000 pods would take seconds per key; this one asks its data source for
// the visible slice and nothing else.
import { useContext, useImperativeHandle, useMemo, useRef, type RefObject } from 'react';
import { Box, Text } from 'ink';
import { colorOf, useTheme, type Palette, type Theme } from '../theme/theme.js';
import { fitToWidth } from './cell-text.js';
import { PaintedRegion, RowPainterContext } from './row-painter.js';
import { PaintedRows } from './PaintedRows.js';
import { styleText, type TextStyle } from './styled-text.js';

export interface TableColumn<R> {
  id: string;
  header: string;
  /** Fixed width in columns; flex columns share what is left. */
  width?: number;
  /** Share of the remaining width (default 1 when no width is given). */
  flex?: number;
  /** A flex column never gets fewer columns than this (unless the terminal is narrower). */
  minWidth?: number;
  align?: 'left' | 'right';
  render: (row: R) => string;
  /** Palette token for the cell's colour. */
  tone?: (row: R) => keyof Palette | undefined;
}

export interface WindowedTableProps<R> {
  columns: readonly TableColumn<R>[];
  rowCount: number;
  /** The rows [start, end) of the list, in display order. */
  rowsInRange: (start: number, end: number) => readonly R[];
  rowKey: (row: R) => string;
  cursor: number;
  width: number;
  /** Lines, the header included. */
  height: number;
  /** Shown in place of rows when the list is empty. */
  emptyText?: string;
  /** Filled with the table's imperative side (repaints without a render). */
  handle?: RefObject<WindowedTableHandle | null>;
  /**
   * Rows painted beside Ink only: a styled line drawn below the rows, in the table's last line
   * (the filter line). Ink's layout stays the same whether it is there or not, so showing it
   * needs no Ink frame; the rows above are one fewer, as when the caller makes the table shorter.
   */
  bottomLine?: string;
}

/** What the rows show, for a repaint between renders. */
export interface TableState {
  cursor: number;
  rowCount: number;
  bottomLine?: string;
}

export interface WindowedTableHandle {
  /**
   * Repaints the rows beside Ink for `state`, without a React render (and so without an Ink
   * frame: Ink draws nothing of them). False when the rows are not painted that way (tests, a
   * hidden view): the caller re-renders instead.
   */
  repaint(state: TableState): boolean;
}

const GAP = 1;
/** Printable ASCII only: string-width's fast path. */
const PLAIN = /^[\x20-\x7e]*$/;

/** Column widths for a total width: fixed columns as given, flex columns share the rest. */
export function layoutColumns(columns: readonly { width?: number; flex?: number; minWidth?: number }[], total: number): number[] {
  const gaps = Math.max(0, columns.length - 1) * GAP;
  let fixed = 0;
  let flexSum = 0;
  for (const c of columns) {
    if (c.width !== undefined) fixed += c.width;
    else flexSum += c.flex ?? 1;
  }
  const free = Math.max(0, total - gaps - fixed);
  const widths = columns.map((c) => c.width ?? 0);
  if (flexSum > 0) {
    const flexIdx = columns.map((c, i) => (c.width === undefined ? i : -1)).filter((i) => i >= 0);
    let left = free;
    flexIdx.forEach((i, n) => {
      const share = n === flexIdx.length - 1 ? left : Math.floor((free * (columns[i].flex ?? 1)) / flexSum);
      widths[i] = Math.max(0, share);
      left -= widths[i];
    });
    // Give minimum widths from the widest flex column's surplus.
    for (const i of flexIdx) {
      const min = columns[i].minWidth ?? 0;
      while (widths[i] < min) {
        let donor = -1;
        for (const j of flexIdx) if (j !== i && widths[j] > (columns[j].minWidth ?? 0) && (donor < 0 || widths[j] > widths[donor])) donor = j;
        if (donor < 0) break;
        widths[donor]--;
        widths[i]++;
      }
    }
  }
  return widths;
}

/** First visible row so that `cursor` stays in view, moving as little as possible from `previous`. */
export function scrollOffset(previous: number, cursor: number, visible: number, count: number): number {
  if (visible <= 0 || count <= 0) return 0;
  let top = previous;
  if (cursor < top) top = cursor;
  if (cursor >= top + visible) top = cursor - visible + 1;
  return Math.max(0, Math.min(top, Math.max(0, count - visible)));
}

/** A row as runs of text: consecutive plain cells without a tone are joined. */
interface Run {
  text: string;
  tone?: keyof Palette;
  plain: boolean;
}

function rowRuns<R>(columns: readonly TableColumn<R>[], widths: readonly number[], width: number, row: R, selected: boolean): Run[] {
  const runs: Run[] = [];
  columns.forEach((c, i) => {
    const text = fitToWidth(c.render(row), widths[i], c.align) + (i < columns.length - 1 ? ' ' : '');
    const tone = selected ? undefined : c.tone?.(row);
    const plain = PLAIN.test(text);
    const last = runs[runs.length - 1];
    if (last && !tone && !last.tone && plain && last.plain) last.text += text;
    else runs.push({ text, tone, plain });
  });
  const used = widths.reduce((a, b) => a + b, 0) + Math.max(0, columns.length - 1) * GAP;
  if (used < width) runs.push({ text: ' '.repeat(width - used), plain: true });
  return runs;
}

function rowStyleOf(theme: Theme, selected: boolean): TextStyle {
  return selected
    ? {
        inverse: theme.mono || !theme.palette.selection,
        backgroundColor: colorOf(theme, 'selection'),
        color: colorOf(theme, 'selectionText'),
      }
    : { color: colorOf(theme, 'text') };
}

export function WindowedTable<R>(props: WindowedTableProps<R>) {
  const theme = useTheme();
  const painter = useContext(RowPainterContext);
  const region = useMemo(() => new PaintedRegion(), []);
  const { columns, rowCount, width, height } = props;
  const visible = Math.max(0, height - 1);
  const top = useRef(0);
  const widths = layoutColumns(columns, width);
  /** The first visible row for `cursor` and the rows from there. */
  const windowAt = (cursor: number, count: number, shown: number): readonly R[] => {
    top.current = scrollOffset(top.current, cursor, shown, count);
    return shown > 0 ? props.rowsInRange(top.current, Math.min(count, top.current + shown)) : [];
  };
  const clamp = (c: number, count: number) => Math.max(0, Math.min(c, count - 1));
  /** The painted lines: every visible row styled (or the empty text), blank lines, the bottom line. */
  const linesAt = (state: TableState): string[] => {
    const shown = Math.max(0, visible - (state.bottomLine !== undefined ? 1 : 0));
    const cursor = clamp(state.cursor, state.rowCount);
    const lines = windowAt(cursor, state.rowCount, shown).map((row, n) => {
      const selected = top.current + n === cursor;
      const runs = rowRuns(columns, widths, width, row, selected);
      const text = runs.map((r) => (r.tone ? styleText(r.text, { color: colorOf(theme, r.tone) }) : r.text)).join('');
      return styleText(text, rowStyleOf(theme, selected));
    });
    if (lines.length === 0 && shown > 0 && props.emptyText) lines.push(styleText(fitToWidth(props.emptyText, width), { color: colorOf(theme, 'muted') }));
    while (lines.length < shown) lines.push(' '.repeat(width));
    if (state.bottomLine !== undefined && visible > 0) lines.push(state.bottomLine);
    return lines;
  };
  // The latest render's closures: a repaint between renders paints with them.
  const latest = useRef(linesAt);
  latest.current = linesAt;
  useImperativeHandle(
    props.handle,
    () => ({
      repaint(state: TableState) {
        if (!painter || !painter.isShowing(region)) return false;
        painter.update(region, latest.current(state), region.width);
        return true;
      },
    }),
    [painter, region],
  );

  const cursor = clamp(props.cursor, rowCount);
  const header = columns.map((c, i) => fitToWidth(c.header, widths[i], c.align)).join(' ');
  const headerLine = (
    <Text bold color={colorOf(theme, 'muted')} wrap="truncate">
      {fitToWidth(header, width)}
    </Text>
  );
  const emptyLine = (
    <Text color={colorOf(theme, 'muted')} wrap="truncate">
      {fitToWidth(props.emptyText ?? '', width)}
    </Text>
  );
  if (painter) {
    // The rows go to the terminal beside Ink (row-painter.ts); Ink lays out an empty box for them.
    const lines = linesAt({ cursor, rowCount, bottomLine: props.bottomLine });
    return (
      <Box flexDirection="column" width={width} height={height}>
        {headerLine}
        <PaintedRows painter={painter} region={region} lines={lines} width={width} height={visible} />
      </Box>
    );
  }

  const rows = windowAt(cursor, rowCount, visible);
  const empty = rows.length === 0 && visible > 0 && props.emptyText;
  return (
    <Box flexDirection="column" width={width} height={height}>
      {headerLine}
      {empty ? emptyLine : null}
      {rows.map((row, n) => {
        const selected = top.current + n === cursor;
        const rowStyle = rowStyleOf(theme, selected);
        // Ink measures every text node of every frame with string-width, which is fast for
        // printable ASCII and ~20x slower (a grapheme segmenter) for a line with one glyph
        // in it (✖ 2, …). So a row is one Text while it is plain, and otherwise a line of
        // Texts where only the cells with such characters take the slow path.
        const runs = rowRuns(columns, widths, width, row, selected);
        const cells = (part: Run[]) =>
          part.map((r, i) =>
            r.tone ? (
              <Text key={i} color={colorOf(theme, r.tone)}>
                {r.text}
              </Text>
            ) : (
              r.text
            ),
          );
        if (runs.every((r) => r.plain)) {
          return (
            <Text key={props.rowKey(row)} wrap="truncate" {...rowStyle}>
              {cells(runs)}
            </Text>
          );
        }
        // Plain runs together, each cell with a glyph on its own.
        const groups: Run[][] = [];
        for (const r of runs) {
          const last = groups[groups.length - 1];
          if (last && r.plain && last[0].plain) last.push(r);
          else groups.push([r]);
        }
        return (
          <Box key={props.rowKey(row)} width={width} height={1} flexDirection="row">
            {groups.map((g, i) => (
              <Text key={i} wrap="truncate" {...rowStyle}>
                {cells(g)}
              </Text>
            ))}
          </Box>
        );
      })}
    </Box>
  );
}
