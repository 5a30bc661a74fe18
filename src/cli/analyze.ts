// `podscope analyze`: findings for manifests (-f, `-` for stdin) or the live cluster, as text,
// JSON or SARIF, with an exit code for CI: 0 nothing at or above --fail-on, 1 findings at or
// above it, 2 bad usage or unreadable input (one line on stderr, never a stack trace).
import { installedPackage } from '../install-root.js';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { KubeObject, ResourceKind } from '../model/kube.js';
import { DEFAULT_KINDS } from '../model/kinds.js';
import type { StoreView, SyncState } from '../model/store-view.js';
import { analyzeManifests, LiveAnalysis, rollUp } from '../analysis/engine.js';
import { loadManifests } from '../analysis/manifests.js';
import { ALL_RULES } from '../analysis/registry.js';
import { parseSilenceConfig, type SilenceConfig } from '../analysis/silence.js';
import { ANALYZED_KINDS, flattenObjects, objectRef } from '../analysis/subjects.js';
import type { Finding } from '../analysis/types.js';
import { failsAt, orderFindings, refKey, type Report, type SourceLocation } from '../analysis/output/report.js';
import { renderJson } from '../analysis/output/json.js';
import { renderSarif } from '../analysis/output/sarif.js';
import { renderText, wantsColour } from '../analysis/output/text.js';

export interface AnalyzeOptions {
  files?: string[];
  kubeconfig?: string;
  context?: string;
  namespace?: string;
  allNamespaces?: boolean;
  output?: 'text' | 'json' | 'sarif';
  failOn?: 'error' | 'warning' | 'info' | 'never';
  showIgnored?: boolean;
  config?: string;
  /** Text output: also print why and evidence under each finding. */
  verbose?: boolean;
}

export interface AnalyzeIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin?: NodeJS.ReadableStream;
  /** Tests: where the default config file is looked up. */
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

const EXIT_OK = 0;
const EXIT_FINDINGS = 1;
const EXIT_USAGE = 2;

/** The kinds live analysis reads: the session's defaults, pods and everything a rule may use as context. */
const LIVE_KINDS = DEFAULT_KINDS;
const SYNC_TIMEOUT_MS = 20_000;

/**
 * `podscope analyze | head` closes the pipe early: the write fails with EPIPE, emitted later as
 * an 'error' event that would crash with a stack trace. The reader has what it wanted; stop quietly.
 */
function quietOnClosedPipe(stream: NodeJS.WritableStream): void {
  if (stream.listenerCount('error') > 0) return;
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') process.stderr.write(`podscope: cannot write output: ${err.message.split('\n')[0]}\n`);
  });
}

/** An error whose message is meant for the user as it is (one line, exit 2). */
class UsageError extends Error {}

function oneLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return (text.split('\n')[0] || 'unknown error').replace(/^podscope: /, '');
}

function toolVersion(): string {
  return installedPackage().version;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}

/** --config FILE (must exist), else $XDG_CONFIG_HOME/podscope/config.yaml or ~/.config/… (may be absent). */
async function loadSilence(explicit: string | undefined, env: NodeJS.ProcessEnv): Promise<SilenceConfig | undefined> {
  const base = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config');
  const path = explicit ?? join(base, 'podscope', 'config.yaml');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if (!explicit && (err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read config ${path}: ${code === 'ENOENT' ? 'no such file or directory' : oneLine(err)}`);
  }
  try {
    return parseSilenceConfig(text);
  } catch (err) {
    throw new UsageError(`${path}: ${oneLine(err).replace(/^config: /, '')}`);
  }
}

interface Analysed {
  findings: Finding[];
  objects: number;
  sourceOf?: (f: Finding) => SourceLocation | undefined;
}

async function analyzeFiles(files: string[], silence: SilenceConfig | undefined, io: AnalyzeIo): Promise<Analysed> {
  const stdin = io.stdin ?? process.stdin;
  let loaded;
  try {
    loaded = await loadManifests(files, () => readAll(stdin));
  } catch (err) {
    throw new UsageError(oneLine(err));
  }
  // An empty input is most likely a wrong path; passing a CI gate on it would hide that.
  if (loaded.objects.length === 0) throw new UsageError(`no Kubernetes objects in ${files.join(', ')}`);
  const analysed = flattenObjects(loaded.objects).filter((obj) => ANALYZED_KINDS.includes(String(obj.kind)));
  const findings = analyzeManifests(loaded.objects, { silence, now: Date.now() });
  return { findings, objects: analysed.length, sourceOf: attributeToSources(findings, analysed, loaded.sources) };
}

/**
 * Which file and line each finding comes from. Findings name their object by kind, namespace
 * and name, and two files may hold the same name (a kustomize base and its overlay). The engine
 * gives all findings of one object the same `object` ref and reports objects in input order,
 * so each new ref takes the next not-yet-used object with that name.
 */
function attributeToSources(findings: Finding[], objects: KubeObject[], sources: Map<KubeObject, SourceLocation>): (f: Finding) => SourceLocation | undefined {
  const queues = new Map<string, KubeObject[]>();
  for (const o of objects) {
    const key = refKey(objectRef(o));
    queues.set(key, [...(queues.get(key) ?? []), o]);
  }
  const byRef = new Map<object, SourceLocation | undefined>();
  for (const f of findings) {
    if (byRef.has(f.object)) continue;
    const queue = queues.get(refKey(f.object));
    const obj = queue && queue.length > 1 ? queue.shift() : queue?.[0];
    byRef.set(f.object, obj ? sources.get(obj) : undefined);
  }
  return (f) => byRef.get(f.object);
}

/**
 * Rules that would claim something is missing when they merely could not see it: with
 * PodDisruptionBudgets unreadable (403), pdb-missing would report every replicated workload.
 * A kind that fell back to the same namespace as the pods is complete for those pods.
 */
const NEEDS_KIND: { rule: string; kind: ResourceKind }[] = [{ rule: 'pdb-missing', kind: 'poddisruptionbudgets' }];

export function rulesBlindTo(state: (kind: ResourceKind) => SyncState): { rule: string; kind: ResourceKind }[] {
  const pods = state('pods');
  const podsOnlyIn = pods.phase === 'forbidden' ? pods.fallbackNamespace : undefined;
  return NEEDS_KIND.filter(({ kind }) => {
    const s = state(kind);
    if (s.phase !== 'forbidden') return false;
    return !(s.fallbackNamespace !== undefined && s.fallbackNamespace === podsOnlyIn);
  });
}

/**
 * Waits until the store has read each kind (live, or forbidden with a fallback). Like the
 * session's waitForSync, plus: a headless run does not sit out the whole timeout when the
 * server cannot be reached at all (kubectl fails at once); after a few quick retries that ride
 * out a blip, the reflector's own cause ("cannot reach … connection refused") is the answer.
 * Our own timer, cleared on every outcome: a pending one would keep the process alive.
 */
const GIVE_UP_AFTER_ATTEMPTS = 4;

function untilSynced(store: StoreView, kinds: readonly ResourceKind[], timeoutMs: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let unsubscribe = () => {};
    const finish = (err?: Error) => {
      clearTimeout(timer);
      unsubscribe();
      if (err) reject(err);
      else resolve();
    };
    const timer = setTimeout(() => finish(new Error(`the cluster did not answer within ${Math.round(timeoutMs / 1000)} s (${kinds.filter((k) => store.state(k).phase !== 'live').join(', ')} not loaded)`)), timeoutMs);
    const check = () => {
      let pending = false;
      for (const kind of kinds) {
        const state = store.state(kind);
        if (state.phase === 'failed') return finish(new Error(state.cause));
        if (state.phase === 'forbidden' && kind === 'pods' && !state.fallbackNamespace) return finish(new Error(state.message));
        if (state.phase === 'reconnecting' && kind === 'pods' && state.attempt >= GIVE_UP_AFTER_ATTEMPTS) return finish(new Error(state.cause));
        if (state.phase !== 'live' && state.phase !== 'forbidden') pending = true;
      }
      if (!pending) finish();
    };
    unsubscribe = store.subscribe(check);
    check();
  });
}

async function analyzeCluster(opts: AnalyzeOptions, silence: SilenceConfig | undefined, io: AnalyzeIo): Promise<Analysed> {
  // Loaded only here: manifest analysis never pays for client-node.
  const { openCluster } = await import('../cluster/session.js');
  let session;
  try {
    session = await openCluster({
      kubeconfig: opts.kubeconfig,
      context: opts.context,
      namespace: opts.namespace,
      allNamespaces: opts.allNamespaces,
      kinds: [...LIVE_KINDS],
    });
  } catch (err) {
    throw new UsageError(oneLine(err));
  }
  try {
    await untilSynced(session.store, ['pods'], SYNC_TIMEOUT_MS);
    await untilSynced(session.store, LIVE_KINDS, SYNC_TIMEOUT_MS);
    const store = session.store;
    const blind = rulesBlindTo((kind) => store.state(kind));
    for (const n of blind) io.stderr.write(`podscope: note: cannot list ${n.kind} (forbidden), so ${n.rule} is not checked\n`);
    const rules = ALL_RULES.filter((r) => !blind.some((n) => n.rule === r.id));
    const analysis = new LiveAnalysis(store, { silence, rules });
    const findings = rollUp(analysis.all(), session.store);
    return { findings, objects: session.store.list('pods').length };
  } catch (err) {
    throw new UsageError(oneLine(err));
  } finally {
    await session.close().catch(() => undefined);
  }
}

export async function runAnalyze(opts: AnalyzeOptions, io: AnalyzeIo = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  const output = opts.output ?? 'text';
  const failOn = opts.failOn ?? 'error';
  try {
    if (!['text', 'json', 'sarif'].includes(output)) throw new UsageError(`-o takes text, json or sarif, got "${String(output)}"`);
    if (!['error', 'warning', 'info', 'never'].includes(failOn)) throw new UsageError(`--fail-on takes error, warning, info or never, got "${String(failOn)}"`);
    if (opts.namespace && opts.allNamespaces) throw new UsageError('-n and -A cannot be used together');
    const silence = await loadSilence(opts.config, io.env ?? process.env);
    const analysed = opts.files && opts.files.length > 0 ? await analyzeFiles(opts.files, silence, io) : await analyzeCluster(opts, silence, io);
    const report: Report = {
      findings: orderFindings(analysed.findings, analysed.sourceOf),
      objects: analysed.objects,
      showIgnored: opts.showIgnored === true,
      sourceOf: analysed.sourceOf,
    };
    const text =
      output === 'json'
        ? renderJson(report)
        : output === 'sarif'
          ? renderSarif(report, { rules: ALL_RULES, toolVersion: toolVersion(), baseDir: io.cwd ?? process.cwd() })
          : renderText(report, { colour: wantsColour(io.stdout as { isTTY?: boolean }, io.env ?? process.env), verbose: opts.verbose });
    quietOnClosedPipe(io.stdout);
    io.stdout.write(text);
    return failsAt(report.findings, failOn) ? EXIT_FINDINGS : EXIT_OK;
  } catch (err) {
    // Never a stack trace: user errors say what to do, anything else names itself as a bug.
    const message = err instanceof UsageError ? err.message : `internal error: ${oneLine(err)}`;
    io.stderr.write(`podscope: ${message}\n`);
    return EXIT_USAGE;
  }
}
