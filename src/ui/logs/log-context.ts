// What the Logs view shows around the log itself: the findings that explain what the log
// says (a crash loop, a port taken by another container of the pod, a failing readiness
// probe), and, when the log is empty, what state the container is in and where to look.
import type { Finding, RuleId } from '../../analysis/types.js';
import type { Pod } from '../../model/kube.js';
import { containerRows } from '../../model/pod-detail/containers.js';
import { sanitize } from '../../model/sanitize.js';

/** Rules about what a container does at run time: the ones its log tells the story of. */
const RUNTIME_RULES: readonly string[] = [
  'crash-loop',
  'port-conflict',
  'image-pull',
  'not-ready',
  'probe-port-mismatch',
  'job-sidecar',
  'unschedulable',
] satisfies RuleId[];

/** The container's findings that explain its log, worst first; none when the overlay is off. */
export function logFindings(findings: readonly Finding[], container: string, overlay: boolean): Finding[] {
  if (!overlay) return [];
  const rank = { error: 0, warning: 1, info: 2 } as const;
  return findings
    .filter((f) => !f.ignored && RUNTIME_RULES.includes(f.rule) && (f.container === container || (f.container === undefined && f.rule === 'unschedulable')))
    .sort((a, b) => rank[a.severity] - rank[b.severity]);
}

/** Why an empty log is empty, from the container's state: one line, sanitised. */
export function emptyLogHint(pod: Pod | undefined, container: string, previous: boolean): string {
  if (previous) return 'no lines from the previous instance';
  let state: string | undefined;
  try {
    state = pod ? containerRows(pod, []).find((c) => c.name === container)?.state.text : undefined;
  } catch {
    // Odd pod data: the hint is a courtesy, the view goes on without it.
    state = undefined;
  }
  if (!state) return 'no lines yet';
  if (/^Waiting/.test(state)) return `no lines: ${sanitize(state, 80)} (p: the previous instance)`;
  return `no lines yet (${sanitize(state, 80)})`;
}
