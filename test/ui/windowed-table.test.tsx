import { describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { WindowedTable, layoutColumns, scrollOffset, type TableColumn } from '../../src/ui/components/WindowedTable.js';
import { displayWidth, fitToWidth } from '../../src/ui/components/cell-text.js';

interface Row {
  id: number;
  name: string;
}
const columns: TableColumn<Row>[] = [
  { id: 'id', header: 'ID', width: 6, align: 'right', render: (r) => String(r.id) },
  { id: 'name', header: 'NAME', render: (r) => r.name },
];

function table(count: number, cursor: number, height: number, calls?: { n: number }) {
  const rows = (start: number, end: number) => {
    if (calls) calls.n += end - start;
    const out: Row[] = [];
    for (let i = start; i < end; i++) out.push({ id: i, name: `pod-${i}` });
    return out;
  };
  return (
    <WindowedTable columns={columns} rowCount={count} rowsInRange={rows} rowKey={(r) => String(r.id)} cursor={cursor} width={40} height={height} />
  );
}

describe('WindowedTable', () => {
  it('renders only as many rows as fit, at 50,000 rows', () => {
    const calls = { n: 0 };
    const { lastFrame, unmount } = render(table(50_000, 0, 23, calls));
    const lines = lastFrame()!.split('\n');
    expect(lines.length).toBe(23);
    expect(lines[0]).toMatch(/^\s+ID NAME/);
    expect(lines[1]).toContain('pod-0');
    expect(lines[22]).toContain('pod-21');
    expect(calls.n).toBe(22);
    unmount();
  });

  it('keeps the cursor in view', () => {
    const { lastFrame, rerender, unmount } = render(table(50_000, 0, 11));
    rerender(table(50_000, 49_999, 11));
    const lines = lastFrame()!.split('\n');
    expect(lines.length).toBe(11);
    expect(lines[10]).toContain('pod-49999');
    expect(lines[1]).toContain('pod-49990');
    rerender(table(50_000, 49_995, 11));
    expect(lastFrame()!.split('\n')[6]).toContain('pod-49995'); // no jump when moving up inside the window
    unmount();
  });

  it('every line is exactly the table width, even with wide characters', () => {
    const wide: TableColumn<Row>[] = [{ id: 'n', header: 'NAME', width: 8, render: () => '日本語テキスト' }, { id: 'x', header: 'X', render: () => '🚀ok' }];
    const { lastFrame, unmount } = render(
      <WindowedTable columns={wide} rowCount={3} rowsInRange={() => [{ id: 1, name: '' }]} rowKey={(r) => String(r.id)} cursor={0} width={20} height={4} />,
    );
    for (const line of lastFrame()!.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(20);
    expect(lastFrame()).toContain('日本語…'); // 7 columns: a wide char does not fit the 8th
    unmount();
  });
});

describe('layout helpers', () => {
  it('fixed columns keep their width; flex columns share the rest', () => {
    expect(layoutColumns([{ width: 5 }, { flex: 1 }, { flex: 1 }], 30)).toEqual([5, 11, 12]);
    expect(layoutColumns([{ width: 5 }, { flex: 2 }, { flex: 1, minWidth: 10 }], 30)).toEqual([5, 13, 10]);
  });

  it('scrollOffset moves as little as possible', () => {
    expect(scrollOffset(0, 5, 10, 100)).toBe(0);
    expect(scrollOffset(0, 15, 10, 100)).toBe(6);
    expect(scrollOffset(6, 10, 10, 100)).toBe(6);
    expect(scrollOffset(50, 3, 10, 100)).toBe(3);
    expect(scrollOffset(95, 99, 10, 100)).toBe(90);
    expect(scrollOffset(0, 0, 10, 0)).toBe(0);
  });

  it('fitToWidth pads and truncates by display width', () => {
    expect(fitToWidth('abc', 5)).toBe('abc  ');
    expect(fitToWidth('abc', 5, 'right')).toBe('  abc');
    expect(fitToWidth('abcdef', 4)).toBe('abc…');
    expect(displayWidth(fitToWidth('日本語', 4))).toBe(4);
  });

  it('a row with glyphs (✖ 2, 日本, …) lines up with plain rows, selected or not', () => {
    interface Pod {
      name: string;
      badge: string;
    }
    const cols: TableColumn<Pod>[] = [
      { id: 'name', header: 'NAME', width: 10, render: (r) => r.name },
      { id: 'badge', header: 'ADVICE', width: 6, render: (r) => r.badge, tone: (r) => (r.badge ? 'error' : undefined) },
      { id: 'node', header: 'NODE', render: () => 'node-a' },
    ];
    const pods: Pod[] = [
      { name: 'plain', badge: '' },
      { name: 'glyph', badge: '✖ 2' },
      { name: '日本語のポッド名', badge: '▲ 1' },
      { name: 'long-name-cut-here', badge: '' },
    ];
    for (const cursor of [0, 1, 2]) {
      const { lastFrame, unmount } = render(
        <WindowedTable columns={cols} rowCount={pods.length} rowsInRange={(s, e) => pods.slice(s, e)} rowKey={(r) => r.name} cursor={cursor} width={30} height={5} />,
      );
      const lines = lastFrame()!.replace(/\x1b\[[0-9;]*m/g, '').split('\n');
      expect(lines[1]).toBe(`plain${' '.repeat(13)}node-a`);
      expect(lines[2]).toBe(`glyph${' '.repeat(6)}✖ 2${' '.repeat(4)}node-a`);
      expect(lines[3]).toBe(`日本語の…${' '.repeat(2)}▲ 1${' '.repeat(4)}node-a`);
      expect(lines[4]).toBe(`long-name…${' '.repeat(8)}node-a`);
      for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(30);
      unmount();
    }
  });
});
