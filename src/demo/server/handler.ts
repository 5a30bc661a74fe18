// One request, start to finish: authenticate, refuse writes and Secrets, route, answer.
// Any failure becomes a Status (ApiError → its code, anything else → 500); nothing a client
// sends can crash the server.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { KIND_INFO } from '../../model/kinds.js';
import { authorize } from './auth.js';
import { RequestContext, type ServerState } from './context.js';
import {
  AGGREGATED_DISCOVERY_TYPE,
  aggregatedDiscovery,
  apiGroup,
  isServedGroupVersion,
  kindAt,
  legacyCoreVersions,
  legacyGroupList,
  resourceList,
  urlResource,
  wantsAggregated,
} from './discovery.js';
import { emptyKindAt, serveEmptyKind } from './empty-kinds.js';
import { serveGet, serveList } from './list.js';
import { serveLog } from './logs.js';
import { serveMetrics, serveNodeMetrics } from './metrics.js';
import { parseRoute, type Route } from './routes.js';
import { selectedName } from './selectors.js';
import { ApiError, methodNotAllowed, pathNotFound, statusBody, UNAUTHORIZED } from './status.js';
import { serveWatch } from './watch.js';

export const VERSION_INFO = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.0-podscope-demo',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2026-01-01T00:00:00Z',
  goVersion: 'go1.23.4',
  compiler: 'gc',
  platform: 'linux/amd64',
};

const WRITE_VERBS: Record<string, string> = { POST: 'create', PUT: 'update', PATCH: 'patch', DELETE: 'delete' };

export async function handleRequest(state: ServerState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const ctx = new RequestContext(req, res, state);
  try {
    const route = parseRoute(ctx.path);
    ctx.verb = verbOf(ctx, route);
    await dispatch(ctx, route);
  } catch (err) {
    const body = err instanceof ApiError ? err.body : statusBody(500, 'InternalError', `Internal error occurred: ${String((err as Error)?.message ?? err)}`);
    if (!ctx.headersSent) ctx.status(body);
    else if (!res.writableEnded) res.end();
  }
}

function verbOf(ctx: RequestContext, route: Route): string {
  const method = ctx.req.method ?? 'GET';
  const collection = route.type === 'resource' && !route.name;
  if (WRITE_VERBS[method]) return method === 'DELETE' && collection ? 'deletecollection' : WRITE_VERBS[method];
  if (route.type !== 'resource') return 'get';
  if (route.watchPath || ctx.flag('watch')) return 'watch';
  return collection ? 'list' : 'get';
}

async function dispatch(ctx: RequestContext, route: Route): Promise<void> {
  if (route.type === 'health') return ctx.text(200, 'ok');
  const caller = ctx.state.tokens.authenticate(ctx.req);
  if (!caller) return ctx.status(UNAUTHORIZED);
  ctx.caller = caller;
  const method = ctx.req.method ?? 'GET';
  const isRead = method === 'GET' || method === 'HEAD';
  if (route.type === 'resource') {
    const ns = route.namespace ?? (route.resource === 'namespaces' ? route.name : undefined);
    // Secrets first: a write to a Secret is as much a Secret access as a read.
    if (route.resource === 'secrets' && route.group === '') authorize(caller, ctx.verb, 'secrets', '', ns);
  }
  if (!isRead) throw methodNotAllowed(method);

  switch (route.type) {
    case 'version':
      return ctx.json(200, VERSION_INFO);
    case 'api':
      return wantsAggregated(ctx.req.headers.accept)
        ? ctx.json(200, aggregatedDiscovery(true), AGGREGATED_DISCOVERY_TYPE)
        : ctx.json(200, legacyCoreVersions(ctx.state.hostPort));
    case 'apis':
      return wantsAggregated(ctx.req.headers.accept)
        ? ctx.json(200, aggregatedDiscovery(false), AGGREGATED_DISCOVERY_TYPE)
        : ctx.json(200, legacyGroupList());
    case 'group': {
      const body = apiGroup(route.group);
      if (!body) throw pathNotFound();
      return ctx.json(200, body);
    }
    case 'resources':
      if (!isServedGroupVersion(route.group, route.version)) throw pathNotFound();
      return ctx.json(200, resourceList(route.group, route.version));
    case 'resource':
      return serveResource(ctx, route);
    default:
      throw pathNotFound();
  }
}

async function serveResource(ctx: RequestContext, route: Extract<Route, { type: 'resource' }>): Promise<void> {
  if (route.group === 'metrics.k8s.io' && route.version === 'v1beta1' && route.resource === 'nodes' && !route.namespace && !route.subresource) {
    authorize(ctx.caller!, ctx.verb, 'nodes', 'metrics.k8s.io', undefined);
    if (ctx.verb === 'watch') throw new ApiError(statusBody(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource'));
    return serveNodeMetrics(ctx, route.name);
  }
  const empty = emptyKindAt(route.group, route.version, route.resource);
  if (empty) {
    if (route.subresource !== undefined) throw pathNotFound();
    authorize(ctx.caller!, ctx.verb, empty.resource, '', route.namespace);
    return serveEmptyKind(ctx, empty, route.name);
  }
  const kind = kindAt(route.group, route.version, route.resource);
  if (!kind) throw pathNotFound();
  const info = KIND_INFO[kind];
  if (!info.namespaced && route.namespace !== undefined) throw pathNotFound();
  const caller = ctx.caller!;
  // Namespaced objects are authorised in their namespace; a Namespace object by its own name.
  const scope = info.namespaced ? route.namespace : kind === 'namespaces' ? route.name : undefined;
  authorize(caller, ctx.verb, urlResource(kind), info.group, scope);

  if (route.subresource !== undefined) {
    if (kind === 'pods' && route.subresource === 'log' && route.namespace && route.name && !route.watchPath) {
      return serveLog(ctx, route.namespace, route.name);
    }
    throw pathNotFound();
  }
  if (kind === 'podmetrics') {
    if (ctx.verb === 'watch') throw new ApiError(statusBody(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource'));
    return serveMetrics(ctx, route.namespace, route.name);
  }
  if (ctx.verb === 'watch') {
    const name = route.name ?? selectedName(ctx.query.get('fieldSelector') ?? '');
    return serveWatch(ctx, kind, route.namespace, name);
  }
  if (route.name) return serveGet(ctx, kind, route.namespace, route.name);
  return serveList(ctx, kind, route.namespace);
}
