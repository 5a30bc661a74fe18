// Random requests: the server answers every one with a proper status (never 500, never a
// hang, never a crash), and every error is a Status object.
import fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startDemoServer, type DemoServer } from '../../../src/demo/server.js';
import { fixtureDataset } from './fixture.js';
import { get } from './http.js';

let server: DemoServer;
beforeAll(async () => {
  server = await startDemoServer({ dataset: fixtureDataset() });
});
afterAll(() => server.stop());

const segment = fc.oneof(
  fc.constantFrom('api', 'apis', 'v1', 'apps', 'namespaces', 'alpha', 'pods', 'log', 'watch', 'nodes', 'secrets', 'metrics.k8s.io', 'v1beta1', 'deployments', 'web-0', 'status', '%00', '..', ''),
  fc.string({ maxLength: 6 }).map(encodeURIComponent),
);
const param = fc.tuple(
  fc.constantFrom('limit', 'continue', 'labelSelector', 'fieldSelector', 'resourceVersion', 'resourceVersionMatch', 'container', 'tailLines', 'previous', 'includeObject', 'limitBytes', 'sinceSeconds'),
  fc.oneof(fc.constantFrom('1', '-5', '0', 'abc', 'app in (a', 'Exact', 'true', '99999999999999999999', 'Object', 'eyJ2IjoibWV0YS5rOHMuaW8vdjEiLCJydiI6MSwic3RhcnQiOiJ4In0'), fc.string({ maxLength: 12 })),
);
const requestShape = fc.record({
  path: fc.array(segment, { minLength: 1, maxLength: 6 }).map((s) => '/' + s.join('/')),
  query: fc.array(param, { maxLength: 3 }),
  method: fc.constantFrom('GET', 'GET', 'GET', 'POST', 'DELETE', 'PATCH'),
  table: fc.boolean(),
});

test('random requests get a proper answer', async () => {
  await fc.assert(
    fc.asyncProperty(requestShape, async (r) => {
      const qs = r.query.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
      // A watch (legacy /watch/ path) streams until its timeout: keep it short.
      const query = qs ? `${qs}&timeoutSeconds=1` : 'timeoutSeconds=1';
      const res = await get(server, `${r.path}${query ? '?' + query : ''}`, {
        method: r.method,
        accept: r.table ? 'application/json;as=Table;v=v1;g=meta.k8s.io' : undefined,
      });
      expect([200, 400, 403, 404, 405, 410, 504], `${r.method} ${r.path}?${query} → ${res.status} ${res.body.slice(0, 200)}`).toContain(res.status);
      if (res.status >= 400) expect(res.json()).toMatchObject({ kind: 'Status', code: res.status });
    }),
    { numRuns: 150 },
  );
  expect((await get(server, '/version')).status).toBe(200);
}, 120_000);
