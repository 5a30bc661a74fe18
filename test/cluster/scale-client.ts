// The client side of the scale measurement, run as its own process (bundled by
// scale.measure.ts with esbuild) so that its heap and RSS hold only podscope's session,
// not the demo server's world.
//
// argv: KUBECONFIG_FILE KINDS(comma-separated | "default") [PAGE_SIZE]
// Prints one JSON line: { firstPodsMs, podsLiveMs, allLiveMs, pods, heapMB, rssMB, peakRssMB }.
import fs from 'node:fs';
import v8 from 'node:v8';
import { DEFAULT_KINDS, openCluster } from '../../src/cluster/session.js';
import type { ResourceKind } from '../../src/model/kube.js';

function statusMB(field: 'VmHWM' | 'VmRSS'): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync('/proc/self/status', 'utf8'));
  return match ? Math.round(Number(match[1]) / 1024) : NaN;
}

async function main(): Promise<void> {
  const [kubeconfig, kindsArg, pageSizeArg] = process.argv.slice(2);
  const kinds = (!kindsArg || kindsArg === 'default' ? DEFAULT_KINDS : kindsArg.split(',')) as ResourceKind[];
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  const start = performance.now();
  const session = await openCluster({ kubeconfig, allNamespaces: true, kinds, env: {}, pageSize: pageSizeArg ? Number(pageSizeArg) : undefined });
  // The first batch with pods in it: when the pod list can first draw a row (P1's cluster side).
  let firstPodsMs: number | undefined;
  const unsubscribe = session.store.subscribe((batch) => {
    if (firstPodsMs === undefined && batch.changes.some((c) => c.kind === 'pods')) firstPodsMs = performance.now() - start;
  });
  await session.waitForSync(['pods'], 600_000);
  const podsLiveMs = performance.now() - start;
  await session.waitForSync(undefined, 600_000);
  const allLiveMs = performance.now() - start;
  unsubscribe();
  const pods = session.store.list('pods').length;
  gc();
  gc();
  const heapMB = Math.round(v8.getHeapStatistics().used_heap_size / 1048576);
  const mem = process.memoryUsage();
  const result = { heapTotalMB: Math.round(mem.heapTotal / 1048576), externalMB: Math.round(mem.external / 1048576), firstPodsMs: Math.round(firstPodsMs ?? NaN), podsLiveMs: Math.round(podsLiveMs), allLiveMs: Math.round(allLiveMs), pods, heapMB, rssMB: statusMB('VmRSS'), peakRssMB: statusMB('VmHWM') };
  await session.close();
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${(err as Error)?.message ?? err}\n`);
    process.exit(1);
  },
);
