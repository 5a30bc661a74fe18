// `--from PATH`: objects from YAML/JSON files or folders, with their status as given.
// Accepts single objects, multi-document YAML, Lists (`List` or typed `PodList`…), the output
// of `kubectl get -o yaml|json`, and a `kubectl cluster-info dump --output-directory` folder
// (`<ns>/pods.json` lists plus `<ns>/<pod>/logs.txt`). uid/resourceVersion/creationTimestamp
// are left to the server's world, which fills the missing ones.
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../model/kube.js';
import { KIND_INFO, resourceForKind } from '../model/kinds.js';
import type { ContainerLogs, LogLine } from './types.js';

const MANIFEST = /\.(ya?ml|json)$/i;

function fail(file: string, cause: string): never {
  throw new Error(`${file}: ${cause.split('\n')[0]}`);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Items of a typed list carry no kind/apiVersion on the wire: restore them from the list's. */
function listItems(file: string, list: Record<string, unknown>): KubeObject[] {
  const kind = String(list.kind);
  if (!Array.isArray(list.items)) fail(file, `${kind} has no items array`);
  const itemKind = kind === 'List' ? undefined : kind.slice(0, -'List'.length);
  return (list.items as unknown[]).map((item, i) => {
    if (!isObject(item)) fail(file, `${kind} item ${i} is not an object`);
    const k = (item.kind as string | undefined) ?? itemKind;
    if (!k) fail(file, `List item ${i} has no kind`);
    if (!isObject(item.metadata) || typeof item.metadata.name !== 'string') fail(file, `${kind} item ${i} has no metadata.name`);
    const resource = resourceForKind(k);
    const info = resource ? KIND_INFO[resource] : undefined;
    const apiVersion = (item.apiVersion as string | undefined) ?? (info ? (info.group ? `${info.group}/${info.version}` : info.version) : (list.apiVersion as string | undefined));
    return { ...item, kind: k, apiVersion } as KubeObject;
  });
}

function objectsOf(file: string, doc: unknown, index: number): KubeObject[] {
  if (doc === null || doc === undefined) return [];
  if (!isObject(doc)) fail(file, `document ${index + 1} is not an object`);
  const kind = doc.kind;
  if (typeof kind !== 'string' || !kind) fail(file, `document ${index + 1} has no kind`);
  if (kind === 'List' || (kind.endsWith('List') && 'items' in doc)) return listItems(file, doc);
  if (!isObject(doc.metadata) || typeof doc.metadata.name !== 'string') fail(file, `${kind} in document ${index + 1} has no metadata.name`);
  return [doc as KubeObject];
}

async function parseManifest(file: string): Promise<KubeObject[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    fail(file, (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message);
  }
  if (/\.json$/i.test(file)) {
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch (err) {
      fail(file, `invalid JSON: ${(err as Error).message}`);
    }
    return objectsOf(file, doc, 0);
  }
  const docs = parseAllDocuments(text);
  const out: KubeObject[] = [];
  for (const [i, d] of (Array.isArray(docs) ? docs : [docs]).entries()) {
    if (d.errors.length) fail(file, `invalid YAML in document ${i + 1}: ${d.errors[0].message}`);
    out.push(...objectsOf(file, d.toJSON(), i));
  }
  return out;
}

/** A line of `kubectl logs --timestamps` starts with an RFC 3339 time; plain lines get `fallback`. */
function logLine(text: string, fallback: string): LogLine {
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)) (.*)$/.exec(text);
  return m ? { time: m[1], text: m[2] } : { time: fallback, text };
}

const START = /^==== START logs for container (\S+) of pod (\S+)\/(\S+) ====$/;
const END = /^==== END logs for container \S+ of pod \S+ ====$/;

/** Splits a cluster-info dump `logs.txt` into its per-container sections. */
function dumpLogs(text: string, namespace: string, pod: string, fallbackContainer: string | undefined, time: string): ContainerLogs[] {
  const byContainer = new Map<string, LogLine[]>();
  let current: string | undefined = fallbackContainer;
  for (const raw of text.split('\n')) {
    const start = START.exec(raw);
    if (start) {
      current = start[1];
      if (!byContainer.has(current)) byContainer.set(current, []);
      continue;
    }
    if (END.test(raw)) {
      current = undefined;
      continue;
    }
    if (!current || raw === '') continue;
    if (!byContainer.has(current)) byContainer.set(current, []);
    byContainer.get(current)!.push(logLine(raw, time));
  }
  return [...byContainer].map(([container, current]) => ({ namespace, pod, container, current }));
}

async function walk(entry: string, files: string[], explicit: boolean): Promise<void> {
  let info;
  try {
    info = await stat(entry);
  } catch (err) {
    fail(entry, (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (err as Error).message);
  }
  if (info.isDirectory()) {
    const names = (await readdir(entry)).sort();
    for (const name of names) if (!name.startsWith('.')) await walk(path.join(entry, name), files, false);
  } else if (explicit || MANIFEST.test(entry) || path.basename(entry) === 'logs.txt') {
    files.push(entry);
  }
}

export async function loadObjects(paths: string[]): Promise<{ objects: KubeObject[]; logs: ContainerLogs[] }> {
  const files: string[] = [];
  for (const p of paths) await walk(p, files, true);
  const objects: KubeObject[] = [];
  const logFiles: string[] = [];
  for (const file of files) {
    if (path.basename(file) === 'logs.txt') logFiles.push(file);
    else objects.push(...(await parseManifest(file)));
  }
  const pods = new Map<string, KubeObject>();
  for (const o of objects) if (o.kind === 'Pod') pods.set(`${o.metadata?.namespace}/${o.metadata?.name}`, o);
  const logs: ContainerLogs[] = [];
  for (const file of logFiles) {
    const pod = path.basename(path.dirname(file));
    const namespace = path.basename(path.dirname(path.dirname(file)));
    const obj = pods.get(`${namespace}/${pod}`);
    const spec = obj?.spec as { containers?: { name?: string }[] } | undefined;
    const started = (obj?.status as { startTime?: string } | undefined)?.startTime ?? new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    const text = await readFile(file, 'utf8').catch((err: Error) => fail(file, err.message));
    logs.push(...dumpLogs(text, namespace, pod, spec?.containers?.[0]?.name, started));
  }
  // Kinds the demo server does not serve (Secrets, ReplicationControllers…) are skipped.
  const served = objects.filter((o) => resourceForKind(o.kind) !== undefined);
  if (!served.length) throw new Error(`${paths.join(', ')}: no Kubernetes objects the demo cluster can serve (YAML or JSON files of pods, workloads, services…)`);
  return { objects: served, logs };
}
