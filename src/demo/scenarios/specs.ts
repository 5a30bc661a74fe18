// Small builders for the parts of container specs the scenarios repeat: probes, resources,
// security contexts, env vars.
import type { Probe } from '../../model/kube.js';

export function httpProbe(path: string, port: number | string, timing: { initialDelaySeconds?: number; periodSeconds?: number; timeoutSeconds?: number; failureThreshold?: number } = {}): Probe {
  return {
    httpGet: { path, port, scheme: 'HTTP' },
    initialDelaySeconds: timing.initialDelaySeconds ?? 5,
    periodSeconds: timing.periodSeconds ?? 10,
    timeoutSeconds: timing.timeoutSeconds ?? 1,
    successThreshold: 1,
    failureThreshold: timing.failureThreshold ?? 3,
  };
}

export function tcpProbe(port: number | string, periodSeconds = 10): Probe {
  return { tcpSocket: { port }, initialDelaySeconds: 10, periodSeconds, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 };
}

export function execProbe(command: string[], periodSeconds = 10): Probe {
  return { exec: { command }, initialDelaySeconds: 15, periodSeconds, timeoutSeconds: 5, successThreshold: 1, failureThreshold: 6 };
}

export function resources(cpu: string, memory: string, limits?: { cpu?: string; memory?: string }) {
  return {
    requests: { cpu, memory },
    ...(limits ? { limits: Object.fromEntries(Object.entries(limits).filter(([, v]) => v)) as Record<string, string> } : {}),
  };
}

/** The restricted-profile container securityContext. */
export const RESTRICTED = {
  allowPrivilegeEscalation: false,
  runAsNonRoot: true,
  runAsUser: 10001,
  readOnlyRootFilesystem: true,
  capabilities: { drop: ['ALL'] },
  seccompProfile: { type: 'RuntimeDefault' },
};

export function env(vars: Record<string, string>) {
  return Object.entries(vars).map(([name, value]) => ({ name, value }));
}
