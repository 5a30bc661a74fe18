// metrics.k8s.io/v1beta1 PodMetrics, made up from the pods themselves: each running
// container uses a share of its requests (or a small default) that drifts with time but is
// the same for everyone asking within one 15-second window, like metrics-server's scrape.
import type { Container, KubeObject, Pod, PodMetrics } from '../../model/kube.js';
import type { RequestContext } from './context.js';
import { parseFieldSelector, parseLabelSelector } from './selectors.js';
import { notFound } from './status.js';

const WINDOW_MS = 15_000;

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0) / 4294967296;
}

function cpuMillis(q: unknown): number {
  if (typeof q !== 'string' && typeof q !== 'number') return 0;
  const s = String(q);
  return s.endsWith('m') ? Number(s.slice(0, -1)) || 0 : (Number(s) || 0) * 1000;
}

const UNITS: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, K: 1e3, M: 1e6, G: 1e9, T: 1e12 };

function bytes(q: unknown): number {
  if (typeof q !== 'string' && typeof q !== 'number') return 0;
  const m = /^(\d+(?:\.\d+)?)([A-Za-z]*)$/.exec(String(q));
  if (!m) return 0;
  return Number(m[1]) * (UNITS[m[2]] ?? 1);
}

function usage(pod: Pod, c: Container, window: number): { cpu: string; memory: string } {
  const jitter = hash(`${pod.metadata?.namespace}/${pod.metadata?.name}/${c.name}/${window}`);
  const cpu = cpuMillis(c.resources?.requests?.cpu) || 50;
  const mem = bytes(c.resources?.requests?.memory) || 64 * 2 ** 20;
  const share = 0.3 + 0.6 * jitter;
  return { cpu: `${Math.max(1, Math.round(cpu * share * 1e6))}n`, memory: `${Math.round((mem * share) / 1024)}Ki` };
}

export function podMetricsFor(pod: Pod, now: number): PodMetrics | undefined {
  if (pod.status?.phase !== 'Running') return undefined;
  const window = Math.floor(now / WINDOW_MS);
  const containers = Array.isArray(pod.spec?.containers) ? pod.spec.containers : [];
  return {
    kind: 'PodMetrics',
    apiVersion: 'metrics.k8s.io/v1beta1',
    metadata: {
      name: pod.metadata?.name,
      namespace: pod.metadata?.namespace,
      labels: pod.metadata?.labels,
      creationTimestamp: new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    },
    timestamp: new Date(window * WINDOW_MS).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    window: '15s',
    containers: containers.map((c) => ({ name: c.name, usage: usage(pod, c, window) })),
  };
}

/** NodeMetrics: the sum of the node's pods' usage plus a little for the system. */
export function serveNodeMetrics(ctx: RequestContext, name: string | undefined): void {
  const now = Date.now();
  const nodes = ctx.world.list('nodes');
  const usage = new Map<string, { cpu: number; mem: number }>();
  for (const n of nodes) if (n.metadata?.name) usage.set(n.metadata.name, { cpu: 150, mem: 600 * 2 ** 20 });
  for (const stored of ctx.world.snapshot('pods', ctx.world.resourceVersion, '', '')) {
    const pod = stored.object as Pod;
    const total = usage.get(pod.spec?.nodeName ?? '');
    const m = total && podMetricsFor(pod, now);
    if (!total || !m) continue;
    for (const c of m.containers ?? []) {
      total.cpu += Number(c.usage?.cpu?.slice(0, -1) ?? 0) / 1e6;
      total.mem += Number(c.usage?.memory?.slice(0, -2) ?? 0) * 1024;
    }
  }
  const window = new Date(Math.floor(now / WINDOW_MS) * WINDOW_MS).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const item = (node: string, u: { cpu: number; mem: number }) => ({
    metadata: { name: node, creationTimestamp: window },
    timestamp: window,
    window: '15s',
    usage: { cpu: `${Math.round(u.cpu * 1e6)}n`, memory: `${Math.round(u.mem / 1024)}Ki` },
  });
  if (name) {
    const u = usage.get(name);
    if (!u) throw notFound('nodes', name, 'metrics.k8s.io');
    ctx.json(200, { kind: 'NodeMetrics', apiVersion: 'metrics.k8s.io/v1beta1', ...item(name, u) });
    return;
  }
  const labels = parseLabelSelector(ctx.query.get('labelSelector') ?? '');
  const items = nodes.filter((n) => labels(n) && n.metadata?.name).map((n) => item(n.metadata!.name!, usage.get(n.metadata!.name!)!));
  ctx.json(200, { kind: 'NodeMetricsList', apiVersion: 'metrics.k8s.io/v1beta1', metadata: {}, items });
}

export function serveMetrics(ctx: RequestContext, namespace: string | undefined, name: string | undefined): void {
  const now = Date.now();
  if (name) {
    const pod = ctx.world.get('pods', `${namespace}/${name}`) as Pod | undefined;
    const m = pod && podMetricsFor(pod, now);
    if (!m) throw notFound('pods', name, 'metrics.k8s.io');
    ctx.json(200, m);
    return;
  }
  const labels = parseLabelSelector(ctx.query.get('labelSelector') ?? '');
  const fields = parseFieldSelector('podmetrics', ctx.query.get('fieldSelector') ?? '');
  const items: PodMetrics[] = [];
  const prefix = namespace ? `${namespace}/` : '';
  for (const stored of ctx.world.snapshot('pods', ctx.world.resourceVersion, '', prefix)) {
    const pod = stored.object as Pod;
    if (!labels(pod as KubeObject)) continue;
    const m = podMetricsFor(pod, now);
    if (m && fields(m as KubeObject)) {
      const { kind: _k, apiVersion: _a, ...item } = m;
      items.push(item);
    }
  }
  ctx.json(200, { kind: 'PodMetricsList', apiVersion: 'metrics.k8s.io/v1beta1', metadata: {}, items });
}
