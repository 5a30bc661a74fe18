// What the Pod view remembers between frames (focused panel, cursors, scroll, opened
// findings) and what each key command does to it. Kept apart from the component so a
// command is decided in one place, against the latest state, whatever React is doing.
import type { Route } from '../app-context.js';
import type { PodDetailData } from './pod-data.js';
import { defaultContainer } from '../../model/pod-detail/default-container.js';
import { PANEL_IDS, type PanelId } from './panels/panel.js';

/** Panels whose rows can be selected (a cursor) rather than only scrolled. */
export const SELECTABLE: ReadonlySet<PanelId> = new Set(['containers', 'network', 'probes', 'advice']);
/** Panels whose items are rows of one container: enter, `l` and `p` act on that container. */
const CONTAINER_ROWS: ReadonlySet<PanelId> = new Set(['containers', 'network', 'probes']);

export interface ViewState {
  /** The podKey and panel props this state belongs to. */
  route: string;
  panel: PanelId;
  cursor: Partial<Record<PanelId, number>>;
  scroll: Partial<Record<PanelId, number>>;
  expanded: Set<string>;
}

/** What the last frame showed of a panel: its item ids, how far it scrolls, its height. */
export interface PanelMetrics {
  ids: string[];
  maxScroll: number;
  page: number;
}

/** Navigation a command asks for; the component hands it to the shell. */
export type NavEffect = { push: Route } | { pop: true } | undefined;

export function isPanelId(v: unknown): v is PanelId {
  return typeof v === 'string' && (PANEL_IDS as readonly string[]).includes(v);
}

export function initialState(podKey: string, panel: string | undefined): ViewState {
  return { route: `${podKey}\n${panel ?? ''}`, panel: isPanelId(panel) ? panel : 'summary', cursor: {}, scroll: {}, expanded: new Set() };
}

export const clamp = (n: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, n));

/**
 * The container `l`/`p`/enter act on from the Containers cursor; else the first one in
 * trouble (port-clash's crash-looping `api`, not its healthy `web`), else the first main one.
 */
export function selectedContainer(data: PodDetailData | undefined, cursor: number | undefined): string | undefined {
  if (!data || data.containers.length === 0) return undefined;
  if (cursor !== undefined) return data.containers[clamp(cursor, 0, data.containers.length - 1)]?.name;
  return defaultContainer(data.containers);
}

export function defaultContainerCursor(data: PodDetailData | undefined): number {
  const name = selectedContainer(data, undefined);
  return Math.max(0, data?.containers.findIndex((c) => c.name === name) ?? 0);
}

function move(s: ViewState, m: PanelMetrics | undefined, delta: number, absolute?: number): undefined {
  if (SELECTABLE.has(s.panel) && m && m.ids.length > 0) {
    const next = absolute ?? (s.cursor[s.panel] ?? 0) + delta;
    s.cursor[s.panel] = clamp(next, 0, m.ids.length - 1);
  } else {
    const next = absolute ?? (s.scroll[s.panel] ?? 0) + delta;
    s.scroll[s.panel] = clamp(next, 0, m?.maxScroll ?? 0);
  }
  return undefined;
}

/** The container of the focused panel's selected row, or of the Containers cursor. */
function containerFor(s: ViewState, m: PanelMetrics | undefined, data: PodDetailData | undefined): string | undefined {
  if (CONTAINER_ROWS.has(s.panel) && m && m.ids.length > 0) return m.ids[clamp(s.cursor[s.panel] ?? 0, 0, m.ids.length - 1)];
  return selectedContainer(data, s.cursor.containers);
}

/** Applies one command to the state (in place) and says where to navigate, if anywhere. */
export function applyCommand(
  s: ViewState,
  metrics: Partial<Record<PanelId, PanelMetrics>>,
  command: string,
  data: PodDetailData | undefined,
  podKey: string,
): NavEffect {
  const m = metrics[s.panel];
  const page = Math.max(1, (m?.page ?? 2) - 1);
  switch (command) {
    case 'next-panel':
    case 'prev-panel': {
      const i = PANEL_IDS.indexOf(s.panel);
      s.panel = PANEL_IDS[(i + (command === 'next-panel' ? 1 : PANEL_IDS.length - 1)) % PANEL_IDS.length];
      return undefined;
    }
    case 'down':
      return move(s, m, 1);
    case 'up':
      return move(s, m, -1);
    case 'page-down':
      return move(s, m, page);
    case 'page-up':
      return move(s, m, -page);
    case 'top':
      return move(s, m, 0, 0);
    case 'bottom':
      return move(s, m, 0, Number.MAX_SAFE_INTEGER);
    case 'open': {
      if (s.panel === 'advice') {
        const id = m?.ids[s.cursor.advice ?? 0];
        if (id !== undefined && !s.expanded.delete(id)) s.expanded.add(id);
        return undefined;
      }
      if (s.panel === 'summary' || s.panel === 'events') return undefined;
      const container = containerFor(s, m, data);
      return container ? { push: { view: 'container', key: podKey, container } } : undefined;
    }
    case 'logs':
    case 'previous-logs': {
      const container = containerFor(s, m, data);
      return container ? { push: { view: 'logs', key: podKey, container, previous: command === 'previous-logs' } } : undefined;
    }
    case 'events':
      s.panel = 'events';
      return undefined;
    case 'yaml':
      return { push: { view: 'yaml', kind: 'pods', key: podKey } };
    case 'back':
      return { pop: true };
  }
  return undefined;
}
