// The demo server at the HTTP level: discovery, Status bodies, audit log, heartbeats, logs,
// metrics, tables, restart.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startDemoServer, type DemoServer } from '../../../src/demo/server.js';
import { AGGREGATED_DISCOVERY_TYPE } from '../../../src/demo/server/discovery.js';
import { fixtureDataset } from './fixture.js';
import { get, sleep, stream, until } from './http.js';

let server: DemoServer;
let auditFile: string;

beforeAll(async () => {
  auditFile = join(mkdtempSync(join(tmpdir(), 'podscope-audit-')), 'audit.jsonl');
  server = await startDemoServer({ dataset: fixtureDataset(), auditLog: auditFile, heartbeatMs: 100 });
});
afterAll(() => server.stop());

const TABLE_ACCEPT = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

describe('discovery and meta', () => {
  test('/version says minor 32; health paths need no token', async () => {
    const v = await get(server, '/version');
    expect(v.json()).toMatchObject({ major: '1', minor: '32', gitVersion: 'v1.32.0-podscope-demo' });
    for (const p of ['/healthz', '/readyz', '/livez']) {
      const r = await get(server, p, { token: null });
      expect([r.status, r.body]).toEqual([200, 'ok']);
    }
  });

  test('aggregated discovery has the exact content type and the resources kubectl needs', async () => {
    const accept = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';
    const core = await get(server, '/api', { accept });
    expect(core.headers['content-type']).toBe(AGGREGATED_DISCOVERY_TYPE);
    const pods = core.json().items[0].versions[0].resources.find((r: any) => r.resource === 'pods');
    expect(pods).toMatchObject({ scope: 'Namespaced', singularResource: 'pod', shortNames: ['po'], responseKind: { kind: 'Pod' } });
    expect(pods.subresources.map((s: any) => s.subresource)).toContain('log');
    const groups = await get(server, '/apis', { accept });
    expect(groups.headers['content-type']).toBe(AGGREGATED_DISCOVERY_TYPE);
    const names = groups.json().items.map((g: any) => g.metadata.name);
    expect(names).toEqual(expect.arrayContaining(['apps', 'batch', 'policy', 'discovery.k8s.io', 'metrics.k8s.io']));
    const legacy = await get(server, '/apis', { accept: 'application/json' });
    expect(legacy.json().kind).toBe('APIGroupList');
    expect((await get(server, '/api/v1')).json().resources.map((r: any) => r.name)).toContain('pods/log');
    expect((await get(server, '/apis/apps/v1')).json().groupVersion).toBe('apps/v1');
  });

  test('unknown paths and resources get a 404 Status', async () => {
    for (const p of ['/nope', '/api/v2', '/apis/foo/v1', '/api/v1/widgets', '/api/v1/namespaces/a/pods/x/exec', '/api/v1/nodes/n/x/y/z']) {
      const r = await get(server, p);
      expect(r.status, p).toBe(404);
      expect(r.json()).toMatchObject({ kind: 'Status', reason: 'NotFound', code: 404 });
    }
  });
});

describe('tables', () => {
  test('pods come as a Table with kubectl columns and partial metadata', async () => {
    const r = await get(server, '/api/v1/namespaces/alpha/pods', { accept: TABLE_ACCEPT });
    const t = r.json();
    expect(t.kind).toBe('Table');
    expect(t.columnDefinitions.map((c: any) => c.name)).toEqual(['Name', 'Ready', 'Status', 'Restarts', 'Age', 'IP', 'Node', 'Nominated Node', 'Readiness Gates']);
    const row = (name: string) => t.rows.find((x: any) => x.cells[0] === name);
    expect(row('crasher').cells.slice(1, 4)).toEqual(['1/2', 'CrashLoopBackOff', expect.stringMatching(/^7 \(\d+s ago\)$/)]);
    expect(row('initting').cells[2]).toBe('Init:1/2');
    expect(row('with-sidecar').cells[1]).toBe('2/2');
    expect(row('crasher').object).toMatchObject({ kind: 'PartialObjectMetadata', metadata: { name: 'crasher', namespace: 'alpha' } });
    const full = (await get(server, '/api/v1/namespaces/alpha/pods/crasher?includeObject=Object', { accept: TABLE_ACCEPT })).json();
    expect(full.rows[0].object.kind).toBe('Pod');
    expect(full.rows[0].object.spec.containers).toHaveLength(2);
    const bare = (await get(server, '/api/v1/namespaces/alpha/pods?includeObject=None', { accept: TABLE_ACCEPT })).json();
    expect(bare.rows.every((r: any) => r.object === null)).toBe(true);
    // Cached row metadata follows the object's new version.
    const before = (await get(server, '/api/v1/namespaces/alpha/pods/web-2', { accept: TABLE_ACCEPT })).json().rows[0].object.metadata;
    server.world.upsert('pods', { ...server.world.get('pods', 'alpha/web-2')!, metadata: { ...server.world.get('pods', 'alpha/web-2')!.metadata, labels: { app: 'web', relabelled: 'yes' } } });
    const after = (await get(server, '/api/v1/namespaces/alpha/pods/web-2', { accept: TABLE_ACCEPT })).json().rows[0].object.metadata;
    expect([before.labels.relabelled, after.labels.relabelled]).toEqual([undefined, 'yes']);
    expect(Number(after.resourceVersion)).toBeGreaterThan(Number(before.resourceVersion));
  });
});

describe('logs', () => {
  const log = (q: string) => get(server, `/api/v1/namespaces/alpha/pods/${q}`);

  test('container choice, previous, tail, timestamps, limitBytes', async () => {
    const noContainer = await log('crasher/log');
    expect(noContainer.status).toBe(400);
    expect(noContainer.json().message).toBe('a container name must be specified for pod crasher, choose one of: [web api]');
    expect((await log('crasher/log?container=api&previous=true')).body).toBe('starting api\nlisten tcp :8080: bind: address already in use\n');
    const noPrevious = await log('web-0/log?previous=true');
    expect(noPrevious.status).toBe(400);
    expect(noPrevious.json().message).toBe('previous terminated container "app" in pod "web-0" not found');
    expect((await log('web-0/log?container=nope')).json().message).toBe('container nope is not valid for pod web-0');
    expect((await log('web-0/log?tailLines=3')).body.split('\n').filter(Boolean)).toEqual(['GET /healthz 200 #7', 'GET /healthz 200 #8', 'GET /healthz 200 #9']);
    expect((await log('web-0/log?tailLines=1&timestamps=true')).body).toBe('2026-01-01T00:00:09.000000000Z GET /healthz 200 #9\n');
    expect((await log('web-0/log?limitBytes=5')).body).toBe('GET /');
    expect((await log('missing/log')).status).toBe(404);
    expect((await log('web-0/log?sinceTime=2026-01-01T00:00:08Z')).body).toBe('GET /healthz 200 #8\nGET /healthz 200 #9\n');
    expect((await log('web-0/log?sinceSeconds=60')).body).toBe('');
    expect((await log('web-0/log?sinceSeconds=0')).status).toBe(400);
  });

  test('following a container that is not running ends after its lines', async () => {
    const r = await log('crasher/log?container=api&follow=true');
    expect([r.status, r.body]).toEqual([200, 'starting api\n']);
  });

  test('follow streams appended lines and ticker lines until the client leaves', async () => {
    const s = await stream(server, '/api/v1/namespaces/alpha/pods/web-0/log?follow=true&tailLines=1');
    await until(() => s.text().includes('#9'));
    server.world.appendLog('alpha', 'web-0', 'app', { time: '2026-01-01T00:01:00Z', text: 'appended line' });
    await until(() => s.text().includes('appended line'));
    await until(() => s.text().includes('tick a'), 4000);
    s.stop();
  });
});

describe('watch stream', () => {
  test('heartbeats arrive as blank lines while nothing changes', async () => {
    const s = await stream(server, `/api/v1/namespaces/beta/pods?watch=1&resourceVersion=${server.world.resourceVersion}`);
    await sleep(450);
    s.stop();
    expect(s.text()).toMatch(/^\n{2,}$/);
  });

  test('a resumed watch gets every missed change in order, then the changes made while it was replaying', async () => {
    const replaying = await startDemoServer({ dataset: fixtureDataset() });
    try {
      const world = replaying.world;
      const from = world.resourceVersion;
      const pod = world.get('pods', 'beta/web-1')!;
      // More missed changes than one slice of the replay (500), so it spans turns of the event loop.
      for (let i = 0; i < 1_800; i++) world.upsert('pods', { ...pod, metadata: { ...pod.metadata, labels: { ...pod.metadata?.labels, n: String(i) } } });
      const s = await stream(replaying, `/api/v1/namespaces/beta/pods?watch=1&resourceVersion=${from}`);
      world.upsert('pods', { ...pod, metadata: { ...pod.metadata, labels: { ...pod.metadata?.labels, n: 'during' } } });
      await until(() => s.text().includes('"n":"during"'), 10_000);
      s.stop();
      const events = s.text().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { object: { metadata: { resourceVersion: string; labels: Record<string, string> } } });
      const versions = events.map((e) => Number(e.object.metadata.resourceVersion));
      expect(events).toHaveLength(1_801);
      expect(versions).toEqual([...versions].sort((a, b) => a - b));
      expect(events.at(-1)!.object.metadata.labels.n).toBe('during');
    } finally {
      await replaying.stop();
    }
  });

  test('sendInitialEvents: the current state, then a bookmark marking its end', async () => {
    const s = await stream(server, '/api/v1/namespaces/beta/pods?watch=1&sendInitialEvents=true&allowWatchBookmarks=true&resourceVersionMatch=NotOlderThan&resourceVersion=1');
    await until(() => s.text().includes('BOOKMARK'));
    s.stop();
    const events = s.text().split('\n').filter(Boolean).map((l) => JSON.parse(l));
    expect(events.map((e) => e.type)).toEqual([...Array(8).fill('ADDED'), 'BOOKMARK']);
    expect(events[8].object.metadata.annotations).toEqual({ 'k8s.io/initial-events-end': 'true' });
  });

  test('legacy /watch/ path and a watch of one object by name', async () => {
    const s = await stream(server, `/api/v1/watch/namespaces/beta/pods/web-2`);
    await until(() => s.text().includes('"ADDED"'));
    const w = server.world.get('pods', 'beta/web-2')!;
    server.world.upsert('pods', { ...w, status: { phase: 'Failed' } });
    server.world.upsert('pods', { ...server.world.get('pods', 'beta/web-4')!, status: { phase: 'Failed' } });
    await until(() => s.text().includes('"MODIFIED"'));
    await sleep(100);
    s.stop();
    const events = s.text().split('\n').filter(Boolean).map((l) => JSON.parse(l));
    expect(events.map((e) => `${e.type} ${e.object.metadata.name}`)).toEqual(['ADDED web-2', 'MODIFIED web-2']);
  });
});

describe('metrics', () => {
  test('pod metrics for running pods, stable within a window', async () => {
    const a = (await get(server, '/apis/metrics.k8s.io/v1beta1/namespaces/alpha/pods')).json();
    expect(a.kind).toBe('PodMetricsList');
    expect(a.items.map((m: any) => m.metadata.name)).not.toContain('initting');
    const crasher = a.items.find((m: any) => m.metadata.name === 'crasher');
    expect(crasher.containers.map((c: any) => c.name)).toEqual(['web', 'api']);
    expect(crasher.containers[0].usage.cpu).toMatch(/^\d+n$/);
    expect(crasher.containers[0].usage.memory).toMatch(/^\d+Ki$/);
    const one = (await get(server, '/apis/metrics.k8s.io/v1beta1/namespaces/alpha/pods/crasher')).json();
    expect(one.kind).toBe('PodMetrics');
  });
});

describe('audit and refusals', () => {
  test('secrets are forbidden, writes refused, and both are in the audit log', async () => {
    const s = await get(server, '/api/v1/namespaces/alpha/secrets');
    expect(s.status).toBe(403);
    expect(s.json().message).toBe('secrets is forbidden: User "podscope-demo-admin" cannot list resource "secrets" in API group "" in the namespace "alpha"');
    const d = await get(server, '/api/v1/namespaces/alpha/pods/web-1', { method: 'DELETE' });
    expect(d.status).toBe(405);
    await get(server, '/api/v1/pods?limit=2&labelSelector=app%3Dweb');
    const lines = readFileSync(auditFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toContainEqual({ verb: 'list', method: 'GET', path: '/api/v1/namespaces/alpha/secrets', query: '', status: 403 });
    expect(lines).toContainEqual({ verb: 'delete', method: 'DELETE', path: '/api/v1/namespaces/alpha/pods/web-1', query: '', status: 405 });
    expect(lines).toContainEqual({ verb: 'list', method: 'GET', path: '/api/v1/pods', query: 'limit=2&labelSelector=app%3Dweb', status: 200 });
  });

  test('odd input never crashes the server', async () => {
    for (const p of ['/api/v1/pods?limit=1e99', '/api/v1/pods?continue=%00', '/api/v1/%E0%A4%A', '/api/v1/pods?watch=1&timeoutSeconds=x', '/api/v1/pods?resourceVersionMatch=Exact', '/api/v1/namespaces//pods', '/api/v1/pods?includeObject=All']) {
      const r = await get(server, p, { accept: TABLE_ACCEPT });
      expect(r.status, p).toBeGreaterThanOrEqual(400);
      expect(r.status, p).toBeLessThan(500);
    }
    expect((await get(server, '/version')).status).toBe(200);
  });
});

describe('restart', () => {
  test('a stopped server restarts on the same port over the same world; watches resume', async () => {
    const first = await startDemoServer({ dataset: fixtureDataset() });
    const s = await stream(first, '/api/v1/namespaces/beta/pods?watch=1');
    await until(() => s.text().includes('web-7'));
    const rv = first.world.resourceVersion;
    await first.stop();
    first.world.upsert('pods', { ...first.world.get('pods', 'beta/web-1')!, status: { phase: 'Failed' } });
    const second = await startDemoServer({ port: first.port, world: first.world, token: first.token });
    expect(second.url).toBe(first.url);
    const resumed = await stream(second, `/api/v1/namespaces/beta/pods?watch=1&resourceVersion=${rv}`);
    await until(() => resumed.text().includes('MODIFIED'));
    expect(resumed.text()).toContain('"name":"web-1"');
    resumed.stop();
    await second.stop();
  });
});

describe('churn', () => {
  test('--churn changes pods that watchers see, and stop() ends it', async () => {
    const churned = await startDemoServer({ churn: 100 });
    const rv = churned.world.resourceVersion;
    const s = await stream(churned, `/api/v1/pods?watch=1&resourceVersion=${rv}`);
    await until(() => (s.text().match(/"type":"(MODIFIED|ADDED|DELETED)"/g) ?? []).length >= 5, 5000);
    s.stop();
    await churned.stop();
    const after = churned.world.resourceVersion;
    await sleep(300);
    expect(churned.world.resourceVersion).toBe(after);
    expect(after).toBeGreaterThan(rv);
  });
});
