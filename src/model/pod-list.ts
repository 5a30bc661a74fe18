// The Pods view's model: every pod as a row, the filters and the sort, and the visible order
// cached between keystrokes. At 50,000 pods a full filter costs ~3 ms and a sort ~30 ms
// (FIELD-NOTES), so two orders are kept: every row sorted, and the filtered view of it.
// A filter keystroke only re-filters the sorted rows (no sort); a sort key re-sorts; a small
// batch of watch changes is merged into both by binary search instead of re-sorting.
import type { KubeObject } from './kube.js';
import type { ChangeBatch, StoreView } from './store-view.js';
import type { Severity } from '../analysis/types.js';
import { podRow, type PodRow, type StatusTone } from './pod-row.js';
import { matchLabels, parseLabelSelector, type LabelRequirement } from './selectors.js';

export type PodSortField = 'name' | 'age' | 'status' | 'restarts' | 'advice';

export interface PodSort {
  field: PodSortField;
  desc: boolean;
}

/** A pod's advice at a glance: its worst non-silenced severity and how many findings. */
export interface PodAdvice {
  worst?: Severity;
  count: number;
}

export type AdviceLookup = (podKey: string) => PodAdvice;

/** The direction a field sorts in when first chosen: the interesting end first. */
const FIRST_DESC: Record<PodSortField, boolean> = {
  name: false,
  age: false,
  status: false,
  restarts: true,
  advice: true,
};

const TONE_RANK: Record<StatusTone, number> = { error: 0, warning: 1, muted: 2, ok: 3 };
const SEVERITY_SCORE: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

/** Past this many changes in one batch, re-sorting is cheaper than merging one by one. */
const MERGE_LIMIT = 2000;

interface Entry {
  row: PodRow;
  /** Lower-cased namespace/name/status/node/ip, built with the row so the first keystroke is as fast as the next. */
  haystack: string;
}

function haystackOf(row: PodRow): string {
  return `${row.namespace}\u0000${row.name}\u0000${row.status}\u0000${row.node}\u0000${row.ip}`.toLowerCase();
}

function byKey(a: PodRow, b: PodRow): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

export class PodList {
  private readonly entries = new Map<string, Entry>();
  /** Every row, sorted. */
  private sorted: PodRow[] = [];
  /** The rows that pass the filters, in sorted order. */
  private order: PodRow[] = [];
  private dirtySort = true;
  private dirtyFilter = true;
  /** The next refresh may filter the current order instead of every sorted row. */
  private narrowing = false;
  private text = '';
  private selector: LabelRequirement[] = [];
  private namespace: string | undefined;
  private onlyWithFindings = false;
  private sortState: PodSort = { field: 'name', desc: false };
  private adviceScore = new Map<string, number>();

  constructor(
    private readonly now: () => number,
    private readonly advice: AdviceLookup = () => ({ count: 0 }),
  ) {}

  // ---- data -------------------------------------------------------------------------------

  /** Replaces every row (first load, relist). */
  rebuild(pods: readonly KubeObject[]): void {
    this.entries.clear();
    const now = this.now();
    for (const pod of pods) {
      const row = podRow(pod, now);
      this.entries.set(row.key, { row, haystack: haystackOf(row) });
    }
    this.dirtySort = true;
  }

  /** Applies one store batch; returns true when the rows changed. */
  applyBatch(batch: ChangeBatch, store: StoreView): boolean {
    if (batch.resync?.includes('pods')) {
      this.rebuild(store.list('pods'));
      return true;
    }
    let podChanges = 0;
    for (const c of batch.changes) if (c.kind === 'pods') podChanges++;
    if (podChanges === 0) return false;
    const merge = !this.dirtySort && !this.dirtyFilter && podChanges <= MERGE_LIMIT && this.sortState.field !== 'advice' && !this.onlyWithFindings;
    const now = this.now();
    for (const change of batch.changes) {
      if (change.kind !== 'pods') continue;
      const old = this.entries.get(change.key);
      if (merge && old) {
        this.removeFrom(this.sorted, old.row);
        if (this.passes(old)) this.removeFrom(this.order, old.row);
      }
      if (change.type === 'DELETED') {
        this.entries.delete(change.key);
        continue;
      }
      const row = podRow(change.object, now);
      const entry: Entry = { row, haystack: haystackOf(row) };
      this.entries.set(change.key, entry);
      if (merge) {
        this.insertInto(this.sorted, entry.row);
        if (this.passes(entry)) this.insertInto(this.order, entry.row);
      }
    }
    if (!merge) this.dirtySort = true;
    return true;
  }

  /** The analysis changed: advice sort and the `!` filter must be recomputed. */
  invalidateAdvice(): void {
    if (this.sortState.field === 'advice') this.dirtySort = true;
    if (this.onlyWithFindings) this.dirtyFilter = true;
  }

  // ---- filters and sort --------------------------------------------------------------------

  /**
   * The `/` filter box: plain text filters by substring; `-l SELECTOR` filters by labels.
   * Returns an error message for a bad selector (the previous filter stays), else undefined.
   */
  setFilter(input: string): string | undefined {
    const trimmed = input.trim();
    if (trimmed.startsWith('-l')) {
      let reqs: LabelRequirement[];
      try {
        reqs = parseLabelSelector(trimmed.slice(2).trim());
      } catch (e) {
        return (e as Error).message;
      }
      this.selector = reqs;
      this.text = '';
    } else {
      const text = trimmed.toLowerCase();
      // Typing on: every pod that matches the longer text matched the shorter one, so only
      // the rows on screen now need checking (P3: one keystroke at 50,000 pods).
      this.narrowing = !this.dirtySort && !this.dirtyFilter && this.selector.length === 0 && text.includes(this.text);
      this.selector = [];
      this.text = text;
    }
    this.dirtyFilter = true;
    return undefined;
  }

  /** Only pods in this namespace (undefined: all namespaces). */
  setNamespace(namespace: string | undefined): void {
    if (namespace === this.namespace) return;
    this.namespace = namespace;
    this.dirtyFilter = true;
  }

  setOnlyWithFindings(on: boolean): void {
    if (on === this.onlyWithFindings) return;
    this.onlyWithFindings = on;
    this.dirtyFilter = true;
  }

  get onlyFindings(): boolean {
    return this.onlyWithFindings;
  }

  /** Sorts by `field`; choosing the current field again flips the direction. */
  sortBy(field: PodSortField): void {
    this.sortState =
      this.sortState.field === field ? { field, desc: !this.sortState.desc } : { field, desc: FIRST_DESC[field] };
    this.dirtySort = true;
  }

  get sort(): PodSort {
    return this.sortState;
  }

  // ---- the visible order -------------------------------------------------------------------

  /** Pods after filtering. */
  get count(): number {
    this.refresh();
    return this.order.length;
  }

  /** All pods known. */
  get total(): number {
    return this.entries.size;
  }

  rowsInRange(start: number, end: number): PodRow[] {
    this.refresh();
    return this.order.slice(Math.max(0, start), Math.max(0, end));
  }

  rowAt(index: number): PodRow | undefined {
    this.refresh();
    return this.order[index];
  }

  /** Position of a pod in the visible order, -1 when filtered out or gone. */
  indexOf(key: string): number {
    this.refresh();
    const entry = this.entries.get(key);
    if (!entry) return -1;
    const i = this.search(this.order, entry.row);
    return i < this.order.length && this.order[i].key === key ? i : this.order.findIndex((r) => r.key === key);
  }

  get(key: string): PodRow | undefined {
    return this.entries.get(key)?.row;
  }

  private refresh(): void {
    if (!this.dirtySort && !this.dirtyFilter) return;
    const needScores = (this.dirtySort && this.sortState.field === 'advice') || (this.dirtyFilter && this.onlyWithFindings);
    if (needScores) this.scoreAdvice();
    if (this.dirtySort) {
      const rows: PodRow[] = [];
      for (const entry of this.entries.values()) rows.push(entry.row);
      rows.sort((a, b) => this.compare(a, b));
      this.sorted = rows;
    }
    const order: PodRow[] = [];
    const source = this.narrowing && !this.dirtySort ? this.order : this.sorted;
    this.narrowing = false;
    for (const row of source) {
      const entry = this.entries.get(row.key);
      if (entry && this.passes(entry)) order.push(row);
    }
    this.order = order;
    this.dirtySort = false;
    this.dirtyFilter = false;
  }

  private scoreAdvice(): void {
    const scores = new Map<string, number>();
    for (const key of this.entries.keys()) {
      const a = this.advice(key);
      if (a.count > 0) scores.set(key, (a.worst ? SEVERITY_SCORE[a.worst] : 0) * 1_000_000 + a.count);
    }
    this.adviceScore = scores;
  }

  private passes(entry: Entry): boolean {
    const row = entry.row;
    if (this.namespace !== undefined && row.namespace !== this.namespace) return false;
    if (this.onlyWithFindings && !this.adviceScore.has(row.key)) return false;
    if (this.selector.length > 0 && !matchLabels(this.selector, row.labels)) return false;
    if (this.text !== '' && !entry.haystack.includes(this.text)) return false;
    return true;
  }

  /** A total order (ties broken by key), so binary search finds any row exactly. */
  private compare(a: PodRow, b: PodRow): number {
    let c = 0;
    switch (this.sortState.field) {
      case 'name':
        c = a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
        break;
      case 'age': {
        // Youngest first; unknown creation times last.
        const ta = Number.isNaN(a.createdMs) ? -Infinity : a.createdMs;
        const tb = Number.isNaN(b.createdMs) ? -Infinity : b.createdMs;
        c = tb < ta ? -1 : tb > ta ? 1 : 0;
        break;
      }
      case 'status':
        c = TONE_RANK[a.statusTone] - TONE_RANK[b.statusTone] || (a.status < b.status ? -1 : a.status > b.status ? 1 : 0);
        break;
      case 'restarts':
        c = a.restarts - b.restarts;
        break;
      case 'advice':
        c = (this.adviceScore.get(a.key) ?? 0) - (this.adviceScore.get(b.key) ?? 0);
        break;
    }
    if (this.sortState.desc) c = -c;
    return c || byKey(a, b);
  }

  /** Lower bound of `row` in a sorted array. */
  private search(rows: readonly PodRow[], row: PodRow): number {
    let lo = 0;
    let hi = rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.compare(rows[mid], row) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private removeFrom(rows: PodRow[], row: PodRow): void {
    const i = this.search(rows, row);
    if (rows[i] === row) rows.splice(i, 1);
    else this.dirtySort = true; // not where it should be: fall back to a full refresh
  }

  private insertInto(rows: PodRow[], row: PodRow): void {
    rows.splice(this.search(rows, row), 0, row);
  }
}
