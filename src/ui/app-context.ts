// What the app shell hands every view: the data (store, analysis, logs API), navigation,
// and a way to tell the shell its keys for the help screen.
import type { StoreView } from '../model/store-view.js';
import type { KubeObject, ResourceKind } from '../model/kube.js';
import type { Finding, Severity } from '../analysis/types.js';
import type { Binding } from './keys/keymap.js';

export type Route =
  | { view: 'pods' }
  | { view: 'pod'; key: string; panel?: string }
  | { view: 'container'; key: string; container: string }
  | { view: 'logs'; key: string; container: string; previous?: boolean }
  | { view: 'yaml'; kind: ResourceKind; key: string }
  | { view: 'advice'; key?: string }
  | { view: 'events'; key: string };

export interface FindingsSummary {
  error: number;
  warning: number;
  info: number;
  ignored: number;
}

/** What views need from the analysis (src/analysis/engine.ts `LiveAnalysis` satisfies it). */
export interface AnalysisLike {
  findingsForPod(key: string): Finding[];
  /** Worst unsilenced severity and count of a pod's findings (the ADVICE column, `!` filter, advice sort). */
  adviceForPod(key: string): { worst?: Severity; count: number };
  /** A pod's findings counted by severity (silenced ones as ignored), without copying them: the header's summary. */
  countsForPod(key: string): Readonly<FindingsSummary>;
  /** A walk over every pod (the header's summary) paused after a slice, or is done: per-pass caches may go. */
  endWalk?(): void;
  all(): Finding[];
  summary(): FindingsSummary;
}

export interface PodLogsOptions {
  namespace: string;
  pod: string;
  container: string;
  follow?: boolean;
  previous?: boolean;
  tailLines?: number;
  timestamps?: boolean;
}

/** Container logs (the cluster's read-only API satisfies it). Resolves when the stream ends or `signal` aborts. */
export interface LogsApi {
  podLogs(opts: PodLogsOptions, onChunk: (text: string) => void, signal: AbortSignal): Promise<void>;
  /**
   * One object read fresh from the API with metadata.managedFields kept (the store drops them):
   * the YAML view's `m`. Optional: without it the YAML view shows the stored object and says so.
   * src/cluster/api.ts `get(kind, namespace, name, signal)` satisfies it.
   */
  getObject?(kind: ResourceKind, namespace: string | undefined, name: string, signal: AbortSignal): Promise<KubeObject>;
}

export interface Navigation {
  push(route: Route): void;
  pop(): void;
}

export interface AppContext {
  store: StoreView;
  analysis: AnalysisLike;
  api?: LogsApi;
  /** The advice overlay (`a`): when false, views hide findings next to what they show. */
  overlay: boolean;
  now: () => number;
  nav: Navigation;
  /** The current view tells the shell its keys, for the help screen and the footer hints. */
  setBindings(b: Binding[]): void;
}

/** Props of every view: it renders exactly within width × height. */
export interface ViewProps {
  width: number;
  height: number;
  /** False while a modal (filter, command line, help) takes the keys. */
  active: boolean;
  ctx: AppContext;
}
