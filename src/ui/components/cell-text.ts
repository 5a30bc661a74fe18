// Fitting text into terminal cells. Widths are display columns, not string lengths: a CJK
// character or an emoji takes two columns. `string-width` is what Ink itself measures with
// (its own dependency, hoisted into node_modules), so podscope's columns agree with Ink's
// layout. Truncation is ours: cli-truncate 5 can overshoot by one column on wide
// characters ('日本語' cut to 4 gives '日本…', 5 columns), which makes Ink wrap the row.
import stringWidth from 'string-width';

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Display width of `text` in terminal columns. */
export function displayWidth(text: string): number {
  return PRINTABLE_ASCII.test(text) ? text.length : stringWidth(text);
}

/** Cuts `text` to at most `width` columns, ending in `…` when anything was cut. */
export function truncateToWidth(text: string, width: number): string {
  if (width <= 0) return '';
  if (displayWidth(text) <= width) return text;
  if (PRINTABLE_ASCII.test(text)) return width === 1 ? '…' : text.slice(0, width - 1) + '…';
  let out = '';
  let used = 0;
  for (const { segment } of graphemes.segment(text)) {
    const w = stringWidth(segment);
    if (used + w > width - 1) break;
    out += segment;
    used += w;
  }
  return out + '…';
}

/** Exactly `width` columns: truncated with `…` or padded with spaces on the side away from `align`. */
export function fitToWidth(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  if (width <= 0) return '';
  const cut = truncateToWidth(typeof text === 'string' ? text : String(text ?? ''), width);
  const pad = width - displayWidth(cut);
  if (pad <= 0) return cut;
  return align === 'right' ? ' '.repeat(pad) + cut : cut + ' '.repeat(pad);
}
