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

/** Log text of one pod: a `logs.txt`, or a section of a dump written to stdout. */
interface RawLog {
  namespace: string;
  pod: string;
  text: string;
}

interface Parsed {
  objects: KubeObject[];
  logs: RawLog[];
}

/** Where the JSON value starting at `from` ends (index after it), or -1. */
function jsonEnd(text: string, from: number): number {
  let depth = 0;
  let inString = false;
  for (let k = from; k < text.length; k++) {
    const c = text[k];
    if (inString) {
      if (c === '\\') k++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return k + 1;
    }
  }
  return -1;
}

/**
 * `kubectl cluster-info dump` without --output-directory: JSON lists back to back, with the
 * pods' log sections (START/END markers) between them.
 */
function parseDumpStream(file: string, text: string): Parsed {
  const out: Parsed = { objects: [], logs: [] };
  let i = 0;
  let doc = 0;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i])) i++;
    if (i >= text.length) break;
    if (text[i] === '{' || text[i] === '[') {
      const end = jsonEnd(text, i);
      if (end < 0) fail(file, `invalid JSON: value ${doc + 1} is not terminated`);
      let value: unknown;
      try {
        value = JSON.parse(text.slice(i, end));
      } catch (err) {
        fail(file, `invalid JSON in value ${doc + 1}: ${(err as Error).message}`);
      }
      out.objects.push(...objectsOf(file, value, doc++));
      i = end;
      continue;
    }
    const lineEnd = text.indexOf('\n', i) < 0 ? text.length : text.indexOf('\n', i);
    const start = START.exec(text.slice(i, lineEnd).trimEnd());
    if (!start) fail(file, `neither JSON nor a log section at line ${text.slice(0, i).split('\n').length}`);
    const endMarker = `==== END logs for container ${start[1]} of pod ${start[2]}/${start[3]} ====`;
    const endAt = text.indexOf(endMarker, lineEnd);
    const sectionEnd = endAt < 0 ? text.length : endAt + endMarker.length;
    out.logs.push({ namespace: start[2], pod: start[3], text: text.slice(i, sectionEnd) });
    i = sectionEnd;
  }
  return out;
}

function parseJson(file: string, text: string): Parsed {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    // Several values back to back (or log sections between them) is a cluster-info dump stream.
    if (/^\s*[[{][\s\S]*[}\]]\s*(\{|\[|==== START logs)/.test(text)) return parseDumpStream(file, text);
    fail(file, `invalid JSON: ${(err as Error).message}`);
  }
  return { objects: objectsOf(file, doc, 0), logs: [] };
}

async function parseManifest(file: string): Promise<Parsed> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    fail(file, (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message);
  }
  if (/\.json$/i.test(file)) return parseJson(file, text);
  if (/^\s*\{/.test(text)) {
    // JSON under another name (a dump saved as .txt); flow-style YAML falls through to YAML.
    try {
      return parseJson(file, text);
    } catch {
      /* not JSON: try YAML below */
    }
  }
  const docs = parseAllDocuments(text);
  const out: KubeObject[] = [];
  for (const [i, d] of (Array.isArray(docs) ? docs : [docs]).entries()) {
    if (d.errors.length) fail(file, `invalid YAML in document ${i + 1}: ${d.errors[0].message}`);
    out.push(...objectsOf(file, d.toJSON(), i));
  }
  return { objects: out, logs: [] };
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
  const rawLogs: RawLog[] = [];
  for (const file of files) {
    if (path.basename(file) === 'logs.txt') {
      // A dump folder: <ns>/<pod>/logs.txt.
      const text = await readFile(file, 'utf8').catch((err: Error) => fail(file, err.message));
      rawLogs.push({ namespace: path.basename(path.dirname(path.dirname(file))), pod: path.basename(path.dirname(file)), text });
    } else {
      const parsed = await parseManifest(file);
      objects.push(...parsed.objects);
      rawLogs.push(...parsed.logs);
    }
  }
  const pods = new Map<string, KubeObject>();
  for (const o of objects) if (o.kind === 'Pod') pods.set(`${o.metadata?.namespace}/${o.metadata?.name}`, o);
  const logs: ContainerLogs[] = [];
  for (const raw of rawLogs) {
    const obj = pods.get(`${raw.namespace}/${raw.pod}`);
    const spec = obj?.spec as { containers?: { name?: string }[] } | undefined;
    // Dumped logs carry no timestamps: lines without one are dated at the pod's start.
    const started = (obj?.status as { startTime?: string } | undefined)?.startTime ?? new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    logs.push(...dumpLogs(raw.text, raw.namespace, raw.pod, spec?.containers?.[0]?.name, started));
  }
  // Kinds the demo server does not serve (Secrets, ReplicationControllers…) are skipped.
  const served = objects.filter((o) => resourceForKind(o.kind) !== undefined);
  if (!served.length) throw new Error(`${paths.join(', ')}: no Kubernetes objects the demo cluster can serve (YAML or JSON files of pods, workloads, services…)`);
  return { objects: served, logs };
}
