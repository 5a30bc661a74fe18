// The Pods view's model: every pod as a row, the filters and the sort, and the visible order
// cached between keystrokes. At 50,000 pods a full filter costs ~3 ms and a sort ~30 ms
// (FIELD-NOTES), so two orders are kept: every row sorted, and the filtered view of it.
// A filter keystroke only re-filters the sorted rows (no sort); a sort key re-sorts; a small
// batch of watch changes is merged into both by binary search instead of re-sorting.
import { objectKey, type KubeObject } from './kube.js';
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

/**
 * Past this many changes in one batch (and past a quarter of all rows), re-sorting every row
 * is cheaper than merging.
 */
const MERGE_LIMIT = 2000;
/**
 * Up to this many changes are spliced in one by one (binary search + splice); more are
 * merged in one linear pass (the initial sync delivers pages of 500 pods: spliced one by one
 * into 50,000 rows that cost ~100 ms per page).
 */
const SPLICE_LIMIT = 32;
/** Filtered orders remembered per filter text, so a backspace does not re-filter every pod. */
const TEXT_ORDERS_KEPT = 16;

/**
 * One pod as the list keeps it: what sorting and filtering read, and the object to build its
 * full row from when it is on screen. Measured at 50,000 pods: a PodRow (19 fields) plus a
 * lower-cased haystack string per pod held 27 MB; this record holds ~17 MB (P4; the whole Pods view 29.0 -> 19.8 MB retained).
 */
interface Entry {
  /** The store's object the entry was built from: a relist that hands back the same object costs nothing. */
  pod: KubeObject;
  key: string;
  namespace: string;
  name: string;
  status: string;
  /**
   * Lower-cased namespace, name, status, node and ip joined by NULs, so a filter text is one
   * includes() per pod and never matches across two fields. Measured at 50,000 pods: checking
   * the five fields one by one made a filter pass 2.5x slower (P3) for ~4 MB saved.
   */
  haystack: string;
  statusTone: StatusTone;
  restarts: number;
  /**
   * Creation time in whole seconds (timestamps have no finer part), NaN when unknown: a small
   * integer V8 keeps in the field, where milliseconds needed a 16-byte box per pod.
   */
  createdS: number;
  labels: Record<string, string> | undefined;
}

/** Rows built for display, kept while on screen (a page or two); more starts over. */
const ROWS_KEPT = 512;

function entryOf(pod: KubeObject, row: PodRow): Entry {
  return {
    pod,
    key: row.key,
    namespace: row.namespace,
    name: row.name,
    status: row.status,
    haystack: `${row.namespace}\u0000${row.name}\u0000${row.status}\u0000${row.node}\u0000${row.ip}`.toLowerCase(),
    statusTone: row.statusTone,
    restarts: row.restarts,
    createdS: Math.floor(row.createdMs / 1000),
    labels: row.labels,
  };
}

/** One pod's change: its new object, or undefined when it is gone. */
interface PodChange {
  key: string;
  pod: KubeObject | undefined;
}

function byKey(a: Entry, b: Entry): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

export class PodList {
  private readonly entries = new Map<string, Entry>();
  /** Every row, sorted. */
  private sorted: Entry[] = [];
  /** The rows that pass the filters, in sorted order. */
  private order: Entry[] = [];
  private dirtySort = true;
  private dirtyFilter = true;
  /** The next refresh may filter the current order instead of every sorted row. */
  private narrowing = false;
  /** Orders for filter texts typed since the data, sort or other filters last changed. */
  private textOrders = new Map<string, Entry[]>();
  private text = '';
  private selector: LabelRequirement[] = [];
  private namespace: string | undefined;
  private onlyWithFindings = false;
  private sortState: PodSort = { field: 'name', desc: false };
  private adviceScore = new Map<string, number>();
  /** Full rows of the entries on screen lately (an entry is replaced, never changed, when its pod changes). */
  private rows = new Map<Entry, PodRow>();

  constructor(
    private readonly now: () => number,
    private readonly advice: AdviceLookup = () => ({ count: 0 }),
  ) {}

  // ---- data -------------------------------------------------------------------------------

  /**
   * Replaces every row (first load, relist). Pods whose object is the one already shown keep
   * their row, so the relist that ends the first sync (the same objects again) costs one pass.
   */
  rebuild(pods: readonly KubeObject[]): void {
    const changes: PodChange[] = [];
    const seen = new Set<string>();
    for (const pod of pods) {
      const key = objectKey(pod as { metadata?: { namespace?: string; name?: string } });
      seen.add(key);
      if (this.entries.get(key)?.pod !== pod) changes.push({ key, pod });
    }
    if (seen.size < this.entries.size) {
      for (const key of this.entries.keys()) if (!seen.has(key)) changes.push({ key, pod: undefined });
    }
    this.applyChanges(changes);
  }

  /** Applies one store batch; returns true when the rows changed. */
  applyBatch(batch: ChangeBatch, store: StoreView): boolean {
    if (batch.resync?.includes('pods')) {
      this.rebuild(store.list('pods'));
      return true;
    }
    const changes: PodChange[] = [];
    for (const c of batch.changes) {
      if (c.kind === 'pods') changes.push({ key: c.key, pod: c.type === 'DELETED' ? undefined : c.object });
    }
    if (changes.length === 0) return false;
    this.applyChanges(changes);
    return true;
  }

  private applyChanges(changes: readonly PodChange[]): void {
    if (changes.length === 0) return;
    this.textOrders.clear();
    const clean = !this.dirtySort && !this.dirtyFilter && this.sortState.field !== 'advice' && !this.onlyWithFindings;
    const merge = clean && (changes.length <= MERGE_LIMIT || changes.length <= this.entries.size / 4);
    if (!merge || changes.length > SPLICE_LIMIT) {
      const removed: Entry[] = [];
      const added: Entry[] = [];
      const now = this.now();
      for (const { key, pod } of changes) {
        const old = this.entries.get(key);
        if (old) removed.push(old);
        if (!pod) {
          this.entries.delete(key);
          continue;
        }
        const entry = entryOf(pod, podRow(pod, now));
        this.entries.set(key, entry);
        added.push(entry);
      }
      if (!merge) {
        this.dirtySort = true;
        return;
      }
      added.sort((a, b) => this.compare(a, b));
      const shared = this.order === this.sorted;
      this.sorted = this.mergeInto(this.sorted, removed, added, true);
      this.order = shared ? this.sorted : this.mergeInto(this.order, removed, added.filter((e) => this.passes(e)));
      return;
    }
    const now = this.now();
    const shared = this.order === this.sorted;
    for (const { key, pod } of changes) {
      const old = this.entries.get(key);
      if (old) {
        this.removeFrom(this.sorted, old);
        if (!shared && this.passes(old)) this.removeFrom(this.order, old);
      }
      if (!pod) {
        this.entries.delete(key);
        continue;
      }
      const entry = entryOf(pod, podRow(pod, now));
      this.entries.set(key, entry);
      this.insertInto(this.sorted, entry);
      if (!shared && this.passes(entry)) this.insertInto(this.order, entry);
    }
  }

  /**
   * `rows` without `removed`, with `added` (sorted) merged in. Rows to drop and places to
   * insert are found by binary search, so a batch of k changes costs k·log n comparisons and
   * one copy of the array (comparing every row, as a plain merge does, was ~10% of a core
   * under --churn 2000 at 50,000 pods).
   */
  private mergeInto(rows: readonly Entry[], removed: readonly Entry[], added: readonly Entry[], holdsAll = false): Entry[] {
    const drop: number[] = [];
    for (const e of removed) {
      const i = this.search(rows, e);
      if (rows[i] === e) drop.push(i);
      else if (holdsAll) this.dirtySort = true; // not where it should be: re-sort rather than keep a ghost
    }
    drop.sort((x, y) => x - y);
    const out: Entry[] = [];
    let r = 0;
    let d = 0;
    const copyUntil = (end: number) => {
      for (; r < end; r++) {
        if (d < drop.length && drop[d] === r) d++;
        else out.push(rows[r]);
      }
    };
    for (const e of added) {
      copyUntil(this.search(rows, e));
      out.push(e);
    }
    copyUntil(rows.length);
    return out;
  }

  /** The analysis changed: advice sort and the `!` filter must be recomputed. */
  invalidateAdvice(): void {
    if (this.sortState.field === 'advice') this.dirtySort = true;
    if (this.onlyWithFindings) this.dirtyFilter = true;
    if (this.sortState.field === 'advice' || this.onlyWithFindings) this.textOrders.clear();
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
      this.textOrders.clear();
    } else {
      const text = trimmed.toLowerCase();
      // Typing on: every pod that matches the longer text matched the shorter one, so only
      // the rows on screen now need checking (P3: one keystroke at 50,000 pods).
      this.narrowing = !this.dirtySort && !this.dirtyFilter && this.selector.length === 0 && text.includes(this.text);
      if (this.selector.length > 0) this.textOrders.clear();
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
    this.textOrders.clear();
    this.dirtyFilter = true;
  }

  setOnlyWithFindings(on: boolean): void {
    if (on === this.onlyWithFindings) return;
    this.onlyWithFindings = on;
    this.textOrders.clear();
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
    this.textOrders.clear();
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
    const from = Math.max(0, start);
    const to = Math.min(this.order.length, Math.max(0, end));
    const rows: PodRow[] = [];
    for (let i = from; i < to; i++) rows.push(this.rowOf(this.order[i]));
    return rows;
  }

  rowAt(index: number): PodRow | undefined {
    this.refresh();
    const entry = this.order[index];
    return entry && this.rowOf(entry);
  }

  /** Position of a pod in the visible order, -1 when filtered out or gone. */
  indexOf(key: string): number {
    this.refresh();
    const entry = this.entries.get(key);
    if (!entry) return -1;
    const i = this.search(this.order, entry);
    return this.order[i] === entry ? i : this.order.indexOf(entry);
  }

  get(key: string): PodRow | undefined {
    const entry = this.entries.get(key);
    return entry && this.rowOf(entry);
  }

  /** The full row of an entry, built when first shown. */
  private rowOf(entry: Entry): PodRow {
    let row = this.rows.get(entry);
    if (!row) {
      if (this.rows.size >= ROWS_KEPT) this.rows.clear();
      row = podRow(entry.pod, this.now());
      this.rows.set(entry, row);
    }
    return row;
  }

  private refresh(): void {
    if (!this.dirtySort && !this.dirtyFilter) return;
    const needScores = (this.dirtySort && this.sortState.field === 'advice') || (this.dirtyFilter && this.onlyWithFindings);
    if (needScores) this.scoreAdvice();
    if (this.dirtySort) {
      this.textOrders.clear();
      const rows = [...this.entries.values()];
      rows.sort((a, b) => this.compare(a, b));
      this.sorted = rows;
    }
    const cached = !this.dirtySort && this.selector.length === 0 ? this.textOrders.get(this.text) : undefined;
    if (cached) {
      this.order = cached;
    } else if (this.unfiltered()) {
      // Every pod passes: the visible order is the sorted array itself. A batch then merges
      // into one array of 50,000, not two (measured under --churn 2000 at 50k pods: the
      // merges were ~2.5% of a core, half of it the second copy).
      this.order = this.sorted;
    } else {
      const order: Entry[] = [];
      const source = this.narrowing && !this.dirtySort ? this.order : this.sorted;
      for (const entry of source) if (this.passes(entry)) order.push(entry);
      this.order = order;
      if (this.selector.length === 0) {
        if (this.textOrders.size >= TEXT_ORDERS_KEPT) this.textOrders.clear();
        this.textOrders.set(this.text, order);
      }
    }
    this.narrowing = false;
    this.dirtySort = false;
    this.dirtyFilter = false;
  }

  private unfiltered(): boolean {
    return this.namespace === undefined && !this.onlyWithFindings && this.selector.length === 0 && this.text === '';
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
    const row = entry;
    if (this.namespace !== undefined && row.namespace !== this.namespace) return false;
    if (this.onlyWithFindings && !this.adviceScore.has(row.key)) return false;
    if (this.selector.length > 0 && !matchLabels(this.selector, row.labels)) return false;
    if (this.text !== '' && !entry.haystack.includes(this.text)) return false;
    return true;
  }

  /** A total order (ties broken by key), so binary search finds any row exactly. */
  private compare(a: Entry, b: Entry): number {
    let c = 0;
    switch (this.sortState.field) {
      case 'name':
        c = a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
        break;
      case 'age': {
        // Youngest first; unknown creation times last.
        const ta = Number.isNaN(a.createdS) ? -Infinity : a.createdS;
        const tb = Number.isNaN(b.createdS) ? -Infinity : b.createdS;
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

  /** Lower bound of `entry` in a sorted array. */
  private search(rows: readonly Entry[], entry: Entry): number {
    let lo = 0;
    let hi = rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.compare(rows[mid], entry) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private removeFrom(rows: Entry[], entry: Entry): void {
    const i = this.search(rows, entry);
    if (rows[i] === entry) rows.splice(i, 1);
    else this.dirtySort = true; // not where it should be: fall back to a full refresh
  }

  private insertInto(rows: Entry[], entry: Entry): void {
    rows.splice(this.search(rows, entry), 0, entry);
  }
}
