// A pod's advice at a glance, for the ADVICE column, the `!` filter and the advice sort.
import type { AnalysisLike } from '../app-context.js';
import type { PodAdvice } from '../../model/pod-list.js';
import { severityGlyph } from '../theme/severity.js';

/** Worst severity and count of a pod's findings; silenced findings do not count. */
export function podAdvice(analysis: AnalysisLike, key: string): PodAdvice {
  return analysis.adviceForPod(key);
}

/** `✖ 2`: the worst severity's glyph and the number of findings; '' when there are none. */
export function adviceBadge(a: PodAdvice): string {
  return a.worst && a.count > 0 ? `${severityGlyph(a.worst)} ${a.count}` : '';
}
