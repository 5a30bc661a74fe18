// The Advice view: every finding for one pod, or for the whole cluster grouped by rule
// (`:advice`). Enter shows a finding's why, evidence and fix; enter again (or `o`) opens the
// pod the finding is about. The cursor rests on findings only (rule headings are skipped),
// and survives a trip into a pod and back (the shell unmounts views it covers).
import { useEffect, useMemo, useRef, useState } from 'react';
import { Box, Text } from 'ink';
import type { ViewProps } from '../app-context.js';
import type { Binding } from '../keys/keymap.js';
import { useViewKeys } from '../keys/use-view-keys.js';
import { WindowedTable, type TableColumn } from '../components/WindowedTable.js';
import { ScrollText } from '../components/ScrollText.js';
import { colorOf, useTheme } from '../theme/theme.js';
import { fitToWidth } from '../components/cell-text.js';
import { sanitize } from '../../model/sanitize.js';
import { severityGlyph, severityLabel } from '../theme/severity.js';
import { clusterAdviceItems, findingDetail, nearestFinding, objectName, podAdviceItems, wrappedDetail, type AdviceItem } from './advice-items.js';

/**
 * The finding under the cursor of each Advice view (a pod's, or `''` for the cluster's), kept
 * across remounts by what it says, not by its index: under churn the list shifts meanwhile.
 */
const rememberedCursor = new Map<string, string>();

const findingIdentity = (i: AdviceItem | undefined) =>
  i?.kind === 'finding' ? `${i.finding.rule}\n${objectName(i.finding)}\n${i.finding.container ?? ''}\n${i.finding.message}` : undefined;

/** Tests: start with no cursor remembered. */
export function forgetAdviceCursors(): void {
  rememberedCursor.clear();
}

export const adviceBindings: Binding[] = [
  { keys: ['j', 'down'], command: 'down', description: 'next finding' },
  { keys: ['k', 'up'], command: 'up', description: 'previous finding' },
  { keys: ['g', 'home'], command: 'top', description: 'first' },
  { keys: ['G', 'end'], command: 'bottom', description: 'last' },
  { keys: ['pagedown'], command: 'page-down', description: 'next page' },
  { keys: ['pageup'], command: 'page-up', description: 'previous page' },
  { keys: ['enter'], command: 'open', description: 'why, evidence and fix; again: open the pod' },
  { keys: ['o'], command: 'open-pod', description: 'open the pod of the finding' },
  { keys: ['esc'], command: 'close', description: 'close the details; else back' },
];

export interface AdviceViewProps extends ViewProps {
  /** A pod key; absent: the whole cluster. */
  podKey?: string;
}

const sevTone = (s: string) => (s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'info') as 'error' | 'warning' | 'info';

export function AdviceView(props: AdviceViewProps) {
  const { ctx, width, height, active } = props;
  const theme = useTheme();
  const [, repaint] = useState(0);
  const memoryKey = props.podKey ?? '';
  const cursor = useRef(-1);
  const detail = useRef<{ open: boolean; top: number }>({ open: false, top: 0 });
  const version = ctx.store.version;
  const items = useMemo<AdviceItem[]>(
    () => (props.podKey ? podAdviceItems(ctx.analysis.findingsForPod(props.podKey)) : clusterAdviceItems(ctx.analysis.all())),
    [props.podKey, ctx.analysis, version],
  );
  // First frame (-1): the first finding; later frames: the nearest finding if the list changed under it.
  if (cursor.current < 0) {
    // First frame: the finding remembered from the last visit, else the first one.
    const remembered = rememberedCursor.get(memoryKey);
    const at = remembered === undefined ? -1 : items.findIndex((i) => findingIdentity(i) === remembered);
    cursor.current = at >= 0 ? at : nearestFinding(items, 0, 1);
  } else cursor.current = nearestFinding(items, cursor.current, 1);
  const selected = items[cursor.current];
  const finding = selected?.kind === 'finding' ? selected.finding : undefined;
  const bodyHeight = Math.max(1, height - 1);

  useEffect(() => {
    if (active) ctx.setBindings(adviceBindings);
  }, [active, ctx]);

  const openPod = () => {
    const o = finding?.object;
    if (o?.kind !== 'Pod' || !o.name) return;
    const key = o.namespace ? `${o.namespace}/${o.name}` : o.name;
    // A pod's own advice is opened from that pod: going "to the pod" is going back to it.
    if (key === props.podKey) ctx.nav.pop();
    else ctx.nav.push({ view: 'pod', key });
  };

  useViewKeys(
    adviceBindings,
    (command) => {
      const d = detail.current;
      const move = (to: number) => {
        if (d.open) d.top = Math.max(0, d.top + (to - cursor.current));
        else cursor.current = nearestFinding(items, to, to < cursor.current ? -1 : 1);
        const identity = findingIdentity(items[cursor.current]);
        if (identity) rememberedCursor.set(memoryKey, identity);
        repaint((v) => v + 1);
      };
      switch (command) {
        case 'down':
          return move(cursor.current + 1);
        case 'up':
          return move(cursor.current - 1);
        case 'top':
          return move(d.open ? cursor.current - d.top : 0);
        case 'bottom':
          return move(items.length - 1);
        case 'page-down':
          return move(cursor.current + bodyHeight - 1);
        case 'page-up':
          return move(cursor.current - bodyHeight + 1);
        case 'open':
          if (!finding) return;
          if (d.open && !props.podKey) return openPod();
          detail.current = { open: !d.open, top: 0 };
          return repaint((v) => v + 1);
        case 'open-pod':
          return openPod();
        case 'close':
          if (d.open) {
            detail.current = { open: false, top: 0 };
            return repaint((v) => v + 1);
          }
          return ctx.nav.pop();
      }
    },
    active,
  );

  const findings = items.filter((i) => i.kind === 'finding').length;
  const title = `Advice ${props.podKey ? sanitize(props.podKey) : '(cluster, by rule)'}  ${findings} finding${findings === 1 ? '' : 's'}`;

  const objectWidth = useMemo(() => {
    let w = 6;
    for (const i of items) if (i.kind === 'finding') w = Math.max(w, objectName(i.finding).length);
    return Math.min(40, w);
  }, [items]);
  const columns: TableColumn<AdviceItem>[] = [
    {
      id: 'sev',
      header: 'SEVERITY',
      width: 10,
      render: (i) => (i.kind === 'finding' ? `${severityGlyph(i.finding.severity)} ${severityLabel(i.finding.severity)}` : `${severityGlyph(i.worst)} ${i.count}`),
      tone: (i) => sevTone(i.kind === 'finding' ? i.finding.severity : i.worst),
    },
    { id: 'rule', header: 'RULE', width: 24, render: (i) => (i.kind === 'heading' ? i.rule : `  ${i.finding.rule}`) },
    // OBJECT as wide as the longest pod name (up to 40): generated names differ only at the end.
    ...(props.podKey ? [] : [{ id: 'object', header: 'OBJECT', width: Math.min(objectWidth, Math.max(10, Math.floor(width / 4))), render: (i: AdviceItem) => (i.kind === 'finding' ? sanitize(objectName(i.finding)) : '') }]),
    { id: 'container', header: 'CONTAINER', width: 14, render: (i) => (i.kind === 'finding' ? sanitize(i.finding.container ?? '') : '') },
    { id: 'message', header: 'MESSAGE', flex: 3, minWidth: 10, render: (i) => (i.kind === 'finding' ? sanitize(i.finding.message) : '') },
  ];

  const detailLines = finding && detail.current.open ? wrappedDetail(findingDetail(finding), width) : [];
  if (detailLines.length && !props.podKey && finding?.object?.kind === 'Pod') detailLines.push('', 'enter: open the pod   esc: back to the list');

  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold color={colorOf(theme, 'accent')} wrap="truncate">
        {fitToWidth(title, width)}
      </Text>
      {detail.current.open && finding ? (
        <ScrollText lines={detailLines} top={detail.current.top} width={width} height={bodyHeight} />
      ) : (
        <WindowedTable
          columns={columns}
          rowCount={items.length}
          rowsInRange={(s, e) => items.slice(s, e)}
          rowKey={(i) => String(i.id)}
          cursor={cursor.current}
          width={width}
          height={bodyHeight}
          emptyText="no findings"
        />
      )}
    </Box>
  );
}
