// URL → what is asked. The apiserver's path grammar:
//   /api/v1[/watch][/namespaces/NS]/RESOURCE[/NAME[/SUBRESOURCE]]
//   /apis/GROUP/VERSION[/watch][/namespaces/NS]/RESOURCE[/NAME[/SUBRESOURCE]]
// plus discovery and health paths.

export type Route =
  | { type: 'health' }
  | { type: 'version' }
  | { type: 'api' }
  | { type: 'apis' }
  | { type: 'group'; group: string }
  | { type: 'resources'; group: string; version: string }
  | {
      type: 'resource';
      group: string;
      version: string;
      resource: string;
      namespace?: string;
      name?: string;
      subresource?: string;
      /** Legacy /watch/ path prefix. */
      watchPath: boolean;
    }
  | { type: 'unknown' };

const HEALTH = new Set(['/healthz', '/readyz', '/livez']);

export function parseRoute(path: string): Route {
  const clean = path.length > 1 ? path.replace(/\/+$/, '') : path;
  if (HEALTH.has(clean) || /^\/(healthz|readyz|livez)\//.test(clean)) return { type: 'health' };
  if (clean === '/version') return { type: 'version' };
  if (clean === '/api') return { type: 'api' };
  if (clean === '/apis') return { type: 'apis' };
  const parts = clean.split('/').slice(1);
  let group: string;
  let version: string;
  let rest: string[];
  if (parts[0] === 'api' && parts.length >= 2) {
    group = '';
    version = parts[1];
    rest = parts.slice(2);
  } else if (parts[0] === 'apis' && parts.length >= 2) {
    group = parts[1];
    if (parts.length === 2) return { type: 'group', group };
    version = parts[2];
    rest = parts.slice(3);
  } else {
    return { type: 'unknown' };
  }
  if (rest.length === 0) return { type: 'resources', group, version };
  let watchPath = false;
  if (rest[0] === 'watch') {
    watchPath = true;
    rest = rest.slice(1);
  }
  if (rest.some((p) => p === '')) return { type: 'unknown' };
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  if (rest.length === 0 || rest.length > 3) return { type: 'unknown' };
  return { type: 'resource', group, version, resource: rest[0], namespace, name: rest[1], subresource: rest[2], watchPath };
}
