// probes-identical: when liveness and readiness ask the same question at the same pace,
// every time the container is too busy to be ready it is also killed. A slow moment
// becomes a restart instead of a short pause in traffic.
import type { Rule } from '../rule.js';
import { sanitize } from '../../model/sanitize.js';
import { asNumber, canonicalJson, containerProbe, type ContainerRef, type ProbeInfo } from '../pod-helpers.js';
import { hitsByFacts } from '../container-facts.js';

/** Kubernetes defaults, so `periodSeconds: 10` and no periodSeconds compare equal. */
const DEFAULTS = { periodSeconds: 10, timeoutSeconds: 1, failureThreshold: 3 } as const;

function timing(p: ProbeInfo): Record<keyof typeof DEFAULTS, number> {
  return {
    periodSeconds: asNumber(p.raw.periodSeconds) ?? DEFAULTS.periodSeconds,
    timeoutSeconds: asNumber(p.raw.timeoutSeconds) ?? DEFAULTS.timeoutSeconds,
    failureThreshold: asNumber(p.raw.failureThreshold) ?? DEFAULTS.failureThreshold,
  };
}

/** One object (the store shares equal parts) is equal to itself without writing it out. */
function sameJson(a: unknown, b: unknown): boolean {
  return a === b || canonicalJson(a) === canonicalJson(b);
}

export const rule: Rule = {
  id: 'probes-identical',
  severity: 'warning',
  runtime: false,
  title: 'Liveness and readiness probes are identical',
  why:
    'Readiness takes a busy container out of the Service for a moment; liveness restarts it. When both probes ' +
    'check the same thing with the same timing, they fail together: a container that is merely slow is ' +
    'restarted instead of being given time, which turns load into restarts.',
  fix:
    'Make liveness more tolerant than readiness (a higher failureThreshold or longer period), or give it a ' +
    'cheaper endpoint that only says "the process is alive".',
  explain: {
    fires: 'A container\'s livenessProbe and readinessProbe have the same handler and the same periodSeconds, timeoutSeconds and failureThreshold (defaults filled in).',
    guards: [
      'A different failureThreshold, period or timeout is a deliberate choice: no finding.',
      'A different handler (path, port, command) is no finding.',
      'Init containers that run to completion have no probes.',
    ],
    bad: `livenessProbe:  {httpGet: {path: /healthz, port: 8080}, periodSeconds: 5}
readinessProbe: {httpGet: {path: /healthz, port: 8080}, periodSeconds: 5}`,
    good: `livenessProbe:  {httpGet: {path: /healthz, port: 8080}, periodSeconds: 10, failureThreshold: 6}
readinessProbe: {httpGet: {path: /ready, port: 8080}, periodSeconds: 5}`,
  },
  severityOn: (c) => (c.longRunning && identicalProbes(c.ref) ? rule.severity : undefined),
  check(subject, ctx, facts) {
    return hitsByFacts(subject, ctx, facts, rule.severityOn!, (ref) => {
      const { live, ready, pace } = identicalProbes(ref)!;
      return {
        container: ref.name,
        probe: 'liveness',
        message: `liveness and readiness probes of ${ref.name} are the same ${live.handler} check (${pace}): a slow container is restarted, not just taken out of traffic`,
        evidence: [
          `${live.path}.${live.handler}: ${sanitize(canonicalJson(live.raw[live.handler]), 120)}`,
          `${ready.path}.${ready.handler}: ${sanitize(canonicalJson(ready.raw[ready.handler]), 120)}`,
        ],
      };
    });
  },
};

/** The container's liveness and readiness probes when they are the same check at the same pace. */
function identicalProbes(ref: ContainerRef): { live: ProbeInfo; ready: ProbeInfo; pace: string } | undefined {
  const live = containerProbe(ref, 'liveness');
  const ready = containerProbe(ref, 'readiness');
  if (!live || !ready || live.handler === 'none' || live.handler !== ready.handler) return undefined;
  // The timing first: three numbers, where the handlers' JSON is two texts to build.
  const a = timing(live);
  const b = timing(ready);
  if (a.periodSeconds !== b.periodSeconds || a.timeoutSeconds !== b.timeoutSeconds || a.failureThreshold !== b.failureThreshold) return undefined;
  if (!sameJson(live.raw[live.handler], ready.raw[ready.handler])) return undefined;
  return { live, ready, pace: `every ${a.periodSeconds}s, timeout ${a.timeoutSeconds}s, ${a.failureThreshold} failures` };
}
