import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadObjects } from '../../../src/demo/from-loader.js';

const FIX = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const at = (...p: string[]) => path.join(FIX, ...p);

describe('loadObjects (--from)', () => {
  it('reads multi-document YAML, skipping empty documents', async () => {
    const { objects } = await loadObjects([at('manifests', 'multi.yaml')]);
    expect(objects.map((o) => `${o.kind}/${o.metadata?.name}`)).toEqual(['Deployment/hello', 'Service/hello']);
  });

  it('reads a v1 List and drops kinds the demo server does not serve (Secret)', async () => {
    const { objects } = await loadObjects([at('manifests', 'list.json')]);
    expect(objects.map((o) => o.kind)).toEqual(['Namespace', 'ConfigMap']);
  });

  it('reads `kubectl get -o yaml` output with status as given', async () => {
    const { objects } = await loadObjects([at('manifests', 'get-pods.yaml')]);
    expect(objects).toHaveLength(1);
    const pod = objects[0] as { status: { containerStatuses: { restartCount: number; state: { waiting: { reason: string } } }[] }; metadata: { uid: string } };
    expect(pod.status.containerStatuses[0].restartCount).toBe(4);
    expect(pod.status.containerStatuses[0].state.waiting.reason).toBe('CrashLoopBackOff');
    expect(pod.metadata.uid).toBe('0b6a8f2e-1c3d-4e5f-a6b7-c8d9e0f1a2b3');
  });

  it('reads a cluster-info dump folder: typed lists get kind/apiVersion, logs.txt splits per container', async () => {
    const { objects, logs } = await loadObjects([at('dump')]);
    const keys = objects.map((o) => `${o.apiVersion} ${o.kind} ${o.metadata?.namespace ?? ''}/${o.metadata?.name}`);
    expect(keys).toEqual(expect.arrayContaining(['v1 Node /worker-1', 'v1 Pod shop/web-1', 'v1 Event shop/web-1.17c2']));
    expect(objects).toHaveLength(3);
    const web = logs.find((l) => l.container === 'web')!;
    expect(web).toMatchObject({ namespace: 'shop', pod: 'web-1' });
    expect(web.current).toEqual([
      { time: '2025-03-01T09:00:05.123456789Z', text: 'nginx started' },
      { time: '2025-03-01T09:00:02Z', text: 'GET / 200' },
    ]);
    expect(logs.find((l) => l.container === 'sidecar')!.current.map((l) => l.text)).toEqual(['sidecar up']);
  });

  it('reads a cluster-info dump written to stdout: JSON lists back to back with log sections between', async () => {
    const { objects, logs } = await loadObjects([at('dump-stdout.txt')]);
    expect(objects.map((o) => `${o.kind}/${o.metadata?.name}`)).toEqual(['Node/worker-1', 'Pod/api-1']);
    expect(logs).toEqual([
      {
        namespace: 'shop',
        pod: 'api-1',
        container: 'api',
        current: [
          { time: '2025-03-01T08:00:00Z', text: '{"level":"info","msg":"listening on :8080"}' },
          { time: '2025-03-01T08:00:00Z', text: 'GET /health 200' },
        ],
      },
    ]);
  });

  it('takes several paths at once', async () => {
    const { objects } = await loadObjects([at('manifests'), at('dump', 'nodes.json')]);
    expect(objects.filter((o) => o.kind === 'Node')).toHaveLength(1);
    expect(objects.filter((o) => o.kind === 'Pod')).toHaveLength(1);
  });

  it.each([
    ['broken.yaml', /broken\.yaml: invalid YAML in document 1/],
    ['broken.json', /broken\.json: invalid JSON/],
    ['nokind.yaml', /nokind\.yaml: document 1 has no kind/],
    ['array.yaml', /array\.yaml: document 1 is not an object/],
    ['noname-list.json', /noname-list\.json: PodList item 0 has no metadata\.name/],
  ])('malformed %s → one-line error naming the file', async (file, message) => {
    const err = await loadObjects([at('bad', file)]).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(err).toBeInstanceOf(Error);
    expect(err!.message).toMatch(message);
    expect(err!.message).not.toContain('\n');
  });

  it('a folder with no servable objects → one-line error rather than an empty cluster', async () => {
    await expect(loadObjects([at('empty')])).rejects.toThrow(/empty: no Kubernetes objects the demo cluster can serve/);
  });

  it('a missing path → one-line error', async () => {
    await expect(loadObjects([at('nope.yaml')])).rejects.toThrow(/nope\.yaml: no such file or directory$/);
  });
});
