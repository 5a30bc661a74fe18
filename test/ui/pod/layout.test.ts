import { describe, expect, it } from 'vitest';
import { shareLines, shareLinesFocused, viewport } from '../../../src/ui/pod/layout.js';
import { columnWidths, tableLines } from '../../../src/ui/pod/table.js';
import { fitLine, lineWidth, seg, wrapText } from '../../../src/ui/pod/lines.js';
import type { PanelContent } from '../../../src/ui/pod/panels/panel.js';

describe('shareLines', () => {
  it('gives everyone what they want when it fits, spare to the last', () => {
    expect(shareLines([3, 5, 2], 20)).toEqual([3, 5, 12]);
  });
  it('caps the greedy panels first when it does not fit', () => {
    const out = shareLines([3, 40, 30], 30);
    expect(out.reduce((a, b) => a + b, 0)).toBe(30);
    expect(out[0]).toBe(3);
    expect(Math.abs(out[1] - out[2])).toBeLessThanOrEqual(1);
  });
  it('never goes below the minimum unless the room is smaller', () => {
    expect(shareLines([1, 50], 10)).toEqual([2, 8]);
    expect(shareLines([5, 5, 5], 2).reduce((a, b) => a + b, 0)).toBe(2);
  });
});

describe('shareLinesFocused', () => {
  it('lets the focused box have its fill first, up to 60%', () => {
    expect(shareLinesFocused([30, 30, 30], 30, 1)).toEqual([6, 18, 6]);
    expect(shareLinesFocused([30, 5, 30], 30, 1)).toEqual([13, 5, 12]);
  });
  it('gives the focused box what the others leave', () => {
    expect(shareLinesFocused([3, 40, 2], 30, 1)).toEqual([3, 25, 2]);
  });
  it('always uses exactly the room there is', () => {
    for (const total of [1, 2, 5, 9, 47]) {
      for (const f of [-1, 0, 2]) expect(shareLinesFocused([9, 1, 30], total, f).reduce((a, b) => a + b, 0)).toBe(total);
    }
  });
});

describe('viewport', () => {
  const content: PanelContent = {
    lines: Array.from({ length: 20 }, (_, i) => [seg(`line ${i}`)]),
    sticky: 1,
    items: [{ line: 1, id: 'a' }, { line: 10, id: 'b' }, { line: 19, id: 'c' }],
  };
  it('keeps the sticky header and scrolls the body', () => {
    const vp = viewport(content, 5, 3);
    expect(vp.lines.map((l) => l[0].text)).toEqual(['line 0', 'line 4', 'line 5', 'line 6', 'line 7']);
    expect(vp.maxScroll).toBe(15);
  });
  it('scrolls just enough to show the selected item', () => {
    const vp = viewport(content, 5, 0, 1);
    expect(vp.scroll).toBe(6);
    expect(vp.lines[vp.selectedLine!][0].text).toBe('line 10');
    expect(viewport(content, 5, 18, 0).lines[1][0].text).toBe('line 1');
  });
  it('copes with no room', () => {
    expect(viewport(content, 0, 0, 0).lines).toEqual([]);
    expect(viewport(content, 1, 0, 2).lines).toHaveLength(1);
  });
});

describe('table and lines', () => {
  it('shrinks the widest column first', () => {
    expect(columnWidths([10, 40, 5], [4, 6, 4], 40)).toEqual([10, 21, 5]);
    expect(columnWidths([10, 10], [10, 10], 5)).toEqual([10, 10]);
  });
  it('lays out a header and rows within the width', () => {
    const t = tableLines([{ header: 'NAME', cell: (r: string) => r }, { header: 'NOTE', cell: () => 'x'.repeat(80) }], ['web', 'api'], 30);
    for (const l of [t.header, ...t.rows.map((r) => r.line)]) expect(lineWidth(l)).toBeLessThanOrEqual(30);
    expect(t.rows[0].line.map((s) => s.text).join('')).toMatch(/^web   x+…$/);
  });
  it('fits styled lines and wraps text, wide characters counted as two columns', () => {
    const cut = fitLine([seg('abc'), seg('日本語テキスト', 'error')], 8);
    expect(lineWidth(cut)).toBeLessThanOrEqual(8);
    expect(cut.at(-1)!.text.endsWith('…')).toBe(true);
    const wrapped = wrapText('the quick brown fox jumps over the lazy dog', 12, undefined, '  ');
    for (const l of wrapped) expect(lineWidth(l)).toBeLessThanOrEqual(12);
    expect(wrapped.map((l) => l[1].text).join(' ')).toBe('the quick brown fox jumps over the lazy dog');
  });
});
