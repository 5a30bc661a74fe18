// The bench's time budget: a run at 50,000 pods must finish within 10 minutes on a 2-core
// machine, generating the pods included. Each phase may use the budget up to its share;
// every wait inside a phase is cut to what is left of it, so a slow phase ends as n/a
// instead of eating the next one's time.

export const TIME_BUDGET_MS = 570_000;

/** Where each phase must end, as a share of the budget (kubectl -o json alone can take minutes at 50k). */
export const PHASE_ENDS = { server: 0.15, kubectl: 0.4, podscope: 0.65, analysis: 0.75, churn: 1.0 } as const;

export type Phase = keyof typeof PHASE_ENDS;

export class Deadline {
  private readonly started = performance.now();

  constructor(private readonly budgetMs: number = TIME_BUDGET_MS) {}

  /** ms left until the phase's share ends; never less than `floorMs`, so a phase always gets a try. */
  remaining(phase: Phase, floorMs = 5_000): number {
    return Math.max(floorMs, this.budgetMs * PHASE_ENDS[phase] - (performance.now() - this.started));
  }

  /** Whether one more run, as long as the last one, ends inside the phase's share. */
  allowsAnother(phase: Phase, lastRunMs: number): boolean {
    return performance.now() - this.started + lastRunMs < this.budgetMs * PHASE_ENDS[phase];
  }

  elapsedSeconds(): number {
    return (performance.now() - this.started) / 1000;
  }
}
