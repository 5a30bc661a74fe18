// JSON text of stored objects (cached once per object version), continue tokens, and what
// the Accept header asks for.
import type { DemoWorld, StoredObject } from '../world.js';
import { BadRequest } from './status.js';
import type { IncludeObject } from './table.js';

const METADATA_HEAD = '{"metadata":';

/** The object as a list item: no kind/apiVersion (real apiservers leave them out), metadata first. */
export function itemJson(stored: StoredObject): string {
  if (stored.itemJson !== undefined) return stored.itemJson;
  const { kind: _kind, apiVersion: _apiVersion, metadata, ...rest } = stored.object;
  // metadata first, so that a Table row's metadata is a slice of this text (rowObjectJson).
  const json = JSON.stringify({ metadata: metadata ?? {}, ...rest });
  // A superseded version is kept only for old snapshots and watch replays: not worth 5 KB.
  if (!stored.superseded) stored.itemJson = json;
  return json;
}

/** The object a Table row carries: PartialObjectMetadata (cut from the item text) or the whole object. */
export function rowObjectJson(stored: StoredObject, include: IncludeObject): string {
  if (include === 'Object') return fullJson(stored);
  const item = itemJson(stored);
  // Measured once per version; only a number is kept. JSON.stringify is deterministic, so the
  // metadata's own text is exactly the item's text after METADATA_HEAD.
  const end = stored.metadataEnd ?? METADATA_HEAD.length + JSON.stringify(stored.object.metadata ?? {}).length;
  if (!stored.superseded) stored.metadataEnd = end;
  return `{"kind":"PartialObjectMetadata","apiVersion":"meta.k8s.io/v1","metadata":${item.slice(METADATA_HEAD.length, end)}}`;
}

/** The object with kind/apiVersion, as get and watch send it. Built from the cached item text. */
export function fullJson(stored: StoredObject): string {
  const item = itemJson(stored);
  const head = `{"kind":${JSON.stringify(stored.object.kind)},"apiVersion":${JSON.stringify(stored.object.apiVersion)}`;
  return item === '{}' ? `${head}}` : `${head},${item.slice(1)}`;
}

/**
 * Serialises every object not yet cached, so the first big list (kubectl get pods -A at
 * 50,000 pods) is served from cache, and whichever client lists first does not pay for
 * the others (the benchmark compares podscope with kubectl on the same server).
 */
export function warmItemJson(world: DemoWorld): void {
  for (const kind of world.kindsPresent()) {
    for (const stored of world.storedObjects(kind)) itemJson(stored);
  }
}

interface ContinueToken {
  rv: number;
  /** Last key returned; the next page starts after it. */
  start: string;
}

/** Same shape as the apiserver's token: base64 of {"v":"meta.k8s.io/v1","rv":N,"start":"key\u0000"}. */
export function encodeContinue(rv: number, lastKey: string): string {
  return Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv, start: `${lastKey}\u0000` })).toString('base64url');
}

export function decodeContinue(token: string): ContinueToken {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw new BadRequest('continue key is not valid: illegal base64 data or JSON');
  }
  const p = parsed as { v?: unknown; rv?: unknown; start?: unknown };
  if (!p || p.v !== 'meta.k8s.io/v1') throw new BadRequest('continue key is not valid: server does not recognize this encoded key');
  if (typeof p.rv !== 'number' || !Number.isInteger(p.rv) || p.rv <= 0 || typeof p.start !== 'string' || !p.start.endsWith('\u0000')) {
    throw new BadRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
  }
  return { rv: p.rv, start: p.start.slice(0, -1) };
}

/** Parses a resourceVersion query value; undefined when absent or empty. */
export function parseResourceVersion(value: string | null): number | undefined {
  if (value === null || value === '') return undefined;
  if (!/^\d+$/.test(value)) {
    throw new BadRequest(`resourceVersion: Invalid value: "${value}": must be a non-negative integer`);
  }
  return Number(value);
}

export interface Wanted {
  table: boolean;
  includeObject: IncludeObject;
}

/** Table when the Accept header asks for `as=Table;g=meta.k8s.io` (v1 or v1beta1). */
export function wantsTable(accept: string | undefined, includeObject: string | null): Wanted {
  const table = (accept ?? '').split(',').some((part) => {
    const params = part.split(';').map((p) => p.trim());
    return params.includes('as=Table') && params.includes('g=meta.k8s.io');
  });
  let include: IncludeObject = 'Metadata';
  if (includeObject !== null && includeObject !== '') {
    if (includeObject !== 'None' && includeObject !== 'Metadata' && includeObject !== 'Object') {
      throw new BadRequest(`includeObject: Unsupported value: "${includeObject}": supported values: "Metadata", "None", "Object"`);
    }
    include = includeObject;
  }
  return { table, includeObject: include };
}

export const TABLE_CONTENT_TYPE = 'application/json;as=Table;v=v1;g=meta.k8s.io';
