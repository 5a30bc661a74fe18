// A pod's advice at a glance (analysis.adviceForPod), as the ADVICE column shows it.
import type { PodAdvice } from '../../model/pod-list.js';
import { severityGlyph } from '../theme/severity.js';

/** `✖ 2`: the worst severity's glyph and the number of findings; '' when there are none. */
export function adviceBadge(a: PodAdvice): string {
  return a.worst && a.count > 0 ? `${severityGlyph(a.worst)} ${a.count}` : '';
}
