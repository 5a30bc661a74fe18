// Reads manifests for `podscope analyze -f`: files, folders (recursive: .yaml, .yml, .json) and
// `-` for stdin. Multi-document YAML, JSON, `kind: List` and `kubectl get -o yaml` output all
// come out as single objects, each remembering the file and line it starts on, so findings
// can point at it (SARIF regions, the text output's headers).
//
// JSON is parsed by the YAML parser too (JSON is YAML 1.2): one code path, and line numbers
// for JSON files for free.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Document } from 'yaml';
import type { KubeObject } from '../model/kube.js';

/** A field path inside an object: `['spec', 'containers', 0, 'image']`. */
export type FieldPath = (string | number)[];

export interface ManifestSource {
  /** The path as the user gave it (or joined under the folder they gave); `<stdin>` for `-`. */
  file: string;
  /** 1-based line where the object starts. */
  line: number;
  /** YAML only: the 1-based line of a field of the object (or of its nearest existing parent). */
  locate?: (path: FieldPath) => number | undefined;
}

export interface LoadedManifests {
  objects: KubeObject[];
  sources: Map<KubeObject, ManifestSource>;
}

export const STDIN_NAME = '<stdin>';

interface ParsedObject {
  obj: KubeObject;
  line: number;
  locate?: (path: FieldPath) => number | undefined;
}
const MANIFEST_EXTENSIONS = /\.(ya?ml|json)$/i;

/** A user-facing, one-line error: the file (and line) and the cause. */
export class ManifestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ManifestError';
  }
}

function cause(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  switch (e?.code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    default:
      return (err instanceof Error ? err.message : String(err)).split('\n')[0];
  }
}

async function readStdinDefault(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}

/** Files under a folder with a manifest extension, sorted so output order is stable. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const out: string[] = [];
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name.startsWith('.')) continue; // .git, editor folders
      out.push(...(await filesUnder(path)));
    } else if (e.isFile() && MANIFEST_EXTENSIONS.test(e.name)) {
      out.push(path);
    }
  }
  return out;
}

/** Item kind of a typed list: `PodList` → `Pod` (`kubectl get -o json` items may carry no kind). */
function itemKind(listKind: unknown): string | undefined {
  return typeof listKind === 'string' && listKind !== 'List' && listKind.endsWith('List') ? listKind.slice(0, -4) : undefined;
}

function isObject(v: unknown): v is KubeObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The objects of one parsed document, each with the offset where it starts. A List (or a
 * top-level array) gives its items; `itemOffset(i)` says where item i starts, when known.
 */
function expandList(value: unknown, start: number, itemOffset: (i: number) => number | undefined): { obj: KubeObject; offset: number; index: number }[] {
  const items = Array.isArray(value)
    ? value
    : isObject(value) && Array.isArray(value.items) && (value.kind === undefined || String(value.kind).endsWith('List'))
      ? value.items
      : undefined;
  if (!items) return isObject(value) ? [{ obj: value, offset: start, index: -1 }] : [];
  const list = isObject(value) ? value : {};
  const kind = itemKind(list.kind);
  const apiVersion = typeof list.apiVersion === 'string' && list.apiVersion !== 'v1' ? list.apiVersion : undefined;
  const out: { obj: KubeObject; offset: number; index: number }[] = [];
  items.forEach((item: unknown, i: number) => {
    if (!isObject(item)) return;
    if (kind && item.kind === undefined) item.kind = kind;
    if (apiVersion && item.apiVersion === undefined) item.apiVersion = apiVersion;
    out.push({ obj: item, offset: itemOffset(i) ?? start, index: i });
  });
  return out;
}

/** The YAML node of item i of a List document (or of a top-level sequence). */
function yamlItemNodes(doc: Document): unknown[] {
  const node = isMap(doc.contents) ? doc.contents.get('items', true) : doc.contents;
  return isSeq(node) ? node.items : [];
}

function nodeStart(node: unknown): number | undefined {
  return (node as { range?: [number, number, number] } | undefined)?.range?.[0];
}

/**
 * Finds the line of a field path in an object's node, or of its nearest existing parent. For a
 * mapping entry that is the line of its key (`metadata:`), where a reader looks for it.
 */
function locator(node: unknown, lineCounter: LineCounter): ((path: FieldPath) => number | undefined) | undefined {
  if (!isMap(node)) return undefined;
  return (path) => {
    let current: unknown = node;
    let found: number | undefined;
    for (const step of path) {
      if (isMap(current)) {
        const pair = current.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === step);
        if (!pair) break;
        found = nodeStart(pair.key) ?? found;
        current = pair.value;
      } else if (isSeq(current) && typeof step === 'number') {
        const item = current.items[step];
        if (item === undefined) break;
        found = nodeStart(item) ?? found;
        current = item;
      } else {
        break;
      }
    }
    return found === undefined ? undefined : lineCounter.linePos(found).line;
  };
}

/**
 * Where each element of the top-level `items` array (or of a top-level array) starts in JSON
 * text, in one pass. JSON.parse gives no positions; the YAML parser does, but takes seconds
 * per megabyte, and `kubectl get pods -A -o json` output runs to hundreds of megabytes.
 */
export function jsonItemOffsets(text: string): number[] {
  const offsets: number[] = [];
  let depth = 0;
  let lastKey: string | undefined; // the last string at depth 1, when followed by ':'
  let stringStart = -1;
  let listDepth = -1; // depth of the array whose elements we record
  let expectValue = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (stringStart >= 0) {
      if (ch === '\\') i++;
      else if (ch === '"') {
        if (depth === 1) lastKey = text.slice(stringStart + 1, i);
        stringStart = -1;
      }
      continue;
    }
    if (ch === ' ' || ch === '\n' || ch === '\r' || ch === '\t') continue;
    if (expectValue && depth === listDepth && ch !== ']') {
      offsets.push(i);
      expectValue = false;
    }
    if (ch === '"') {
      stringStart = i;
    } else if (ch === '{' || ch === '[') {
      if (ch === '[' && listDepth === -1 && (depth === 0 || (depth === 1 && lastKey === 'items'))) {
        listDepth = depth + 1;
        expectValue = true;
      }
      depth++;
    } else if (ch === '}' || ch === ']') {
      if (depth === listDepth) listDepth = -2; // done: only the first such array counts
      depth--;
    } else if (ch === ',') {
      if (depth === listDepth) expectValue = true;
    } else if (ch === ':' && depth === 1) {
      // lastKey stays: it names the value that follows
    } else if (depth === 1) {
      lastKey = undefined;
    }
  }
  return offsets;
}

/** JSON text (what kubectl -o json writes): JSON.parse, then item lines from one scan. */
function parseJsonText(text: string): ParsedObject[] | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined; // not plain JSON: the YAML parser will say where it breaks
  }
  const offsets = jsonItemOffsets(text);
  const start = text.search(/\S/);
  const found = expandList(value, Math.max(0, start), (i) => offsets[i]);
  // Lines by walking newlines once, in offset order (items come in order).
  const out: ParsedObject[] = [];
  let line = 1;
  let pos = 0;
  for (const { obj, offset } of found) {
    for (let i = text.indexOf('\n', pos); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
      line++;
      pos = i + 1;
    }
    out.push({ obj, line });
  }
  return out;
}

/** Parses one file's text into objects with their lines. Throws a ManifestError naming file and line. */
export function parseManifestText(text: string, file: string): ParsedObject[] {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // a byte-order mark is not content
  if (/^\s*[[{]/.test(text)) {
    const fromJson = parseJsonText(text);
    if (fromJson) return fromJson;
  }
  const lineCounter = new LineCounter();
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(text, { lineCounter, merge: true, prettyErrors: false }) as Document.Parsed[];
  } catch (err) {
    throw new ManifestError(`cannot read ${file}: ${cause(err)}`);
  }
  if (!Array.isArray(docs)) docs = [docs]; // an EmptyStream is not an array
  const out: ParsedObject[] = [];
  for (const doc of docs) {
    const problem = doc.errors[0];
    if (problem) {
      const at = problem.linePos?.[0] ?? (Array.isArray(problem.pos) ? lineCounter.linePos(problem.pos[0]) : undefined);
      const where = at ? `${file}:${at.line}:${at.col}` : file;
      const msg = problem.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
      throw new ManifestError(`cannot read ${where}: invalid YAML: ${msg}`);
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (err) {
      throw new ManifestError(`cannot read ${file}: ${cause(err)}`);
    }
    const itemNodes = yamlItemNodes(doc);
    for (const { obj, offset, index } of expandList(value, doc.contents?.range?.[0] ?? 0, (i) => nodeStart(itemNodes[i]))) {
      const locate = locator(index < 0 ? doc.contents : itemNodes[index], lineCounter);
      out.push({ obj, line: lineCounter.linePos(offset).line, ...(locate ? { locate } : {}) });
    }
  }
  return out;
}

/**
 * Loads every object from the given paths. Order: paths in the order given, files of a folder
 * sorted by name, documents in file order. Throws a ManifestError (one line, naming the
 * file and, for syntax errors, the line) on anything unreadable.
 */
export async function loadManifests(paths: string[], readStdin: () => Promise<string> = readStdinDefault): Promise<LoadedManifests> {
  const objects: KubeObject[] = [];
  const sources = new Map<KubeObject, ManifestSource>();
  const add = (text: string, file: string): void => {
    for (const { obj, line, locate } of parseManifestText(text, file)) {
      objects.push(obj);
      sources.set(obj, locate ? { file, line, locate } : { file, line });
    }
  };
  let stdinRead = false;
  for (const path of paths) {
    if (path === '-') {
      if (stdinRead) continue; // stdin can be read once; `-f - -f -` means the same input
      stdinRead = true;
      let text: string;
      try {
        text = await readStdin();
      } catch (err) {
        throw new ManifestError(`cannot read ${STDIN_NAME}: ${cause(err)}`);
      }
      add(text, STDIN_NAME);
      continue;
    }
    let files: string[];
    try {
      files = (await stat(path)).isDirectory() ? await filesUnder(path) : [path];
    } catch (err) {
      throw new ManifestError(`cannot read ${path}: ${cause(err)}`);
    }
    for (const file of files) {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (err) {
        throw new ManifestError(`cannot read ${file}: ${cause(err)}`);
      }
      add(text, file);
    }
  }
  return { objects, sources };
}
