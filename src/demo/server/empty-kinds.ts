// Kinds the demo holds none of but that clients expect every cluster to serve: an empty list,
// 404 for any name, and a watch on which nothing ever happens. `kubectl cluster-info dump`
// lists ReplicationControllers in every namespace and stops at the first 404.
import type { RequestContext } from './context.js';
import { notFound } from './status.js';
import { TABLE_CONTENT_TYPE, wantsTable } from './encoding.js';

export interface EmptyKind {
  resource: string;
  kind: string;
  shortNames: string[];
  /** Column names kubectl shows for it (server-side printing of an empty Table). */
  columns: string[];
}

export const EMPTY_KINDS: readonly EmptyKind[] = [
  { resource: 'replicationcontrollers', kind: 'ReplicationController', shortNames: ['rc'], columns: ['Name', 'Desired', 'Current', 'Ready', 'Age'] },
];

/** The empty core kind served at /api/v1/RESOURCE, if it is one. */
export function emptyKindAt(group: string, version: string, resource: string): EmptyKind | undefined {
  return group === '' && version === 'v1' ? EMPTY_KINDS.find((e) => e.resource === resource) : undefined;
}

export function serveEmptyKind(ctx: RequestContext, kind: EmptyKind, name: string | undefined): void {
  if (name) throw notFound(kind.resource, name);
  const metadata = { resourceVersion: String(ctx.world.resourceVersion) };
  if (ctx.verb === 'watch') return holdEmptyWatch(ctx);
  if (wantsTable(ctx.req.headers.accept, ctx.query.get('includeObject')).table) {
    const columnDefinitions = kind.columns.map((c) => ({ name: c, type: 'string', format: c === 'Name' ? 'name' : '', description: '', priority: 0 }));
    return ctx.json(200, { kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata, columnDefinitions, rows: [] }, TABLE_CONTENT_TYPE);
  }
  ctx.json(200, { kind: `${kind.kind}List`, apiVersion: 'v1', metadata, items: [] });
}

/** A watch with no events: heartbeats until the client leaves or its timeoutSeconds pass. */
function holdEmptyWatch(ctx: RequestContext): void {
  const res = ctx.res;
  ctx.head(200, 'application/json', { 'Transfer-Encoding': 'chunked' });
  res.flushHeaders();
  const heartbeat = setInterval(() => res.write('\n'), ctx.state.settings.heartbeatMs);
  const seconds = Number(ctx.query.get('timeoutSeconds') ?? '');
  const timeout = Number.isInteger(seconds) && seconds > 0 ? setTimeout(() => res.end(), seconds * 1000) : undefined;
  const cleanup = () => {
    clearInterval(heartbeat);
    if (timeout) clearTimeout(timeout);
  };
  res.on('close', cleanup);
  res.on('finish', cleanup);
}
