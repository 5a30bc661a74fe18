// The benchmark's results: one table for people, one JSON document for machines. A figure
// that could not be measured is `n/a` with its reason, never a number.

export interface Measured {
  value: number | null;
  /** Why `value` (or a companion figure) is missing. */
  na?: string;
}

export interface BenchResults {
  P1: Measured & { kubectl: number | null };
  P2: Measured & { kubectl: number | null };
  P3: Measured & { p50: number | null };
  P4: Measured & { kubectl: number | null };
  P5: Measured & { fps: number | null; lag: number | null };
  P6: Measured & { update?: number | null };
}

/** Results with nothing measured yet; with a reason, every figure is n/a for it. */
export function emptyResults(reason?: string): BenchResults {
  const na = reason ? { na: reason } : {};
  return {
    P1: { value: null, kubectl: null, ...na },
    P2: { value: null, kubectl: null, ...na },
    P3: { value: null, p50: null, ...na },
    P4: { value: null, kubectl: null, ...na },
    P5: { value: null, fps: null, lag: null, ...na },
    P6: { value: null, ...na },
  };
}

export function ratio(value: number | null, reference: number | null): number | null {
  return value !== null && reference !== null && reference > 0 ? value / reference : null;
}

type Verdict = boolean | null;

function all(...checks: Verdict[]): Verdict {
  if (checks.some((c) => c === false)) return false;
  return checks.every((c) => c === true) ? true : null;
}

function atMost(value: number | null, limit: number): Verdict {
  return value === null ? null : value <= limit;
}

/** The JSON document of `--json FILE`. */
export function resultsJson(r: BenchResults): unknown {
  const na = (m: Measured) => (m.na ? { na: m.na } : {});
  return {
    P1: { value: r.P1.value, kubectl: r.P1.kubectl, ratio: ratio(r.P1.value, r.P1.kubectl), ...na(r.P1) },
    P2: { value: r.P2.value, kubectl: r.P2.kubectl, ratio: ratio(r.P2.value, r.P2.kubectl), ...na(r.P2) },
    P3: { value: r.P3.value, p50: r.P3.p50, ...na(r.P3) },
    P4: { value: r.P4.value, kubectl: r.P4.kubectl, ratio: ratio(r.P4.value, r.P4.kubectl), ...na(r.P4) },
    P5: { value: r.P5.value, fps: r.P5.fps, lag: r.P5.lag, ...na(r.P5) },
    P6: { value: r.P6.value, ...(r.P6.update !== undefined ? { update: r.P6.update } : {}), ...na(r.P6) },
  };
}

function fmt(value: number | null, unit: string, digits = 2): string {
  return value === null || !Number.isFinite(value) ? 'n/a' : `${value.toFixed(digits)}${unit}`;
}

function verdictText(v: Verdict): string {
  return v === null ? 'n/a' : v ? 'yes' : 'NO';
}

export function resultsTable(r: BenchResults): string {
  const r1 = ratio(r.P1.value, r.P1.kubectl);
  const r2 = ratio(r.P2.value, r.P2.kubectl);
  const r4 = ratio(r.P4.value, r.P4.kubectl);
  const rows: string[][] = [
    ['figure', 'podscope', 'kubectl', 'ratio', 'goal', 'met?'],
    ['P1 first pod row', fmt(r.P1.value, ' s'), fmt(r.P1.kubectl, ' s'), fmt(r1, '×'), '<= 0.5 s and <= 0.5× kubectl', verdictText(all(atMost(r.P1.value, 0.5), atMost(r1, 0.5)))],
    ['P2 all pods loaded (live)', fmt(r.P2.value, ' s'), fmt(r.P2.kubectl, ' s'), fmt(r2, '×'), '<= 1.0× kubectl -o json', verdictText(atMost(r2, 1.0))],
    ['P3 key → frame p95', fmt(r.P3.value, ' ms', 1), '', '', `<= 16 ms (p50 ${fmt(r.P3.p50, ' ms', 1)})`, verdictText(atMost(r.P3.value, 16))],
    ['P4 peak RSS, live', fmt(r.P4.value, ' MB', 0), fmt(r.P4.kubectl, ' MB', 0), fmt(r4, '×'), '<= 300 MB and <= 0.5× kubectl', verdictText(all(atMost(r.P4.value, 300), atMost(r4, 0.5)))],
    ['P5 churn 2000/s: CPU', fmt(r.P5.value, ' cores'), '', '', '<= 1 core', verdictText(atMost(r.P5.value, 1))],
    ['P5 churn: frames', fmt(r.P5.fps, '/s', 1), '', '', '<= 30/s', verdictText(atMost(r.P5.fps, 30))],
    ['P5 churn: lag (p95)', fmt(r.P5.lag, ' s'), '', '', '<= 1 s', verdictText(atMost(r.P5.lag, 1))],
    ['P6 cold analysis', fmt(r.P6.value, ' ms', 0), '', '', `<= 300 ms (update: ${fmt(r.P6.update ?? null, ' ms', 1)})`, verdictText(atMost(r.P6.value, 300))],
  ];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  const line = (row: string[]) => row.map((cell, c) => cell.padEnd(widths[c])).join('  ').trimEnd();
  const out = [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)];
  const reasons = (Object.entries(r) as [string, Measured][]).filter(([, m]) => m.na).map(([id, m]) => `${id} n/a: ${m.na}`);
  return [...out, ...(reasons.length ? ['', ...reasons] : [])].join('\n');
}
