// The ADVICE column without waiting for the analysis. A pod's advice is analysis work (cold:
// its template group and context); at 50,000 pods the first frame with rows spent ~350 ms in
// it before any row reached the screen (P1). So a frame computes advice for at most a few
// milliseconds, shows the last known advice (or none yet) for the other rows, and the view
// fills the rest in after the frame, a slice at a time.
import type { PodAdvice } from '../../model/pod-list.js';

const NONE: PodAdvice = { count: 0 };
/** Pods remembered; more than this (a long scroll) starts over rather than grow without end. */
const KEPT = 5000;

export class AdviceCache {
  private readonly known = new Map<string, { advice: PodAdvice; version: string }>();
  private version = '';
  private spentMs = 0;
  /** Rows of this frame shown with stale or no advice, to be filled in after it. */
  private wanted = new Set<string>();

  constructor(
    private readonly lookup: (key: string) => PodAdvice,
    private readonly frameBudgetMs = 4,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  /** A new frame over the data at `version` (the store's, and the clock's for aging findings): other advice is stale. */
  beginFrame(version: string): void {
    this.version = version;
    this.spentMs = 0;
    this.wanted = new Set();
  }

  /** The pod's advice: fresh if known or if the frame's budget allows, else the last known. */
  get(key: string): PodAdvice {
    const known = this.known.get(key);
    if (known && known.version === this.version) return known.advice;
    if (this.spentMs < this.frameBudgetMs) {
      const start = this.clock();
      const advice = this.compute(key);
      this.spentMs += this.clock() - start;
      return advice;
    }
    this.wanted.add(key);
    return known?.advice ?? NONE;
  }

  /** Rows still shown with stale or no advice. */
  get pending(): boolean {
    return this.wanted.size > 0;
  }

  /**
   * Computes the advice the last frame lacked, for at most `budgetMs`. Returns whether any
   * of it differs from what was shown (the view repaints then).
   */
  fill(budgetMs: number): boolean {
    const start = this.clock();
    let changed = false;
    for (const key of this.wanted) {
      if (this.clock() - start >= budgetMs) break;
      const before = this.known.get(key)?.advice ?? NONE;
      const after = this.compute(key);
      this.wanted.delete(key);
      if (before.count !== after.count || before.worst !== after.worst) changed = true;
    }
    return changed;
  }

  private compute(key: string): PodAdvice {
    const advice = this.lookup(key);
    if (this.known.size >= KEPT) this.known.clear();
    this.known.set(key, { advice, version: this.version });
    return advice;
  }
}
