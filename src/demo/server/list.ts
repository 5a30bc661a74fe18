// GET of a collection (list, with limit/continue from a consistent snapshot, selectors,
// resourceVersion semantics, Table output) and GET of one object.
import type { KubeObject, ResourceKind } from '../../model/kube.js';
import { KIND_INFO } from '../../model/kinds.js';
import { ExpiredError, type StoredObject } from '../world.js';
import type { RequestContext } from './context.js';
import { decodeContinue, encodeContinue, fullJson, itemJson, parseResourceVersion, rowObjectJson, TABLE_CONTENT_TYPE, wantsTable } from './encoding.js';
import { parseFieldSelector, parseLabelSelector } from './selectors.js';
import { BadRequest, expired, notFound, statusBody, ApiError } from './status.js';
import { tableJson, tableRowJson } from './table.js';
import { urlResource } from './discovery.js';

/** Items written per chunk of a large list body. */
const CHUNK_ITEMS = 200;

const CONTINUE_EXPIRED =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.';

export interface Filter {
  /** `ns/` for a namespaced list, '' for all. */
  prefix: string;
  test: (obj: KubeObject) => boolean;
  selective: boolean;
}

export function parseFilter(ctx: RequestContext, kind: ResourceKind, namespace: string | undefined): Filter {
  const labels = parseLabelSelector(ctx.query.get('labelSelector') ?? '');
  const fields = parseFieldSelector(kind, ctx.query.get('fieldSelector') ?? '');
  const selective = Boolean(ctx.query.get('labelSelector') || ctx.query.get('fieldSelector'));
  return { prefix: namespace ? `${namespace}/` : '', test: (o) => labels(o) && fields(o), selective };
}

function parseLimit(value: string | null, max: number): number {
  if (value === null || value === '') return 0;
  if (!/^-?\d+$/.test(value)) throw new BadRequest(`limit: Invalid value: "${value}": must be an integer`);
  const n = Number(value);
  // The apiserver treats a non-positive limit as "no limit".
  if (n <= 0) return 0;
  return Math.min(n, max);
}

export async function serveList(ctx: RequestContext, kind: ResourceKind, namespace: string | undefined): Promise<void> {
  const world = ctx.world;
  const filter = parseFilter(ctx, kind, namespace);
  const wanted = wantsTable(ctx.req.headers.accept, ctx.query.get('includeObject'));
  const limit = parseLimit(ctx.query.get('limit'), ctx.state.settings.maxPageSize);
  const rv = parseResourceVersion(ctx.query.get('resourceVersion'));
  const match = ctx.query.get('resourceVersionMatch') ?? '';
  if (match && match !== 'Exact' && match !== 'NotOlderThan') {
    throw new BadRequest(`resourceVersionMatch: Unsupported value: "${match}": supported values: "Exact", "NotOlderThan"`);
  }
  if (match && rv === undefined) throw new BadRequest('resourceVersionMatch is forbidden unless resourceVersion is provided');

  let snapshotRv = world.resourceVersion;
  let afterKey = '';
  const token = ctx.query.get('continue');
  if (token) {
    if (rv !== undefined && rv !== 0) throw new BadRequest('specifying resource version is not allowed when using continue');
    const c = decodeContinue(token);
    if (filter.prefix && !c.start.startsWith(filter.prefix)) throw new BadRequest('continue key is not valid: key does not match the listed namespace');
    if (c.rv > world.resourceVersion) throw new BadRequest('continue key is not valid: resourceVersion is from the future');
    snapshotRv = c.rv;
    afterKey = c.start;
  } else if (match === 'Exact' && rv !== undefined) {
    if (rv > world.resourceVersion) {
      throw new ApiError(statusBody(504, 'Timeout', `Too large resource version: ${rv}, current: ${world.resourceVersion}`));
    }
    snapshotRv = rv;
  }

  // A continue token is served from its list's pin while that lives (see pinned-lists.ts),
  // else from the world's history as of the token's resourceVersion.
  const pins = ctx.state.pins;
  const pinned = token ? pins.get(kind, snapshotRv, filter.prefix) : undefined;
  const items: StoredObject[] = [];
  let more = false;
  let remaining: number | undefined;
  try {
    const it = pinned ? pinned.after(afterKey) : world.snapshot(kind, snapshotRv, afterKey, filter.prefix);
    for (let next = it.next(); !next.done; next = it.next()) {
      if (limit > 0 && items.length >= limit) {
        more = true;
        break;
      }
      if (filter.test(next.value.object)) items.push(next.value);
    }
    if (more && !filter.selective) {
      const last = items[items.length - 1].key;
      remaining = pinned ? pinned.countAfter(last) : world.countSnapshot(kind, snapshotRv, last, filter.prefix);
    }
    if (more && !token) pins.pin(world, kind, snapshotRv, filter.prefix);
  } catch (err) {
    if (err instanceof ExpiredError) {
      throw expired(token ? CONTINUE_EXPIRED : `too old resource version: ${err.requested} (${err.oldest})`);
    }
    throw err;
  }
  if (pinned && !more) pins.release(kind, snapshotRv, filter.prefix);

  const metadata: Record<string, unknown> = { resourceVersion: String(snapshotRv) };
  if (more && items.length > 0) {
    metadata.continue = encodeContinue(snapshotRv, items[items.length - 1].key);
    if (remaining !== undefined) metadata.remainingItemCount = remaining;
  }

  if (wanted.table) {
    const now = Date.now();
    const rows = items.map((s) => tableRowJson(kind, s.object, wanted.includeObject, (inc) => rowObjectJson(s, inc), now));
    ctx.json(200, tableJson(kind, rows, metadata), TABLE_CONTENT_TYPE);
    return;
  }
  const info = KIND_INFO[kind];
  const apiVersion = info.group ? `${info.group}/${info.version}` : info.version;
  ctx.head(200, 'application/json');
  await ctx.write(`{"kind":"${info.kind}List","apiVersion":"${apiVersion}","metadata":${JSON.stringify(metadata)},"items":[`);
  for (let i = 0; i < items.length; i += CHUNK_ITEMS) {
    const chunk = items.slice(i, i + CHUNK_ITEMS).map(itemJson).join(',');
    await ctx.write(i === 0 ? chunk : `,${chunk}`);
  }
  ctx.res.end(']}');
}

export function serveGet(ctx: RequestContext, kind: ResourceKind, namespace: string | undefined, name: string): void {
  const key = namespace ? `${namespace}/${name}` : name;
  const stored = ctx.world.getStored(kind, key);
  const info = KIND_INFO[kind];
  if (!stored) throw notFound(urlResource(kind), name, info.group);
  const wanted = wantsTable(ctx.req.headers.accept, ctx.query.get('includeObject'));
  if (wanted.table) {
    const row = tableRowJson(kind, stored.object, wanted.includeObject, (inc) => rowObjectJson(stored, inc), Date.now());
    ctx.json(200, tableJson(kind, [row], { resourceVersion: String(stored.rv) }), TABLE_CONTENT_TYPE);
    return;
  }
  ctx.json(200, fullJson(stored));
}
