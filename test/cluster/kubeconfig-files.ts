// Kubeconfig variants of a demo server's kubeconfig, for the access tests.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';

interface KcDoc {
  clusters: { name: string; cluster: Record<string, unknown> }[];
  users: { name: string; user: Record<string, unknown> }[];
  contexts: { name: string; context: { cluster: string; user: string; namespace?: string } }[];
  'current-context'?: string;
}

export function readKubeconfig(file: string): KcDoc {
  return parse(fs.readFileSync(file, 'utf8')) as KcDoc;
}

const dirs: string[] = [];

export function writeTempKubeconfig(doc: KcDoc): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podscope-cluster-test-'));
  dirs.push(dir);
  const file = path.join(dir, 'kubeconfig');
  fs.writeFileSync(file, stringify(doc), { mode: 0o600 });
  return file;
}

export function removeTempKubeconfigs(): void {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** The same cluster with another token and/or context namespace. */
export function variant(file: string, change: { token?: string; namespace?: string; server?: string; contextName?: string }): KcDoc {
  const doc = readKubeconfig(file);
  const name = change.contextName ?? doc.contexts[0].name;
  return {
    clusters: [{ name, cluster: { ...doc.clusters[0].cluster, ...(change.server ? { server: change.server } : {}) } }],
    users: [{ name, user: change.token ? { token: change.token } : doc.users[0].user }],
    contexts: [{ name, context: { cluster: name, user: name, namespace: change.namespace ?? doc.contexts[0].context.namespace } }],
    'current-context': name,
  };
}

export function merge(...docs: KcDoc[]): KcDoc {
  return {
    clusters: docs.flatMap((d) => d.clusters),
    users: docs.flatMap((d) => d.users),
    contexts: docs.flatMap((d) => d.contexts),
    'current-context': docs[0]['current-context'],
  };
}
