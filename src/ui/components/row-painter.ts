// Table rows written to the terminal beside Ink, a line at a time, only where they changed.
//
// Why: Ink 6.8 rebuilds every frame cell by cell (Output.get: an object per cell, string-width
// per character, then back to a string). Measured on the project's machine: 14 ms for a
// 160x39 frame of table rows, 2.2 ms for the same frame left blank, so Ink alone used up the
// 16 ms of P3 on every cursor move, at any pod count. So Ink lays out an empty box where the
// rows go and this painter writes them itself: a cursor move rewrites two lines.
//
// How it stays correct: Ink erases and rewrites its whole frame whenever it writes one
// (log-update, incremental rendering off), which blanks the rows. Ink writes through `wrap()`,
// and a frame write gets the rows appended to it, in the same write, placed by the layout that
// frame was drawn from. Between Ink's frames, `show()` rewrites the lines that differ from what
// is on screen. Lines are addressed upwards from where Ink leaves the cursor (the line below its
// frame) and the cursor is put back, so Ink's next erase starts where it expects.
import { createContext } from 'react';
import type { DOMElement } from 'ink';

const SAVE_CURSOR = '\x1b7';
const SYNC_BEGIN = '\x1b[?2026h';
const SYNC_END = '\x1b[?2026l';
const RESTORE_CURSOR = '\x1b8';
/** Erase-line: every Ink frame write and clear starts with it (ansi-escapes eraseLines). */
const ERASE_LINE = '\x1b[2K';

/** One block of lines the painter owns: a table's rows, over an empty Ink box. */
export class PaintedRegion {
  /** The box Ink leaves empty for these lines: its layout says where they go and whether they show. */
  box: DOMElement | undefined;
  /** Each line as styled text, `width` columns wide. */
  lines: readonly string[] = [];
  width = 0;
  /** What the terminal shows per line, and where (undefined: unknown, must be written). */
  shown: (string | undefined)[] = [];
  shownAt = '';
}

interface Place {
  top: number;
  left: number;
  width: number;
  height: number;
  frameHeight: number;
}

/** Where the box is in Ink's frame by its last layout; undefined when it is not drawn (display none, unmounted). */
export function placeOf(box: DOMElement | undefined): Place | undefined {
  if (!box?.yogaNode) return undefined;
  let top = 0;
  let left = 0;
  let node: DOMElement | undefined = box;
  let root: DOMElement = box;
  for (; node; node = node.parentNode) {
    if (node.style.display === 'none' || !node.yogaNode) return undefined;
    top += node.yogaNode.getComputedTop();
    left += node.yogaNode.getComputedLeft();
    root = node;
  }
  if (root.nodeName !== 'ink-root') return undefined;
  return {
    top,
    left,
    width: box.yogaNode.getComputedWidth(),
    height: box.yogaNode.getComputedHeight(),
    frameHeight: root.yogaNode!.getComputedHeight(),
  };
}

export class RowPainter {
  private readonly regions = new Set<PaintedRegion>();
  private stopped = false;

  /**
   * Where Ink left the cursor: below its frame (frames end with a newline), on its last line
   * (a frame written after a resize or one that fills the terminal does not), or unknown
   * (after a clear: nothing is painted until the next frame).
   */
  private cursor: 'below' | 'last-line' | undefined = 'below';

  constructor(
    private readonly write: (text: string) => void,
    /**
     * Bracket each paint in synchronized-output marks (DEC mode 2026) as Ink brackets its
     * frames: the terminal shows the lines at once, and a paint counts as a frame like Ink's.
     */
    private readonly synchronized = false,
  ) {}

  add(region: PaintedRegion): void {
    this.regions.add(region);
  }

  remove(region: PaintedRegion): void {
    this.regions.delete(region);
    region.shown = []; // Ink draws there meanwhile: nothing of ours is known to stay on screen
  }

  /** Whether the region is on screen now (registered, laid out, not hidden). */
  isShowing(region: PaintedRegion): boolean {
    return !this.stopped && this.regions.has(region) && placeOf(region.box) !== undefined;
  }

  /** The region's lines changed: writes the ones the terminal does not show yet. */
  update(region: PaintedRegion, lines: readonly string[], width: number): void {
    region.lines = lines;
    region.width = width;
    if (this.stopped || !this.regions.has(region)) return;
    const out = this.paint(region);
    if (!out) return;
    if (this.synchronized) this.write(SYNC_BEGIN);
    this.write(out);
    if (this.synchronized) this.write(SYNC_END);
  }

  /** No more writes at all (before Ink's last frame at exit). */
  stop(): void {
    this.stopped = true;
    this.regions.clear();
  }

  /**
   * `stdout` for Ink: the same stream, except that a write carrying a frame gets the rows
   * appended (the frame has just blanked them).
   */
  wrap<S extends NodeJS.WriteStream>(stdout: S): S {
    const painter = this;
    const write = function (chunk: unknown, ...rest: unknown[]): boolean {
      const extra = typeof chunk === 'string' ? painter.afterInkWrite(chunk) : '';
      return (stdout.write as (...a: unknown[]) => boolean).call(stdout, extra ? chunk + extra : chunk, ...rest);
    };
    return new Proxy(stdout, {
      get(target, prop) {
        if (prop === 'write') return write;
        const value = Reflect.get(target, prop, target) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
  }

  /** Ink writes `text`: what to write after it so the rows survive it ('' for nothing). */
  afterInkWrite(text: string): string {
    const frame = text.includes('\n');
    // Cursor show/hide and the synchronized-output brackets leave the screen as it is.
    if (!frame && !text.includes(ERASE_LINE)) return '';
    this.cursor = frame ? (text.endsWith('\n') ? 'below' : 'last-line') : undefined;
    let out = '';
    for (const region of this.regions) {
      region.shown = [];
      if (!this.stopped) out += this.paint(region);
    }
    return out;
  }

  private paint(region: PaintedRegion): string {
    const place = placeOf(region.box);
    // Lines built for another width (a resize between the layout and the next render) would
    // wrap into the lines below: they wait for the render that follows.
    if (!place || place.width !== region.width || !this.cursor) return '';
    const at = `${place.top},${place.left},${place.frameHeight}`;
    if (region.shownAt !== at) region.shown = [];
    region.shownAt = at;
    const below = this.cursor === 'below' ? place.frameHeight : place.frameHeight - 1;
    const { lines, shown } = region;
    const count = Math.min(lines.length, place.height);
    let out = '';
    for (let i = 0; i < count; i++) {
      const line = lines[i];
      if (shown[i] === line) continue;
      const up = below - (place.top + i);
      if (up < 0) continue;
      out += RESTORE_CURSOR + (up > 0 ? `\x1b[${up}A` : '') + '\r' + (place.left > 0 ? `\x1b[${place.left}C` : '') + line;
      shown[i] = line;
    }
    return out ? SAVE_CURSOR + out + RESTORE_CURSOR : '';
  }
}

/** The painter for the session's terminal; undefined where Ink draws everything (tests, renderToString). */
export const RowPainterContext = createContext<RowPainter | undefined>(undefined);
