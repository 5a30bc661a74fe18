// A pod's advice at a glance, for the ADVICE column, the `!` filter and the advice sort.
import type { AnalysisLike } from '../app-context.js';
import type { PodAdvice } from '../../model/pod-list.js';
import type { Severity } from '../../analysis/types.js';
import { SEVERITY_RANK } from '../../analysis/types.js';
import { severityGlyph } from '../theme/severity.js';

/** Worst severity and count of a pod's findings; silenced findings do not count. */
export function podAdvice(analysis: AnalysisLike, key: string): PodAdvice {
  let worst: Severity | undefined;
  let count = 0;
  for (const f of analysis.findingsForPod(key)) {
    if (f.ignored) continue;
    count++;
    if (!worst || SEVERITY_RANK[f.severity] > SEVERITY_RANK[worst]) worst = f.severity;
  }
  return { worst, count };
}

/** `✖ 2`: the worst severity's glyph and the number of findings; '' when there are none. */
export function adviceBadge(a: PodAdvice): string {
  return a.worst && a.count > 0 ? `${severityGlyph(a.worst)} ${a.count}` : '';
}
