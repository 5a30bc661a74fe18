// What the app shell is given by runTui (or a test).
import type { StoreView } from '../../model/store-view.js';
import type { AnalysisLike, LogsApi } from '../app-context.js';
import type { Theme } from '../theme/theme.js';
import type { TerminalSize } from './use-terminal-size.js';
import type { RowPainter } from '../components/row-painter.js';

/** The parts of a cluster session the command line drives (src/cluster/session.ts satisfies it). */
export interface SessionControls {
  readonly contextName: string;
  /** undefined = all namespaces. */
  readonly namespace: string | undefined;
  contexts(): string[];
  switchContext(name: string): Promise<void>;
  switchNamespace(ns: string | 'all'): Promise<void>;
}

export interface AppProps {
  store: StoreView;
  analysis: AnalysisLike;
  api?: LogsApi;
  session?: SessionControls;
  theme: Theme;
  /** Loads a theme for `:theme NAME`; throws an Error with a one-line message. */
  loadTheme?: (name: string) => Theme;
  /** `-l SELECTOR` from the command line, applied as the Pods view's first filter. */
  selector?: string;
  now?: () => number;
  onExit: (code: number) => void;
  /** Fixed size (tests); else the terminal's, followed on resize. */
  size?: TerminalSize;
  /** Milliseconds between repaints caused by store changes. */
  repaintMs?: number;
  /** Writes table rows beside Ink (the terminal session); without it Ink draws them (tests). */
  painter?: RowPainter;
}
