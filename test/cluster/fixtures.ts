// Small datasets for the cluster tests, built here so the tests do not depend on the
// scenario data, helpers to wait for a store to reach a condition, and the base of the
// scripted API servers some tests run the reflector against.
import type { ListOptions, ListPage, ReadOnlyApi, WatchEvent, WatchOptions } from '../../src/cluster/api.js';
import type { ObjectStore } from '../../src/cluster/store.js';
import type { DemoDataset } from '../../src/demo/types.js';
import type { KubeObject, ResourceKind } from '../../src/model/kube.js';

export function testPod(namespace: string, name: string, node = 'node-1', extra: Record<string, unknown> = {}): KubeObject {
  return {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: { namespace, name, labels: { app: name.replace(/-\d+$/, '') } },
    spec: { nodeName: node, containers: [{ name: 'app', image: 'nginx:1.27', ports: [{ containerPort: 8080 }] }] },
    status: { phase: 'Running', podIP: '10.0.0.1' },
    ...extra,
  };
}

export function testDataset(podsPerNamespace: Record<string, number>): DemoDataset {
  const objects: KubeObject[] = [
    { kind: 'Node', apiVersion: 'v1', metadata: { name: 'node-1' }, status: {} },
    { kind: 'Node', apiVersion: 'v1', metadata: { name: 'node-2' }, status: {} },
  ];
  for (const [ns, count] of Object.entries(podsPerNamespace)) {
    objects.push({ kind: 'Namespace', apiVersion: 'v1', metadata: { name: ns } });
    objects.push({ kind: 'Deployment', apiVersion: 'apps/v1', metadata: { namespace: ns, name: 'web' }, spec: { replicas: count } });
    for (let i = 0; i < count; i++) objects.push(testPod(ns, `web-${i}`, i % 2 ? 'node-2' : 'node-1'));
  }
  return { objects, logs: [] };
}

/** Sorted keys, for comparing a store with a server's world. */
export function keysOf(objects: readonly KubeObject[]): string[] {
  return objects.map((o) => `${o.metadata?.namespace ?? ''}/${o.metadata?.name}`).sort();
}

/** `namespace/name@resourceVersion`, sorted: equal lists mean equal content, not just names. */
export function versionsOf(objects: readonly KubeObject[]): string[] {
  return objects.map((o) => `${o.metadata?.namespace ?? ''}/${o.metadata?.name}@${o.metadata?.resourceVersion}`).sort();
}

/** Polls `check` (cheap) until it returns true; rejects with `what` after `timeoutMs`. */
export async function eventually(check: () => boolean, timeoutMs: number, what: string): Promise<number> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return Date.now() - start;
}

export function storeMatches(store: ObjectStore, kind: ResourceKind, expected: readonly KubeObject[]): boolean {
  const got = store.list(kind);
  if (got.length !== expected.length) return false;
  return versionsOf(got).join('\n') === versionsOf(expected).join('\n');
}

/** A ReadOnlyApi whose tests script list and watch; the rest is never asked. */
export abstract class ScriptedListWatch implements ReadOnlyApi {
  readonly contextName = 'test';
  readonly server = 'https://127.0.0.1:1';
  abstract list(kind: ResourceKind, opts?: ListOptions): Promise<ListPage>;
  abstract watch(kind: ResourceKind, opts: WatchOptions, onEvent: (event: WatchEvent) => void): Promise<void>;
  get(): Promise<KubeObject> {
    throw new Error('not used');
  }
  podLogs(): Promise<void> {
    throw new Error('not used');
  }
  async servesApi(): Promise<boolean> {
    return false;
  }
}
