// The advice overlay of the Pod view: each finding is drawn next to what it is about.
// A finding carries anchors (port, volume, probe, container); this file decides which
// panel and which row each one belongs to, so the panels only ask "mine, for this row?".
import type { Finding, ProbeKind, RuleId } from '../../analysis/types.js';
import { sanitize } from '../../model/sanitize.js';
import { severityGlyph } from '../theme/severity.js';
import type { Palette } from '../theme/theme.js';
import { seg, type Line } from './lines.js';

const NETWORK_RULES: readonly string[] = ['port-conflict', 'host-namespaces'] satisfies RuleId[];
const VOLUME_RULES: readonly string[] = ['ephemeral-state', 'stateful-deployment', 'shared-volume-writers', 'host-path'] satisfies RuleId[];
const PROBE_RULES: readonly string[] = [
  'readiness-probe-missing',
  'liveness-probe-missing',
  'probes-identical',
  'probe-port-mismatch',
] satisfies RuleId[];

/** The probe a finding sits next to: its anchor, else the one its rule is about. */
export function probeOf(f: Finding): ProbeKind | undefined {
  if (f.probe) return f.probe;
  if (f.rule === 'liveness-probe-missing') return 'liveness';
  if (f.rule === 'readiness-probe-missing' || f.rule === 'probes-identical') return 'readiness';
  return undefined;
}

export const isNetworkFinding = (f: Finding) => f.port !== undefined || NETWORK_RULES.includes(f.rule);
export const isVolumeFinding = (f: Finding) => f.volume !== undefined || VOLUME_RULES.includes(f.rule);
export const isProbeFinding = (f: Finding) => f.probe !== undefined || PROBE_RULES.includes(f.rule);

/** Pod-level findings for the Summary panel: about no container and anchored nowhere else. */
export const isSummaryFinding = (f: Finding) =>
  f.container === undefined && !isNetworkFinding(f) && !isVolumeFinding(f) && !isProbeFinding(f);

export function severityTone(f: Finding): keyof Palette {
  return f.severity === 'error' ? 'error' : f.severity === 'warning' ? 'warning' : 'info';
}

/** `  ✖ port-conflict: containers web and api both listen on 8080/TCP`. */
export function findingLine(f: Finding, indent = '  '): Line {
  return [
    seg(indent),
    seg(`${severityGlyph(f.severity)} ${f.rule}`, severityTone(f), { bold: true }),
    seg(`: ${sanitize(f.message)}`, severityTone(f)),
  ];
}

/** Findings the overlay shows: none when it is off, never silenced ones. */
export function visibleFindings(findings: readonly Finding[], overlay: boolean): Finding[] {
  if (!overlay) return [];
  return findings.filter((f) => !f.ignored);
}
