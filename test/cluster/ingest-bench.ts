// Measures the cluster layer's ingestion cost without a network or a terminal (SPEC §6, P4
// and P5): the retained heap of the store after a full sync, and the CPU per watch event.
//
// A demo world of N generated pods (plus the scenarios) is serialised the way the demo server
// sends it: list pages of 250 items, and the watch lines of a few seconds of `--churn 2000`
// (recorded from the world's own change stream). Then, with the world gone, the lines go
// through the real path: parseListPage / parseWatchLine (api.ts) → ObjectStore.apply.
//
// Run (prints one JSON line; repeat 3× and take the median):
//   node_modules/.bin/esbuild test/cluster/ingest-bench.ts --bundle --platform=node --format=esm \
//     --outfile=/tmp/ingest-bench.mjs --log-level=error \
//     "--banner:js=import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);"
//   node --expose-gc /tmp/ingest-bench.mjs [PODS=50000] [CHURN_SECONDS=10] [CHURN_PROFILE_FILE]
// With a third argument, a CPU profile of the churn part alone is written there. Not part of `npm test`: it measures, it asserts nothing.
import fs from 'node:fs';
import v8 from 'node:v8';
import { Session } from 'node:inspector/promises';
import { parseListPage, parseWatchLine } from '../../src/cluster/api.js';
import { ObjectStore } from '../../src/cluster/store.js';
import { startChurn } from '../../src/demo/churn.js';
import { buildDataset } from '../../src/demo/dataset.js';
import { fullJson, itemJson } from '../../src/demo/server/encoding.js';
import { DemoWorld } from '../../src/demo/world.js';

const PAGE_SIZE = 250;
const CHURN_RATE = 2_000;

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

function heapMB(): number {
  gc!();
  gc!();
  return process.memoryUsage().heapUsed / 1048576;
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

/** The world's pods as list page texts, and the watch lines of `seconds` of churn. */
async function record(pods: number, seconds: number): Promise<{ pages: string[]; lines: string[] }> {
  const world = DemoWorld.fromDataset(await buildDataset({ now: new Date(), pods }));
  const stored = world.storedObjects('pods');
  const pages: string[] = [];
  for (let i = 0; i < stored.length; i += PAGE_SIZE) {
    const items = stored.slice(i, i + PAGE_SIZE).map(itemJson);
    const cont = i + PAGE_SIZE < stored.length ? `,"continue":"page${i + PAGE_SIZE}","remainingItemCount":${stored.length - i - PAGE_SIZE}` : '';
    pages.push(`{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"${world.resourceVersion}"${cont}},"items":[${items.join(',')}]}`);
  }
  const lines: string[] = [];
  const unwatch = world.watch('pods', (event) => lines.push(`{"type":"${event.type}","object":${fullJson(event.stored)}}`));
  const churn = startChurn(world, CHURN_RATE);
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000 + 100));
  churn.stop();
  unwatch();
  return { pages, lines };
}

async function main(): Promise<void> {
  const pods = Number(process.argv[2] ?? 50_000);
  const seconds = Number(process.argv[3] ?? 10);
  const { pages, lines } = await record(pods, seconds);
  const baseMB = heapMB();

  // Sync: every page through the list path into the store.
  const store = new ObjectStore({ flushMs: 150 });
  let cpu = process.cpuUsage();
  let wall = performance.now();
  // Bracketed as the reflector's list is: the end of a list is when the store drops its sharing tables.
  store.beginResync('pods');
  for (const body of pages) {
    const page = parseListPage('pods', body);
    for (const item of page.items) store.apply('pods', 'ADDED', item);
  }
  store.endResync('pods');
  store.flush();
  const syncCpuMs = cpuMs(cpu);
  const syncWallMs = performance.now() - wall;
  const storeMB = heapMB() - baseMB;
  // PODSCOPE_INGEST_SNAPSHOT=FILE: a heap snapshot of the synced store (the texts dropped first).
  const snapshotFile = process.env.PODSCOPE_INGEST_SNAPSHOT;
  if (snapshotFile) {
    pages.length = 0;
    lines.length = 0;
    gc!();
    v8.writeHeapSnapshot(snapshotFile);
  }

  // Churn: every recorded watch line through the watch path; the store flushes as its timer would.
  const modified = lines.filter((line) => line.startsWith('{"type":"MODIFIED"')).length;
  const profileFile = process.argv[4];
  const inspector = profileFile ? new Session() : undefined;
  if (inspector) {
    inspector.connect();
    await inspector.post('Profiler.enable');
    await inspector.post('Profiler.start');
  }
  cpu = process.cpuUsage();
  wall = performance.now();
  for (let i = 0; i < lines.length; i++) {
    const event = parseWatchLine('pods', lines[i]!);
    if (event && event.type !== 'BOOKMARK') store.apply('pods', event.type, event.object);
    if (i % 300 === 299) store.flush();
  }
  store.flush();
  const churnCpuMs = cpuMs(cpu);
  const churnWallMs = performance.now() - wall;
  if (inspector) {
    const { profile } = await inspector.post('Profiler.stop');
    fs.writeFileSync(profileFile!, JSON.stringify(profile));
  }

  // For reference: JSON.parse alone of the same lines (the floor no ingestion can go under).
  cpu = process.cpuUsage();
  for (const line of lines) JSON.parse(line);
  const parseCpuMs = cpuMs(cpu);

  const afterChurnMB = heapMB() - baseMB;
  process.stdout.write(
    `${JSON.stringify({
      pods: store.list('pods').length,
      storeMB: Math.round(storeMB * 10) / 10,
      storeAfterChurnMB: Math.round(afterChurnMB * 10) / 10,
      syncCpuMs: Math.round(syncCpuMs),
      syncWallMs: Math.round(syncWallMs),
      events: lines.length,
      modified,
      usPerEvent: Math.round((churnCpuMs * 1000) / lines.length),
      usPerEventWall: Math.round((churnWallMs * 1000) / lines.length),
      jsonParseUsPerEvent: Math.round((parseCpuMs * 1000) / lines.length),
      avgLineBytes: Math.round(lines.reduce((n, l) => n + l.length, 0) / Math.max(1, lines.length)),
    })}\n`,
  );
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${(err as Error)?.stack ?? err}\n`);
    process.exit(1);
  },
);
