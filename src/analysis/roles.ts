// Container roles: which container of a pod is the application (main), which is a helper
// (sidecar, with the kind of helper), which runs to completion first (init).
//
// Precision over recall: a container becomes a sidecar only on evidence that names what it
// helps with (a known helper image, a localhost forward to another container's port, a
// read-only look at a volume another container writes). A pod always keeps a main container.
import type { PodSpec } from '../model/kube.js';
import type { ContainerRoleInfo, SidecarKind } from './types.js';
import {
  containerPorts,
  imageBaseName,
  imagePath,
  localhostTargets,
  podContainers,
  volumeMounts,
  type ContainerRef,
} from './pod-helpers.js';
import { PassMemo } from './pass-memo.js';

interface HelperEvidence {
  kind: SidecarKind;
  reason: string;
  /** Image or name evidence is strong; volume reading is weaker (used to choose a main). */
  strong: boolean;
}

const LOG_SHIPPERS = ['fluent-bit', 'fluentbit', 'fluentd', 'vector', 'promtail', 'filebeat', 'logstash-forwarder'];
const PROXIES = ['envoy', 'proxyv2', 'istio-proxy', 'linkerd-proxy', 'cloud-sql-proxy', 'cloudsql-proxy', 'gce-proxy', 'oauth2-proxy', 'ghostunnel', 'kube-rbac-proxy', 'daprd', 'cloudflared'];
/** Images that are proxies only when the container forwards to a port of another container. */
const FRONT_PROXIES = ['nginx', 'nginx-unprivileged', 'openresty', 'haproxy', 'traefik', 'caddy', 'stunnel', 'envoy'];
const AGENTS = [
  'otel-collector',
  'opentelemetry-collector',
  'opentelemetry-collector-contrib',
  'otelcol',
  'otelcol-contrib',
  'vault-agent',
  'consul-template',
  'datadog-agent',
  'jaeger-agent',
  'git-sync',
  'configmap-reload',
  'config-reloader',
  'prometheus-config-reloader',
];
/** Names the well-known injectors give their containers. */
const INJECTED_NAMES: Record<string, SidecarKind> = {
  'istio-proxy': 'proxy',
  'linkerd-proxy': 'proxy',
  'envoy-sidecar': 'proxy',
  'cloud-sql-proxy': 'proxy',
  'cloudsql-proxy': 'proxy',
  'vault-agent': 'agent',
  'vault-agent-init': 'agent',
};

/** Recognises a helper by its image or its injected name. */
function helperByImage(ref: ContainerRef): HelperEvidence | undefined {
  const base = imageBaseName(ref.image);
  const path = imagePath(ref.image);
  const byName = INJECTED_NAMES[ref.name.toLowerCase()];
  if (byName) return { kind: byName, reason: `injected helper named ${ref.name}`, strong: true };
  if (LOG_SHIPPERS.includes(base)) return { kind: 'log-shipper', reason: `log shipper image ${base}`, strong: true };
  if (PROXIES.includes(base) || (path.includes('linkerd') && base === 'proxy')) {
    return { kind: 'proxy', reason: `proxy image ${base}`, strong: true };
  }
  if (/[-_]exporter$/.test(base)) return { kind: 'metrics', reason: `metrics exporter image ${base}`, strong: true };
  if (AGENTS.includes(base)) return { kind: 'agent', reason: `agent image ${base}`, strong: true };
  // HashiCorp Vault's agent runs the vault image with `agent` as its first argument.
  if (base === 'vault' && firstArg(ref) === 'agent') return { kind: 'agent', reason: 'vault agent', strong: true };
  return undefined;
}

function firstArg(ref: ContainerRef): string | undefined {
  const cmd = [...(Array.isArray(ref.c.command) ? ref.c.command : []), ...(Array.isArray(ref.c.args) ? ref.c.args : [])];
  return cmd.find((a) => typeof a === 'string' && a !== 'vault' && !a.endsWith('/vault')) as string | undefined;
}

/** A front proxy (nginx, haproxy, …, or a container named *proxy*) that forwards to localhost:PORT of another container. */
function helperByForward(ref: ContainerRef, others: ContainerRef[]): HelperEvidence | undefined {
  const base = imageBaseName(ref.image);
  const looksLikeProxy = FRONT_PROXIES.includes(base) || /proxy|tls|gateway/.test(ref.name.toLowerCase());
  if (!looksLikeProxy) return undefined;
  const own = new Set(containerPorts(ref).map((p) => p.port));
  for (const port of localhostTargets(ref)) {
    if (own.has(port)) continue;
    const owner = others.find((o) => containerPorts(o).some((p) => p.port === port));
    if (owner) return { kind: 'proxy', reason: `forwards to localhost:${port} of ${owner.name}`, strong: true };
  }
  return undefined;
}

/** A container without ports that mounts read-only a volume another container writes. */
function helperByVolume(ref: ContainerRef, others: ContainerRef[]): HelperEvidence | undefined {
  if (containerPorts(ref).length > 0) return undefined;
  for (const m of volumeMounts(ref)) {
    if (!m.readOnly) continue;
    const writer = others.find((o) => volumeMounts(o).some((om) => om.volume === m.volume && !om.readOnly));
    if (!writer) continue;
    const logs = /log/i.test(m.volume) || /log/i.test(m.mountPath);
    return {
      kind: logs ? 'log-shipper' : 'agent',
      reason: `reads volume ${m.volume} (written by ${writer.name}) read-only`,
      strong: false,
    };
  }
  return undefined;
}

export interface RoleHints {
  /** Target ports of Services selecting the pod: the container owning one is the main one. */
  servicePorts?: (number | string)[];
}

/**
 * Roles by container list and Service target ports. The refs of a frozen container list are
 * one shared array (podContainers), and so are the roles: replicas of a workload get theirs
 * once instead of once each. Unfrozen lists (manifests, tests) are never cached.
 */
const rolesByRefs = new PassMemo<readonly ContainerRef[], Map<string, ContainerRoleInfo[]>>();
const rolesWithoutServices = new PassMemo<readonly ContainerRef[], ContainerRoleInfo[]>();

/** Roles of every container of a spec, init containers first, in spec order. Do not modify the result. */
export function containerRoles(spec: PodSpec | unknown, hints: RoleHints = {}): ContainerRoleInfo[] {
  const all = podContainers(spec);
  if (!Object.isFrozen(all)) return rolesOf(all, hints);
  // Most pods no Service selects: their roles hang off the container list itself. A Map per
  // list for the one key '' was 12,000 Maps at 50,000 pods (measured: 8 MB of the analysis's heap).
  if (!hints.servicePorts?.length) {
    let roles = rolesWithoutServices.get(all);
    if (!roles) rolesWithoutServices.set(all, (roles = frozenRoles(rolesOf(all, hints))));
    return roles;
  }
  const ports = hints.servicePorts.map((p) => `${typeof p}:${p}`).join(',');
  let byPorts = rolesByRefs.get(all);
  if (!byPorts) rolesByRefs.set(all, (byPorts = new Map()));
  let roles = byPorts.get(ports);
  if (!roles) {
    roles = frozenRoles(rolesOf(all, hints));
    byPorts.set(ports, roles);
  }
  return roles;
}

function frozenRoles(roles: ContainerRoleInfo[]): ContainerRoleInfo[] {
  return Object.freeze(roles.map((r) => Object.freeze(r))) as ContainerRoleInfo[];
}

function rolesOf(all: ContainerRef[], hints: RoleHints): ContainerRoleInfo[] {
  // The common pod: one app container and nothing else. Its role needs no evidence (and no
  // Maps and lists to weigh it: 14,000 container lists a cold pass at 50,027 pods).
  if (all.length === 1 && all[0].group === 'containers') return [{ name: all[0].name, role: 'main', reason: 'the only app container' }];
  const regular = all.filter((c) => c.group === 'containers');
  const roles = new Map<ContainerRef, ContainerRoleInfo>();

  for (const ref of all) {
    if (ref.group !== 'initContainers') continue;
    if (ref.native) {
      const ev = helperByImage(ref);
      roles.set(ref, {
        name: ref.name,
        role: 'sidecar',
        native: true,
        ...(ev ? { kind: ev.kind } : {}),
        reason: `native sidecar (restartPolicy: Always)${ev ? `; ${ev.reason}` : ''}`,
      });
    } else {
      roles.set(ref, { name: ref.name, role: 'init', reason: 'init container: runs to completion before the app starts' });
    }
  }

  // One regular container is the application, whatever its image (an nginx pod is a web server).
  const evidence = new Map<ContainerRef, HelperEvidence>();
  if (regular.length > 1) {
    for (const ref of regular) {
      const others = regular.filter((o) => o !== ref);
      const ev = helperByImage(ref) ?? helperByForward(ref, others) ?? helperByVolume(ref, others);
      if (ev) evidence.set(ref, ev);
    }
    if (evidence.size === regular.length) {
      const keep = chooseMain(regular, evidence, hints);
      evidence.delete(keep);
    }
  }
  for (const ref of regular) {
    const ev = evidence.get(ref);
    roles.set(
      ref,
      ev
        ? { name: ref.name, role: 'sidecar', kind: ev.kind, reason: ev.reason }
        : { name: ref.name, role: 'main', reason: regular.length === 1 ? 'the only app container' : 'application container' },
    );
  }
  return all.map((ref) => roles.get(ref)!);
}

/** When every container looks like a helper, one of them must be the app. */
function chooseMain(regular: ContainerRef[], evidence: Map<ContainerRef, HelperEvidence>, hints: RoleHints): ContainerRef {
  const targets = hints.servicePorts ?? [];
  const served = regular.find((r) =>
    containerPorts(r).some((p) => targets.includes(p.port) || (p.name !== undefined && targets.includes(p.name))),
  );
  if (served) return served;
  return regular.find((r) => !evidence.get(r)?.strong) ?? regular[0];
}

/** The role of one container by name, or `main` when unknown. */
export function roleOf(roles: ContainerRoleInfo[], name: string): ContainerRoleInfo | undefined {
  return roles.find((r) => r.name === name);
}
