// Short detail tables (ports, volumes, probes, events) as lines: a header, then one line
// per row, columns sized to their content and shrunk to the panel's width. Our own rows
// rather than @alcalzone/ink-table: these tables sit beside finding lines anchored to a row,
// need a selected-row highlight and must be cut to 40 columns (ink-table sizes by
// `String(v).length`, never truncates, and its cells do not know their row; FIELD-NOTES).
import { displayWidth, fitToWidth } from '../components/cell-text.js';
import { seg, type Line, type Seg } from './lines.js';

export interface Column<R> {
  header: string;
  cell: (row: R) => Seg | string;
  /** Never shrunk below this (unless nothing else can give). Default: min(header, 6). */
  min?: number;
  /** Never wider than this. */
  max?: number;
  align?: 'left' | 'right';
}

const GAP = '  ';

/** Widths that fit `width`: natural widths, the widest column shrunk first. */
export function columnWidths(natural: number[], mins: number[], width: number): number[] {
  const widths = [...natural];
  const gaps = GAP.length * Math.max(0, widths.length - 1);
  let excess = widths.reduce((a, b) => a + b, 0) + gaps - width;
  while (excess > 0) {
    let widest = -1;
    for (let i = 0; i < widths.length; i++) {
      if (widths[i] > mins[i] && (widest < 0 || widths[i] > widths[widest])) widest = i;
    }
    if (widest < 0) break;
    // Shrink the widest down towards the next widest in one step, not one column at a time.
    const next = Math.max(mins[widest], ...widths.filter((_, i) => i !== widest && widths[i] < widths[widest]), 0);
    const cut = Math.min(excess, widths[widest] - next || 1, widths[widest] - mins[widest]);
    widths[widest] -= cut;
    excess -= cut;
  }
  return widths;
}

export interface TableLines<R> {
  header: Line;
  rows: { row: R; line: Line }[];
}

export function tableLines<R>(columns: Column<R>[], rows: readonly R[], width: number): TableLines<R> {
  const cells = rows.map((r) => columns.map((c) => {
    const v = c.cell(r);
    return typeof v === 'string' ? seg(v) : v;
  }));
  const natural = columns.map((c, i) => {
    let w = displayWidth(c.header);
    for (const row of cells) w = Math.max(w, displayWidth(row[i].text));
    return c.max !== undefined ? Math.min(w, c.max) : w;
  });
  const mins = columns.map((c, i) => Math.min(natural[i], c.min ?? Math.min(displayWidth(c.header), 6)));
  const widths = columnWidths(natural, mins, width);
  const build = (values: Seg[]): Line => {
    const line: Line = [];
    values.forEach((v, i) => {
      if (i > 0) line.push(seg(GAP));
      // The last column is not padded: no trailing blanks to cut.
      const text = i === values.length - 1 && columns[i].align !== 'right' ? fitToWidth(v.text, widths[i]).trimEnd() : fitToWidth(v.text, widths[i], columns[i].align);
      line.push({ ...v, text });
    });
    return line;
  };
  return {
    header: build(columns.map((c) => seg(c.header, 'muted', { bold: true }))),
    rows: rows.map((row, i) => ({ row, line: build(cells[i]) })),
  };
}
