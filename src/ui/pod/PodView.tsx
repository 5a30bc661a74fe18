// The Pod view: the pod as a unit. Panels (Summary, Containers, Network, Volumes, Probes,
// Events, Advice) side by side on a large terminal, one at a time under a tab bar on a small
// one; findings of the analysis drawn next to what they concern when the overlay is on.
import { useEffect, useRef, useState } from 'react';
import { Box } from 'ink';
import { sanitize } from '../../model/sanitize.js';
import type { ViewProps } from '../app-context.js';
import { useViewKeys } from '../keys/use-view-keys.js';
import { useStoreVersion } from '../shell/use-store-version.js';
import { severityGlyph } from '../theme/severity.js';
import { podViewBindings } from './bindings.js';
import { GRID_COLUMNS, fitsGrid, shareLinesFocused, viewport } from './layout.js';
import { LinesBlock, LineView, seg, fitLine, lineWidth, type Line } from './lines.js';
import { visibleFindings } from './overlay.js';
import { podDetailData, type PodDetailData } from './pod-data.js';
import { advicePanel } from './panels/advice.js';
import { containersPanel } from './panels/containers.js';
import { eventsPanel } from './panels/events.js';
import { networkPanel } from './panels/network.js';
import { PANEL_IDS, PANEL_TITLES, type PanelContent, type PanelId, type PanelInput } from './panels/panel.js';
import { probesPanel } from './panels/probes.js';
import { summaryPanel } from './panels/summary.js';
import { volumesPanel } from './panels/volumes.js';
import { useTicker } from './use-ticker.js';
import { recallViewState, rememberViewState } from './view-memory.js';
import { SELECTABLE, applyCommand, clamp, defaultContainerCursor, initialState, type PanelMetrics, type ViewState } from './view-state.js';

export { podViewBindings } from './bindings.js';

export interface PodViewProps extends ViewProps {
  /** `namespace/name` of the pod (the route's key). */
  podKey: string;
  /** Panel to open first (the route's `panel`): a PanelId such as `network`. */
  panel?: string;
}

const BUILDERS: Record<PanelId, (input: PanelInput) => PanelContent> = {
  summary: summaryPanel,
  containers: containersPanel,
  network: networkPanel,
  volumes: volumesPanel,
  probes: probesPanel,
  events: eventsPanel,
  advice: advicePanel,
};

function headerLine(data: PodDetailData | undefined, podKey: string, overlay: boolean): Line {
  const line: Line = [seg('Pod ', 'muted'), seg(sanitize(podKey), 'accent', { bold: true })];
  if (!data) return line;
  const s = data.summary;
  // The same STATUS as the Pods list and kubectl (CrashLoopBackOff, not the phase Running).
  const row = data.row;
  line.push(seg(`  ${row.status}`, row.statusTone), seg(`  ${row.ready}`, row.readyCount === row.totalCount ? 'muted' : 'warning'));
  if (row.restarts > 0) line.push(seg(`  ↻${row.restarts}`, 'warning'));
  if (s.podIPs.length > 0) line.push(seg(`  ${sanitize(s.podIPs[0])}`, 'text'));
  if (s.node) line.push(seg(`  on ${sanitize(s.node)}`, 'muted'));
  if (overlay) {
    const live = data.findings.filter((f) => !f.ignored);
    for (const sev of ['error', 'warning', 'info'] as const) {
      const n = live.filter((f) => f.severity === sev).length;
      if (n > 0) line.push(seg(`  ${severityGlyph(sev)}${n}`, sev));
    }
  }
  return line;
}

function tabLine(focused: PanelId, data: PodDetailData | undefined, width: number): Line {
  const tabs: Line[] = PANEL_IDS.map((id) => {
    let label = PANEL_TITLES[id];
    if (id === 'advice' && data) label += ` ${data.findings.filter((f) => !f.ignored).length}`;
    if (id === 'events' && data) label += ` ${data.events.length}`;
    if (id === 'network' && data && data.ports.conflicts > 0) label += ' ✖';
    return id === focused ? [seg(`[${label}]`, 'accent', { bold: true })] : [seg(` ${label} `, 'muted')];
  });
  // Drop tabs from the left until the focused one fits.
  let start = 0;
  const at = PANEL_IDS.indexOf(focused);
  const widthOf = (from: number) => tabs.slice(from, at + 1).reduce((a, t) => a + lineWidth(t) + 1, 0);
  while (start < at && widthOf(start) > width) start++;
  const line: Line = start > 0 ? [seg('‹', 'muted')] : [];
  tabs.slice(start).forEach((t, i) => {
    if (i > 0 || start > 0) line.push(seg(' '));
    line.push(...t);
  });
  return fitLine(line, width);
}

export function PodView({ width, height, active, ctx, podKey, panel }: PodViewProps) {
  useStoreVersion(ctx.store);
  useTicker(active);
  const [, setTick] = useState(0);
  const state = useRef<ViewState>(initialState('', undefined));
  const metrics = useRef<Partial<Record<PanelId, PanelMetrics>>>({});
  const dataRef = useRef<PodDetailData | undefined>(undefined);

  useEffect(() => {
    if (active) ctx.setBindings(podViewBindings);
  }, [active, ctx]);

  const data = podDetailData(ctx.store, ctx.analysis, podKey, ctx.now());
  dataRef.current = data;
  // The shell may reuse this component for another pod or panel (a new route at the same
  // place in the tree): start afresh rather than carry cursors over.
  if (state.current.route !== `${podKey}\n${panel ?? ''}`) {
    state.current = recallViewState(`${podKey}\n${panel ?? ''}`) ?? initialState(podKey, panel);
    metrics.current = {};
  }
  const st = state.current;
  if (st.cursor.containers === undefined && data) st.cursor.containers = defaultContainerCursor(data);

  // Keys act on the state ref and the metrics of the last frame, never on render-time
  // closures: keys arriving in one chunk ('jjj') all see the latest state (FIELD-NOTES).
  const onCommand = (command: string) => {
    const effect = applyCommand(state.current, metrics.current, command, dataRef.current, podKey);
    rememberViewState(state.current);
    if (effect && 'push' in effect) ctx.nav.push(effect.push);
    else if (effect) ctx.nav.pop();
    setTick((t) => t + 1);
  };
  useViewKeys(podViewBindings, onCommand, active);

  const rows: Line[] = [headerLine(data, podKey, ctx.overlay)];
  if (height <= 0 || width <= 0) return null;
  if (!data) {
    rows.push([seg('This pod is not in the store (deleted, or not synced yet). esc goes back.', 'warning')]);
    return <LinesBlock lines={rows} width={width} height={height} />;
  }

  const overlay = visibleFindings(data.findings, ctx.overlay);
  // The grid asks each panel's height before drawing it: build each panel once per frame.
  const built = new Map<string, PanelContent>();
  const build = (id: PanelId, w: number): PanelContent => {
    const k = `${id}:${w}`;
    let content = built.get(k);
    if (!content) built.set(k, (content = BUILDERS[id]({ data, overlay, width: w, expanded: st.expanded })));
    return content;
  };
  const render = (id: PanelId, w: number, h: number, focused: boolean) => {
    const content = build(id, w);
    const selectable = SELECTABLE.has(id) && content.items.length > 0;
    const cursor = selectable ? clamp(st.cursor[id] ?? 0, 0, content.items.length - 1) : undefined;
    const vp = viewport(content, h, st.scroll[id] ?? 0, cursor);
    st.scroll[id] = vp.scroll;
    if (cursor !== undefined) st.cursor[id] = cursor;
    metrics.current[id] = { ids: content.items.map((i) => i.id), maxScroll: vp.maxScroll, page: h };
    return { vp, focused, content };
  };

  if (!fitsGrid(width, height)) {
    rows.push(tabLine(st.panel, data, width));
    const bodyHeight = Math.max(0, height - rows.length);
    const { vp } = render(st.panel, width, bodyHeight, true);
    return (
      <Box flexDirection="column" width={width} height={height} overflow="hidden">
        <LinesBlock lines={rows} width={width} height={Math.min(rows.length, height)} />
        {bodyHeight > 0 ? <LinesBlock lines={vp.lines} width={width} height={bodyHeight} selectedLine={vp.selectedLine} /> : null}
      </Box>
    );
  }

  // Two columns, a one-column gutter between them; each panel is a title line plus its lines.
  const bodyHeight = height - 1;
  const leftWidth = Math.floor((width - 1) / 2);
  const colWidths = [leftWidth, width - 1 - leftWidth];
  const columns = GRID_COLUMNS.map((ids, col) => {
    // With the overlay off the grid leaves out the Advice panel; tab still reaches it.
    const shown = ids.filter((id) => id !== 'advice' || ctx.overlay || st.panel === 'advice');
    const w = colWidths[col];
    const wants = shown.map((id) => build(id, w).lines.length + 1);
    const heights = shareLinesFocused(wants, bodyHeight, shown.indexOf(st.panel));
    return (
      <Box key={col} flexDirection="column" width={w} height={bodyHeight} overflow="hidden">
        {shown.map((id, i) => {
          const h = heights[i];
          const focused = id === st.panel;
          const { vp } = render(id, w, Math.max(0, h - 1), focused);
          const more = `${vp.scroll > 0 ? ' ↑' : ''}${vp.scroll < vp.maxScroll ? ' ↓' : ''}`;
          const title: Line = [seg(focused ? '▶ ' : '  ', 'accent'), seg(PANEL_TITLES[id], focused ? 'accent' : 'muted', { bold: true }), seg(more, 'muted')];
          return (
            <Box key={id} flexDirection="column" width={w} height={h} overflow="hidden">
              <LineView line={title} width={w} />
              {h > 1 ? <LinesBlock lines={vp.lines} width={w} height={h - 1} selectedLine={focused ? vp.selectedLine : undefined} /> : null}
            </Box>
          );
        })}
      </Box>
    );
  });
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <LineView line={rows[0]} width={width} />
      <Box flexDirection="row" width={width} height={bodyHeight}>
        {columns[0]}
        <Box width={1} height={bodyHeight} />
        {columns[1]}
      </Box>
    </Box>
  );
}
