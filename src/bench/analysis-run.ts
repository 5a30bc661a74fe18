// P6, run as its own process by the bench (`node dist/bench/analysis-run.js KUBECONFIG RUNS`):
// loads every kind the analysis reads from the demo server into an ObjectStore, then times a
// cold analysis of all pods (a new LiveAnalysis each run, so nothing is cached) and one
// re-analysis after a single pod changes. Nothing is cached across runs since the analysis's
// module-level memos end with each pass (analysis/pass-memo.ts); before that, runs 2 and 3
// reused the first run's memos and were partly warm (measured: 1,250 and 1,050 ms CPU
// against 1,960 for the first run; now 1,750 and 1,430 against 2,010, the rest is the JIT). Prints one JSON line. A process of its own keeps
// the bench's heap (and its JIT warm-up) out of the figure's way, and out of the bench's.
//
// What is timed: the cold analysis is `summary()`: every rule runs for every pod (each
// template's spec rules once, per-pod and runtime rules for each pod) and every pod's counts
// are summed, which is what the TUI needs. `all()` is a presentation copy on top (one finding
// object per pod and finding, for headless output and the cluster advice view): it is timed
// too, as `allMs`, from its own cold LiveAnalysis, so the copy's cost stays visible.
import { ObjectStore } from '../cluster/store.js';
import { LiveAnalysis } from '../analysis/engine.js';
import { KIND_INFO } from '../model/kinds.js';
import type { KubeObject, ResourceKind } from '../model/kube.js';
import { listAll, readKubeconfig } from './kube-client.js';

/** Everything a rule may look at besides the pod (RULES.md, "Inputs a rule may use"). */
const KINDS: ResourceKind[] = [
  'pods',
  'namespaces',
  'nodes',
  'events',
  'services',
  'persistentvolumeclaims',
  'deployments',
  'replicasets',
  'statefulsets',
  'daemonsets',
  'jobs',
  'cronjobs',
  'poddisruptionbudgets',
];

export interface AnalysisTimings {
  pods: number;
  findings: number;
  /** ms per cold run of `new LiveAnalysis(store).summary()`: the P6 figure. */
  coldMs: number[];
  /** CPU ms (user + system) of the same runs: the wall time moves with the machine's load. */
  coldCpuMs: number[];
  /** ms per cold run of `new LiveAnalysis(store).all()`: the analysis plus a copy of every finding. */
  allMs: number[];
  /** ms for summary() after one pod changed: the changed pod re-analysed, the others answer from cache. */
  updateMs: number;
  /** ms for all() after one more pod changed. */
  updateAllMs: number;
}

function collectionPath(kind: ResourceKind): string {
  const info = KIND_INFO[kind];
  return info.group ? `/apis/${info.group}/${info.version}/${kind}` : `/api/${info.version}/${kind}`;
}

async function main(argv: string[]): Promise<number> {
  const [kubeconfig, runsText] = argv;
  const runs = Number(runsText ?? '3');
  if (!kubeconfig || !Number.isInteger(runs) || runs < 1) {
    process.stderr.write('usage: analysis-run KUBECONFIG RUNS\n');
    return 2;
  }
  const access = readKubeconfig(kubeconfig);
  const store = new ObjectStore({ flushMs: 0, kinds: KINDS });
  for (const kind of KINDS) {
    const { items } = await listAll<KubeObject>(access, collectionPath(kind));
    // List items carry no kind/apiVersion on the wire; the reflectors add them, so do we.
    store.replaceAll(
      kind,
      items.map((item) => ({ ...item, kind: KIND_INFO[kind].kind, apiVersion: KIND_INFO[kind].group ? `${KIND_INFO[kind].group}/${KIND_INFO[kind].version}` : KIND_INFO[kind].version })),
    );
  }
  store.flush();

  const coldMs: number[] = [];
  const coldCpuMs: number[] = [];
  const allMs: number[] = [];
  let findings = 0;
  let analysis: LiveAnalysis | undefined;
  for (let i = 0; i < runs; i++) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    analysis = new LiveAnalysis(store);
    analysis.summary();
    coldMs.push(performance.now() - started);
    const used = process.cpuUsage(cpu);
    coldCpuMs.push((used.user + used.system) / 1000);
  }
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    findings = new LiveAnalysis(store).all().length;
    allMs.push(performance.now() - started);
  }

  // One pod changes (a new resourceVersion): the next summary() re-analyses that pod only.
  const pods = store.list('pods');
  const unsubscribe = store.subscribe((batch) => analysis!.onBatch(batch));
  const change = (pod: KubeObject) => {
    store.apply('pods', 'MODIFIED', { ...pod, metadata: { ...pod.metadata, resourceVersion: `${pod.metadata?.resourceVersion ?? '0'}-bench` } });
    store.flush();
  };
  change(pods[Math.floor(pods.length / 2)]);
  let started = performance.now();
  analysis!.summary();
  const updateMs = performance.now() - started;
  change(pods[Math.floor(pods.length / 3)]);
  started = performance.now();
  analysis!.all();
  const updateAllMs = performance.now() - started;
  unsubscribe();
  store.close();

  const result: AnalysisTimings = { pods: pods.length, findings, coldMs, coldCpuMs, allMs, updateMs, updateAllMs };
  process.stdout.write(JSON.stringify(result) + '\n');
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`analysis-run: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
