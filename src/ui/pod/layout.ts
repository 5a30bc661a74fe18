// Where the panels of the Pod view go. A large terminal shows them together in two columns,
// each panel as tall as its content allows (shared out by water-filling); a small one shows
// the focused panel alone under a tab bar.
import type { PanelContent, PanelId } from './panels/panel.js';

/** Below this the two columns get too narrow for a port table. */
export const GRID_MIN_WIDTH = 140;
export const GRID_MIN_HEIGHT = 28;

export const GRID_COLUMNS: readonly (readonly PanelId[])[] = [
  ['summary', 'containers', 'network', 'volumes'],
  ['probes', 'events', 'advice'],
];

export function fitsGrid(width: number, height: number): boolean {
  return width >= GRID_MIN_WIDTH && height >= GRID_MIN_HEIGHT;
}

/**
 * Splits `total` lines among boxes that want `wants` lines: everyone gets what they want if
 * it fits; otherwise each gets min(want, level) for the highest level that fits, never
 * less than `min`. Spare lines go to the last box.
 */
export function shareLines(wants: readonly number[], total: number, min = 2): number[] {
  const n = wants.length;
  if (n === 0) return [];
  const floor = Math.min(min, Math.floor(total / n));
  const want = wants.map((w) => Math.max(w, floor));
  const sum = want.reduce((a, b) => a + b, 0);
  if (sum <= total) {
    const out = [...want];
    out[n - 1] += total - sum;
    return out;
  }
  let lo = floor;
  let hi = Math.max(...want);
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    const used = want.reduce((a, w) => a + Math.min(w, mid), 0);
    if (used <= total) lo = mid;
    else hi = mid - 1;
  }
  const out = want.map((w) => Math.min(w, lo));
  let spare = total - out.reduce((a, b) => a + b, 0);
  for (let i = 0; i < n && spare > 0; i++) {
    if (out[i] < want[i]) {
      out[i]++;
      spare--;
    }
  }
  out[n - 1] += spare;
  return out;
}

/**
 * Like shareLines, but the focused box comes first: it gets what it wants up to 60% of the
 * column, the others share the rest, and whatever they leave goes back to the focused box.
 */
export function shareLinesFocused(wants: readonly number[], total: number, focused: number, min = 2): number[] {
  if (focused < 0 || focused >= wants.length || wants.length === 1) return shareLines(wants, total, min);
  const others = wants.filter((_, i) => i !== focused);
  const reserve = Math.min(wants[focused], Math.max(min, Math.floor(total * 0.6)), Math.max(0, total - others.length * Math.min(min, Math.floor(total / wants.length))));
  const shared = shareLines(others, total - reserve, min);
  // shareLines hands its spare lines to the last box; take back what the others do not need.
  const used = shared.map((h, i) => Math.min(h, Math.max(others[i], Math.min(min, h))));
  const spare = total - reserve - used.reduce((a, b) => a + b, 0);
  const out: number[] = [];
  let j = 0;
  for (let i = 0; i < wants.length; i++) out.push(i === focused ? reserve + spare : used[j++]);
  return out;
}

export interface Viewport {
  /** Lines to draw, at most `height`. */
  lines: PanelContent['lines'];
  /** Index into `lines` of the selected item, if it is visible. */
  selectedLine?: number;
  /** The scroll offset after keeping the selection in view. */
  scroll: number;
  maxScroll: number;
}

/**
 * The visible part of a panel: the sticky header, then the body from `scroll`. With a
 * selected item, the scroll moves just enough to keep it in view.
 */
export function viewport(content: PanelContent, height: number, scroll: number, cursor?: number): Viewport {
  if (height <= 0) return { lines: [], scroll: 0, maxScroll: 0 };
  const sticky = Math.min(content.sticky, Math.max(0, height - 1));
  const body = content.lines.slice(content.sticky);
  const bodyHeight = height - sticky;
  const maxScroll = Math.max(0, body.length - bodyHeight);
  let top = Math.min(Math.max(0, scroll), maxScroll);
  let selectedBody: number | undefined;
  if (cursor !== undefined && content.items[cursor]) {
    selectedBody = content.items[cursor].line - content.sticky;
    if (selectedBody >= 0) {
      if (selectedBody < top) top = selectedBody;
      else if (selectedBody >= top + bodyHeight) top = selectedBody - bodyHeight + 1;
    }
  }
  const lines = [...content.lines.slice(0, sticky), ...body.slice(top, top + bodyHeight)];
  const selectedLine = selectedBody !== undefined && selectedBody >= top && selectedBody < top + bodyHeight ? sticky + selectedBody - top : undefined;
  return { lines, selectedLine, scroll: top, maxScroll };
}
