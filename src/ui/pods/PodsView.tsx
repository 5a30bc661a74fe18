// The Pods view: every pod as a row, filtered and sorted, advice badges on each row.
// The PodList model lives in a ref for the life of the view; store batches are merged into it
// as they arrive, and the view repaints when the shell re-renders (a few times per second).
import { useContext, useEffect, useMemo, useRef, useState } from 'react';
import { Box, Text } from 'ink';
import type { ViewProps } from '../app-context.js';
import { PodList, type PodSortField } from '../../model/pod-list.js';
import { WindowedTable, type WindowedTableHandle } from '../components/WindowedTable.js';
import { useKeyCapture, useViewKeys } from '../keys/use-view-keys.js';
import { editLine } from '../keys/line-edit.js';
import { colorOf, useTheme } from '../theme/theme.js';
import { fitToWidth } from '../components/cell-text.js';
import { PaintedRegion, RowPainterContext } from '../components/row-painter.js';
import { PaintedRows } from '../components/PaintedRows.js';
import { styleText } from '../components/styled-text.js';
import { AdviceCache } from './advice-cache.js';
import { sanitize } from '../../model/sanitize.js';
import { podColumns } from './columns.js';
import { podsBindings } from './bindings.js';
import type { PodRow } from '../../model/pod-row.js';
import { defaultContainerOfPod } from '../../model/pod-detail/default-container.js';
import type { Pod } from '../../model/kube.js';
import { formatCount } from '../../model/format.js';

export { podsBindings };

/** Extra props: the namespace the session shows (undefined = all) and the initial filter. */
export interface PodsViewProps extends ViewProps {
  namespace?: string;
  initialFilter?: string;
}

const SORT_LABEL: Record<PodSortField, string> = { name: 'NAME', age: 'AGE', status: 'STATUS', restarts: 'RESTARTS', advice: 'ADVICE' };
/** Analysis time per slice when filling in the advice a frame lacked. */
const ADVICE_SLICE_MS = 8;

export function PodsView(props: PodsViewProps) {
  const { ctx, width, height, active } = props;
  const theme = useTheme();
  const [, repaint] = useState(0);
  const analysisRef = useRef(ctx.analysis);
  analysisRef.current = ctx.analysis;

  const advice = useMemo(() => new AdviceCache((key) => analysisRef.current.adviceForPod(key)), []);

  const built = useRef(0);
  const list = useMemo(() => {
    const l = new PodList(ctx.now, (key) => analysisRef.current.adviceForPod(key));
    l.rebuild(ctx.store.list('pods'));
    built.current = ctx.store.version;
    if (props.initialFilter) l.setFilter(props.initialFilter);
    return l;
    // The list is made once per store; later changes arrive as batches.
  }, [ctx.store]);

  useEffect(() => {
    // Batches delivered between the first render and this subscription would be lost.
    if (ctx.store.version !== built.current) list.rebuild(ctx.store.list('pods'));
    return ctx.store.subscribe((batch) => {
      list.applyBatch(batch, ctx.store);
      list.invalidateAdvice();
    });
  }, [ctx.store, list]);

  list.setNamespace(props.namespace);

  // Cursor and mode are refs: keys arriving together ('jjj', '/web') are handled one by one
  // before React re-renders, and each must see the previous one's effect.
  const cursor = useRef({ index: 0, key: undefined as string | undefined });
  const mode = useRef<'list' | 'filter'>('list');
  const filter = useRef({ text: props.initialFilter ?? '', error: undefined as string | undefined });

  // Follow the selected pod when the order changes under it.
  const total = list.count;
  if (cursor.current.key) {
    const at = list.indexOf(cursor.current.key);
    if (at >= 0) cursor.current.index = at;
  }
  cursor.current.index = Math.max(0, Math.min(cursor.current.index, total - 1));
  const selected = list.rowAt(cursor.current.index);
  cursor.current.key = selected?.key;

  const painter = useContext(RowPainterContext);
  const titleRegion = useMemo(() => new PaintedRegion(), []);
  const filterShown = () => mode.current === 'filter' || filter.current.text !== '' || filter.current.error !== undefined;
  const filterLine = filterShown();
  const shortTable = Math.max(1, height - 1 - (filterLine ? 1 : 0));
  // Painted beside Ink, the filter line goes in the table's last line: Ink's layout stays the
  // same when it comes and goes, and a filter keystroke needs no Ink frame (P3).
  const tableHeight = painter ? Math.max(1, height - 1) : shortTable;
  const page = Math.max(1, shortTable - 1);

  useEffect(() => {
    if (active) ctx.setBindings(podsBindings);
  }, [active, ctx]);

  const table = useRef<WindowedTableHandle | null>(null);
  const adviceVersion = () => `${ctx.store.version}:${Math.floor(ctx.now() / 10_000)}`;
  const titleText = () => {
    const sort = list.sort;
    return (
      `Pods(${props.namespace ?? 'all'})[${formatCount(list.count)}/${formatCount(list.total)}]` +
      `  sort:${SORT_LABEL[sort.field]}${sort.desc ? '↓' : '↑'}` +
      (list.onlyFindings ? '  ! with findings' : '')
    );
  };
  const filterText = () =>
    filter.current.error
      ? `/${sanitize(filter.current.text)}  ${sanitize(filter.current.error)}`
      : `/${sanitize(filter.current.text)}${mode.current === 'filter' ? '▏' : ''}`;
  const titleStyle = { color: colorOf(theme, 'accent'), bold: true };
  const filterColor = () => colorOf(theme, filter.current.error ? 'error' : 'text');
  const paintedFilterLine = () => (filterShown() ? styleText(fitToWidth(filterText(), width), { color: filterColor() }) : undefined);

  /**
   * After a key: repaints the title, the rows and the filter line beside Ink, without a render
   * (measured at 50,000 pods: a render plus Ink's frame was ~5 ms of CPU per key and its
   * garbage ~3 ms more of collection). False when they are not painted (tests, hidden view).
   */
  const paintNow = (): boolean => {
    if (!painter || !painter.isShowing(titleRegion)) return false;
    // What a render would settle first: the cursor on a row, and that row's pod (open, logs, yaml).
    cursor.current.index = Math.max(0, Math.min(cursor.current.index, list.count - 1));
    cursor.current.key = list.rowAt(cursor.current.index)?.key;
    advice.beginFrame(adviceVersion());
    const state = { cursor: cursor.current.index, rowCount: list.count, bottomLine: paintedFilterLine() };
    if (!table.current?.repaint(state)) return false;
    painter.update(titleRegion, [styleText(fitToWidth(titleText(), width), titleStyle)], width);
    if (advice.pending) repaint((v) => v + 1); // a frame fills in the advice it lacked
    return true;
  };
  /** Shows a key's effect: painted beside Ink when it can be, else by a render. */
  const show = () => {
    if (!paintNow()) repaint((v) => v + 1);
  };
  const move = (to: number) => {
    const n = list.count;
    cursor.current.index = Math.max(0, Math.min(to, n - 1));
    cursor.current.key = list.rowAt(cursor.current.index)?.key;
    show();
  };

  const applyFilter = (text: string) => {
    filter.current.text = text;
    filter.current.error = list.setFilter(text);
    cursor.current.key = undefined;
    cursor.current.index = 0;
    show();
  };

  const onCommand = (command: string) => {
    if (mode.current === 'filter') return;
    const key = cursor.current.key;
    const pod = key ? ctx.store.get('pods', key) : undefined;
    const sort = (field: PodSortField) => {
      list.sortBy(field);
      repaint((v) => v + 1);
    };
    switch (command) {
      case 'down':
        return move(cursor.current.index + 1);
      case 'up':
        return move(cursor.current.index - 1);
      case 'top':
        return move(0);
      case 'bottom':
        return move(list.count - 1);
      case 'page-down':
        return move(cursor.current.index + page);
      case 'page-up':
        return move(cursor.current.index - page);
      case 'filter':
        // Like k9s, `/` starts a new filter rather than editing the last one.
        mode.current = 'filter';
        return applyFilter('');
      case 'clear-filter':
        if (filter.current.text !== '' || filter.current.error) applyFilter('');
        return;
      case 'only-findings':
        list.setOnlyWithFindings(!list.onlyFindings);
        cursor.current = { index: 0, key: undefined };
        return repaint((v) => v + 1); // the title and the count change too
      case 'sort-name':
        return sort('name');
      case 'sort-age':
        return sort('age');
      case 'sort-status':
        return sort('status');
      case 'sort-restarts':
        return sort('restarts');
      case 'sort-advice':
        return sort('advice');
      case 'open':
        if (key) ctx.nav.push({ view: 'pod', key });
        return;
      case 'yaml':
        if (key) ctx.nav.push({ view: 'yaml', kind: 'pods', key });
        return;
      case 'events':
        if (key) ctx.nav.push({ view: 'events', key });
        return;
      case 'logs':
      case 'previous-logs': {
        // The container in trouble (port-clash's api), else the first main one: as in the Pod view.
        const container = defaultContainerOfPod(pod as Pod | undefined);
        if (key && container) ctx.nav.push({ view: 'logs', key, container, previous: command === 'previous-logs' });
        return;
      }
    }
  };
  useViewKeys(podsBindings, onCommand, active);

  useKeyCapture(
    (name) => {
      const r = editLine(filter.current.text, name);
      if (r.done === 'cancel') {
        mode.current = 'list';
        applyFilter('');
      } else if (r.done === 'submit') {
        mode.current = 'list';
        show();
      } else if (r.value !== filter.current.text) {
        applyFilter(r.value); // filter as you type
      }
      return true;
    },
    () => active && mode.current === 'filter',
  );

  // Advice per visible row: known advice at once, the analysis only within a frame budget;
  // the rest fills in after the frame (findings never hold up the rows).
  // Runtime findings age with the clock (the analysis keeps them 10 s): so does the advice shown.
  advice.beginFrame(adviceVersion());
  const columns = podColumns({
    width,
    showNamespace: props.namespace === undefined,
    showAdvice: ctx.overlay,
    now: ctx.now(),
    advice: (key) => advice.get(key),
  });
  useEffect(() => {
    if (!advice.pending) return;
    let timer: NodeJS.Timeout | undefined;
    const step = () => {
      timer = undefined;
      if (advice.fill(ADVICE_SLICE_MS)) repaint((v) => v + 1);
      else if (advice.pending) timer = setTimeout(step, 0);
    };
    timer = setTimeout(step, 0);
    return () => clearTimeout(timer);
  });

  return (
    <Box flexDirection="column" width={width} height={height}>
      {painter ? (
        <PaintedRows painter={painter} region={titleRegion} lines={[styleText(fitToWidth(titleText(), width), titleStyle)]} width={width} height={1} />
      ) : (
        <Text {...titleStyle} wrap="truncate">
          {fitToWidth(titleText(), width)}
        </Text>
      )}
      <WindowedTable<PodRow>
        columns={columns}
        rowCount={total}
        rowsInRange={(s, e) => list.rowsInRange(s, e)}
        rowKey={(r) => r.key}
        cursor={cursor.current.index}
        width={width}
        height={tableHeight}
        emptyText={list.total === 0 ? 'no pods yet' : 'no pods match'}
        handle={table}
        bottomLine={painter ? paintedFilterLine() : undefined}
      />
      {!painter && filterLine ? (
        <Text wrap="truncate" color={filterColor()}>
          {fitToWidth(filterText(), width)}
        </Text>
      ) : null}
    </Box>
  );
}
