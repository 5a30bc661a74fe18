// The YAML view against a real demo server: `m` reads the object fresh from the API (the store
// drops managedFields), and falls back to the stored object, saying why, when it cannot.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { openCluster, type ClusterSession } from '../../src/cluster/session.js';
import type { LogsApi } from '../../src/ui/app-context.js';
import { YamlView } from '../../src/ui/yaml/YamlView.js';
import { managedFieldsNote } from '../../src/ui/yaml/YamlView.js';
import { objectYamlLines } from '../../src/ui/yaml/yaml-text.js';
import { startTestServer, type TestServer } from '../helpers/demo-server.js';
import { testContext, waitFor } from './fixtures/context.js';
import { LiveAnalysis } from '../../src/analysis/engine.js';

let server: TestServer;
let session: ClusterSession;
let generated: string;

beforeAll(async () => {
  // One generated pod: generated pods carry managedFields like a real apiserver's.
  server = await startTestServer({ pods: 1 });
  session = await openCluster({ kubeconfig: server.kubeconfigPath, allNamespaces: true, kinds: ['pods'], flushMs: 0 });
  await session.waitForSync(['pods'], 10_000);
  const pod = session.store.list('pods').find((p) => !['shop', 'data', 'batch', 'legacy', 'ops'].includes(p.metadata!.namespace!));
  generated = `${pod!.metadata!.namespace}/${pod!.metadata!.name}`;
}, 30_000);

afterAll(async () => {
  await session?.close();
  await server?.stop();
});

function view(api: LogsApi | undefined, key: string) {
  const ctx = testContext(session.store, new LiveAnalysis(session.store), Date.now(), api);
  return render(<YamlView width={100} height={30} active ctx={ctx} kind="pods" objectKey={key} />);
}

const realApi = (): LogsApi => ({
  podLogs: (o, onChunk, signal) => session.api.podLogs(o, onChunk, signal),
  getObject: (kind, ns, name, signal) => session.api.get(kind, ns, name, signal),
});

describe('YAML view', () => {
  it('starts with apiVersion and kind, and without managedFields (the store dropped them)', async () => {
    expect(session.store.get('pods', generated)?.metadata).not.toHaveProperty('managedFields');
    const r = view(realApi(), generated);
    await waitFor(() => expect(r.lastFrame()).toContain('apiVersion: v1'));
    const lines = r.lastFrame()!.split('\n');
    expect(lines[1]).toBe('apiVersion: v1');
    expect(lines[2]).toBe('kind: Pod');
    expect(r.lastFrame()).not.toContain('managedFields');
    r.unmount();
  });

  it('m reads the object from the API and shows its managedFields; m again hides them', async () => {
    const r = view(realApi(), generated);
    await waitFor(() => expect(r.lastFrame()).toContain('kind: Pod'));
    r.stdin.write('m');
    await waitFor(() => expect(r.lastFrame()).toContain('managedFields:'));
    expect(r.lastFrame()).toContain('as read from the API just now');
    expect(r.lastFrame()).toMatch(/manager: /);
    r.stdin.write('m');
    await waitFor(() => expect(r.lastFrame()).not.toContain('managedFields:'));
    r.unmount();
  });

  it('without a way to read the API, m keeps the stored object and says why', async () => {
    const r = view({ podLogs: realApi().podLogs }, generated);
    await waitFor(() => expect(r.lastFrame()).toContain('kind: Pod'));
    r.stdin.write('m');
    await waitFor(() => expect(r.lastFrame()).toContain('stored object shown: managedFields are not kept in memory, and no API can read them here'));
    expect(r.lastFrame()).toContain('kind: Pod');
    r.unmount();
  });

  it('a failed read (the object is gone from the server) is one line, and the stored object stays', async () => {
    const api: LogsApi = { ...realApi(), getObject: (kind, ns, _name, signal) => session.api.get(kind, ns, 'no-such-pod', signal) };
    const r = view(api, generated);
    await waitFor(() => expect(r.lastFrame()).toContain('kind: Pod'));
    r.stdin.write('m');
    await waitFor(() => expect(r.lastFrame()).toMatch(/stored object shown: could not read managedFields: .*(404|not ?found)/i));
    expect(r.lastFrame()).toContain('kind: Pod');
    r.unmount();
  });

  it('a scenario pod without managedFields says it has none', () => {
    expect(managedFieldsNote({ state: 'done', obj: { metadata: { name: 'x' } } }, { metadata: { name: 'x' } })?.text).toBe('this object has no managedFields');
  });

  it('objects that carry their own apiVersion and kind keep them', () => {
    const lines = objectYamlLines({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' } }, false, 'pods');
    expect(lines.slice(0, 2)).toEqual(['apiVersion: apps/v1', 'kind: Deployment']);
  });
});

describe('YAML view overlay', () => {
  it('legacy/port-clash: port-conflict under the clashing port, crash-loop under the waiting reason; a hides them', async () => {
    const { scenarioContext } = await import('./pod/scenario-context.js');
    const { renderSized, settle } = await import('./pod/render-sized.js');
    const s = await scenarioContext();
    const r = renderSized(<YamlView width={140} height={400} active ctx={s.ctx} kind="pods" objectKey="legacy/port-clash" />, 140, 401);
    await settle();
    const lines = r.lastFrame().split('\n');
    const conflict = lines.findIndex((l) => /^\s+✖ port-conflict: containers web and api both listen on 8080\/TCP/.test(l));
    expect(conflict).toBeGreaterThan(0);
    // The line above starts the clashing port (the finding's evidence names it), the finding indented under it.
    expect(lines[conflict - 1]).toMatch(/^ {8}- name: http$/);
    expect(lines.slice(conflict - 1, conflict + 6).join('\n')).toContain('containerPort: 8080');
    const crash = lines.findIndex((l) => /^\s+✖ crash-loop: container api/.test(l));
    expect(lines[crash - 1]).toMatch(/^\s+reason: CrashLoopBackOff/);
    r.unmount();
    s.ctx.overlay = false;
    const off = renderSized(<YamlView width={140} height={400} active ctx={s.ctx} kind="pods" objectKey="legacy/port-clash" />, 140, 401);
    await settle();
    expect(off.lastFrame()).not.toContain('port-conflict');
    off.unmount();
  });
});

describe('evidencePath', () => {
  it('reads a path before the colon; prose is no path', async () => {
    const { evidencePath } = await import('../../src/ui/yaml/yaml-findings.js');
    expect(evidencePath('spec.containers[1].ports[0]: 8080/TCP (api)')).toEqual(['spec', 'containers', 1, 'ports', 0]);
    expect(evidencePath('status.containerStatuses[1].state.waiting.reason: CrashLoopBackOff')).toEqual(['status', 'containerStatuses', 1, 'state', 'waiting', 'reason']);
    expect(evidencePath('containers web and api share nothing')).toBeUndefined();
    expect(evidencePath('node-a: 2 replicas')).toBeUndefined();
  });
});
