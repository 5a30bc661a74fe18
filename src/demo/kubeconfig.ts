// The kubeconfig that points kubectl and podscope at the demo cluster: the CA inline, the
// bearer token, context `podscope-demo` with namespace `default`.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';

export const DEMO_CONTEXT = 'podscope-demo';

export function kubeconfigText(server: string, caCert: string, token: string): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: DEMO_CONTEXT, cluster: { server, 'certificate-authority-data': Buffer.from(caCert).toString('base64') } }],
    users: [{ name: DEMO_CONTEXT, user: { token } }],
    contexts: [{ name: DEMO_CONTEXT, context: { cluster: DEMO_CONTEXT, user: DEMO_CONTEXT, namespace: 'default' } }],
    'current-context': DEMO_CONTEXT,
    preferences: {},
  });
}

/** Writes the kubeconfig to `file`, or to a new temp file; returns its path. */
export function writeKubeconfig(server: string, caCert: string, token: string, file?: string): string {
  const path = file ?? join(mkdtempSync(join(tmpdir(), 'podscope-demo-')), 'kubeconfig');
  writeFileSync(path, kubeconfigText(server, caCert, token), { mode: 0o600 });
  return path;
}
