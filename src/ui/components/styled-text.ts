// Text styled the way Ink's <Text> styles it, for lines written beside Ink (row-painter.ts).
// Same chalk instance and the same colour forms as Ink's colorize (named, #hex, ansi256(),
// rgb()), applied in the same order, so a row painted directly looks like one Ink drew.
// chalk is Ink's own dependency (hoisted into node_modules), as string-width is for cell-text.ts.
import chalk from 'chalk';

export interface TextStyle {
  color?: string;
  backgroundColor?: string;
  bold?: boolean;
  inverse?: boolean;
}

const RGB = /^rgb\(\s?(\d+),\s?(\d+),\s?(\d+)\s?\)$/;
const ANSI256 = /^ansi256\(\s?(\d+)\s?\)$/;

function colorize(text: string, color: string | undefined, layer: 'fg' | 'bg'): string {
  if (!color) return text;
  const fg = layer === 'fg';
  if (color in chalk) {
    const name = fg ? color : `bg${color[0].toUpperCase()}${color.slice(1)}`;
    const style = (chalk as unknown as Record<string, unknown>)[name];
    return typeof style === 'function' ? (style as (s: string) => string)(text) : text;
  }
  if (color.startsWith('#')) return fg ? chalk.hex(color)(text) : chalk.bgHex(color)(text);
  const n = ANSI256.exec(color);
  if (n) return fg ? chalk.ansi256(Number(n[1]))(text) : chalk.bgAnsi256(Number(n[1]))(text);
  const rgb = RGB.exec(color);
  if (rgb) {
    const [r, g, b] = [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
    return fg ? chalk.rgb(r, g, b)(text) : chalk.bgRgb(r, g, b)(text);
  }
  return text;
}

/** `text` with `style` applied as Ink's Text applies it (colour, background, bold, inverse). */
export function styleText(text: string, style: TextStyle): string {
  let out = colorize(text, style.color, 'fg');
  out = colorize(out, style.backgroundColor, 'bg');
  if (style.bold) out = chalk.bold(out);
  if (style.inverse) out = chalk.inverse(out);
  return out;
}
